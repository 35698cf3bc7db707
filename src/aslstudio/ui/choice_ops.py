"""The rule builder's vocabulary (no Qt): ASL comparison operators in words, grouped by the type
of data they compare, reading and writing leaf rules, values typed by people, field paths found
in sample input, and a plain-English sentence for a whole rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from aslstudio.asl.companions import sample_inputs
from aslstudio.asl.describe import describe_rule, field_name, format_value, jsonata_text

Kind = Literal["number", "text", "boolean", "timestamp", "any"]
KIND_TITLES: dict[Kind, str] = {
    "number": "Numbers",
    "text": "Text",
    "boolean": "True / false",
    "timestamp": "Dates and times",
    "any": "Presence and type",
}
COMBINATORS = ("And", "Or", "Not")
RULE_EXTRAS = ("Comment", "Assign", "Output")  # rule fields besides its condition and Next
COMBINATOR_WORDS = {
    "And": "All of these are true (AND)",
    "Or": "Any of these is true (OR)",
    "Not": "This is NOT true (NOT)",
}
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@dataclass(frozen=True)
class Operator:
    """One way to compare a field: its ASL key, words for people, and what it compares with."""

    id: str  # unique: the ASL key, or "IsPresent=false" for a type test with a fixed answer
    key: str  # the ASL member name, e.g. "NumericLessThanEquals"
    words: str
    kind: Kind
    fixed: bool | None = None  # type tests: the value written (true / false)
    has_path: bool = True  # whether a ...Path variant exists (compare with another field)

    @property
    def takes_value(self) -> bool:
        """Whether the person gives a value (or another field) to compare with."""
        return self.fixed is None

    def path_key(self) -> str:
        """The ASL key that compares with another field."""
        return self.key + "Path"


def _comparisons(prefix: str, kind: Kind, words: list[tuple[str, str]]) -> list[Operator]:
    return [Operator(prefix + op, prefix + op, text, kind) for op, text in words]


def _type_tests() -> list[Operator]:
    tests = [
        ("IsPresent", "is present", "is missing"),
        ("IsNull", "is null (empty)", "is not null"),
        ("IsNumeric", "is a number", "is not a number"),
        ("IsString", "is text", "is not text"),
        ("IsBoolean", "is true or false", "is not true or false"),
        ("IsTimestamp", "is a date and time", "is not a date and time"),
    ]
    found = []
    for key, yes, no in tests:
        found.append(Operator(f"{key}=true", key, yes, "any", True, False))
        found.append(Operator(f"{key}=false", key, no, "any", False, False))
    return found


OPERATORS: list[Operator] = [
    *_comparisons(
        "Numeric",
        "number",
        [
            ("Equals", "is equal to"),
            ("LessThan", "is less than"),
            ("LessThanEquals", "is at most"),
            ("GreaterThan", "is more than"),
            ("GreaterThanEquals", "is at least"),
        ],
    ),
    *_comparisons(
        "String",
        "text",
        [
            ("Equals", "is exactly"),
            ("LessThan", "comes before (A to Z)"),
            ("LessThanEquals", "comes before or is (A to Z)"),
            ("GreaterThan", "comes after (A to Z)"),
            ("GreaterThanEquals", "comes after or is (A to Z)"),
        ],
    ),
    Operator(
        "StringMatches", "StringMatches", "matches the pattern (* = anything)", "text", None, False
    ),
    Operator("BooleanEquals", "BooleanEquals", "is", "boolean"),
    *_comparisons(
        "Timestamp",
        "timestamp",
        [
            ("Equals", "is the moment"),
            ("LessThan", "is before"),
            ("LessThanEquals", "is at or before"),
            ("GreaterThan", "is after"),
            ("GreaterThanEquals", "is at or after"),
        ],
    ),
    *_type_tests(),
]
BY_ID: dict[str, Operator] = {op.id: op for op in OPERATORS}
BY_KEY: dict[str, Operator] = {op.key: op for op in OPERATORS if op.fixed is None}
BY_PATH_KEY: dict[str, Operator] = {op.path_key(): op for op in OPERATORS if op.has_path}


def operators_for(kind: Kind) -> list[Operator]:
    """Operators in the order the builder offers them: the field's type first, then the rest."""
    order: list[Kind] = [kind] + [k for k in KIND_TITLES if k != kind]
    return [op for k in order for op in OPERATORS if op.kind == k]


