"""One failing and one passing case per semantic rule, run through the rule's own check."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.validate import RULES
from aslstudio.validate.context import RuleContext

FN = "arn:aws:lambda:us-east-1:123456789012:function:work"
DONE = {"Type": "Succeed"}


def machine(states: dict[str, Any], start: str | None = None, **top: Any) -> dict[str, Any]:
    """A definition around ``states`` (StartAt = the first state unless given)."""
    return {**top, "StartAt": start or next(iter(states)), "States": states}


def task(**fields: Any) -> dict[str, Any]:
    """A Lambda Task that ends, with extra fields."""
    return {"Type": "Task", "Resource": FN, "End": True, **fields}


def choice(rules: list[Any], default: str | None = "Done", **fields: Any) -> dict[str, Any]:
    """A machine whose first state is a Choice with ``rules``, plus a Succeed named Done."""
    body: dict[str, Any] = {"Type": "Choice", "Choices": rules, **fields}
    if default:
        body["Default"] = default
    return machine({"Route": body, "Done": DONE})


def pass_with(**fields: Any) -> dict[str, Any]:
    """A one-state machine: a Pass state with ``fields`` that ends."""
    return machine({"A": {"Type": "Pass", "End": True, **fields}})


def jsonata(states: dict[str, Any]) -> dict[str, Any]:
    """A JSONata machine."""
    return machine(states, QueryLanguage="JSONata")


def branch(states: dict[str, Any]) -> dict[str, Any]:
    """A branch / processor object."""
    return {"StartAt": next(iter(states)), "States": states}


LEAVES = {"Type": "Pass", "Next": "Z"}
STAYS = {"Type": "Pass", "End": True}
IS_OK = {"Variable": "$.ok", "BooleanEquals": True, "Next": "Done"}

# code -> (a definition that must produce it, a close definition that must not)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "R201": (
        machine({"A": {"Type": "Pass", "Next": "Bee"}, "B": DONE}),
        machine({"A": {"Type": "Pass", "Next": "B"}, "B": DONE}),
    ),
    "R202": (
        machine(
            {
                "P": {
                    "Type": "Parallel",
                    "Branches": [branch({"X": {"Type": "Pass", "Next": "Z"}})],
                }
                | {"Next": "Z"},
                "Z": DONE,
            }
        ),
        machine(
            {
                "P": {
                    "Type": "Parallel",
                    "Branches": [branch({"X": {"Type": "Pass", "End": True}})],
                }
                | {"Next": "Z"},
                "Z": DONE,
            }
        ),
    ),
    "R203": (
        machine(
            {
                "M": {"Type": "Map", "ItemProcessor": branch({"Z": DONE}), "Next": "Z"},
                "Z": DONE,
            }
        ),
        machine(
            {
                "M": {"Type": "Map", "ItemProcessor": branch({"Y": DONE}), "Next": "Z"},
                "Z": DONE,
            }
        ),
    ),
    "R204": (
        machine({"A": {"Type": "Pass", "Next": "B", "End": True}, "B": DONE}),
        machine({"A": {"Type": "Pass", "Next": "B"}, "B": DONE}),
    ),
    "R205": (
        machine({"A": {"Type": "Wait", "Seconds": 1}}),
        machine({"A": {"Type": "Wait", "Seconds": 1, "End": True}}),
    ),
    "R206": (
        machine({"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}),
        choice([{"Variable": "$.again", "BooleanEquals": True, "Next": "Route"}]),
    ),
    "R207": (
        machine({"A": {"Type": "Pass", "End": True}, "B": DONE}),
        machine({"A": {"Type": "Pass", "Next": "B"}, "B": DONE}),
    ),
    "R208": (
        machine({"N" * 81: {"Type": "Pass", "End": True}}),
        machine({"N" * 80: {"Type": "Pass", "End": True}}),
    ),
    "R301": (choice([IS_OK], default=None), choice([IS_OK])),
    "R302": (choice([{"Variable": "$.ok", "Next": "Done"}]), choice([IS_OK])),
    "R303": (
        choice([{"Variable": "$.n", "NumericEquals": 1, "NumericLessThan": 3, "Next": "Done"}]),
        choice([{"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}]),
    ),
    "R304": (choice([{"Variable": "$.ok", "IsPresent": True}]), choice([IS_OK])),
    "R305": (
        choice([{"Not": {"Variable": "$.ok", "IsNull": True, "Next": "Done"}, "Next": "Done"}]),
        choice([{"Not": {"Variable": "$.ok", "IsNull": True}, "Next": "Done"}]),
    ),
    "R306": (
        choice([{"StringEquals": "x", "Next": "Done"}]),
        choice([{"Variable": "$.s", "StringEquals": "x", "Next": "Done"}]),
    ),
    "R307": (
        choice([{"Variable": "$.n", "NumericEquals": "3", "Next": "Done"}]),
        choice([{"Variable": "$.n", "NumericEquals": "${Three}", "Next": "Done"}]),
    ),
    "R401": (
        machine({"T": task(Retry=[{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["E"]}])}),
        machine({"T": task(Retry=[{"ErrorEquals": ["E"]}, {"ErrorEquals": ["States.ALL"]}])}),
    ),
    "R402": (
        machine({"T": task(Retry=[{"ErrorEquals": ["States.ALL", "E"]}])}),
        machine({"T": task(Retry=[{"ErrorEquals": ["States.ALL"]}])}),
    ),
    "R403": (
        machine({"T": task(Retry=[{"ErrorEquals": []}])}),
        machine({"T": task(Retry=[{"ErrorEquals": ["E"]}])}),
    ),
    "R404": (
        machine({"T": task(Retry=[{"ErrorEquals": ["States.Timeoutt"]}])}),
        machine({"T": task(Retry=[{"ErrorEquals": ["States.Http.StatusCode.429"]}])}),
    ),
    "R501": (pass_with(InputPath="$.a["), pass_with(InputPath="$.a.[0]")),
    "R502": (pass_with(ResultPath="$.a[*]"), pass_with(ResultPath="$.a[0].b")),
    "R503": (pass_with(ResultPath="$$.Execution"), pass_with(ResultPath=None)),
    "R504": (
        pass_with(Parameters={"x.$": "States.Format('a' $.b)"}),
        pass_with(Parameters={"x.$": "States.Format('a {}', $.b)"}),
    ),
    "R505": (
        pass_with(Parameters={"x.$": "States.Concat($.a)"}),
        pass_with(Parameters={"x.$": "States.JsonToString($.a)"}),
    ),
    "R506": (
        pass_with(Parameters={"x.$": "States.MathAdd(1)"}),
        pass_with(Parameters={"x.$": "States.MathAdd(1, 2)"}),
    ),
    "R507": (
        jsonata({"A": {"Type": "Pass", "Output": "{% $x + %}", "End": True}}),
        jsonata({"A": {"Type": "Pass", "Output": "{% $x + 1 %}", "End": True}}),
    ),
    "R508": (pass_with(Parameters={"x.$": 1}), pass_with(Parameters={"x": 1})),
    "R509": (
        jsonata({"A": {"Type": "Pass", "Output": "{% $x", "End": True}}),
        jsonata({"A": {"Type": "Pass", "Output": "{% $x %}", "End": True}}),
    ),
    "R510": (
        pass_with(Parameters={"list": [{"id": 1, "id.$": "$.id"}]}),
        pass_with(Parameters={"list": [{"id": 1, "key.$": "$.id"}], "id.$": "$.id"}),
    ),
    "R511": (
        jsonata({"A": {"Type": "Pass", "Output": {"id": "{% orderId %}"}, "End": True}}),
        jsonata(
            {"A": {"Type": "Pass", "Output": {"id": "{% $states.input.orderId %}"}, "End": True}}
        ),
    ),
    "R512": (
        jsonata({"A": {"Type": "Pass", "Output": "{% $states.errorOutput %}", "End": True}}),
        jsonata(
            {
                "T": task(
                    Catch=[
                        {
                            "ErrorEquals": ["States.ALL"],
                            "Output": "{% $states.errorOutput %}",
                            "Next": "F",
                        }
                    ]
                ),
                "F": {"Type": "Fail"},
            }
        ),
    ),
    "R601": (
        jsonata({"A": {"Type": "Pass", "InputPath": "$.a", "End": True}}),
        jsonata({"A": {"Type": "Pass", "Output": "{% $states.input.a %}", "End": True}}),
    ),
    "R602": (
        jsonata({"A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": True}}),
        machine({"A": {"Type": "Pass", "QueryLanguage": "JSONata", "End": True}}),
    ),
    "R601 nested": (
        machine(
            {
                "M": {
                    "Type": "Map",
                    "QueryLanguage": "JSONata",
                    "ItemProcessor": branch(
                        {"P": {"Type": "Pass", "Output": "{% 1 %}", "End": True}}
                    ),
                    "End": True,
                }
            }
        ),
        machine(
            {
                "M": {
                    "Type": "Map",
                    "QueryLanguage": "JSONata",
                    "ItemProcessor": branch(
                        {
                            "P": {
                                "Type": "Pass",
                                "QueryLanguage": "JSONata",
                                "Output": "{% 1 %}",
                                "End": True,
                            }
                        }
                    ),
                    "End": True,
                }
            }
        ),
    ),
    "R603": (
        machine({"W": {"Type": "Wait", "Seconds": 1, "Timestamp": "2024-01-01T00:00:00Z"}}),
        machine({"W": {"Type": "Wait", "Timestamp": "2024-01-01T00:00:00Z", "End": True}}),
    ),
    "R604": (
        machine({"W": {"Type": "Wait", "Timestamp": "2024-01-01", "End": True}}),
        machine({"W": {"Type": "Wait", "Timestamp": "2024-01-01T00:00:00.5-05:00", "End": True}}),
    ),
    "R605": (
        machine({"T": task(TimeoutSeconds=10, HeartbeatSeconds=20)}),
        machine({"T": task(TimeoutSeconds=20, HeartbeatSeconds=10)}),
    ),
    "R606": (
        machine({"T": task(Retry=[{"ErrorEquals": ["E"], "MaxAttempts": -1}])}),
        machine({"T": task(Retry=[{"ErrorEquals": ["E"], "MaxAttempts": 0, "BackoffRate": 1}])}),
    ),
    "R607": (
        machine({"T": task(Resource="arn:aws:lambda:us-east-1:1234:function:f")}),
        machine({"T": task(Resource="arn:aws-cn:states:::aws-sdk:s3:getObject.waitForTaskToken")}),
    ),
    "R608": (
        machine({"F": {"Type": "Fail", "Cause": "c", "CausePath": "$.c"}}),
        machine({"F": {"Type": "Fail", "Cause": "c", "ErrorPath": "$.e"}}),
    ),
    "R609": (
        machine(
            {
                "M": {
                    "Type": "Map",
                    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
                    "ItemProcessor": branch({"X": STAYS}),
                    "End": True,
                }
            }
        ),
        machine(
            {
                "M": {
                    "Type": "Map",
                    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
                    "ItemProcessor": branch({"X": STAYS})
                    | {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}},
                    "End": True,
                }
            }
        ),
    ),
    "P701": (pass_with(Result="${Thing}"), pass_with(Result="$Thing {x}")),
}


def codes_of(case: str, definition: dict[str, Any]) -> list[str]:
    """The codes that the rule of ``case`` ("R601" or "R601 nested") reports, run on its own."""
    ctx = RuleContext.build(definition)
    return [d.code for d in RULES[case.split()[0]].check(ctx)]


@pytest.mark.parametrize("code", sorted(CASES))
def test_failing_case_is_reported(code: str) -> None:
    found = codes_of(code, CASES[code][0])
    assert found, f"{code} missed its failing case"
    assert set(found) == {code.split()[0]}


@pytest.mark.parametrize("code", sorted(CASES))
def test_passing_case_is_quiet(code: str) -> None:
    assert codes_of(code, CASES[code][1]) == []


def test_every_semantic_rule_has_cases() -> None:
    semantic = {code for code in RULES if not code.startswith("F")}
    assert semantic == {case.split()[0] for case in CASES}


@pytest.mark.parametrize("code", sorted(CASES))
def test_diagnostics_name_the_state_and_a_hint(code: str) -> None:
    diags = list(RULES[code.split()[0]].check(RuleContext.build(CASES[code][0])))
    assert all(d.hint for d in diags)
    assert all(d.pointer.startswith("/") for d in diags)
    if code != "P701":
        assert all(d.state and d.state in d.message for d in diags)
