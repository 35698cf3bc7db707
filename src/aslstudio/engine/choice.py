"""Choice rules: the comparison operator table, AWS semantics, and the record of why.

``evaluate_choice`` walks the rules in order, stops at the first match (as AWS does) and
returns a ``ChoiceDecision`` whose ``trace`` holds, for every rule evaluated, each nested
condition with the value its path resolved to, the expected value, the outcome and a plain
sentence. Comparisons on the wrong type are false; a missing ``Variable`` fails the execution
except for ``IsPresent``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aslstudio.engine import jsonata
from aslstudio.engine.errors import NO_CHOICE_MATCHED, QUERY_EVALUATION_ERROR, RUNTIME, StatesError
from aslstudio.engine.jsonpath_eval import is_number, utf16_key
from aslstudio.engine.paths import (
    MISSING,
    PathNotFound,
    PathSyntaxError,
    compact_json,
    compile_path,
)
from aslstudio.engine.timestamps import parse_timestamp

__all__ = [
    "COMPARISONS",
    "MISSING",
    "TYPE_TESTS",
    "ChoiceDecision",
    "ConditionTrace",
    "RuleTrace",
    "evaluate_choice",
    "string_matches",
]


# -- StringMatches -------------------------------------------------------------------------


def _pattern_segments(pattern: str) -> list[str]:
    """Split a pattern at unescaped ``*``; ``\\*`` is a literal star, ``\\\\`` a backslash."""
    segments: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            current.append(pattern[i + 1])
            i += 2
            continue
        if char == "*":
            segments.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    segments.append("".join(current))
    return segments


def string_matches(text: str, pattern: str) -> bool:
    """Whole-string match where only ``*`` is a wildcard; greedy leftmost, no backtracking."""
    segments = _pattern_segments(pattern)
    if len(segments) == 1:
        return text == segments[0]
    first, last = segments[0], segments[-1]
    if len(text) < len(first) + len(last) or not text.startswith(first):
        return False
    if not text.endswith(last):
        return False
    position, limit = len(first), len(text) - len(last)
    for middle in segments[1:-1]:
        found = text.find(middle, position, limit)
        if found < 0:
            return False
        position = found + len(middle)
    return True


# -- operator table ------------------------------------------------------------------------


def _is_string(value: Any) -> bool:
    return isinstance(value, str)


def _is_boolean(value: Any) -> bool:
    return isinstance(value, bool)


def _compare_strings(left: str, right: str) -> int:
    lk, rk = utf16_key(left), utf16_key(right)
    return (lk > rk) - (lk < rk)


def _compare_numbers(left: float, right: float) -> int:
    return (left > right) - (left < right)


def _compare_timestamps(left: str, right: str) -> int:
    lt, rt = parse_timestamp(left), parse_timestamp(right)
    if lt is None or rt is None:  # guarded by the type test; keeps mypy informed
        return 0
    return (lt > rt) - (lt < rt)


def _is_timestamp(value: Any) -> bool:
    return parse_timestamp(value) is not None


@dataclass(frozen=True, slots=True)
class Comparison:
    """One comparison operator: the type both sides need, and how the order decides."""

    type_test: Callable[[Any], bool]
    compare: Callable[[Any, Any], bool]
    words: str


def _ordering(
    type_test: Callable[[Any], bool], order: Callable[[Any, Any], int], family: str
) -> dict[str, Comparison]:
    outcomes: dict[str, tuple[Callable[[int], bool], str]] = {
        "Equals": (lambda c: c == 0, "equals"),
        "LessThan": (lambda c: c < 0, "is less than"),
        "GreaterThan": (lambda c: c > 0, "is greater than"),
        "LessThanEquals": (lambda c: c <= 0, "is less than or equal to"),
        "GreaterThanEquals": (lambda c: c >= 0, "is greater than or equal to"),
    }

    def make(accept: Callable[[int], bool]) -> Callable[[Any, Any], bool]:
        return lambda left, right: accept(order(left, right))

    return {
        family + suffix: Comparison(type_test, make(accept), words)
        for suffix, (accept, words) in outcomes.items()
    }


COMPARISONS: dict[str, Comparison] = {
    **_ordering(_is_string, _compare_strings, "String"),
    **_ordering(is_number, _compare_numbers, "Numeric"),
    **_ordering(_is_timestamp, _compare_timestamps, "Timestamp"),
    "BooleanEquals": Comparison(_is_boolean, lambda a, b: a == b, "equals"),
    "StringMatches": Comparison(_is_string, string_matches, "matches the pattern"),
}

TYPE_TESTS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "IsNull": (lambda v: v is None, "null"),
    "IsNumeric": (is_number, "a number"),
    "IsString": (_is_string, "a string"),
    "IsBoolean": (_is_boolean, "a boolean"),
    "IsTimestamp": (_is_timestamp, "a timestamp"),
}

_NOT_OPERATORS = frozenset({"Variable", "Next", "Assign", "Comment", "Output"})


# -- traces --------------------------------------------------------------------------------


def _show(value: Any) -> str:
    return "(missing)" if value is MISSING else compact_json(value)


def _word(flag: bool) -> str:
    return "true" if flag else "false"


def _jsonable(value: Any) -> Any:
    return None if value is MISSING else value


class ConditionTrace:
    """One evaluated condition: operator, resolved values, outcome and a plain sentence.

    ``text`` may be given as a callable; it is then rendered on first access, so that a
    running execution does not pay for sentences nobody reads.
    """

    __slots__ = ("_text", "children", "expected", "operator", "result", "value", "variable")

    def __init__(
        self,
        operator: str,
        variable: str | None,
        value: Any,
        expected: Any,
        result: bool,
        children: list[ConditionTrace] | None = None,
        text: str | Callable[[], str] = "",
    ) -> None:
        self.operator = operator
        self.variable = variable
        self.value = value
        self.expected = expected
        self.result = result
        self.children = children if children is not None else []
        self._text = text

    @property
    def text(self) -> str:
        """The plain-words explanation of this condition and its outcome."""
        if not isinstance(self._text, str):
            self._text = self._text()
        return self._text

    def __repr__(self) -> str:
        return f"ConditionTrace({self.operator!r}, {self.variable!r}, result={self.result})"

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict (a missing value is ``null`` with ``present: false``)."""
        return {
            "operator": self.operator,
            "variable": self.variable,
            "value": _jsonable(self.value),
            "present": self.value is not MISSING,
            "expected": _jsonable(self.expected),
            "result": self.result,
            "text": self.text,
            "children": [child.to_json() for child in self.children],
        }


