"""Edge routes through a layered drawing: ports on node borders, polylines, label boxes, loops."""

from __future__ import annotations

from dataclasses import dataclass

from aslstudio.layout.geometry import Point
from aslstudio.layout.layered import LABEL_PAD, Layered

PORT_SPACING = 14.0  # distance between edge ends sharing one side of a node
SELF_LOOP_OUT = 22.0  # how far a self-loop reaches out to the right of its node


@dataclass(slots=True)
class Route:
    """One edge's polyline and its label box (x, y, w, h), in the scope's frame."""

    points: list[Point]
    label_box: tuple[float, float, float, float] | None
    back: bool


def _spread(center: float, width: float, count: int) -> list[float]:
    if count == 1:
        return [center]
    step = min(PORT_SPACING, max(width - 16.0, 0.0) / (count - 1))
    start = center - step * (count - 1) / 2
    return [start + i * step for i in range(count)]


def _ports(lay: Layered, n_real: int) -> tuple[dict[int, float], dict[int, float]]:
    """x of each chain's first point (source bottom) and last point (target top)."""
    bottom: dict[int, list[tuple[float, int]]] = {}
    top: dict[int, list[tuple[float, int]]] = {}
    for e, chain in enumerate(lay.chains):
        if not chain:
            continue
        bottom.setdefault(chain[0], []).append((lay.x[chain[1]], e))
        top.setdefault(chain[-1], []).append((lay.x[chain[-2]], e))
    starts: dict[int, float] = {}
    ends: dict[int, float] = {}
    for side, result in ((bottom, starts), (top, ends)):
        for v, items in side.items():
            items.sort()
            width = lay.left[v] + lay.right[v] if v < n_real else 0.0
            center = lay.x[v]
            for x, (_nx, e) in zip(_spread(center, width, len(items)), items, strict=True):
                result[e] = x
    return starts, ends


def _simplify(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if abs((x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0)) < 1e-6:
                out[-1] = p
                continue
        out.append(p)
    return out


def _chain_points(lay: Layered, chain: list[int], x0: float, x1: float) -> list[Point]:
    a, b = chain[0], chain[-1]
    ra = lay.rank[a]
    points: list[Point] = [(x0, lay.top(a) + lay.height[a])]
    points.append((x0, lay.row_top[ra] + lay.row_height[ra]))
    for d in chain[1:-1]:
        r = lay.rank[d]
        points.append((lay.x[d], lay.row_top[r]))
        points.append((lay.x[d], lay.row_top[r] + lay.row_height[r]))
    points.append((x1, lay.top(b)))
    return points


def _label_box(lay: Layered, d: int, lw: float, lh: float) -> tuple[float, float, float, float]:
    r = lay.rank[d]
    y = lay.row_top[r] + (lay.row_height[r] - lh) / 2
    return (lay.x[d] + LABEL_PAD, y, lw, lh)


def _self_loop(
    lay: Layered, v: int, width: float, label: tuple[float, float]
) -> tuple[list[Point], tuple[float, float, float, float] | None]:
    x = lay.x[v] + width / 2
    y = lay.top(v)
    h = lay.height[v]
    out = x + SELF_LOOP_OUT
    points = [(x, y + h * 0.3), (out, y + h * 0.3), (out, y + h * 0.7), (x, y + h * 0.7)]
    box = None
    if label[0] > 0:
        box = (out + LABEL_PAD, y + (h - label[1]) / 2, label[0], label[1])
    return points, box


def route_edges(
    lay: Layered,
    widths: list[float],
    edges: list[tuple[int, int]],
    labels: list[tuple[float, float]],
) -> list[Route]:
    """A polyline per edge: down through its dummies, or back up beside the nodes for loops."""
    n_real = len(widths)
    starts, ends = _ports(lay, n_real)
    routes: list[Route] = []
    for e, chain in enumerate(lay.chains):
        if not chain:
            v = edges[e][0]
            points, box = _self_loop(lay, v, widths[v], labels[e])
            routes.append(Route(points, box, True))
            continue
        points = _simplify(_chain_points(lay, chain, starts[e], ends[e]))
        if lay.reversed[e]:
            points.reverse()
        box = None
        d = lay.label_node[e]
        if d >= 0:
            box = _label_box(lay, d, *labels[e])
        routes.append(Route(points, box, lay.reversed[e]))
    return routes
