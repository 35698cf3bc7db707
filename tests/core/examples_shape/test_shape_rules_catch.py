"""The shape checks used on the examples and the generator do catch broken machines."""

from __future__ import annotations

from importlib import util
from pathlib import Path
from types import ModuleType

import pytest


def _load(name: str, path: Path) -> ModuleType:
    """Import a sibling helper by path (test folders are not packages)."""
    spec = util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shape = _load("examples_shape_rules_catch", Path(__file__).resolve().parent / "shape_rules.py")
OK = {"Type": "Succeed"}

BROKEN = [
    ("dangling Next", {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}, "'B'"),
    ("dangling StartAt", {"StartAt": "X", "States": {"A": OK}}, "StartAt 'X'"),
    (
        "Next leaves its branch",
        {
            "StartAt": "P",
            "States": {
                "P": {
                    "Type": "Parallel",
                    "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Z"}}}],
                    "Next": "Z",
                },
                "Z": OK,
            },
        },
        "P[0]/B: target 'Z'",
    ),
    (
        "duplicate name across scopes",
        {
            "StartAt": "M",
            "States": {
                "M": {
                    "Type": "Map",
                    "ItemProcessor": {"StartAt": "M2", "States": {"M2": {"Type": "Succeed"}}},
                    "Next": "M2",
                },
                "M2": OK,
            },
        },
        "duplicate state name 'M2'",
    ),
    (
        "Next and End",
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A", "End": True}}},
        "exactly one",
    ),
    (
        "unreachable",
        {"StartAt": "A", "States": {"A": OK, "B": OK}},
        "B: unreachable",
    ),
    (
        "loop without an exit",
        {
            "StartAt": "A",
            "States": {
                "A": {"Type": "Wait", "Seconds": 1, "Next": "B"},
                "B": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.x", "IsNull": True, "Next": "A"}],
                    "Default": "A",
                },
            },
        },
        "no path to an end",
    ),
    (
        "dangling Catch",
        {
            "StartAt": "T",
            "States": {
                "T": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sns:publish",
                    "End": True,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Gone"}],
                },
            },
        },
        "'Gone'",
    ),
]


@pytest.mark.parametrize(("label", "definition", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_machine_is_reported(label, definition, expected):
    problems = shape.all_problems(definition)
    assert any(expected in p for p in problems), problems


def test_max_depth_counts_nested_scopes():
    inner = {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": True}}}
    middle = {
        "StartAt": "Mid",
        "States": {"Mid": {"Type": "Parallel", "Branches": [inner], "End": True}},
    }
    top = {
        "StartAt": "Top",
        "States": {"Top": {"Type": "Map", "ItemProcessor": middle, "End": True}},
    }
    assert shape.max_depth(inner) == 0
    assert shape.max_depth(top) == 2