@dataclass(slots=True)
class RuleTrace:
    """One evaluated Choice rule: its position, target and whether it matched."""

    index: int
    next_state: str
    matched: bool
    condition: ConditionTrace

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict."""
        return {
            "index": self.index,
            "nextState": self.next_state,
            "matched": self.matched,
            "condition": self.condition.to_json(),
        }


@dataclass(slots=True)
class ChoiceDecision:
    """Where a Choice state goes, which rule decided (None = Default), and the whole trace."""

    next_state: str
    rule_index: int | None
    assign: Any
    trace: list[RuleTrace]

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict."""
        return {
            "nextState": self.next_state,
            "ruleIndex": self.rule_index,
            "assign": self.assign,
            "trace": [rule.to_json() for rule in self.trace],
        }


# -- evaluation ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Scope:
    data: Any
    context: Any
    variables: Mapping[str, Any] | None
    jsonata_bindings: Mapping[str, Any] | None


def _resolve(path_text: Any, scope: _Scope) -> Any:
    """The value a condition path points at, or MISSING."""
    if not isinstance(path_text, str):
        raise StatesError(RUNTIME, f"Invalid path {_show(path_text)}: a path must be a string")
    try:
        return compile_path(path_text).find(scope.data, scope.context, scope.variables)
    except PathNotFound:
        return MISSING
    except PathSyntaxError as exc:
        raise StatesError(RUNTIME, f"Invalid path '{path_text}': {exc.message}") from None


def _invalid_path(path_text: str) -> StatesError:
    cause = f"Invalid path '{path_text}': The choice state's condition path references an "
    return StatesError(RUNTIME, cause + "invalid value.")


def _operator_of(rule: Mapping[str, Any]) -> str:
    for key in rule:
        if key not in _NOT_OPERATORS:
            return key
    raise StatesError(RUNTIME, "A Choice condition has no comparison operator")


def _combine(rule: Mapping[str, Any], operator: str, scope: _Scope) -> ConditionTrace:
    children: list[ConditionTrace] = []
    if operator == "Not":
        child = _condition(rule["Not"], scope)
        return ConditionTrace(
            "Not",
            None,
            None,
            None,
            not child.result,
            [child],
            lambda: f"not ({child.text}): {_word(not child.result)}",
        )
    want_all = operator == "And"
    for item in rule[operator]:
        child = _condition(item, scope)
        children.append(child)
        if child.result != want_all:
            break
    result = all(c.result for c in children) if want_all else any(c.result for c in children)
    words = "all of" if want_all else "any of"
    text = f"{words} {len(rule[operator])} conditions: {str(result).lower()}"
    if len(children) < len(rule[operator]):
        text += f" (stopped after condition {len(children)})"
    return ConditionTrace(operator, None, None, None, result, children, text)


