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


def _spread(center: float, width: float, count: int, main: int) -> list[float]:
    """Port x for ``count`` edge ends on one side; the main one centred when there is room."""
    if count == 1:
        return [center]
    room = max(width - 16.0, 0.0)
    step = min(PORT_SPACING, room / (count - 1))
    if main >= 0 and step * max(main, count - 1 - main) <= room / 2:
        return [center + (i - main) * step for i in range(count)]
    start = center - step * (count - 1) / 2
    return [start + i * step for i in range(count)]


def _side_ports(
    lay: Layered, n_real: int, ends: dict[int, set[int]], below: bool
) -> dict[tuple[int, int], float]:
    ports: dict[tuple[int, int], float] = {}
    for v, others in ends.items():
        items = sorted(others, key=lambda w: (lay.x[w], w))
        weights = [lay.weight.get((v, w) if below else (w, v), 0) for w in items]
        top = max(weights)
        main = weights.index(top) if weights.count(top) == 1 else -1
        width = lay.left[v] + lay.right[v] if v < n_real else 0.0
        for x, w in zip(_spread(lay.x[v], width, len(items), main), items, strict=True):
            ports[(v, w)] = x
    return ports


def _ports(
    lay: Layered, n_real: int
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """x where each (node, neighbour) segment meets the node's bottom, resp. top, border."""
    bottom: dict[int, set[int]] = {}
    top: dict[int, set[int]] = {}
    for chain in lay.chains:
        if chain:
            bottom.setdefault(chain[0], set()).add(chain[1])
            top.setdefault(chain[-1], set()).add(chain[-2])
    return _side_ports(lay, n_real, bottom, True), _side_ports(lay, n_real, top, False)


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
    if lay.left[d] > lay.right[d]:  # the label of a loop edge sits left of its line
        return (lay.x[d] - LABEL_PAD - lw, y, lw, lh)
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
        x0 = starts[(chain[0], chain[1])]
        x1 = ends[(chain[-1], chain[-2])]
        points = _simplify(_chain_points(lay, chain, x0, x1))
        if lay.reversed[e]:
            points.reverse()
        box = None
        d = lay.label_node[e]
        if d >= 0:
            box = _label_box(lay, d, *labels[e])
        routes.append(Route(points, box, lay.reversed[e]))
    return routes
