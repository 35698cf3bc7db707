"""Schema diagnostics: a passing and a failing case per code S101-S107; messages and pointers."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.validate.diagnostics import Severity
from aslstudio.validate.schema import STATE_TYPES, schema_diagnostics

TASK = {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:check"}


def one(state: Any, name: str = "A", **top: Any) -> dict[str, Any]:
    """A machine with a single state called ``name``."""
    return {"StartAt": name, "States": {name: state}, **top}


def task(**fields: Any) -> dict[str, Any]:
    """A terminal Task state with extra fields."""
    return {**TASK, "End": True, **fields}


MINIMAL_STATES: dict[str, dict[str, Any]] = {
    "Task": task(),
    "Pass": {"Type": "Pass", "End": True},
    "Choice": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "A"}]},
    "Wait": {"Type": "Wait", "Seconds": 0, "End": True},
    "Succeed": {"Type": "Succeed"},
    "Fail": {"Type": "Fail"},
    "Parallel": {
        "Type": "Parallel",
        "End": True,
        "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
    },
    "Map": {
        "Type": "Map",
        "End": True,
        "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
    },
}

VALID: dict[str, Any] = {
    "S101-next-with-comment": {
        "Comment": "machine",
        "StartAt": "A",
        "States": {"A": {**TASK, "Comment": "c", "Next": "B"}, "B": {"Type": "Succeed"}},
    },
    "S102-integer-fields": one(task(TimeoutSeconds=10, HeartbeatSeconds=5), TimeoutSeconds=60),
    "S102-integer-backoff": one(
        task(Retry=[{"ErrorEquals": ["States.ALL"], "BackoffRate": 2, "IntervalSeconds": 1}])
    ),
    "S102-float-backoff": one(task(Retry=[{"ErrorEquals": ["States.ALL"], "BackoffRate": 1.5}])),
    "S102-result-and-output-path-null": one(task(ResultPath=None, OutputPath=None, InputPath=None)),
    "S102-parameters-list": one(task(Parameters=[{"a.$": "$.a"}, 1, None])),
    "S102-parameters-string": one(task(Parameters="literal")),
    "S102-parameters-number": one({"Type": "Pass", "Parameters": 3, "End": True}),
    "S102-pass-result-false": one({"Type": "Pass", "Result": False, "End": True}),
    "S103-catch-complete": one(task(Catch=[{"ErrorEquals": ["States.ALL"], "Next": "A"}])),
    "S103-map-legacy-iterator": one(
        {
            "Type": "Map",
            "End": True,
            "Parameters": {"x.$": "$$.Map.Item.Value"},
            "Iterator": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
        }
    ),
    "S105-jitter-full": one(task(Retry=[{"ErrorEquals": ["X"], "JitterStrategy": "FULL"}])),
    "S105-query-language": one({"Type": "Pass", "End": True}, QueryLanguage="JSONata"),
    "S106-boundaries": one(
        task(
            Retry=[
                {"ErrorEquals": ["X"], "IntervalSeconds": 1, "MaxAttempts": 0, "BackoffRate": 1},
                {"ErrorEquals": ["Y"], "MaxAttempts": 99999999, "MaxDelaySeconds": 1},
            ]
        )
    ),
    "S106-map-tolerance-bounds": one(
        MINIMAL_STATES["Map"] | {"ToleratedFailurePercentage": 100, "ToleratedFailureCount": 0}
    ),
    "S107-machine": one({"Type": "Succeed"}),
    "placeholders-for-numbers-and-booleans": one(
        task(
            TimeoutSeconds="${TaskTimeout}",
            HeartbeatSeconds="${Beat}",
            End="${IsEnd}",
            Retry=[{"ErrorEquals": ["X"], "MaxAttempts": "${N}", "BackoffRate": "${Rate}"}],
        ),
        TimeoutSeconds="${Machine.Timeout}",
    ),
    "placeholders-in-map-and-wait": {
        "StartAt": "M",
        "States": {
            "M": MINIMAL_STATES["Map"]
            | {"MaxConcurrency": "${N}", "ToleratedFailurePercentage": "${P}", "End": True},
            "W": {"Type": "Wait", "Seconds": "${Delay}", "End": True},
        },
    },
    "placeholders-in-choice-rules": one(
        {
            "Type": "Choice",
            "Choices": [
                {"Variable": "$.n", "NumericGreaterThan": "${Limit}", "Next": "A"},
                {"Variable": "$.b", "BooleanEquals": "${Flag}", "Next": "A"},
                {"Variable": "$.b", "IsPresent": "${Check}", "Next": "A"},
            ],
        }
    ),
    "placeholder-in-enum-field": one(
        task(Retry=[{"ErrorEquals": ["X"], "JitterStrategy": "${J}"}])
    ),
    "jsonata-expressions-for-numbers": one(
        task(TimeoutSeconds="{% $t %}", Arguments={"a": "{% $states.input %}"}, Output="{% 1 %}"),
        QueryLanguage="JSONata",
    ),
    "jsonata-choice-condition-and-items": {
        "QueryLanguage": "JSONata",
        "StartAt": "C",
        "States": {
            "C": {
                "Type": "Choice",
                "Choices": [{"Condition": "{% $x > 1 %}", "Assign": {"y": 1}, "Next": "M"}],
                "Default": "M",
                "Assign": {"z": 2},
            },
            "M": {
                "Type": "Map",
                "Items": "{% $states.input.list %}",
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
                "End": True,
            },
        },
    },
}
VALID |= {f"S104-{kind.lower()}": one(state) for kind, state in MINIMAL_STATES.items()}


@pytest.mark.parametrize("definition", VALID.values(), ids=list(VALID))
def test_valid_definitions_have_no_schema_errors(definition: Any) -> None:
    assert schema_diagnostics(definition) == []


def test_every_state_type_has_a_minimal_valid_case() -> None:
    assert set(MINIMAL_STATES) == set(STATE_TYPES)


# (id, definition, code, pointer, state, words in the message, words in the hint)
INVALID: list[tuple[str, Any, str, str, str | None, list[str], list[str]]] = [
    ("S101-seconds-on-task", one(task(Seconds=5), name="Check"), "S101",
     "/States/Check/Seconds", "Check", ['"Seconds"', "Task state", '"Check"'], ["Wait"]),
    ("S101-top-level-typo", one(task(), TimeoutSecond=5), "S101", "/TimeoutSecond", None,
     ['"TimeoutSecond"', "state machine"], ['"TimeoutSeconds"']),
    ("S101-retry-field", one(task(Retry=[{"ErrorEquals": ["X"], "Interval": 1}])), "S101",
     "/States/A/Retry/0/Interval", "A", ['"Interval"', "Retry rule"], ["Remove"]),
    ("S101-next-on-choice",
     one({"Type": "Choice", "Next": "A", "Choices": [{"Variable": "$.a", "IsNull": True,
                                                      "Next": "A"}]}),
     "S101", "/States/A/Next", "A", ['"Next"', "Choice state"], ['"Default"']),
    ("S101-nested-branch-state",
     one({"Type": "Parallel", "End": True,
          "Branches": [{"StartAt": "In", "States": {"In": task(Bogus=1)}}]}, name="Out"),
     "S101", "/States/Out/Branches/0/States/In/Bogus", "In", ['"Bogus"', '"In"'], []),
    ("S101-escaped-state-name", one(task(Foo=1), name="a/b~c"), "S101",
     "/States/a~1b~0c/Foo", "a/b~c", ['"a/b~c"'], []),
    ("S101-state-inside-map-processor",
     one({"Type": "Map", "End": True,
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True,
                                                              "Resource": "x"}}}}),
     "S101", "/States/A/ItemProcessor/States/P/Resource", "P", ['"Resource"', "Pass state"],
     ["Task"]),
    ("S102-timeout-text", one(task(TimeoutSeconds="ten")), "S102", "/States/A/TimeoutSeconds",
     "A", ['"TimeoutSeconds"', "whole number of seconds", '"ten"'], ["without quotes"]),
    ("S102-timeout-fraction", one(task(TimeoutSeconds=2.5)), "S102", "/States/A/TimeoutSeconds",
     "A", ["whole number", "2.5"], []),
    ("S102-numeric-equals-text",
     one({"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": "1", "Next": "A"}]}),
     "S102", "/States/A/Choices/0/NumericEquals", "A", ["NumericEquals", "number"], []),
    ("S102-branches-not-list", one({"Type": "Parallel", "End": True, "Branches": {}}), "S102",
     "/States/A/Branches", "A", ['"Branches"', "list"], []),
    ("S102-bad-placeholder", one(task(TimeoutSeconds="${ not one }")), "S102",
     "/States/A/TimeoutSeconds", "A", ["whole number"], []),
    ("S102-end-as-text", one(task(End="true")), "S102", "/States/A/End", "A",
     ['"End"', "true or false"], ["without quotes"]),
    ("S102-state-not-object", one(7), "S102", "/States/A", "A", ['State "A"', "object"], []),
    ("S102-states-not-object", {"StartAt": "A", "States": []}, "S102", "/States", None,
     ['"States"'], []),
    ("S103-no-type", one({"Resource": "x", "End": True}, name="Check"), "S103", "/States/Check",
     "Check", ['State "Check" has no "Type"'], ["Task", "Choice", "Map"]),
    ("S103-task-without-resource", one({"Type": "Task", "End": True}), "S103", "/States/A", "A",
     ["Task state", '"Resource"'], ["ARN"]),
    ("S103-catch-without-next", one(task(Catch=[{"ErrorEquals": ["States.ALL"]}])), "S103",
     "/States/A/Catch/0", "A", ["Catch rule", '"Next"'], []),
    ("S103-map-without-processor", one({"Type": "Map", "End": True}), "S103", "/States/A", "A",
     ['"ItemProcessor"'], []),
    ("S103-no-start-at", {"States": {"A": {"Type": "Succeed"}}}, "S103", "", None,
     ['"StartAt"'], ["first state"]),
    ("S103-empty-choices", one({"Type": "Choice", "Choices": []}), "S103", "/States/A/Choices",
     "A", ['"Choices"', "empty"], ["rule"]),
    ("S103-empty-error-equals", one(task(Retry=[{"ErrorEquals": []}])), "S103",
     "/States/A/Retry/0/ErrorEquals", "A", ["ErrorEquals", "empty"], ["States.ALL"]),
    ("S103-empty-states", {"StartAt": "A", "States": {}}, "S103", "/States", None,
     ['"States"', "empty"], ["state"]),
    ("S104-typo", one({"Type": "Taks", "End": True}), "S104", "/States/A/Type", "A",
     ['"Taks"', 'State "A"'], ['"Task"', "Parallel"]),
    ("S104-not-text", one({"Type": 5}), "S104", "/States/A/Type", "A", ["Type", "5"], ["Task"]),
    ("S105-jitter", one(task(Retry=[{"ErrorEquals": ["X"], "JitterStrategy": "HALF"}])), "S105",
     "/States/A/Retry/0/JitterStrategy", "A", ["FULL", "NONE", '"HALF"'], []),
    ("S105-query-language-case", one({"Type": "Succeed"}, QueryLanguage="jsonata"), "S105",
     "/QueryLanguage", None, ["JSONPath", "JSONata"], ['"JSONata"']),
    ("S105-processor-mode",
     one({"Type": "Map", "End": True,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "FAST"}, "StartAt": "B",
                            "States": {"B": {"Type": "Succeed"}}}}),
     "S105", "/States/A/ItemProcessor/ProcessorConfig/Mode", "A", ["INLINE", "DISTRIBUTED"], []),
    ("S105-reader-input-type",
     one(MINIMAL_STATES["Map"] | {"ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                                 "ReaderConfig": {"InputType": "XML"}}}),
     "S105", "/States/A/ItemReader/ReaderConfig/InputType", "A", ["CSV", "PARQUET"], []),
    ("S106-interval-zero", one(task(Retry=[{"ErrorEquals": ["X"], "IntervalSeconds": 0}])), "S106",
     "/States/A/Retry/0/IntervalSeconds", "A", ["at least 1", "got 0"], []),
    ("S106-backoff-below-one", one(task(Retry=[{"ErrorEquals": ["X"], "BackoffRate": 0.5}])),
     "S106", "/States/A/Retry/0/BackoffRate", "A", ["at least 1", "0.5"], []),
    ("S106-max-attempts-negative", one(task(Retry=[{"ErrorEquals": ["X"], "MaxAttempts": -1}])),
     "S106", "/States/A/Retry/0/MaxAttempts", "A", ["at least 0"], []),
    ("S106-tolerance-over-100", one(MINIMAL_STATES["Map"] | {"ToleratedFailurePercentage": 101}),
     "S106", "/States/A/ToleratedFailurePercentage", "A", ["at most 100", "101"], []),
    ("S106-negative-wait", one({"Type": "Wait", "Seconds": -1, "End": True}), "S106",
     "/States/A/Seconds", "A", ["at least 0"], []),
    ("S107-list", [], "S107", "", None, ["not a list"], ['"StartAt"']),
    ("S107-text", "hello", "S107", "", None, ["not text"], []),
    ("S107-null", None, "S107", "", None, ["not null"], []),
    ("S107-number", 3, "S107", "", None, ["not a number"], []),
    ("S107-single-state", {"Type": "Task", "Resource": "x"}, "S107", "", None,
     ['"StartAt"', '"States"'], ["single state"]),
    ("S107-cloudformation", {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}, "S107",
     "", None, ["not a state machine"], ["CloudFormation"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("definition", "code", "pointer", "state", "message_words", "hint_words"),
    [case[1:] for case in INVALID],
    ids=[case[0] for case in INVALID],
)
def test_invalid_definition_gives_one_precise_diagnostic(
    definition: Any,
    code: str,
    pointer: str,
    state: str | None,
    message_words: list[str],
    hint_words: list[str],
) -> None:
    found = schema_diagnostics(definition)
    assert [(d.code, d.pointer, d.state) for d in found] == [(code, pointer, state)]
    diag = found[0]
    assert diag.severity is Severity.ERROR
    for word in message_words:
        assert word in diag.message
    for word in hint_words:
        assert word in diag.hint
    assert (diag.file, diag.line, diag.col) == ("", 0, 0)


def test_every_code_has_a_failing_and_a_passing_case() -> None:
    codes = {f"S10{i}" for i in range(1, 8)}
    assert {case[2] for case in INVALID} == codes
    assert {name[:4] for name in VALID if name.startswith("S1")} == codes


def test_each_unknown_field_is_reported_once_with_its_state() -> None:
    found = schema_diagnostics(one(task(Seconds=1, Timestamp="x", Foo=2), name="Pay"))
    assert sorted(d.pointer for d in found) == [
        "/States/Pay/Foo",
        "/States/Pay/Seconds",
        "/States/Pay/Timestamp",
    ]
    assert {d.code for d in found} == {"S101"}
    assert all('State "Pay"' in d.message and d.state == "Pay" for d in found)


def test_unknown_type_hides_field_errors_of_that_state() -> None:
    found = schema_diagnostics(one({"Type": "Lambda", "Resource": "x", "Seconds": "many"}))
    assert [d.code for d in found] == ["S104"]


def test_problems_in_several_states_are_all_reported() -> None:
    definition = {
        "StartAt": "A",
        "States": {"A": task(Seconds=1), "B": {"Type": "Wait", "Seconds": -5, "End": True}},
    }
    found = schema_diagnostics(definition)
    assert sorted((d.code, d.state) for d in found) == [("S101", "A"), ("S106", "B")]


def test_states_key_inside_parameters_is_not_taken_for_a_state() -> None:
    definition = one(task(Parameters={"States": {"X": 1}}, Retry=[{"ErrorEquals": ["X"], "Q": 1}]))
    found = schema_diagnostics(definition)
    assert [(d.code, d.state) for d in found] == [("S101", "A")]