def _type_test(rule: Mapping[str, Any], operator: str, scope: _Scope) -> ConditionTrace:
    variable = rule.get("Variable")
    value = _resolve(variable, scope)
    expected = rule[operator]
    if operator == "IsPresent":
        result = (value is not MISSING) == bool(expected)
        holds = value is not MISSING
        words = "present"
    else:
        if value is MISSING:
            raise _invalid_path(str(variable))
        test, words = TYPE_TESTS[operator]
        holds = test(value)
        result = holds == bool(expected)

    def describe() -> str:
        shown = "" if value is MISSING else f" = {_show(value)}"
        head = f"{variable}{shown} is {'' if holds else 'not '}{words}"
        return f"{head}; {operator} {_word(bool(expected))} is {_word(result)}"

    return ConditionTrace(operator, variable, value, expected, result, [], describe)


def _comparison(rule: Mapping[str, Any], operator: str, scope: _Scope) -> ConditionTrace:
    variable = rule.get("Variable")
    value = _resolve(variable, scope)
    if value is MISSING:
        raise _invalid_path(str(variable))
    by_path = operator.endswith("Path")
    spec = COMPARISONS[operator[:-4] if by_path else operator]
    expected = rule[operator]
    if by_path:
        expected = _resolve(rule[operator], scope)
        if expected is MISSING:
            raise _invalid_path(str(rule[operator]))
    typed = spec.type_test(value) and spec.type_test(expected)
    result = typed and spec.compare(value, expected)

    def describe() -> str:
        name = operator[:-4] if by_path else operator
        text = f"{variable} = {_show(value)} {spec.words} {_show(expected)}: {_word(result)}"
        return text if typed else text + f" (wrong type for {name})"

    return ConditionTrace(operator, variable, value, expected, result, [], describe)


def _jsonata_condition(rule: Mapping[str, Any], operator: str, scope: _Scope) -> ConditionTrace:
    source = rule["Condition"]
    if isinstance(source, bool):
        return ConditionTrace("Condition", None, source, True, source, [], f"{_word(source)}")
    expr = jsonata.template_body(source) if jsonata.is_template(source) else str(source)
    bindings = scope.jsonata_bindings or {}
    value = jsonata.evaluate(expr, bindings, required=True, field="Condition")
    if not isinstance(value, bool):
        cause = f"The Condition '{source}' returned {_show(value)}, not a boolean"
        raise StatesError(QUERY_EVALUATION_ERROR, cause)
    text = f"{source} is {str(value).lower()}"
    return ConditionTrace("Condition", None, value, True, value, [], text)


_Handler = Callable[[Mapping[str, Any], str, _Scope], ConditionTrace]
_HANDLERS: dict[str, _Handler] = {
    "And": _combine,
    "Or": _combine,
    "Not": _combine,
    "Condition": _jsonata_condition,
    "IsPresent": _type_test,
    **dict.fromkeys(TYPE_TESTS, _type_test),
    **dict.fromkeys(COMPARISONS, _comparison),
    **dict.fromkeys(
        (name + "Path" for name in COMPARISONS if name != "StringMatches"), _comparison
    ),
}


def _condition(rule: Mapping[str, Any], scope: _Scope) -> ConditionTrace:
    operator = _operator_of(rule)
    handler = _HANDLERS.get(operator)
    if handler is None:
        raise StatesError(RUNTIME, f"Unknown Choice comparison operator '{operator}'")
    return handler(rule, operator, scope)


def _wrong_language(index: int, jsonata_mode: bool) -> StatesError:
    if jsonata_mode:
        cause = f"Choice rule {index} needs a 'Condition' field in a JSONata state"
        return StatesError(QUERY_EVALUATION_ERROR, cause)
    cause = f"Choice rule {index} uses 'Condition', which needs QueryLanguage JSONata"
    return StatesError(RUNTIME, cause)


def evaluate_choice(
    state: Mapping[str, Any],
    data: Any,
    context: Any = None,
    variables: Mapping[str, Any] | None = None,
    *,
    query_language: str = "JSONPath",
    jsonata_bindings: Mapping[str, Any] | None = None,
) -> ChoiceDecision:
    """Decide a Choice state: first matching rule (or Default), with the full trace.

    Raises StatesError(States.NoChoiceMatched) when nothing matches and there is no Default,
    StatesError(States.Runtime) for a missing Variable, States.QueryEvaluationError for a
    JSONata Condition that fails or is not boolean.
    """
    scope = _Scope(data, context, variables, jsonata_bindings)
    trace: list[RuleTrace] = []
    jsonata_mode = query_language == "JSONata"
    for index, rule in enumerate(state.get("Choices", [])):
        if jsonata_mode != ("Condition" in rule):
            raise _wrong_language(index, jsonata_mode)
        condition = _condition(rule, scope)
        trace.append(RuleTrace(index, rule.get("Next", ""), condition.result, condition))
        if condition.result:
            return ChoiceDecision(rule.get("Next", ""), index, rule.get("Assign"), trace)
    default = state.get("Default")
    if default is None:
        raise StatesError(NO_CHOICE_MATCHED, "No Choice rule matched and the state has no Default.")
    return ChoiceDecision(default, None, state.get("Assign"), trace)
