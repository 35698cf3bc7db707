"""The stepping API: step, step_back (exact restore), breakpoints, run to a state, should_stop."""

from __future__ import annotations

import copy
from typing import Any

from aslstudio.engine.execution import Execution
from aslstudio.engine.mocks import MockConfig

LOOP: dict[str, Any] = {
    "StartAt": "Init",
    "States": {
        "Init": {"Type": "Pass", "Result": {"n": 0}, "Next": "Add"},
        "Add": {
            "Type": "Pass",
            "Parameters": {"n.$": "States.MathAdd($.n, 1)"},
            "Next": "Check",
        },
        "Check": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.n", "NumericLessThan": 3, "Next": "Add"}],
            "Default": "Done",
        },
        "Done": {"Type": "Succeed"},
    },
}

NESTED: dict[str, Any] = {
    "StartAt": "M",
    "States": {
        "M": {
            "Type": "Map",
            "MaxConcurrency": 2,
            "ItemProcessor": {
                "StartAt": "Inner",
                "States": {
                    "Inner": {"Type": "Pass", "Next": "Inner2"},
                    "Inner2": {"Type": "Pass", "End": True},
                },
            },
            "Next": "P",
        },
        "P": {
            "Type": "Parallel",
            "End": True,
            "Branches": [
                {"StartAt": "B0", "States": {"B0": {"Type": "Pass", "Result": 0, "End": True}}},
                {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Result": 1, "End": True}}},
            ],
        },
    },
}


def _snapshot(execution: Execution) -> tuple[Any, ...]:
    return (
        execution.status,
        copy.deepcopy(execution.history),
        [r.to_json() for r in execution.records],
        dict(execution.visits),
        dict(execution.edge_visits),
        execution.current,
    )


def test_step_returns_one_record_per_state_then_none():
    execution = Execution(LOOP, {})
    names = []
    while (record := execution.step()) is not None:
        names.append(record.name)
    assert names == ["Init", "Add", "Check", "Add", "Check", "Add", "Check", "Done"]
    assert execution.status == "SUCCEEDED"
    assert execution.output == {"n": 3}
    assert execution.step() is None


def test_step_back_restores_exactly_at_every_point():
    execution = Execution(NESTED, [1, 2, 3])
    snapshots = [_snapshot(execution)]
    while execution.step() is not None:
        snapshots.append(_snapshot(execution))
    for expected in reversed(snapshots[:-1]):
        assert execution.step_back()
        assert _snapshot(execution) == expected
    assert not execution.step_back()


def test_step_back_does_not_call_tasks_again():
    calls = []

    class Counting:
        def invoke(self, call):
            calls.append(call.state)
            return True, {"ok": len(calls)}

    definition = {
        "StartAt": "T",
        "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": True}
        },
    }
    execution = Execution(definition, {}, Counting())
    execution.run()
    assert execution.step_back()
    execution.run()
    assert calls == ["T"]
    assert execution.output == {"ok": 1}


def test_breakpoint_stops_before_entering_then_continues():
    execution = Execution(LOOP, {})
    status = execution.run(breakpoints=frozenset({"Check"}))
    assert status == "RUNNING"
    assert execution.current is not None
    assert execution.current.state == "Check"
    assert [r.name for r in execution.records] == ["Init", "Add"]
    execution.run(breakpoints=frozenset({"Check"}))
    assert [r.name for r in execution.records][-1] == "Add"
    assert execution.records[-2].name == "Check"
    assert execution.run() == "SUCCEEDED"


def test_run_until_state_and_should_stop():
    execution = Execution(LOOP, {})
    execution.run(until_state="Done")
    assert execution.current is not None
    assert execution.current.state == "Done"
    polls = []

    def stop() -> bool:
        polls.append(1)
        return len(polls) > 2

    runaway = Execution({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}, {})
    assert runaway.run(should_stop=stop) == "RUNNING"
    assert len(runaway.records) == 2


def test_visits_and_edges():
    execution = Execution(LOOP, {})
    execution.run()
    assert execution.visits["/States/Add"] == 3
    assert execution.visits["/States/Check"] == 3
    assert execution.edge_visits[("Check", "Add")] == 2
    assert execution.edge_visits[("Check", "Done")] == 1


def test_navigation_into_map_iterations_and_branches():
    execution = Execution(NESTED, ["a", "b", "c"])
    execution.run()
    iterations = execution.children("M")
    assert [c.position for c in iterations] == [0, 1, 2]
    assert [c.output for c in iterations] == ["a", "b", "c"]
    assert [r.name for r in iterations[1].records] == ["Inner", "Inner2"]
    assert all(c.status == "SUCCEEDED" for c in iterations)
    branches = execution.children("P")
    assert [b.output for b in branches] == [0, 1]
    assert execution.records_in((("M", 2),))[0].stage("input") == "c"


