"""Fixtures for the diagram tests: a small definition and a hand-made geometry for it."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.layout.geometry import ContainerBox, EdgePath, Geometry, StateBox

SMALL: dict[str, Any] = {
    "Comment": "A small machine for the diagram tests",
    "StartAt": "LoadRecord",
    "States": {
        "LoadRecord": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {
                "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:load-record"
            },
            "Retry": [
                {
                    "ErrorEquals": ["States.ALL"],
                    "MaxAttempts": 720,
                    "IntervalSeconds": 5,
                    "BackoffRate": 1,
                }
            ],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Broken"}],
            "Comment": "Reads the nutrition record",
            "Next": "IsValid",
        },
        "IsValid": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.valid", "BooleanEquals": True, "Next": "Checks"}],
            "Default": "Broken",
        },
        "Checks": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "CheckSugar", "States": {"CheckSugar": {"Type": "Pass", "End": True}}},
                {
                    "StartAt": "Pause",
                    "States": {"Pause": {"Type": "Wait", "Seconds": 90, "End": True}},
                },
            ],
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
        "Broken": {"Type": "Fail", "Error": "Invalid", "Cause": "bad record"},
    },
}

NAMES = ["LoadRecord", "IsValid", "Checks", "CheckSugar", "Pause", "Done", "Broken"]


def _box(name: str, kind: str, x: float, y: float, parent: str | None = None) -> StateBox:
    pointer = f"/States/{name}" if parent is None else name
    return StateBox(pointer, name, kind, x, y, 180, 60, parent)


def small_geometry(collapsed: bool = False) -> Geometry:
    """A geometry for SMALL drawn by hand (the shape H4's layout produces)."""
    p_id = "/States/Checks"
    a_id = "/States/Checks/Branches/0/States/CheckSugar"
    b_id = "/States/Checks/Branches/1/States/Pause"
    states = {
        "/States/LoadRecord": _box("LoadRecord", "Task", 100, 40),
        "/States/IsValid": _box("IsValid", "Choice", 100, 160),
        "/States/Done": _box("Done", "Succeed", 100, 560 if not collapsed else 380),
        "/States/Broken": _box("Broken", "Fail", 420, 380),
    }
    containers: dict[str, ContainerBox] = {}
    edges = [
        EdgePath("/States/LoadRecord", "/States/IsValid", "next", "", [(190, 100), (190, 160)]),
        EdgePath(
            "/States/IsValid",
            p_id,
            "choice",
            "valid is true",
            [(190, 220), (190, 280)],
            label_pos=(250, 250),
        ),
        EdgePath(
            "/States/IsValid",
            "/States/Broken",
            "default",
            "otherwise",
            [(280, 190), (510, 190), (510, 380)],
            label_pos=(400, 190),
        ),
        EdgePath(
            "/States/LoadRecord",
            "/States/Broken",
            "catch",
            "on any error",
            [(280, 70), (560, 70), (560, 380)],
            label_pos=(560, 120),
        ),
    ]
    if collapsed:
        states[p_id] = StateBox(p_id, "Checks", "Parallel", 60, 280, 260, 60)
        edges.append(EdgePath(p_id, "/States/Done", "next", "", [(190, 340), (190, 380)]))
    else:
        states[p_id] = StateBox(p_id, "Checks", "Parallel", 20, 280, 420, 44)
        states[a_id] = StateBox(a_id, "CheckSugar", "Pass", 30, 340, 180, 60, p_id)
        states[b_id] = StateBox(b_id, "Pause", "Wait", 240, 340, 180, 60, p_id)
        containers[p_id] = ContainerBox(
            p_id,
            "Checks",
            "Parallel",
            20,
            280,
            400,
            240,
            44,
            lanes=[(25, 330, 195, 180), (230, 330, 195, 180)],
        )
        edges.append(EdgePath(p_id, "/States/Done", "next", "", [(190, 520), (190, 560)]))
    return Geometry(states=states, containers=containers, edges=edges, width=600, height=640)


@pytest.fixture
def small_definition() -> dict[str, Any]:
    """The small definition (a fresh copy per test)."""
    import copy

    return copy.deepcopy(SMALL)


def load_generator() -> Any:
    """benchmarks/gen_machines.py loaded by path (benchmarks/ is not a package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "gen_machines.py"
    spec = importlib.util.spec_from_file_location("gen_machines_for_gui_tests", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def machine_file(tmp_path: Any) -> Any:
    """The 94-state nutrition example when present, else a generated 94-state machine."""
    import json
    from pathlib import Path

    example = (
        Path(__file__).resolve().parents[2]
        / "examples/nutrition-validation/nutrition-validation.asl.json"
    )
    if example.is_file():
        return example
    path = tmp_path / "generated94.asl.json"
    path.write_text(json.dumps(load_generator().generate(94, seed=3)), encoding="utf-8")
    return path


class SmallMachine:
    """The small machine and its hand-made geometry, as test data."""

    definition = SMALL
    names = NAMES

    @staticmethod
    def geometry(collapsed: bool = False) -> Geometry:
        """A fresh geometry (collapsed: the Parallel drawn as one box)."""
        return small_geometry(collapsed)


@pytest.fixture
def small() -> type[SmallMachine]:
    """The small machine for scene tests."""
    return SmallMachine
