"""R3xx: Choice states — Default, one comparison per rule, Next only at the top, value types."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from aslstudio.asl import pointer as jp
from aslstudio.asl.scopes import StateRef
from aslstudio.validate.context import JSONATA, RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.helpers import has_placeholder, is_number, is_placeholder
from aslstudio.validate.registry import rule

_KINDS = ("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")
_TYPES = ("String", "Numeric", "Boolean", "Timestamp")

# comparison operator -> the kind of literal it compares with
LITERAL_OPERATORS: dict[str, str] = {f"{t}{k}": t for t in _TYPES for k in _KINDS}
LITERAL_OPERATORS["StringMatches"] = "String"
LITERAL_OPERATORS.update(
    dict.fromkeys(
        ("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"), "Boolean"
    )
)
PATH_OPERATORS = frozenset(f"{t}{k}Path" for t in _TYPES for k in _KINDS)
COMPARISONS = frozenset(LITERAL_OPERATORS) | PATH_OPERATORS
COMBINATORS = frozenset({"And", "Or", "Not"})

_VALUE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "String": lambda v: isinstance(v, str),
    "Numeric": is_number,
    "Boolean": lambda v: isinstance(v, bool),
    "Timestamp": lambda v: isinstance(v, str),  # the format is checked by R604
}
_EXPECTED = {
    "String": "a text in quotes",
    "Numeric": "a number",
    "Boolean": "true or false",
    "Timestamp": 'a timestamp text such as "2016-03-14T01:59:00Z"',
}


def iter_rules(ref: StateRef) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """Every rule of a Choice state, nested ones included: ``(pointer, rule, is_top_level)``."""
    choices = ref.body.get("Choices")
    if not isinstance(choices, list):
        return
    stack: list[tuple[str, Any, bool]] = [
        (jp.join(ref.pointer, "Choices", i), item, True) for i, item in enumerate(choices)
    ]
    stack.reverse()
    while stack:
        where, item, top = stack.pop()
        if not isinstance(item, dict):
            continue
        yield where, item, top
        children: list[tuple[str, Any, bool]] = []
        for key in ("And", "Or"):
            if isinstance(item.get(key), list):
                children.extend(
                    (jp.join(where, key, i), sub, False) for i, sub in enumerate(item[key])
                )
        if isinstance(item.get("Not"), dict):
            children.append((jp.join(where, "Not"), item["Not"], False))
        stack.extend(reversed(children))


def _choice_rules(ctx: RuleContext) -> list[tuple[StateRef, str, dict[str, Any], bool]]:
    return ctx.memo(
        "choice_rules",
        lambda: [(ref, *found) for ref in ctx.of_type("Choice") for found in iter_rules(ref)],
    )


@rule("R301", Severity.WARNING, "A Choice state has no Default")
def no_default(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Without Default, input that matches no rule fails the execution (States.NoChoiceMatched)."""
    for ref in ctx.of_type("Choice"):
        if "Default" not in ref.body:
            yield ctx.diag(
                "R301",
                ref,
                ref.pointer,
                f'Choice state "{ref.name}" has no "Default": input that matches none of its '
                "rules fails the execution with States.NoChoiceMatched.",
                'Add "Default": "<state name>" for the "otherwise" case, unless failing is '
                "intended.",
            )


