"""Audit of ASL_SEMANTICS.md: each bullet, the tests that cover it, and the ones that were missing.

``AUDIT`` maps every bullet (quoted) to the tests that check it; ``test_audit_references_exist``
keeps that map honest. The tests below it were missing when the engine was audited; each quotes
its bullet, or the AWS page it comes from.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aslstudio.engine.execution import Execution
from aslstudio.engine.mocks import MockConfig

TESTS = Path(__file__).resolve().parents[1]
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:work"

# bullet -> tests covering it: "<path under tests/>::<JSON case or test function>"
AUDIT: dict[str, list[str]] = {
    "ResultPath merges into the state's raw input, not the InputPath-filtered input": [
        "conformance/engine_cases/dataflow.json::resultpath_merges_into_raw_input",
    ],
    '"ResultPath": "$" replaces the whole input; it never creates a key named $': [
        "conformance/engine_cases/dataflow.json::resultpath_dollar_replaces_input",
    ],
    '"InputPath": null / "OutputPath": null give {}': [
        "conformance/engine_cases/dataflow.json::inputpath_null_gives_empty_object",
        "conformance/engine_cases/dataflow.json::outputpath_null_gives_empty_object",
    ],
    "A Pass Result is literal: keys ending in .$ are not evaluated; falsy values are results": [
        "conformance/engine_cases/dataflow.json::pass_result_is_literal",
        "conformance/engine_cases/dataflow.json::pass_result_falsy_zero",
        "conformance/engine_cases/dataflow.json::pass_result_falsy_empty_object",
    ],
    "A path that selects nothing in Parameters, InputPath, OutputPath or ResultSelector fails "
    "with States.Runtime": [
        "conformance/engine_cases/dataflow.json::parameters_missing_path_is_runtime",
        "conformance/engine_cases/dataflow.json::inputpath_missing_is_runtime",
        "conformance/engine_cases/dataflow.json::outputpath_missing_is_runtime",
        "conformance/engine_cases/dataflow.json::result_selector_missing_is_runtime",
    ],
    'States.Runtime is not caught by Catch ["States.ALL"]': [
        "conformance/engine_cases/dataflow.json::runtime_not_caught_by_states_all",
    ],
    "Wildcard, slice and filter paths return a list; a definite path returns the value": [
        "conformance/engine_cases/dataflow.json::wildcard_and_filter_return_lists",
        "conformance/test_semantics_audit.py::test_slice_wildcard_filter_give_lists",
    ],
    "In a Map ItemSelector, $ is the Map state's input; the item is $$.Map.Item.Value": [
        "conformance/engine_cases/map.json::item_selector_sees_map_input",
    ],
    "A comparison on the wrong type is false; a numeric string never matches a Numeric op": [
        "core/engine_expr/test_expr_choice.py::test_comparison_operators",
        "core/engine_expr/test_expr_choice.py::test_path_variant_with_wrong_typed_value_is_false",
    ],
    "A comparison on a missing Variable fails the execution; only IsPresent is safe": [
        "conformance/engine_cases/states.json::choice_missing_variable_fails",
        "conformance/engine_cases/states.json::choice_is_present_on_missing_is_safe",
    ],
    "IsX: false is true for every other type; a field holding null counts as present": [
        "core/engine_expr/test_expr_choice.py::test_type_tests",
    ],
    "StringMatches: only * is special, \\\\* is a literal star, whole string, ? is ordinary": [
        "core/engine_expr/test_expr_choice.py::test_string_matches",
    ],
    'String ordering is by UTF-16 code unit, as Java\'s compareTo ("Z" < "a")': [
        "core/engine_expr/test_expr_choice.py::test_comparison_operators",
    ],
    "Timestamps are RFC 3339 with an uppercase T; a space is not a timestamp": [
        "core/engine_expr/test_expr_jsonata_time.py::test_parse_timestamp",
    ],
    "No rule matches and no Default: States.NoChoiceMatched": [
        "conformance/engine_cases/states.json::choice_no_match_no_default",
    ],
    "A Choice rule's Assign runs when it matches; the state-level Assign runs on Default": [
        "conformance/engine_cases/variables.json::choice_rule_assign",
        "core/engine_expr/test_expr_choice.py::test_default_uses_state_assign_and_records_rules",
        "conformance/test_semantics_audit.py::test_choice_assign_rule_or_state",
    ],
    "MaxAttempts counts retries; 0 never retries; own counters; first matching retrier only": [
        "conformance/engine_cases/retry.json::max_attempts_counts_retries",
        "conformance/engine_cases/retry.json::max_attempts_zero_never_retries",
        "conformance/engine_cases/retry.json::per_retrier_counters",
        "conformance/engine_cases/retry.json::only_first_matching_retrier",
    ],
    "States.TaskFailed matches any Task error except States.Timeout": [
        "conformance/engine_cases/retry.json::task_failed_does_not_match_timeout",
        "conformance/engine_cases/retry.json::task_failed_matches_custom_error",
    ],
    "Retry on a Map or Parallel reruns every iteration or branch": [
        "conformance/engine_cases/retry.json::retry_on_parallel_reruns_every_branch",
        "conformance/test_semantics_audit.py::test_retry_on_a_map_reruns_every_iteration",
    ],
    "Mocks are consumed per Task state name, in order, across retries, loops and Map iterations": [
        "conformance/engine_cases/retry.json::mocks_consumed_in_order_across_loop",
        "conformance/engine_cases/map.json::max_concurrency_one_orders_mocks",
        "conformance/test_semantics_audit.py::test_retry_on_a_map_reruns_every_iteration",
    ],
    "Escapes in JSON source: \\\\', \\\\{, \\\\}, \\\\\\\\": [
        "core/engine_expr/test_expr_intrinsics.py::test_aws_documentation_examples",
        "core/engine_expr/test_expr_intrinsics.py::test_documented_behaviours",
    ],
    "States.StringSplit splits on each delimiter character and drops empty strings": [
        "core/engine_expr/test_expr_intrinsics.py::test_documented_behaviours",
    ],
    "States.MathAdd rounds half-up; States.Array keeps null arguments": [
        "core/engine_expr/test_expr_intrinsics.py::test_documented_behaviours",
    ],
    "States.Format renders an object as {k=v, ...}; States.JsonToString gives compact JSON": [
        "core/engine_expr/test_expr_intrinsics.py::test_documented_behaviours",
    ],
    "Fail CausePath/ErrorPath accept intrinsic functions such as States.Format": [
        "conformance/engine_cases/states.json::fail_cause_path_with_format",
        "conformance/test_semantics_audit.py::test_fail_error_path_takes_an_intrinsic",
    ],
    "A negative or fractional SecondsPath value, or a bad TimestampPath, fails with "
    "States.Runtime": [
        "conformance/engine_cases/states.json::wait_negative_seconds_path",
        "conformance/engine_cases/states.json::wait_fractional_seconds_path",
        "conformance/engine_cases/states.json::wait_bad_timestamp_path",
    ],
    "Parallel output keeps branch order; a failing branch fails the state with its error": [
        "conformance/engine_cases/states.json::parallel_output_keeps_branch_order",
        "conformance/engine_cases/states.json::parallel_failing_branch_fails_state",
    ],
    "A state's OutputPath/Output sees variable values from before its own Assign": [
        "conformance/engine_cases/variables.json::output_sees_old_variables",
    ],
    "In a JSONPath-mode state, $ inside Assign refers to the state result": [
        "conformance/engine_cases/variables.json::assign_dollar_is_result",
    ],
    "JSONata: an expression that evaluates to nothing in Output, Assign or Arguments fails "
    "with States.QueryEvaluationError": [
        "conformance/engine_cases/jsonata.json::output_nothing_is_query_error",
        "conformance/test_semantics_audit.py::test_jsonata_nothing_fails_naming_the_field",
    ],
    "JSONata: a Task without Output outputs the task result, not its input": [
        "conformance/engine_cases/jsonata.json::task_without_output_outputs_result",
    ],
    "JSONata: a one-element sequence is returned as the bare value": [
        "conformance/engine_cases/jsonata.json::single_value_sequence",
    ],
}


def _reference_exists(reference: str) -> bool:
    path, _, name = reference.partition("::")
    file = TESTS / path
    if not file.is_file():
        return False
    if file.suffix == ".json":
        return name in json.loads(file.read_text(encoding="utf-8"))
    return re.search(rf"^def {re.escape(name)}\(", file.read_text("utf-8"), re.M) is not None


def test_audit_references_exist() -> None:
    missing = [ref for refs in AUDIT.values() for ref in refs if not _reference_exists(ref)]
    assert missing == []
    assert all(AUDIT.values())


# ---- helpers ------------------------------------------------------------------------


def _run(definition: dict[str, Any], data: Any = None, mocks: dict[str, Any] | None = None):
    """Run to the end; mocks map a Task state name to its MockedResponses entry."""
    source = None
    if mocks is not None:
        config = {
            "StateMachines": {"M": {"TestCases": {"T": {name: name for name in mocks}}}},
            "MockedResponses": mocks,
        }
        source = MockConfig(config).source("M", "T")
    execution = Execution(definition, data, source, state_machine_name="M")
    execution.run()
    return execution


def _pass(**fields: Any) -> dict[str, Any]:
    return {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True, **fields}}}


# ---- tests that were missing ---------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.items[0:2].n", [1, 2]),
        ("$.items[5:7]", []),
        ("$.items[*].nope", []),
        ("$.items[?(@.n > 5)]", []),
        ("$.items[1].n", 2),
    ],
)
def test_slice_wildcard_filter_give_lists(path: str, expected: Any) -> None:
    """Wildcard, slice and filter paths return a list ([] when nothing matches); a definite
    path like $.items[1].name returns the value itself."""
    data = {"items": [{"n": 1}, {"n": 2}, {"n": 3}]}
    execution = _run(_pass(Parameters={"v.$": path}), data)
    assert (execution.status, execution.output) == ("SUCCEEDED", {"v": expected})


def test_retry_on_a_map_reruns_every_iteration() -> None:
    """Retry on a Map or Parallel reruns every iteration or branch; mocks are consumed per
    Task state name, in order, across retries and Map iterations (MaxConcurrency 1)."""
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "MaxConcurrency": 1,
                "ItemProcessor": {
                    "StartAt": "Work",
                    "States": {"Work": {"Type": "Task", "Resource": LAMBDA, "End": True}},
                },
                "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 1, "IntervalSeconds": 1}],
                "End": True,
            }
        },
    }
    mocks = {
        "Work": {
            "0": {"Return": "first run, item 0"},
            "1": {"Throw": {"Error": "Flaky", "Cause": "item 1 failed"}},
            "2": {"Return": "retry, item 0"},
            "3": {"Return": "retry, item 1"},
        }
    }
    execution = _run(definition, [10, 11], mocks)
    assert execution.status == "SUCCEEDED", execution.cause
    assert execution.output == ["retry, item 0", "retry, item 1"]


def test_fail_error_path_takes_an_intrinsic() -> None:
    """Fail CausePath/ErrorPath accept intrinsic functions such as States.Format."""
    definition = {
        "StartAt": "F",
        "States": {
            "F": {
                "Type": "Fail",
                "ErrorPath": "States.Format('Order.{}', $.kind)",
                "CausePath": "States.JsonToString($.detail)",
            }
        },
    }
    execution = _run(definition, {"kind": "Rejected", "detail": {"id": 7}})
    assert (execution.status, execution.error, execution.cause) == (
        "FAILED",
        "Order.Rejected",
        '{"id":7}',
    )


@pytest.mark.parametrize(("value", "assign_to"), [(1, "rule"), (2, "state")])
def test_choice_assign_rule_or_state(value: int, assign_to: str) -> None:
    """A Choice rule may carry Assign; when it matches only that rule's Assign runs; the
    state-level Assign runs on Default."""
    definition = {
        "StartAt": "C",
        "States": {
            "C": {
                "Type": "Choice",
                "Choices": [
                    {
                        "Variable": "$.v",
                        "NumericEquals": 1,
                        "Assign": {"who": "rule"},
                        "Next": "Show",
                    }
                ],
                "Default": "Show",
                "Assign": {"who": "state"},
            },
            "Show": {"Type": "Pass", "Parameters": {"who.$": "$who"}, "End": True},
        },
    }
    assert _run(definition, {"v": value}).output == {"who": assign_to}


JSONATA_NOTHING = [
    ({"Type": "Pass", "Output": {"k": "{% $states.input.nope %}"}}, "Output/k"),
    ({"Type": "Pass", "Assign": {"x": "{% $states.input.nope %}"}}, "Assign/x"),
    (
        {"Type": "Task", "Resource": LAMBDA, "Arguments": {"In": {"id": "{% $nope %}"}}},
        "Arguments/In/id",
    ),
    ({"Type": "Pass", "Output": [1, "{% $states.input.nope %}"]}, "Output[1]"),
]


@pytest.mark.parametrize(("state", "field"), JSONATA_NOTHING)
def test_jsonata_nothing_fails_naming_the_field(state: dict[str, Any], field: str) -> None:
    """JSONata: an expression that evaluates to nothing in Output, Assign or Arguments fails
    with States.QueryEvaluationError. A real execution names the nested field: "... specified
    for the field 'Arguments/Input/pushLocation' returned nothing (undefined)."."""
    body = {**state, "End": True}
    definition = {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": body}}
    execution = _run(definition, {"a": 1}, {"S": {"0": {"Return": {}}}})
    assert execution.status == "FAILED"
    assert execution.error == "States.QueryEvaluationError"
    assert f"specified for the field '{field}' returned nothing" in (execution.cause or "")


# ---- found in review: machine timeout, Wait bounds, clock overflow --------------------


@pytest.mark.parametrize(
    "last",
    [
        {"Type": "Wait", "Seconds": 10, "End": True},
        {
            "Type": "Task",
            "Resource": LAMBDA,
            "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 30}],
            "End": True,
        },
    ],
)
def test_machine_timeout_applies_to_the_last_state_too(last: dict[str, Any]) -> None:
    """statemachine-structure.html: TimeoutSeconds is the most an execution may run; a last
    state that ends after it (a long Wait, a retry interval) times the execution out."""
    definition = {"TimeoutSeconds": 5, "StartAt": "S", "States": {"S": last}}
    mocks = {"S": {"0": {"Throw": {"Error": "Busy", "Cause": "c"}}, "1": {"Return": 1}}}
    execution = _run(definition, {}, mocks)
    assert (execution.status, execution.error) == ("TIMED_OUT", "States.Timeout")
    assert execution.history[-1]["type"] == "ExecutionTimedOut"


def test_wait_seconds_path_over_the_limit_is_runtime() -> None:
    """state-wait.html: Seconds is "an integer value from 0 up to 99999999"."""
    definition = _pass()
    definition["States"]["P"] = {"Type": "Wait", "SecondsPath": "$.s", "End": True}
    assert _run(definition, {"s": 99_999_999}).status == "SUCCEEDED"
    execution = _run(definition, {"s": 10**20})
    assert (execution.status, execution.error) == ("FAILED", "States.Runtime")


def test_wait_timestamp_truncates_milliseconds() -> None:
    """state-wait.html: for a timestamp, Step Functions considers the time value up to
    seconds and truncates milliseconds."""
    definition = {
        "StartAt": "W",
        "States": {
            "W": {"Type": "Wait", "Timestamp": "2026-01-01T00:00:10.900Z", "Next": "P"},
            "P": {"Type": "Pass", "Parameters": {"at.$": "$$.State.EnteredTime"}, "End": True},
        },
    }
    assert _run(definition).output == {"at": "2026-01-01T00:00:10.000Z"}


def test_huge_backoff_does_not_overflow_the_clock() -> None:
    """Thousands of retries with a large BackoffRate end the run normally (no overflow)."""
    retrier = {"ErrorEquals": ["Busy"], "IntervalSeconds": 99_999_999, "BackoffRate": 10}
    task = {"Type": "Task", "Resource": LAMBDA, "Retry": [{**retrier, "MaxAttempts": 400}]}
    definition = {"StartAt": "T", "States": {"T": {**task, "End": True}}}
    mocks = {"T": {"0-400": {"Throw": {"Error": "Busy", "Cause": "still busy"}}}}
    execution = _run(definition, {}, mocks)
    assert (execution.status, execution.error) == ("FAILED", "Busy")
