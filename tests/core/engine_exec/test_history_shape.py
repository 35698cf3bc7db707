"""History events have GetExecutionHistory's shape and the event types AWS emits per state."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aslstudio.engine.execution import Execution
from aslstudio.engine.mocks import MockConfig


def _types(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


def _mock(responses: dict[str, Any], mapping: dict[str, str]) -> Any:
    config = {"StateMachines": {"M": {"TestCases": {"C": mapping}}}, "MockedResponses": responses}
    return MockConfig(config).source("M", "C")


def test_event_ids_chain_and_details_keys():
    definition = {
        "StartAt": "P",
        "States": {
            "P": {"Type": "Pass", "Next": "W"},
            "W": {"Type": "Wait", "Seconds": 3, "End": True},
        },
    }
    execution = Execution(definition, {"a": 1})
    execution.run()
    events = execution.history
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))
    assert [e["previousEventId"] for e in events] == list(range(len(events)))
    assert _types(events) == [
        "ExecutionStarted",
        "PassStateEntered",
        "PassStateExited",
        "WaitStateEntered",
        "WaitStateExited",
        "ExecutionSucceeded",
    ]
    assert json.loads(events[0]["executionStartedEventDetails"]["input"]) == {"a": 1}
    assert events[1]["stateEnteredEventDetails"]["name"] == "P"
    assert json.loads(events[2]["stateExitedEventDetails"]["output"]) == {"a": 1}
    assert events[4]["timestamp"] > events[3]["timestamp"]
    assert json.loads(events[-1]["executionSucceededEventDetails"]["output"]) == {"a": 1}


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        (
            "arn:aws:states:::lambda:invoke",
            ["TaskScheduled", "TaskStarted", "TaskSucceeded"],
        ),
        (
            "arn:aws:states:::ecs:runTask.sync",
            ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"],
        ),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:f",
            ["LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded"],
        ),
    ],
)
def test_task_events(resource, expected):
    definition = {
        "StartAt": "T",
        "States": {"T": {"Type": "Task", "Resource": resource, "End": True}},
    }
    execution = Execution(definition, {}, _mock({"R": {"0": {"Return": 1}}}, {"T": "R"}))
    execution.run()
    assert _types(execution.history)[2 : 2 + len(expected)] == expected


def test_task_scheduled_details():
    definition = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {"MessageBody": {"token.$": "$$.Task.Token"}},
                "TimeoutSeconds": 30,
                "End": True,
            }
        },
    }
    execution = Execution(definition, {}, _mock({"R": {"0": {"Return": "ok"}}}, {"T": "R"}))
    execution.run()
    details = execution.history[2]["taskScheduledEventDetails"]
    assert details["resourceType"] == "sqs"
    assert details["resource"] == "sendMessage.waitForTaskToken"
    assert details["timeoutInSeconds"] == 30
    assert len(json.loads(details["parameters"])["MessageBody"]["token"]) == 36


def test_failure_events():
    definition = {
        "StartAt": "T",
        "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True}
        },
    }
    execution = Execution(
        definition, {}, _mock({"R": {"0": {"Throw": {"Error": "E", "Cause": "c"}}}}, {"T": "R"})
    )
    execution.run()
    assert _types(execution.history)[-2:] == ["TaskFailed", "ExecutionFailed"]
    assert execution.history[-1]["executionFailedEventDetails"] == {"error": "E", "cause": "c"}


def test_map_and_parallel_events():
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": True}}},
                "Next": "P",
            },
            "P": {
                "Type": "Parallel",
                "End": True,
                "Branches": [{"StartAt": "Y", "States": {"Y": {"Type": "Pass", "End": True}}}],
            },
        },
    }
    execution = Execution(definition, [7])
    execution.run()
    assert _types(execution.history) == [
        "ExecutionStarted",
        "MapStateEntered",
        "MapStateStarted",
        "MapIterationStarted",
        "PassStateEntered",
        "PassStateExited",
        "MapIterationSucceeded",
        "MapStateSucceeded",
        "MapStateExited",
        "ParallelStateEntered",
        "ParallelStateStarted",
        "PassStateEntered",
        "PassStateExited",
        "ParallelStateSucceeded",
        "ParallelStateExited",
        "ExecutionSucceeded",
    ]
    assert execution.history[2]["mapStateStartedEventDetails"] == {"length": 1}
    assert execution.history[3]["mapIterationStartedEventDetails"] == {"name": "M", "index": 0}


def test_assigned_variables_in_exit_event():
    definition = {
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Assign": {"x": 1}, "End": True}},
    }
    execution = Execution(definition, {})
    execution.run()
    details = execution.history[2]["stateExitedEventDetails"]
    assert details["assignedVariables"] == {"x": "1"}


def test_abort():
    execution = Execution({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}, {})
    execution.step()
    execution.abort()
    assert execution.status == "ABORTED"
    assert execution.history[-1]["type"] == "ExecutionAborted"
    assert execution.step() is None


def test_parallel_branches_overlap_in_virtual_time():
    def branch(name: str, seconds: int) -> dict[str, Any]:
        return {
            "StartAt": name,
            "States": {name: {"Type": "Wait", "Seconds": seconds, "End": True}},
        }

    definition = {
        "StartAt": "P",
        "States": {
            "P": {"Type": "Parallel", "End": True, "Branches": [branch("A", 10), branch("B", 4)]}
        },
    }
    execution = Execution(definition, {})
    execution.run()
    stamps = {e["type"]: e["timestamp"] for e in execution.history}
    assert stamps["ParallelStateSucceeded"] == "2026-01-01T00:00:10.000Z"
    exits = [e["timestamp"] for e in execution.history if e["type"] == "WaitStateExited"]
    assert exits == ["2026-01-01T00:00:10.000Z", "2026-01-01T00:00:04.000Z"]


def test_distributed_map_logs_a_map_run_not_iterations():
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "Label": "Batch",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "X",
                    "States": {"X": {"Type": "Pass", "End": True}},
                },
                "End": True,
            }
        },
    }
    execution = Execution(definition, [1, 2])
    execution.run()
    types = _types(execution.history)
    assert "MapIterationStarted" not in types
    assert types[1:4] == ["MapStateEntered", "MapStateStarted", "MapRunStarted"]
    assert types[-4:-1] == ["MapRunSucceeded", "MapStateSucceeded", "MapStateExited"]
    arn = execution.history[3]["mapRunStartedEventDetails"]["mapRunArn"]
    assert ":mapRun:" in arn
    assert arn.endswith("/Batch-0")
