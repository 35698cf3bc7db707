"""Measures of a drawing used by the tests and the benchmark: overlaps, edges through boxes,
container violations and geometric edge crossings (grid-bucketed, so large drawings stay fast)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from aslstudio.layout.geometry import Geometry, Point

Rect = tuple[float, float, float, float]  # x, y, w, h
Segment = tuple[Point, Point]
CELL = 160.0
EPS = 0.5


@dataclass(slots=True)
class Report:
    """Counts of everything that should be zero (or small) in a good drawing."""

    node_overlaps: int = 0
    edges_through_nodes: int = 0
    container_overlaps: int = 0
    swallowed: int = 0  # state boxes inside a container they do not belong to
    crossings: int = 0
    ends_off_border: int = 0


def _cells(rect: Rect) -> Iterator[tuple[int, int]]:
    x, y, w, h = rect
    for cx in range(int(x // CELL), int((x + w) // CELL) + 1):
        for cy in range(int(y // CELL), int((y + h) // CELL) + 1):
            yield cx, cy


def _grid(rects: Sequence[Rect]) -> dict[tuple[int, int], list[int]]:
    grid: dict[tuple[int, int], list[int]] = {}
    for i, rect in enumerate(rects):
        for cell in _cells(rect):
            grid.setdefault(cell, []).append(i)
    return grid


def _candidates(grid: dict[tuple[int, int], list[int]], rect: Rect) -> set[int]:
    found: set[int] = set()
    for cell in _cells(rect):
        found.update(grid.get(cell, ()))
    return found


def rects_overlap(a: Rect, b: Rect) -> bool:
    """Whether two rectangles share interior area (touching borders does not count)."""
    return (
        a[0] + EPS < b[0] + b[2]
        and b[0] + EPS < a[0] + a[2]
        and a[1] + EPS < b[1] + b[3]
        and b[1] + EPS < a[1] + a[3]
    )


def contains(outer: Rect, inner: Rect) -> bool:
    """Whether ``inner`` lies inside ``outer`` (borders included)."""
    return (
        inner[0] >= outer[0] - EPS
        and inner[1] >= outer[1] - EPS
        and inner[0] + inner[2] <= outer[0] + outer[2] + EPS
        and inner[1] + inner[3] <= outer[1] + outer[3] + EPS
    )


def segment_hits_rect(seg: Segment, rect: Rect) -> bool:
    """Whether a segment passes through the interior of a rectangle (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = seg
    x, y, w, h = rect[0] + EPS, rect[1] + EPS, rect[2] - 2 * EPS, rect[3] - 2 * EPS
    if w <= 0 or h <= 0:
        return False
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - x), (dx, x + w - x0), (-dy, y0 - y), (dy, y + h - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    return hi - lo > 1e-9


def _cross(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(s: Segment, t: Segment) -> bool:
    """Whether two segments cross properly (a shared end point or touching does not count).

    The tolerance scales with the segment lengths, so an end point lying on the other segment
    (an edge joining a trunk) is a touch even with rounding in large coordinates."""
    ls = abs(s[1][0] - s[0][0]) + abs(s[1][1] - s[0][1])
    lt = abs(t[1][0] - t[0][0]) + abs(t[1][1] - t[0][1])
    eps = 1e-6 * (ls + 1.0) * (lt + 1.0)
    d1 = _cross(t[0], t[1], s[0])
    d2 = _cross(t[0], t[1], s[1])
    d3 = _cross(s[0], s[1], t[0])
    d4 = _cross(s[0], s[1], t[1])
    return ((d1 > eps and d2 < -eps) or (d1 < -eps and d2 > eps)) and (
        (d3 > eps and d4 < -eps) or (d3 < -eps and d4 > eps)
    )


def _seg_rect(seg: Segment) -> Rect:
    (x0, y0), (x1, y1) = seg
    return (min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))


def _merge_vertical(
    columns: dict[float, list[tuple[float, float, int, float]]],
) -> Iterator[tuple[Segment, int]]:
    """Union of overlapping vertical segments per x; owner -1 when several polylines share it."""
    for spans in columns.values():
        x = spans[0][3]
        spans.sort()
        y0, y1, owner, _x = spans[0]
        for a, b, who, _x in spans[1:]:
            if a <= y1 + 1e-6:
                y1 = max(y1, b)
                owner = owner if who == owner else -1
            else:
                yield ((x, y0), (x, y1)), owner
                y0, y1, owner = a, b, who
        yield ((x, y0), (x, y1)), owner


def _distinct_segments(polylines: Sequence[Sequence[Point]]) -> tuple[list[Segment], list[int]]:
    segments: list[Segment] = []
    owner: list[int] = []
    seen: set[tuple[float, float, float, float]] = set()
    columns: dict[float, list[tuple[float, float, int, float]]] = {}  # key: x to 0.1 px
    for i, line in enumerate(polylines):
        for a, b in itertools.pairwise(line):
            if abs(a[0] - b[0]) < 0.05:
                span = (min(a[1], b[1]), max(a[1], b[1]), i, a[0])
                columns.setdefault(round(a[0], 1), []).append(span)
                continue
            p, q = (a, b) if a <= b else (b, a)
            key = (round(p[0], 1), round(p[1], 1), round(q[0], 1), round(q[1], 1))
            if key not in seen:
                seen.add(key)
                segments.append((a, b))
                owner.append(i)
    for seg, who in _merge_vertical(columns):
        segments.append(seg)
        owner.append(who)
    return segments, owner


def count_crossings(polylines: Sequence[Sequence[Point]]) -> int:
    """Crossings between segments of different polylines; a line drawn by several edges (the
    shared trunk of concentrated edges) is one line on the page and counts once."""
    segments, owner = _distinct_segments(polylines)
    grid = _grid([_seg_rect(s) for s in segments])
    crossings = 0
    for i, seg in enumerate(segments):
        for j in _candidates(grid, _seg_rect(seg)):
            if (
                j > i
                and (owner[j] != owner[i] or owner[i] < 0)
                and segments_cross(seg, segments[j])
            ):
                crossings += 1
    return crossings


def _ancestors(geo: Geometry, sid: str) -> set[str]:
    found: set[str] = set()
    box = geo.states.get(sid)
    parent = box.parent if box is not None else None
    while parent is not None and parent not in found:
        found.add(parent)
        ctr = geo.containers.get(parent)
        parent = ctr.parent if ctr is not None else None
    return found


def _segments(points: Sequence[Point]) -> Iterable[Segment]:
    return itertools.pairwise(points)


def edges_through_boxes(geo: Geometry) -> int:
    """Edge segments that pass through a state box or a foreign container other than their ends."""
    ids = [*geo.states, *(f"ctr:{c}" for c in geo.containers)]
    rects: list[Rect] = [(b.x, b.y, b.width, b.height) for b in geo.states.values()]
    rects += [(c.x, c.y, c.width, c.height) for c in geo.containers.values()]
    grid = _grid(rects)
    hits = 0
    for edge in geo.edges:
        allowed = {edge.source, edge.target}
        allowed |= {f"ctr:{a}" for a in _ancestors(geo, edge.source) | _ancestors(geo, edge.target)}
        allowed |= {f"ctr:{edge.source}", f"ctr:{edge.target}"}
        for seg in _segments(edge.points):
            for k in _candidates(grid, _seg_rect(seg)):
                if ids[k] not in allowed and segment_hits_rect(seg, rects[k]):
                    hits += 1
    return hits


def node_overlaps(geo: Geometry) -> int:
    """Pairs of state boxes that overlap."""
    boxes = list(geo.states.values())
    rects = [(b.x, b.y, b.width, b.height) for b in boxes]
    grid = _grid(rects)
    return sum(
        1
        for i, rect in enumerate(rects)
        for j in _candidates(grid, rect)
        if j > i and rects_overlap(rect, rects[j])
    )


def container_violations(geo: Geometry) -> tuple[int, int]:
    """(containers overlapping without nesting, state boxes inside a container not theirs)."""
    ctrs = list(geo.containers.values())
    rects = [(c.x, c.y, c.width, c.height) for c in ctrs]
    overlaps = 0
    for i, a in enumerate(ctrs):
        for j in range(i + 1, len(ctrs)):
            b = ctrs[j]
            if not rects_overlap(rects[i], rects[j]):
                continue
            if a.id not in _ancestors(geo, b.id) and b.id not in _ancestors(geo, a.id):
                overlaps += 1
    grid = _grid(rects)
    swallowed = 0
    for box in geo.states.values():
        rect = (box.x, box.y, box.width, box.height)
        mine = _ancestors(geo, box.id) | {box.id}
        for k in _candidates(grid, rect):
            if ctrs[k].id not in mine and rects_overlap(rects[k], rect):
                swallowed += 1
    return overlaps, swallowed


def _on_border(point: Point, rect: Rect, tol: float = 1.0) -> bool:
    x, y = point
    rx, ry, rw, rh = rect
    inside_x = rx - tol <= x <= rx + rw + tol
    inside_y = ry - tol <= y <= ry + rh + tol
    on_x = abs(x - rx) <= tol or abs(x - rx - rw) <= tol
    on_y = abs(y - ry) <= tol or abs(y - ry - rh) <= tol
    return (inside_x and on_y) or (inside_y and on_x)


def _end_rect(geo: Geometry, node: str) -> Rect | None:
    ctr = geo.containers.get(node)
    if ctr is not None:
        return (ctr.x, ctr.y, ctr.width, ctr.height)
    box = geo.states.get(node)
    if box is not None:
        return (box.x, box.y, box.width, box.height)
    return geo.markers.get(node)


def ends_off_border(geo: Geometry) -> int:
    """Edge ends that are not on the border of their source/target box (or header/lane edge)."""
    bad = 0
    for edge in geo.edges:
        if not edge.points:
            bad += 1
            continue
        for node, point in ((edge.source, edge.points[0]), (edge.target, edge.points[-1])):
            rect = _end_rect(geo, node)
            header = geo.states.get(node)
            ok = rect is not None and _on_border(point, rect)
            if not ok and header is not None:
                ok = _on_border(point, (header.x, header.y, header.width, header.height))
            bad += 0 if ok else 1
    return bad


def measure(geo: Geometry) -> Report:
    """Every quality count of a geometry."""
    overlaps, swallowed = container_violations(geo)
    return Report(
        node_overlaps=node_overlaps(geo),
        edges_through_nodes=edges_through_boxes(geo),
        container_overlaps=overlaps,
        swallowed=swallowed,
        crossings=count_crossings([e.points for e in geo.edges]),
        ends_off_border=ends_off_border(geo),
    )


def _inside(outer: Rect, inner: Rect) -> bool:
    return contains(outer, inner)


def _nesting_problems(geo: Geometry) -> list[str]:
    problems: list[str] = []
    for box in geo.states.values():
        if box.parent is None:
            continue
        ctr = geo.containers.get(box.parent)
        if ctr is None or not _inside(
            (ctr.x, ctr.y, ctr.width, ctr.height), (box.x, box.y, box.width, box.height)
        ):
            problems.append(f"{box.id} is not inside its container {box.parent}")
    for ctr in geo.containers.values():
        rect = (ctr.x, ctr.y, ctr.width, ctr.height)
        outer = geo.containers.get(ctr.parent) if ctr.parent is not None else None
        if ctr.parent is not None and (
            outer is None or not _inside((outer.x, outer.y, outer.width, outer.height), rect)
        ):
            problems.append(f"container {ctr.id} is not inside {ctr.parent}")
        problems.extend(
            f"a lane of {ctr.id} sticks out" for lane in ctr.lanes if not _inside(rect, lane)
        )
    return problems


def check(geo: Geometry) -> list[str]:
    """Everything wrong with a drawing, in words (empty when every invariant holds)."""
    report = measure(geo)
    problems = [
        f"{count} {what}"
        for count, what in (
            (report.node_overlaps, "overlapping state boxes"),
            (report.edges_through_nodes, "edge segments through boxes"),
            (report.container_overlaps, "overlapping containers"),
            (report.swallowed, "state boxes inside a foreign container"),
            (report.ends_off_border, "edge ends off their box border"),
        )
        if count
    ]
    problems.extend(_nesting_problems(geo))
    everything: Rect = (-EPS, -EPS, geo.width + 2 * EPS, geo.height + 2 * EPS)
    problems.extend(
        f"{b.id} lies outside the picture"
        for b in geo.states.values()
        if not _inside(everything, (b.x, b.y, b.width, b.height))
    )
    problems.extend(
        f"edge {e.source} -> {e.target} has fewer than two points"
        for e in geo.edges
        if len(e.points) < 2
    )
    return problems