@rule("R302", Severity.ERROR, "A Choice rule has no comparison")
def no_comparison(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Every rule needs exactly one comparison (or And/Or/Not; Condition in JSONata)."""
    for ref, where, item, top in _choice_rules(ctx):
        if ctx.lang(ref) == JSONATA:
            if top and "Condition" not in item:
                yield ctx.diag(
                    "R302",
                    ref,
                    where,
                    f'A rule of Choice state "{ref.name}" has no "Condition".',
                    'In JSONata, each rule is {"Condition": "{% ... %}", "Next": "..."}.',
                )
            continue
        if not (item.keys() & (COMPARISONS | COMBINATORS)):
            yield ctx.diag(
                "R302",
                ref,
                where,
                f'A rule of Choice state "{ref.name}" compares nothing: it has no operator '
                "such as StringEquals, NumericGreaterThan, IsPresent, And, Or or Not.",
                'Add one comparison, e.g. "Variable": "$.status", "StringEquals": "DONE".',
            )


@rule("R303", Severity.ERROR, "A Choice rule has several comparisons")
def several_comparisons(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A rule holds one operator; combine several with And / Or."""
    for ref, where, item, _top in _choice_rules(ctx):
        found = sorted(item.keys() & (COMPARISONS | COMBINATORS))
        if len(found) > 1:
            yield ctx.diag(
                "R303",
                ref,
                where,
                f'A rule of Choice state "{ref.name}" has several operators ({", ".join(found)}); '
                "a rule may have only one.",
                'Wrap the comparisons in "And": [ {...}, {...} ] (or "Or").',
            )


@rule("R304", Severity.ERROR, "A top-level Choice rule has no Next")
def top_rule_without_next(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Each rule in Choices says where to go when it matches."""
    for ref, where, item, top in _choice_rules(ctx):
        if top and "Next" not in item:
            yield ctx.diag(
                "R304",
                ref,
                where,
                f'A rule of Choice state "{ref.name}" has no "Next": the machine would not know '
                "where to go when it matches.",
                'Add "Next": "<state name>" to the rule.',
            )


@rule("R305", Severity.ERROR, "A nested Choice rule has a Next")
def nested_rule_with_next(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Rules inside And / Or / Not only compare; Next belongs to the top-level rule."""
    for ref, where, item, top in _choice_rules(ctx):
        if not top and "Next" in item:
            yield ctx.diag(
                "R305",
                ref,
                jp.join(where, "Next"),
                f'A rule nested in And/Or/Not of Choice state "{ref.name}" has a "Next"; '
                "only the top-level rule may say where to go.",
                'Move "Next" to the enclosing top-level rule.',
            )


@rule("R306", Severity.ERROR, "A Choice comparison has no Variable")
def comparison_without_variable(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A comparison reads the value it tests from ``Variable``."""
    for ref, where, item, _top in _choice_rules(ctx):
        if ctx.lang(ref) == JSONATA:
            continue
        ops = sorted(item.keys() & COMPARISONS)
        if ops and "Variable" not in item:
            yield ctx.diag(
                "R306",
                ref,
                where,
                f'A rule of Choice state "{ref.name}" uses {ops[0]} but has no "Variable" '
                "saying which value to test.",
                'Add "Variable": "$.field" naming the input field to compare.',
            )


@rule("R307", Severity.ERROR, "A Choice comparison value has the wrong type")
def wrong_value_type(ctx: RuleContext) -> Iterable[Diagnostic]:
    """E.g. NumericEquals with a text, BooleanEquals with a number, IsPresent with a text."""
    for ref, where, item, _top in _choice_rules(ctx):
        for op in sorted(item.keys() & LITERAL_OPERATORS.keys()):
            kind = LITERAL_OPERATORS[op]
            value = item[op]
            if is_placeholder(value) or (kind != "Numeric" and has_placeholder(value)):
                continue
            if not _VALUE_CHECKS[kind](value):
                shown = value if isinstance(value, str) else repr(value)
                yield ctx.diag(
                    "R307",
                    ref,
                    jp.join(where, op),
                    f'In Choice state "{ref.name}", {op} must be compared with '
                    f"{_EXPECTED[kind]}, not {shown!s}.",
                    _type_hint(op, kind, value),
                )


def _type_hint(op: str, kind: str, value: Any) -> str:
    if kind == "Numeric" and isinstance(value, str):
        return f"Write the number without quotes, or use {op.replace('Numeric', 'String')}."
    if isinstance(value, str) and value.startswith("$"):
        return f'To compare with another field, use "{op}Path": "{value}".'
    return f"Change the value to {_EXPECTED[kind]}."
