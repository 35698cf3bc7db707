"""Choice rules: every operator, AWS type semantics, missing variables, traces, JSONata."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aslstudio.engine.choice import (
    COMPARISONS,
    MISSING,
    TYPE_TESTS,
    evaluate_choice,
    string_matches,
)
from aslstudio.engine.errors import NO_CHOICE_MATCHED, QUERY_EVALUATION_ERROR, RUNTIME, StatesError

DATA = {
    "s": "b",
    "n": 5,
    "f": 2.5,
    "t": True,
    "ts": "2024-01-02T03:04:05Z",
    "ts2": "2024-01-02T03:04:05.5Z",
    "numstr": "5",
    "null": None,
    "other": "c",
    "five": 5,
}


def decide(condition: dict[str, Any], data: Any = DATA, **kwargs: Any) -> bool:
    """Evaluate one rule with a Default and report whether it matched."""
    state = {"Choices": [{**condition, "Next": "Yes"}], "Default": "No"}
    return evaluate_choice(state, data, **kwargs).next_state == "Yes"


OPERATOR_CASES = [
    ("$.s", "StringEquals", "b", True),
    ("$.s", "StringEquals", "c", False),
    ("$.s", "StringLessThan", "c", True),
    ("$.s", "StringGreaterThan", "a", True),
    ("$.s", "StringLessThanEquals", "b", True),
    ("$.s", "StringGreaterThanEquals", "c", False),
    ("$.n", "NumericEquals", 5, True),
    ("$.n", "NumericEquals", 5.0, True),
    ("$.n", "NumericLessThan", 6, True),
    ("$.n", "NumericGreaterThan", 6, False),
    ("$.f", "NumericLessThanEquals", 2.5, True),
    ("$.f", "NumericGreaterThanEquals", 3, False),
    ("$.t", "BooleanEquals", True, True),
    ("$.t", "BooleanEquals", False, False),
    ("$.ts", "TimestampEquals", "2024-01-02T04:04:05+01:00", True),
    ("$.ts", "TimestampLessThan", "2024-01-02T03:04:06Z", True),
    ("$.ts", "TimestampGreaterThan", "2024-01-02T03:04:04Z", True),
    ("$.ts", "TimestampLessThanEquals", "2024-01-02T03:04:05Z", True),
    ("$.ts2", "TimestampGreaterThanEquals", "2024-01-02T03:04:05.6Z", False),
    ("$.s", "StringMatches", "*", True),
    # wrong type is false, never an error
    ("$.numstr", "NumericEquals", 5, False),  # a numeric string never matches Numeric ops
    ("$.t", "NumericEquals", 1, False),  # booleans are not numbers
    ("$.n", "StringEquals", "5", False),
    ("$.s", "TimestampEquals", "b", False),
    ("$.ts", "TimestampEquals", "2024-01-02 03:04:05Z", False),
    ("$.n", "BooleanEquals", True, False),
    ("$.null", "StringEquals", "null", False),
    # string order is by UTF-16 code units, like Java's compareTo
    ("$.upper", "StringLessThan", "a", True),
    ("$.astral", "StringGreaterThan", "\uffff", False),
]


@pytest.mark.parametrize(("variable", "operator", "value", "expected"), OPERATOR_CASES)
def test_comparison_operators(variable, operator, value, expected):
    data = {**DATA, "upper": "Z", "astral": "\U0001f600"}
    assert decide({"Variable": variable, operator: value}, data) is expected


@pytest.mark.parametrize("operator", sorted(n for n in COMPARISONS if n != "StringMatches"))
def test_every_path_variant_compares_with_the_resolved_value(operator):
    family_values = {
        "String": ("$.s", "$.other"),
        "Numeric": ("$.n", "$.five"),
        "Boolean": ("$.t", "$.t"),
        "Timestamp": ("$.ts", "$.ts"),
    }
    family = next(f for f in family_values if operator.startswith(f))
    variable, other = family_values[family]
    literal_rule = {"Variable": variable, operator: _resolve(other)}
    path_rule = {"Variable": variable, operator + "Path": other}
    assert decide(path_rule) == decide(literal_rule)


def _resolve(path: str) -> Any:
    return DATA[path[2:]]


def test_path_variant_with_wrong_typed_value_is_false():
    assert decide({"Variable": "$.n", "NumericEqualsPath": "$.numstr"}) is False


def test_path_variant_missing_value_fails():
    with pytest.raises(StatesError) as info:
        decide({"Variable": "$.n", "NumericEqualsPath": "$.nope"})
    assert info.value.error == RUNTIME


TYPE_CASES = [
    # (variable, operator, flag, expected)
    ("$.null", "IsNull", True, True),
    ("$.s", "IsNull", True, False),
    ("$.s", "IsNull", False, True),
    ("$.n", "IsNumeric", True, True),
    ("$.numstr", "IsNumeric", True, False),
    ("$.t", "IsNumeric", True, False),
    ("$.s", "IsNumeric", False, True),
    ("$.s", "IsString", True, True),
    ("$.n", "IsString", False, True),
    ("$.t", "IsBoolean", True, True),
    ("$.null", "IsBoolean", False, True),
    ("$.ts", "IsTimestamp", True, True),
    ("$.s", "IsTimestamp", True, False),
    ("$.n", "IsTimestamp", False, True),
    ("$.null", "IsPresent", True, True),  # null counts as present
    ("$.nope", "IsPresent", False, True),  # IsPresent is safe on a missing field
    ("$.nope", "IsPresent", True, False),
]


@pytest.mark.parametrize(("variable", "operator", "flag", "expected"), TYPE_CASES)
def test_type_tests(variable, operator, flag, expected):
    assert decide({"Variable": variable, operator: flag}) is expected


@pytest.mark.parametrize("operator", ["StringEquals", "NumericEquals", "IsNull", "IsString"])
def test_missing_variable_fails_the_execution(operator):
    value = True if operator.startswith("Is") else "x"
    with pytest.raises(StatesError) as info:
        decide({"Variable": "$.x", operator: value})
    assert info.value.error == RUNTIME
    assert info.value.cause == (
        "Invalid path '$.x': The choice state's condition path references an invalid value."
    )


def test_type_table_is_complete():
    assert set(TYPE_TESTS) == {"IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"}


MATCH_CASES = [
    ("log.txt", "*.txt", True),
    ("log.txt", "*.log", False),
    ("abc", "a*c", True),
    ("ac", "a*c", True),
    ("abc", "a*b", False),  # the pattern must cover the whole string
    ("a*c", "a\\*c", True),  # \* is a literal star
    ("abc", "a\\*c", False),
    ("a?c", "a?c", True),  # ? is an ordinary character
    ("abc", "a?c", False),
    ("a\\b", "a\\\\b", True),  # \\ is a literal backslash
    ("", "*", True),
    ("", "", True),
    ("x", "", False),
    ("aXbXc", "*b*c", True),
    ("abab", "*ab", True),
    ("mississippi", "m*iss*ppi", True),
]


@pytest.mark.parametrize(("text", "pattern", "expected"), MATCH_CASES)
def test_string_matches(text, pattern, expected):
    assert string_matches(text, pattern) is expected


def test_and_or_not_nesting_and_trace():
    state = {
        "Choices": [
            {
                "And": [
                    {"Variable": "$.n", "NumericGreaterThan": 1},
                    {
                        "Or": [
                            {"Variable": "$.s", "StringEquals": "z"},
                            {"Not": {"Variable": "$.t", "BooleanEquals": False}},
                        ]
                    },
                ],
                "Next": "Deep",
                "Assign": {"hit": 1},
            }
        ],
        "Default": "D",
    }
    decision = evaluate_choice(state, DATA)
    assert (decision.next_state, decision.rule_index, decision.assign) == ("Deep", 0, {"hit": 1})
    rule = decision.trace[0]
    assert rule.matched
    top = rule.condition
    assert top.operator == "And"
    assert [c.operator for c in top.children] == ["NumericGreaterThan", "Or"]
    inner_or = top.children[1]
    assert [c.result for c in inner_or.children] == [False, True]
    assert inner_or.children[1].children[0].value is True
    assert inner_or.children[1].children[0].result is False
    assert top.children[0].value == 5
    assert top.children[0].expected == 1
    json.dumps(decision.to_json())  # serialisable


def test_first_match_wins_and_every_evaluated_rule_is_recorded():
    state = {
        "Choices": [
            {"Variable": "$.n", "NumericLessThan": 0, "Next": "Neg"},
            {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Pos"},
            {"Variable": "$.missing", "StringEquals": "x", "Next": "Never"},
        ],
        "Default": "D",
    }
    decision = evaluate_choice(state, DATA)
    assert decision.next_state == "Pos"
    assert decision.rule_index == 1
    assert [(r.index, r.matched) for r in decision.trace] == [(0, False), (1, True)]
    assert "5" in decision.trace[0].condition.text


def test_default_uses_state_assign_and_records_rules():
    state = {
        "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}],
        "Default": "Other",
        "Assign": {"fallback": True},
    }
    decision = evaluate_choice(state, DATA)
    assert (decision.next_state, decision.rule_index) == ("Other", None)
    assert decision.assign == {"fallback": True}
    assert decision.to_json()["trace"][0]["matched"] is False


def test_no_match_without_default():
    state = {"Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}]}
    with pytest.raises(StatesError) as info:
        evaluate_choice(state, DATA)
    assert info.value.error == NO_CHOICE_MATCHED


def test_is_present_trace_serialises_missing_value():
    state = {"Choices": [{"Variable": "$.gone", "IsPresent": False, "Next": "A"}]}
    trace = evaluate_choice(state, DATA).trace[0].condition
    assert trace.value is MISSING
    as_json = trace.to_json()
    assert (as_json["present"], as_json["value"], as_json["result"]) == (False, None, True)


def test_variables_and_context_in_conditions():
    state = {
        "Choices": [
            {
                "Variable": "$limit",
                "NumericGreaterThanPath": "$$.Execution.Input.n",
                "Next": "Over",
            },
        ],
        "Default": "Under",
    }
    context = {"Execution": {"Input": {"n": 3}}}
    assert evaluate_choice(state, {}, context, {"limit": 4}).next_state == "Over"
    assert evaluate_choice(state, {}, context, {"limit": 2}).next_state == "Under"


def test_jsonata_condition():
    state = {
        "Choices": [
            {"Condition": "{% $states.input.n > 3 %}", "Next": "Big"},
        ],
        "Default": "Small",
    }
    bindings = {"states": {"input": {"n": 5}}}
    decision = evaluate_choice(state, None, query_language="JSONata", jsonata_bindings=bindings)
    assert decision.next_state == "Big"
    assert decision.trace[0].condition.operator == "Condition"
    bindings = {"states": {"input": {"n": 1}}}
    decision = evaluate_choice(state, None, query_language="JSONata", jsonata_bindings=bindings)
    assert decision.next_state == "Small"


@pytest.mark.parametrize("expr", ["{% $states.input.n %}", "{% $states.input.nothing %}"])
def test_jsonata_condition_must_be_boolean(expr):
    state = {"Choices": [{"Condition": expr, "Next": "X"}], "Default": "Y"}
    with pytest.raises(StatesError) as info:
        evaluate_choice(
            state, None, query_language="JSONata", jsonata_bindings={"states": {"input": {"n": 5}}}
        )
    assert info.value.error == QUERY_EVALUATION_ERROR


def test_unknown_operator_is_reported():
    with pytest.raises(StatesError, match="StringEqualz"):
        decide({"Variable": "$.s", "StringEqualz": "b"})


def test_query_language_decides_the_rule_form():
    jsonpath_rule = {"Choices": [{"Variable": "$.n", "NumericEquals": 5, "Next": "A"}]}
    with pytest.raises(StatesError) as info:
        evaluate_choice(jsonpath_rule, DATA, query_language="JSONata", jsonata_bindings={})
    assert info.value.error == QUERY_EVALUATION_ERROR
    jsonata_rule = {"Choices": [{"Condition": "{% true %}", "Next": "A"}]}
    with pytest.raises(StatesError) as info:
        evaluate_choice(jsonata_rule, DATA)
    assert info.value.error == RUNTIME
    literal = {"Choices": [{"Condition": True, "Next": "A"}]}
    assert evaluate_choice(literal, None, query_language="JSONata").next_state == "A"
