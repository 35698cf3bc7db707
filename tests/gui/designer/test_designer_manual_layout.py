"""Manual positions over the automatic layout (pure geometry): moves, nesting, routes."""

from __future__ import annotations

import itertools

import pytest

from aslstudio.layout.geometry import ContainerBox, EdgePath, Geometry, StateBox
from aslstudio.ui.manual_layout import Rect, arrange, midpoint, route, top_left_for

PAR = "/States/P"
KID = "/States/P/Branches/0/States/K"


def _geometry() -> Geometry:
    states = {
        "/States/A": StateBox("/States/A", "A", "Pass", 100, 20, 120, 40),
        PAR: StateBox(PAR, "P", "Parallel", 60, 100, 200, 40),
        KID: StateBox(KID, "K", "Pass", 100, 160, 120, 40, PAR),
        "/States/Z": StateBox("/States/Z", "Z", "Succeed", 100, 320, 120, 40),
    }
    containers = {PAR: ContainerBox(PAR, "P", "Parallel", 60, 100, 200, 180, 40)}
    containers[PAR].lanes = [(70, 140, 180, 130)]
    edges = [
        EdgePath("#start", "/States/A", "start", "", [(160, 0), (160, 20)]),
        EdgePath("/States/A", PAR, "next", "go", [(160, 60), (160, 100)], label_pos=(170, 80)),
        EdgePath(PAR, KID, "branch", "", [(160, 140), (160, 160)]),
        EdgePath(KID, PAR, "join", "", [(160, 200), (160, 280)]),
        EdgePath(PAR, "/States/Z", "next", "", [(160, 280), (160, 320)]),
    ]
    return Geometry(states=states, containers=containers, edges=edges, width=300, height=400)


def test_no_positions_is_the_same_geometry():
    geo = _geometry()
    assert arrange(geo, {}) is geo
    assert arrange(geo, {"Unknown": (1, 1)}) is geo


def test_a_moved_container_carries_its_children_and_inner_edges():
    geo = _geometry()
    out = arrange(geo, {"P": (400.0, 100.0)})
    assert (out.states[PAR].x, out.containers[PAR].x, out.states[KID].x) == (400, 400, 440)
    assert out.containers[PAR].lanes == [(410, 140, 180, 130)]
    branch = out.edges[2]
    assert branch.points == [(500, 140), (500, 160)]  # shifted, not re-routed
    into = out.edges[1]
    assert [into.points[0], into.points[-1]] == [(160, 60), (500, 100)]  # border to border
    assert into.label_pos == midpoint(into.points)
    assert geo == _geometry()  # the automatic geometry is left alone
    assert out.width >= 400 + 200


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ((10.0, 50.0), (70.0, 150.0)),  # measured from the container's top-left
        ((-500.0, 0.0), (60.0, 140.0)),  # kept inside, below the title
        ((900.0, 900.0), (140.0, 240.0)),
    ],
)
def test_a_state_inside_a_container_is_placed_relative_and_kept_inside(wanted, expected):
    out = arrange(_geometry(), {"K": wanted})
    assert (out.states[KID].x, out.states[KID].y) == expected


def test_the_start_marker_follows_the_first_state():
    out = arrange(_geometry(), {"A": (0.0, 0.0)})
    assert out.edges[0].points == [(60, -20), (60, 0)]


def test_a_duplicated_name_moves_only_its_first_box():
    geo = _geometry()
    geo.states["/States/Z"].name = "A"
    out = arrange(geo, {"A": (0.0, 0.0)})
    assert (out.states["/States/A"].x, out.states["/States/Z"].x) == (0, 100)


def test_stored_position_is_relative_inside_a_container():
    geo = _geometry()
    assert top_left_for(geo, "/States/A", 5.0, 6.0) == (5.0, 6.0)
    assert top_left_for(geo, KID, 75.0, 150.0) == (15.0, 50.0)


@pytest.mark.parametrize(
    ("target", "first", "last"),
    [
        (Rect(0, 200, 100, 40), (50, 40), (50, 200)),  # below, straight down
        (Rect(300, 200, 100, 40), (50, 40), (350, 200)),  # below, with a bend
        (Rect(300, 0, 100, 40), (100, 20), (300, 20)),  # beside, to the right
        (Rect(-300, 10, 100, 40), (0, 20), (-200, 30)),  # beside, to the left
        (Rect(20, -100, 100, 40), (100, 20), (120, -80)),  # above: round the right side
    ],
)
def test_route_runs_from_border_to_border_orthogonally(target, first, last):
    points = route(Rect(0, 0, 100, 40), target)
    assert points[0] == first
    assert points[-1] == last
    for a, b in itertools.pairwise(points):
        assert a[0] == b[0] or a[1] == b[1]  # horizontal or vertical pieces only
