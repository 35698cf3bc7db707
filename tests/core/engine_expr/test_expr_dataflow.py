"""select (InputPath/OutputPath), set_result_path (ResultPath) and payload templates."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from aslstudio.engine.errors import (
    INTRINSIC_FAILURE,
    RESULT_PATH_MATCH_FAILURE,
    RUNTIME,
    StatesError,
)
from aslstudio.engine.paths import compile_path, evaluate_template, select, set_result_path

# -- select ------------------------------------------------------------------------------


def test_select_null_path_gives_empty_object():
    # input-output-inputpath-params: "InputPath": null gives {}
    assert select({"a": 1}, None, field="InputPath") == {}


def test_select_dollar_returns_the_same_object():
    data = {"a": 1}
    assert select(data, "$", field="OutputPath") is data


def test_select_path_and_missing_path():
    assert select({"a": {"b": 2}}, "$.a", field="InputPath") == {"b": 2}
    with pytest.raises(StatesError) as info:
        select({"a": 1}, "$.x", field="InputPath")
    assert info.value.error == RUNTIME
    assert info.value.cause == "Invalid path '$.x' : No results for path: $['x']"
    assert not info.value.catchable


def test_select_indefinite_path_gives_list_even_when_empty():
    assert select({"a": []}, "$.a[*]", field="ItemsPath") == []


def test_select_bad_syntax_is_a_runtime_error():
    with pytest.raises(StatesError) as info:
        select({}, "$.a[", field="OutputPath")
    assert info.value.error == RUNTIME
    assert "OutputPath" in info.value.cause


# -- ResultPath --------------------------------------------------------------------------

RESULT_PATH_CASES = [
    # (raw input, ResultPath, result, expected output)
    ({"a": 1}, None, {"r": 1}, {"a": 1}),  # null discards the result
    ({"a": 1}, "$", {"r": 1}, {"r": 1}),  # $ replaces everything (never a key named $)
    ({"a": 1}, "$", 0, 0),
    ({"a": 1}, "$.b", False, {"a": 1, "b": False}),
    ({"a": 1}, "$.a", "new", {"a": "new"}),
    ({"a": 1}, "$.x.y.z", 5, {"a": 1, "x": {"y": {"z": 5}}}),  # nested keys created
    ({"a": {"k": 1}}, "$.a.m", 2, {"a": {"k": 1, "m": 2}}),
    ({"l": [1, 2]}, "$.l[1]", 9, {"l": [1, 9]}),
    ({"l": [{"a": 1}]}, "$.l[0].b", 2, {"l": [{"a": 1, "b": 2}]}),
    ({"a": 1}, "$['with space']", 1, {"a": 1, "with space": 1}),
]


def test_result_path_dollar_never_creates_a_dollar_key():
    out = set_result_path({"a": 1}, "$", {"r": 2})
    assert "$" not in out
    assert out == {"r": 2}


@pytest.mark.parametrize(("raw", "path", "result", "expected"), RESULT_PATH_CASES)
def test_result_path(raw, path, result, expected):
    before = copy.deepcopy(raw)
    assert set_result_path(raw, path, result) == expected
    assert raw == before  # the raw input is never mutated


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ("text", "$.a"),  # input is not an object
        ([1, 2], "$.a"),
        ({"a": "str"}, "$.a.b"),  # a step meets a non-object
        ({"a": 5}, "$.a.b"),
        ({"a": None}, "$.a.b"),
        ({"a": {}}, "$.a[0]"),  # index into a non-list
        ({"a": [1]}, "$.a[3]"),  # index past the end
        ({"a": 1}, "$.a[*]"),  # not a reference path
        ({"a": 1}, "$$.Execution"),
    ],
)
def test_result_path_failures(raw, path):
    with pytest.raises(StatesError) as info:
        set_result_path(raw, path, 1)
    assert info.value.error == RESULT_PATH_MATCH_FAILURE
    assert path in info.value.cause


def test_result_path_failure_cause_names_path_and_input():
    with pytest.raises(StatesError) as info:
        set_result_path({"a": "s"}, "$.a.b", 1)
    assert info.value.cause == 'Unable to apply ReferencePath $.a.b to input {"a":"s"}'


# -- payload templates -------------------------------------------------------------------

DATA = {"name": "Arnav", "vals": [0, 10, 20, 30, 40, 50], "flagged": 7, "nested": {"k": "v"}}
CONTEXT = {"Execution": {"Id": "arn:exec"}, "State": {"Name": "S"}}


def test_template_from_the_asl_spec():
    # ASL spec, Parameters: "first.$": "$.vals[0]", "last3.$": "$.vals[3:]"
    template = {"flagged": True, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[3:]"}}
    result = evaluate_template(template, DATA)
    assert result == {"flagged": True, "parts": {"first": 0, "last3": [30, 40, 50]}}


def test_template_nesting_in_arrays_context_and_variables():
    template = {
        "list": [{"n.$": "$.name"}, "plain", [{"id.$": "$$.Execution.Id"}]],
        "var.$": "$limit",
        "ctx.$": "$$.State.Name",
        "intr.$": "States.Format('Hi {}', $.name)",
    }
    result = evaluate_template(template, DATA, CONTEXT, {"limit": 3})
    assert result == {
        "list": [{"n": "Arnav"}, "plain", [{"id": "arn:exec"}]],
        "var": 3,
        "ctx": "S",
        "intr": "Hi Arnav",
    }


def test_template_literals_are_not_evaluated_without_dollar_suffix():
    template = {"path": "$.name", "n": 0, "f": False, "e": "", "l": [], "o": {}}
    assert evaluate_template(template, DATA) == template


def test_template_missing_path_is_runtime_error_with_aws_cause():
    with pytest.raises(StatesError) as info:
        evaluate_template({"x.$": "$.x"}, {"a": 1})
    assert info.value.error == RUNTIME
    assert info.value.cause == (
        "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input "
        "'{\"a\":1}'"
    )


def test_template_missing_context_path():
    with pytest.raises(StatesError, match="context object"):
        evaluate_template({"t.$": "$$.Task.Token"}, {}, CONTEXT)


def test_template_non_string_dynamic_value_is_an_error():
    with pytest.raises(StatesError) as info:
        evaluate_template({"x.$": 5}, {})
    assert info.value.error == RUNTIME
    assert "INTEGER" in info.value.cause


def test_template_intrinsic_failure_propagates():
    with pytest.raises(StatesError) as info:
        evaluate_template({"x.$": "States.ArrayGetItem($.vals, 99)"}, DATA)
    assert info.value.error == INTRINSIC_FAILURE


def test_template_is_compiled_once_and_reused():
    template = {"a.$": "$.name"}
    first = evaluate_template(template, {"name": 1})
    second = evaluate_template(template, {"name": 2})
    assert (first, second) == ({"a": 1}, {"a": 2})


def test_template_dollar_in_item_selector_uses_given_data():
    # state-map: in ItemSelector, $ is the Map input and the item is $$.Map.Item.Value
    context = {"Map": {"Item": {"Index": 1, "Value": {"id": "b"}}}}
    template = {"item.$": "$$.Map.Item.Value.id", "index.$": "$$.Map.Item.Index", "all.$": "$.k"}
    out = evaluate_template(template, {"k": "input"}, context, field="ItemSelector")
    assert out == {"item": "b", "index": 1, "all": "input"}


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("States.Format('x", INTRINSIC_FAILURE),
        ("States.Nope()", INTRINSIC_FAILURE),
        ("$.a[", RUNTIME),
        ("no-dollar", RUNTIME),
    ],
)
def test_template_with_bad_expression_is_a_states_error(value, error):
    with pytest.raises(StatesError) as info:
        evaluate_template({"x.$": value}, {"a": 1})
    assert info.value.error == error
    assert "'x.$'" in info.value.cause


def _deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels):
        value = {"a": value}
    return value


def test_deep_data_never_crashes_with_recursion_errors():
    deep = _deep(50_000)
    assert compile_path("$.a.a.a").find(deep) is deep["a"]["a"]["a"]
    assert compile_path("$..zzz").find(deep) == []
    assert set_result_path(deep, "$.b", 1)["b"] == 1
    with pytest.raises(StatesError) as info:
        evaluate_template({"x.$": "$.missing"}, deep)
    assert "nested too deeply" in info.value.cause
