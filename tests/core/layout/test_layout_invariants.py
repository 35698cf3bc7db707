"""Layout invariants on every example, on generated machines and on malformed definitions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from aslstudio.asl.scopes import iter_states
from aslstudio.layout import Geometry, layout_definition
from aslstudio.layout.quality import check, rects_overlap, segment_hits_rect

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*/*.asl.json"))


def assert_invariants(definition: Mapping[str, Any], geo: Geometry) -> None:
    """No overlaps, containment, edges on borders and beside boxes; only real states drawn."""
    assert check(geo) == []
    assert set(geo.states) <= {ref.pointer for ref in iter_states(definition)}
    for edge in geo.edges:
        if edge.label_box is not None:
            x, y, w, h = edge.label_box
            assert edge.label_pos == pytest.approx((x + w / 2, y + h / 2))


def comparable(geo: Geometry) -> dict[str, Any]:
    """The JSON form without timings, for determinism checks."""
    data = geo.to_json()
    data.pop("timings")
    return data


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_keep_invariants(path: Path) -> None:
    definition = json.loads(path.read_text(encoding="utf-8"))
    geo = layout_definition(definition)
    assert_invariants(definition, geo)
    assert set(geo.states) == {ref.pointer for ref in iter_states(definition)}
    assert geo.timings["layout_ms"] >= 0


@pytest.mark.parametrize(("size", "seed"), [(40, 1), (120, 2), (250, 3)])
def test_generated_machines_keep_invariants(gen: Any, size: int, seed: int) -> None:
    definition = gen.generate(size, seed)
    geo = layout_definition(definition)
    assert_invariants(definition, geo)
    assert len(geo.states) == len(list(iter_states(definition)))
    containers = [r for r in iter_states(definition) if r.type in ("Parallel", "Map")]
    assert set(geo.containers) == {r.pointer for r in containers}


def test_same_input_gives_the_same_picture(gen: Any) -> None:
    definition = gen.generate(150, 7)
    assert comparable(layout_definition(definition)) == comparable(layout_definition(definition))


def _state(kind: str, **fields: Any) -> dict[str, Any]:
    return {"Type": kind, **fields}


MALFORMED: dict[str, Any] = {
    "states not an object": {"StartAt": "A", "States": []},
    "no StartAt": {"States": {"A": _state("Pass", End=True)}},
    "dangling Next": {"StartAt": "A", "States": {"A": _state("Pass", Next="Nowhere")}},
    "state not an object": {"StartAt": "A", "States": {"A": 3, "B": _state("Succeed")}},
    "branches not a list": {
        "StartAt": "P",
        "States": {"P": _state("Parallel", Branches={"x": 1}, End=True)},
    },
    "empty branch": {
        "StartAt": "P",
        "States": {
            "P": _state("Parallel", Branches=[{}, {"StartAt": "Z", "States": {}}], End=True)
        },
    },
    "self loop with catch": {
        "StartAt": "A",
        "States": {
            "A": _state(
                "Task",
                Resource="arn:aws:states:::lambda:invoke",
                Next="A",
                Catch=[{"ErrorEquals": ["States.ALL"], "Next": "A"}],
            )
        },
    },
    "unreachable states": {
        "StartAt": "A",
        "States": {
            "A": _state("Succeed"),
            "B": _state("Pass", Next="C"),
            "C": _state("Pass", Next="B"),
        },
    },
    "choice to itself and back": {
        "StartAt": "C",
        "States": {
            "C": _state(
                "Choice",
                Choices=[
                    {"Variable": "$.a", "BooleanEquals": True, "Next": "C"},
                    {"Variable": "$.b", "BooleanEquals": True, "Next": "D"},
                ],
                Default="D",
            ),
            "D": _state("Pass", Next="C"),
        },
    },
    "junk types": {"StartAt": 5, "States": {"A": {"Type": 7, "Next": ["x"]}}},
}


@pytest.mark.parametrize("definition", MALFORMED.values(), ids=list(MALFORMED))
def test_malformed_definitions_still_lay_out(definition: dict[str, Any]) -> None:
    geo = layout_definition(definition)
    assert_invariants(definition, geo)


def test_not_a_mapping_gives_an_empty_picture() -> None:
    geo = layout_definition([1, 2])  # type: ignore[arg-type]
    assert geo.states == {}
    assert geo.edges == []


def test_deep_nesting_does_not_recurse() -> None:
    inner: dict[str, Any] = {"StartAt": "Leaf", "States": {"Leaf": _state("Succeed")}}
    for depth in range(300):
        inner = {
            "StartAt": f"P{depth}",
            "States": {f"P{depth}": _state("Parallel", Branches=[inner], End=True)},
        }
    geo = layout_definition(inner)
    assert len(geo.containers) == 300
    assert geo.states


def test_loop_edges_go_back_up_beside_the_nodes() -> None:
    definition = {
        "StartAt": "Start",
        "States": {
            "Start": _state("Task", Resource="arn:aws:states:::lambda:invoke", Next="Wait"),
            "Wait": _state("Wait", Seconds=5, Next="Check"),
            "Check": _state("Task", Resource="arn:aws:states:::lambda:invoke", Next="Done?"),
            "Done?": _state(
                "Choice",
                Choices=[{"Variable": "$.done", "BooleanEquals": True, "Next": "Finish"}],
                Default="Wait",
            ),
            "Finish": _state("Succeed"),
        },
    }
    geo = layout_definition(definition)
    back = [e for e in geo.edges if e.back]
    assert [(e.source, e.target) for e in back] == [("/States/Done?", "/States/Wait")]
    edge = back[0]
    assert edge.points[0][1] > edge.points[-1][1]  # drawn upwards
    check = geo.states["/States/Check"]
    rect = (check.x, check.y, check.width, check.height)
    for a, b in zip(edge.points, edge.points[1:], strict=False):
        assert not segment_hits_rect((a, b), rect)
    main = [geo.states[f"/States/{n}"] for n in ("Start", "Wait", "Check", "Done?")]
    centres = {round(b.x + b.width / 2) for b in main}
    assert len(centres) == 1  # the main path is one straight column


def test_labels_are_kept_apart_from_boxes_and_each_other(gen: Any) -> None:
    definition = gen.generate(120, 5)
    geo = layout_definition(definition)
    boxes = [(b.x, b.y, b.width, b.height) for b in geo.states.values()]
    labels = [e.label_box for e in geo.edges if e.label_box is not None]
    assert labels
    seen = set()
    for i, a in enumerate(labels):
        assert not any(rects_overlap(a, b) for b in boxes)
        for j in range(i + 1, len(labels)):
            if labels[j] != a:
                assert not rects_overlap(a, labels[j])
        seen.add(a)
    for edge in geo.edges:
        if edge.kind in ("choice", "default", "catch"):
            assert edge.label
            assert edge.label_box is not None


@pytest.mark.parametrize(("size", "seed"), [(120, 11), (300, 4)])
def test_drawn_crossings_are_the_counted_ones(gen: Any, size: int, seed: int) -> None:
    from aslstudio.layout.quality import measure

    geo = layout_definition(gen.generate(size, seed))
    assert measure(geo).crossings == geo.crossings
    assert geo.crossings < len(geo.edges) // 4  # far from the thousands a naive pass gives


def test_catch_edges_leave_to_the_right_of_the_main_path(gen: Any) -> None:
    geo = layout_definition(gen.generate(250, 3))
    sides = []
    for edge in geo.edges:
        if edge.kind == "catch" and not edge.back:
            source = geo.states[edge.source]
            sides.append(edge.points[1][0] >= source.x + source.width / 2)
    assert len(sides) > 50
    assert sum(sides) >= 0.85 * len(sides)
