"""Public accessors for the debugger: the upcoming state's input, ``$$``, interrupting real time."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from aslstudio.engine.execution import Execution, ExecutionOptions

BRANCHES: dict[str, Any] = {
    "StartAt": "Prepare",
    "QueryLanguage": "JSONPath",
    "States": {
        "Prepare": {"Type": "Pass", "Assign": {"limit": 5}, "Next": "Fan"},
        "Fan": {
            "Type": "Parallel",
            "Parameters": {"total.$": "$.total", "items.$": "$.items"},
            "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": True}}},
                {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": True}}},
            ],
            "Next": "Items",
        },
        "Items": {
            "Type": "Map",
            "ItemsPath": "$[0].items",
            "ItemSelector": {"value.$": "$$.Map.Item.Value", "at.$": "$$.Map.Item.Index"},
            "ItemProcessor": {"StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": True}}},
            "End": True,
        },
    },
}

WAITING: dict[str, Any] = {
    "StartAt": "Hold",
    "States": {
        "Hold": {"Type": "Wait", "Seconds": 3600, "Next": "After"},
        "After": {"Type": "Succeed"},
    },
}


def _upcoming_by_state(run: Execution) -> dict[str, list[Any]]:
    """Step to the end, noting the upcoming (state -> [input, variables]) before each entry."""
    seen: dict[str, list[Any]] = {}
    while run.status == "RUNNING":
        ahead = run.upcoming()
        if ahead is not None:
            seen.setdefault(ahead.state, []).append((ahead.input, dict(ahead.variables)))
        run.step()
    return seen


def test_upcoming_is_the_input_each_state_then_receives():
    run = Execution(BRANCHES, {"total": 7, "items": [10, 20]})
    seen = _upcoming_by_state(run)
    entered: dict[str, list[Any]] = {}
    for record in run.records:
        entered.setdefault(record.name, []).append(record.stage("input"))
    for name, values in seen.items():
        assert [value for value, _ in values] == entered[name], name


@pytest.mark.parametrize(
    ("state", "expected_input", "expected_vars"),
    [
        ("Prepare", {"total": 7, "items": [10, 20]}, {}),
        (
            "Left",
            {"total": 7, "items": [10, 20]},
            {"limit": 5},
        ),  # first state of a branch not yet started
        ("Right", {"total": 7, "items": [10, 20]}, {"limit": 5}),
        ("Each", {"value": 10, "at": 0}, {"limit": 5}),  # first state of an iteration
    ],
)
def test_upcoming_first_states_of_branches_and_iterations(state, expected_input, expected_vars):
    run = Execution(BRANCHES, {"total": 7, "items": [10, 20]})
    seen = _upcoming_by_state(run)
    assert seen[state][0] == (expected_input, expected_vars)
    if state == "Each":
        assert seen[state][1] == ({"value": 20, "at": 1}, {"limit": 5})


def test_upcoming_is_none_when_finishing_a_container_or_over():
    run = Execution(BRANCHES, {"total": 1, "items": []})
    kinds = set()
    while run.status == "RUNNING":
        position = run.current
        assert position is not None
        kinds.add((position.entering, run.upcoming() is None))
        run.step()
    assert kinds == {(True, False), (False, True)}
    assert run.upcoming() is None


def test_context_object_names_the_execution_machine_and_state():
    options = ExecutionOptions(name="exec-1", state_machine_name="Orders")
    run = Execution(BRANCHES, {"total": 1, "items": [1]}, options=options)
    bare = run.context_object()
    assert set(bare) == {"Execution", "StateMachine"}
    assert bare["Execution"]["Name"] == "exec-1"
    assert bare["Execution"]["Input"] == {"total": 1, "items": [1]}
    assert bare["StateMachine"]["Name"] == "Orders"
    record = run.step()
    assert record is not None
    seen = run.context_object(record)
    assert seen["State"] == {
        "EnteredTime": record.entered_at,
        "Name": "Prepare",
        "RetryCount": 0,
    }
    seen["Execution"]["Name"] = "changed"
    assert run.context_object()["Execution"]["Name"] == "exec-1"  # a copy


def test_interrupt_cuts_a_real_time_wait_short_and_aborts():
    run = Execution(WAITING, {}, options=ExecutionOptions(real_time=True))
    worker = threading.Thread(target=run.run, daemon=True)
    worker.start()
    while not any(e["type"] == "WaitStateEntered" for e in list(run.history)):
        worker.join(0.01)
    run.interrupt()
    worker.join(30)
    assert not worker.is_alive()
    assert run.status == "ABORTED"
    types = [event["type"] for event in run.history]
    assert types[-2:] == ["WaitStateEntered", "ExecutionAborted"]
    assert "WaitStateExited" not in types
    assert run.step_back()  # back to the pause before the Wait, which can run again
    assert run.status == "RUNNING"
    assert run.current is not None
    assert run.current.state == "Hold"
    assert [e["type"] for e in run.history] == ["ExecutionStarted"]


def test_interrupt_does_nothing_in_virtual_time():
    run = Execution(WAITING, {})
    run.interrupt()
    assert run.run() == "SUCCEEDED"
