"""The rule builder's vocabulary: every operator round-trips, values typed by people, sentences."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.ui.choice_ops import (
    BY_ID,
    OPERATORS,
    Leaf,
    as_path,
    choice_sentence,
    condition_sentence,
    kind_of_value,
    machine_fields,
    operators_for,
    parse_value,
    read_leaf,
    sample_fields,
)
from aslstudio.validate import validate_definition

SAMPLE_VALUES = {"number": 3, "text": "abc", "boolean": True, "timestamp": "2024-01-01T00:00:00Z"}


def _machine(rule: dict[str, Any]) -> dict[str, Any]:
    return {
        "StartAt": "C",
        "States": {
            "C": {"Type": "Choice", "Choices": [{**rule, "Next": "D"}], "Default": "D"},
            "D": {"Type": "Succeed"},
        },
    }


@pytest.mark.parametrize("op", OPERATORS, ids=lambda op: op.id)
def test_each_operator_writes_valid_asl_and_reads_back(op):
    value = SAMPLE_VALUES.get(op.kind) if op.takes_value else None
    leaf = Leaf("$.a", op, value)
    rule = leaf.to_json()
    errors = [d for d in validate_definition(_machine(rule)) if d.severity == "error"]
    assert errors == [], errors
    again = read_leaf(rule)
    assert again is not None
    assert again.operator is op
    assert again.to_json() == rule


@pytest.mark.parametrize("op", [o for o in OPERATORS if o.has_path], ids=lambda op: op.id)
def test_compare_with_another_field_uses_the_path_operator(op):
    rule = Leaf("$.a", op, "$.b", other_field=True).to_json()
    assert rule == {"Variable": "$.a", op.key + "Path": "$.b"}
    assert [d for d in validate_definition(_machine(rule)) if d.severity == "error"] == []
    back = read_leaf(rule)
    assert back is not None
    assert back.other_field


@pytest.mark.parametrize(
    ("kind", "text", "value", "ok"),
    [
        ("number", "22.5", 22.5, True),
        ("number", "1,000", 1000, True),
        ("number", "7", 7, True),
        ("number", "lots", None, False),
        ("number", "", None, False),
        ("timestamp", "2024-06-30T12:00:00Z", "2024-06-30T12:00:00Z", True),
        ("timestamp", "30/06/2024", None, False),
        ("boolean", "False", False, True),
        ("boolean", "maybe", None, False),
        ("text", " gluten ", "gluten", True),
    ],
)
def test_parse_value(kind, text, value, ok):
    parsed, error = parse_value(kind, text)
    assert parsed == value
    assert (error == "") is ok


def test_operators_for_puts_the_field_type_first():
    ordered = operators_for("timestamp")
    assert ordered[0].kind == "timestamp"
    assert {op.id for op in ordered} == {op.id for op in OPERATORS}


@pytest.mark.parametrize(
    ("value", "kind"),
    [(1, "number"), (1.5, "number"), (True, "boolean"), ("x", "text"), ({}, "any")],
)
def test_kind_of_value(value, kind):
    assert kind_of_value(value) == kind


def test_fields_from_sample_and_machine():
    sample = {"a": {"b": 1, "odd key": 2}, "items": [{"c": "x"}]}
    found = sample_fields(sample)
    assert found["$.a.b"] == 1
    assert found['$.a["odd key"]'] == 2
    assert found["$.items[0].c"] == "x"
    machine = _machine({"Variable": "$.x", "NumericLessThanPath": "$.y"})
    assert machine_fields(machine) == {"$.x", "$.y"}
    assert as_path("a.b") == "$.a.b"
    assert as_path("$.a") == "$.a"


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ({"Variable": "$.n", "NumericLessThanEquals": 5}, "n is at most 5"),
        ({"Variable": "$.n", "NumericGreaterThanPath": "$.m"}, "n is more than the field m"),
        ({"Not": {"Variable": "$.n", "IsPresent": True}}, "n is missing"),
        (
            {
                "Or": [
                    {"Variable": "$.a", "BooleanEquals": True},
                    {"Variable": "$.b", "IsNull": True},
                ]
            },
            "a is true or b is null (empty)",
        ),
        (
            {
                "And": [
                    {"Variable": "$.a", "StringMatches": "x*"},
                    {
                        "Or": [
                            {"Variable": "$.b", "IsString": False},
                            {"Variable": "$.c", "IsNumeric": True},
                        ]
                    },
                ]
            },
            'a matches the pattern (* = anything) "x*" and (b is not text or c is a number)',
        ),
        ({"Condition": "{% $x > 1 %}"}, "$x > 1"),
    ],
)
def test_condition_sentence(rule, words):
    assert condition_sentence(rule) == words


def test_choice_sentence_with_and_without_default():
    body = _machine({"Variable": "$.n", "NumericEquals": 1})["States"]["C"]
    assert choice_sentence(body) == "If n is equal to 1, go to «D».\nOtherwise, go to «D»."
    del body["Default"]
    assert choice_sentence(body).endswith("the run fails with States.NoChoiceMatched.")
    assert BY_ID["IsPresent=false"].words == "is missing"