def test_scheduler_round_robin_respects_max_concurrency():
    execution = Execution(NESTED, ["a", "b", "c"])
    execution.run()
    inner = [(r.frame, r.name) for r in execution.records if r.frame and r.frame[0][0] == "M"]
    # two iterations at a time, alternating; the third starts when the first finishes
    assert inner[:4] == [
        ((("M", 0),), "Inner"),
        ((("M", 1),), "Inner"),
        ((("M", 0),), "Inner2"),
        ((("M", 1),), "Inner2"),
    ]
    again = Execution(NESTED, ["a", "b", "c"])
    again.run()
    assert [e["type"] for e in again.history] == [e["type"] for e in execution.history]


def test_current_reports_iteration_coordinates():
    execution = Execution(NESTED, ["a"])
    execution.step()  # enters the Map
    position = execution.current
    assert position is not None
    assert position.frame == (("M", 0),)
    assert position.state == "Inner"


def test_record_stages_and_json():
    definition = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "InputPath": "$.in",
                "Parameters": {"Payload.$": "$"},
                "ResultSelector": {"v.$": "$.Payload"},
                "ResultPath": "$.r",
                "OutputPath": "$.r",
                "Assign": {"seen.$": "$.v"},
                "End": True,
            }
        },
    }
    config = MockConfig(
        {
            "StateMachines": {"M": {"TestCases": {"C": {"T": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": {"Payload": 9}}}},
        }
    )
    execution = Execution(definition, {"in": {"k": 1}}, config.source("M", "C"))
    record = execution.step()
    assert record is not None
    data = record.to_json()
    assert data["input"] == {"in": {"k": 1}}
    assert data["afterInputPath"] == {"k": 1}
    assert data["afterParameters"] == {"Payload": {"k": 1}}
    assert data["result"] == {"Payload": 9}
    assert data["afterResultSelector"] == {"v": 9}
    assert data["afterResultPath"] == {"in": {"k": 1}, "r": {"v": 9}}
    assert data["output"] == {"v": 9}
    assert data["variables"] == {"seen": 9}
    assert data["status"] == "SUCCEEDED"


def test_retry_decision_recorded_with_virtual_delay():
    definition = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 2, "BackoffRate": 3}],
                "End": True,
            }
        },
    }
    config = MockConfig(
        {
            "StateMachines": {"M": {"TestCases": {"C": {"T": "R"}}}},
            "MockedResponses": {
                "R": {"0-1": {"Throw": {"Error": "E", "Cause": "x"}}, "2": {"Return": 1}}
            },
        }
    )
    execution = Execution(definition, {}, config.source("M", "C"))
    record = execution.step()
    assert record is not None
    assert [(r["attempt"], r["delaySeconds"]) for r in record.retries] == [(1, 2.0), (2, 6.0)]
    assert execution.history[-1]["timestamp"] == "2026-01-01T00:00:08.000Z"


def test_jitter_is_seeded():
    definition = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 10, "JitterStrategy": "FULL"}],
                "End": True,
            }
        },
    }

    def delays(seed: int) -> list[float]:
        config = MockConfig(
            {
                "StateMachines": {"M": {"TestCases": {"C": {"T": "R"}}}},
                "MockedResponses": {"R": {"0-3": {"Throw": {"Error": "E", "Cause": ""}}}},
            }
        )
        execution = Execution(definition, {}, config.source("M", "C"), seed=seed)
        execution.run()
        return [r["delaySeconds"] for r in execution.records[0].retries]

    assert delays(1) == delays(1)
    assert delays(1) != delays(2)
    assert all(0 <= d <= 40 for d in delays(3))


def test_state_statuses_for_the_canvas():
    execution = Execution(NESTED, ["a", "b", "c"])
    assert execution.state_statuses()["M"] == "active"
    execution.step()  # Map started
    execution.step()  # iteration 0 ran Inner
    statuses = execution.state_statuses()
    assert statuses["M"] == "active"
    assert statuses["Inner"] == "active"  # iteration 1 is about to enter it
    assert statuses["Inner2"] == "active"  # iteration 0 waits there
    assert statuses["P"] == "idle"
    execution.run()
    assert set(execution.state_statuses().values()) == {"visited"}
    failing = Execution({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}, {})
    failing.run()
    assert failing.state_statuses() == {"F": "failed"}


def test_step_over_runs_a_container_to_its_end():
    execution = Execution(NESTED, ["a", "b"])
    record = execution.step_over()
    assert record is not None
    assert record.name == "M"
    assert record.status == "SUCCEEDED"
    assert record.stage("output") == ["a", "b"]
    assert execution.current is not None
    assert execution.current.state == "P"
    after = execution.step_over()
    assert after is not None
    assert after.name == "P"
    assert execution.status == "SUCCEEDED"