@dataclass
class Leaf:
    """One comparison row: field, operator, and a value or another field."""

    variable: str
    operator: Operator
    value: Any = None
    other_field: bool = False  # the value is a path to another field (the ...Path operator)

    def to_json(self) -> dict[str, Any]:
        """The ASL rule body (without Next)."""
        op = self.operator
        if op.fixed is not None:
            return {"Variable": self.variable, op.key: op.fixed}
        key = op.path_key() if self.other_field and op.has_path else op.key
        return {"Variable": self.variable, key: self.value}


def read_leaf(rule: Mapping[str, Any]) -> Leaf | None:
    """The row for a JSONPath leaf rule, or None when it is not exactly one the builder can show
    (no Variable, no operator, two operators, an unknown key or a value of the wrong kind)."""
    variable = rule.get("Variable")
    if not isinstance(variable, str):
        return None
    rest = [(k, v) for k, v in rule.items() if k not in ("Variable", "Next", *RULE_EXTRAS)]
    if len(rest) != 1:
        return None
    key, value = rest[0]
    if key in BY_PATH_KEY:
        return Leaf(variable, BY_PATH_KEY[key], value, True) if isinstance(value, str) else None
    if key in BY_KEY:
        leaf = Leaf(variable, BY_KEY[key], value)
        return leaf if _fits(leaf.operator.kind, value) else None
    if isinstance(value, bool) and f"{key}={'true' if value else 'false'}" in BY_ID:
        return Leaf(variable, BY_ID[f"{key}={'true' if value else 'false'}"])
    return None


def _fits(kind: Kind, value: Any) -> bool:
    """Whether a literal can be shown (and written back unchanged) by the value box."""
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    return isinstance(value, str)


def is_leaf(rule: Any) -> bool:
    """Whether ``rule`` is a comparison (not And / Or / Not / Condition)."""
    return isinstance(rule, Mapping) and not any(k in rule for k in (*COMBINATORS, "Condition"))


# ----- values typed by people -----------------------------------------------------------------
def parse_value(kind: Kind, text: str) -> tuple[Any, str]:
    """(value, "") for text a person typed, or (None, what is wrong) in plain words."""
    text = text.strip()
    if kind == "number":
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            return None, f"{text or 'an empty value'} is not a number; type digits, e.g. 12.5"
        return (int(number) if number.is_integer() and "." not in text else number), ""
    if kind == "timestamp" and not _TIMESTAMP.match(text):
        return None, "write a date and time like 2024-06-30T12:00:00Z"
    if kind == "boolean":
        if text.lower() not in ("true", "false"):
            return None, "choose true or false"
        return text.lower() == "true", ""
    return text, ""


