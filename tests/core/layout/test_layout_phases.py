"""The layout phases on small known graphs: cycles, ranks, crossings, ordering, coordinates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aslstudio.layout import StateInfo, default_measure, layout_definition, wrap_label
from aslstudio.layout.coords import Extents, assign_x
from aslstudio.layout.layered import ScopeGraph, layout_layers
from aslstudio.layout.ordering import count_crossings, count_layer_crossings, reduce_crossings
from aslstudio.layout.quality import count_crossings as geometric_crossings
from aslstudio.layout.ranking import back_edges, longest_path_ranks, optimal_ranks

NUTRITION = (
    Path(__file__).resolve().parents[3]
    / "examples"
    / "nutrition-validation"
    / "nutrition-validation.asl.json"
)


def _succ(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        out[u].append(v)
    return out


def _pred(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    return _succ(n, [(v, u) for u, v in edges])


@pytest.mark.parametrize(
    ("upper", "lower", "edges", "expected"),
    [
        ([0, 1], [2, 3], [(0, 2), (1, 3)], 0),  # parallel
        ([0, 1], [2, 3], [(0, 3), (1, 2)], 1),  # one X
        ([0, 1], [2, 3], [(0, 2), (0, 3), (1, 2), (1, 3)], 1),  # K2,2
        ([0, 1, 2], [3, 4, 5], [(0, 5), (1, 4), (2, 3)], 3),  # full reversal
        ([0, 1, 2], [3, 4, 5], [(0, 4), (1, 3), (2, 5), (2, 3)], 2),
    ],
)
def test_bjm_counter_matches_brute_force(
    upper: list[int], lower: list[int], edges: list[tuple[int, int]], expected: int
) -> None:
    n = 6
    pos = [0] * n
    for layer in (upper, lower):
        for i, v in enumerate(layer):
            pos[v] = i
    assert count_layer_crossings(upper, lower, _succ(n, edges), pos) == expected
    brute = sum(
        1
        for a, b in edges
        for c, d in edges
        if (pos[a] - pos[c]) * (pos[b] - pos[d]) < 0 and (a, b) < (c, d)
    )
    assert brute == expected


def test_back_edges_follow_asl_order_from_the_start() -> None:
    # 0 -> 1 -> 2 -> 3, 3 -> 1 (polling loop), 2 -> 0 (rerun)
    edges = [(0, 1), (1, 2), (2, 3), (3, 1), (2, 0)]
    assert back_edges(4, edges, [0]) == [False, False, False, True, True]
    # Starting elsewhere reverses other edges: the DFS root decides.
    assert back_edges(4, edges, [3]) == [True, False, True, False, False]


def test_ranks_are_feasible_and_tight_on_the_main_path() -> None:
    # diamond with a long left branch: 0 -> 1 -> 2 -> 3 -> 5 and 0 -> 4 -> 5
    edges = [(0, 1, 1, 1), (1, 2, 1, 1), (2, 3, 1, 1), (3, 5, 1, 1), (0, 4, 1, 1), (4, 5, 1, 1)]
    for ranks in (longest_path_ranks(6, edges), optimal_ranks(6, edges)):
        assert all(ranks[v] - ranks[u] >= m for u, v, _w, m in edges)
        assert [ranks[i] for i in (0, 1, 2, 3, 5)] == [0, 1, 2, 3, 4]


def test_network_simplex_pulls_a_source_down_next_to_its_target() -> None:
    # 0 -> 1 -> 2 -> 3 and a lone source 4 -> 3: longest path leaves 4 at the top
    edges = [(0, 1, 1, 1), (1, 2, 1, 1), (2, 3, 1, 1), (4, 3, 1, 1)]
    assert longest_path_ranks(5, edges)[4] == 0
    ranks = optimal_ranks(5, edges)
    assert ranks[3] - ranks[4] == 1
    total = sum(w * (ranks[v] - ranks[u]) for u, v, w, _m in edges)
    assert total == 4


def test_ordering_removes_avoidable_crossings() -> None:
    # two chains drawn crossed at the start: 0->3->5 and 1->2->4, layers [0,1],[2,3],[4,5]
    edges = [(0, 3), (3, 5), (1, 2), (2, 4)]
    layers = [[0, 1], [2, 3], [4, 5]]
    succ, pred = _succ(6, edges), _pred(6, edges)
    assert count_crossings(layers, succ) == 1
    best, crossings = reduce_crossings(layers, pred, succ)
    assert crossings == 0
    assert count_crossings(best, succ) == 0
    assert sorted(v for layer in best for v in layer) == list(range(6))


def test_coordinates_respect_widths_and_gaps() -> None:
    layers = [[0], [1, 2, 3], [4]]
    edges = [(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 4)]
    widths = [100.0, 80.0, 200.0, 60.0, 100.0]
    ext = Extents([w / 2 for w in widths], [w / 2 for w in widths], [False] * 5)
    xs = assign_x(layers, _pred(5, edges), _succ(5, edges), ext)
    for a, b in ((1, 2), (2, 3)):
        assert xs[b] - xs[a] >= widths[a] / 2 + widths[b] / 2 + ext.node_gap - 1e-9
    assert xs[0] == pytest.approx(xs[2])  # balanced above the middle child
    assert xs[4] == pytest.approx(xs[2])


def test_diamond_is_drawn_without_crossings() -> None:
    graph = ScopeGraph(
        widths=[20, 120, 120, 120, 120, 20],
        heights=[20, 44, 44, 44, 44, 20],
        edges=[(0, 1), (1, 2), (1, 3), (2, 4), (3, 4), (4, 5)],
        weights=[1, 3, 3, 4, 4, 1],
        labels=[(0.0, 0.0)] * 6,
        sink=5,
    )
    lay = layout_layers(graph)
    assert lay.crossings == 0
    assert lay.rank[2] == lay.rank[3]
    assert lay.x[1] == pytest.approx(lay.x[4])


def test_geometric_crossings() -> None:
    cross = [[(0.0, 0.0), (10.0, 10.0)], [(0.0, 10.0), (10.0, 0.0)]]
    touch = [[(0.0, 0.0), (5.0, 5.0)], [(5.0, 5.0), (10.0, 0.0)]]
    shared = [[(0.0, 0.0), (0.0, 10.0)], [(0.0, 0.0), (0.0, 10.0)], [(-5.0, 5.0), (5.0, 5.0)]]
    assert geometric_crossings(cross) == 1
    assert geometric_crossings(touch) == 0
    assert geometric_crossings(shared) == 1  # a shared trunk is one line on the page


def _nutrition() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(NUTRITION.read_text(encoding="utf-8"))
    return data


@pytest.mark.skipif(not NUTRITION.is_file(), reason="the nutrition example is not there")
def test_collapsing_a_container_shrinks_the_picture() -> None:
    definition = _nutrition()
    full = layout_definition(definition)
    big = max(full.containers.values(), key=lambda c: c.width * c.height)
    folded = layout_definition(definition, collapsed=frozenset({big.id}))
    assert folded.width * folded.height < full.width * full.height
    assert folded.containers[big.id].collapsed
    assert folded.containers[big.id].lanes == []
    assert not any(b.parent == big.id for b in folded.states.values())
    assert big.id in folded.states


@pytest.mark.skipif(not NUTRITION.is_file(), reason="the nutrition example is not there")
def test_previous_geometry_keeps_an_unchanged_picture_in_place() -> None:
    definition = _nutrition()
    first = layout_definition(definition)
    again = layout_definition(definition, previous=first)
    for sid, box in first.states.items():
        assert (again.states[sid].x, again.states[sid].y) == pytest.approx((box.x, box.y))


def test_measure_callback_sizes_the_boxes() -> None:
    definition = {
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}},
    }
    seen: list[StateInfo] = []

    def measure(info: StateInfo) -> tuple[float, float]:
        seen.append(info)
        return (300.0, 70.0) if info.name == "A" else (50.0, 30.0)

    geo = layout_definition(definition, measure=measure)
    assert (geo.states["/States/A"].width, geo.states["/States/A"].height) == (300.0, 70.0)
    assert (geo.states["/States/B"].width, geo.states["/States/B"].height) == (50.0, 30.0)
    assert sorted(i.name for i in seen) == ["A", "B"]


@pytest.mark.parametrize(
    ("name", "kind", "width", "height"),
    [
        ("A", "Pass", 120.0, 44.0),
        ("x" * 60, "Task", 260.0, 44.0),
        ("Is it ok?", "Choice", 120.0, 52.0),
    ],
)
def test_default_measure(name: str, kind: str, width: float, height: float) -> None:
    assert default_measure(StateInfo("/States/x", name, kind, {}, "")) == (width, height)


def test_wrap_label_keeps_lines_short() -> None:
    text = "asset.size ≤ 2,000,000,000 and asset.duration_ms ≤ 10,000 and more words here"
    lines = wrap_label(text, 30)
    assert all(len(line) <= 30 for line in lines)
    assert " ".join(lines).replace(" …", "").startswith("asset.size ≤ 2,000,000,000 and")
    assert wrap_label("") == []