def value_text(value: Any) -> str:
    """How a literal is shown in the value box."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e16 else str(value)
    return value if isinstance(value, str) else json.dumps(value)


def as_path(text: str) -> str:
    """A field typed by a person as a JSONPath: ``a.b`` -> ``$.a.b``; ``$...`` stays."""
    text = text.strip()
    if not text or text.startswith("$"):
        return text or "$"
    return "$." + text


# ----- fields found in sample input and in the machine ----------------------------------------
def sample_for(machine_path: Path | None) -> Any:
    """The sample input beside the machine: ``foo.input.json``, else the first ``foo.inputs/``."""
    if machine_path is None:
        return None
    for candidate in sample_inputs(machine_path).values():
        try:
            return json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return None


def _walk(value: Any, path: str, depth: int) -> Iterator[tuple[str, Any]]:
    if depth > 12:
        return
    if isinstance(value, Mapping):
        for key, child in value.items():
            simple = isinstance(key, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key)
            child_path = f"{path}.{key}" if simple else f"{path}[{json.dumps(key)}]"
            yield child_path, child
            yield from _walk(child, child_path, depth + 1)
    elif isinstance(value, list) and value:
        yield f"{path}[0]", value[0]
        yield from _walk(value[0], f"{path}[0]", depth + 1)


def sample_fields(sample: Any) -> dict[str, Any]:
    """Every path in the sample input -> its example value."""
    return dict(_walk(sample, "$", 0)) if sample is not None else {}


def _rule_paths(rule: Any, found: set[str], depth: int = 0) -> None:
    if not isinstance(rule, Mapping) or depth > 50:
        return
    for key, value in rule.items():
        if key == "Variable" or (key.endswith("Path") and key in BY_PATH_KEY):
            if isinstance(value, str) and value.startswith("$"):
                found.add(value)
        elif key in ("And", "Or") and isinstance(value, list):
            for item in value:
                _rule_paths(item, found, depth + 1)
        elif key == "Not":
            _rule_paths(value, found, depth + 1)


def machine_fields(definition: Mapping[str, Any]) -> set[str]:
    """Paths the machine's Choice rules already compare (the data they expect)."""
    from aslstudio.asl.scopes import iter_states

    found: set[str] = set()
    for ref in iter_states(definition):
        rules = ref.body.get("Choices") if ref.type == "Choice" else None
        if isinstance(rules, list):
            for rule in rules:
                _rule_paths(rule, found)
    return found


def kind_of_value(value: Any) -> Kind:
    """The operator group that suits an example value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "timestamp" if _TIMESTAMP.match(value) else "text"
    return "any"


# ----- sentences ------------------------------------------------------------------------------
def _leaf_sentence(leaf: Leaf) -> str:
    subject = field_name(leaf.variable)
    if not leaf.operator.takes_value:
        return f"{subject} {leaf.operator.words}"
    if leaf.other_field:
        shown = f"the field {field_name(leaf.value)}"
    else:
        shown = format_value(leaf.value)
    return f"{subject} {leaf.operator.words} {shown}"


def condition_sentence(rule: Any, depth: int = 0) -> str:
    """A condition in plain words, e.g. ``sugarsGrams is at least 22.5 and shown is true``."""
    if not isinstance(rule, Mapping) or depth > 50:
        return "(unreadable rule)"
    condition = rule.get("Condition")
    if isinstance(condition, str):
        return jsonata_text(condition) or condition
    for key, word in (("And", " and "), ("Or", " or ")):
        items = rule.get(key)
        if isinstance(items, list) and items:
            parts = [condition_sentence(item, depth + 1) for item in items]
            if depth:
                return "(" + word.join(parts) + ")"
            return word.join(parts)
    if "Not" in rule:
        inner = rule["Not"]
        leaf = read_leaf(inner) if is_leaf(inner) else None
        if leaf is not None and leaf.operator.fixed is not None:
            flipped = BY_ID[f"{leaf.operator.key}={'false' if leaf.operator.fixed else 'true'}"]
            return _leaf_sentence(Leaf(leaf.variable, flipped))
        return f"not ({condition_sentence(inner, depth + 1)})"
    leaf = read_leaf(rule)
    return _leaf_sentence(leaf) if leaf is not None else describe_rule(rule)


def rule_sentence(rule: Mapping[str, Any]) -> str:
    """A whole rule in plain words: ``If …, go to «Next».``"""
    target = rule.get("Next")
    where = f"go to «{target}»" if isinstance(target, str) and target else "go to (no state chosen)"
    return f"If {condition_sentence(rule)}, {where}."


def choice_sentence(body: Mapping[str, Any]) -> str:
    """The whole Choice in words: each rule in order, then the default."""
    rules = body.get("Choices")
    lines = []
    if isinstance(rules, list):
        for index, rule in enumerate(rules):
            sentence = rule_sentence(rule) if isinstance(rule, Mapping) else "(unreadable rule)"
            lines.append(sentence if index == 0 else "Otherwise, i" + sentence[1:])
    default = body.get("Default")
    if isinstance(default, str) and default:
        lines.append(f"Otherwise, go to «{default}».")
    else:
        lines.append("Otherwise, the run fails with States.NoChoiceMatched.")
    return "\n".join(lines)
