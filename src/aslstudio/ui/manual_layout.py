"""Manual positions applied on top of the automatic layout (pure geometry, no Qt).

A state with a manual position is drawn there; the states inside a Parallel/Map move with it.
Edges between two states that moved together are shifted; an edge whose ends moved apart is
re-routed simply, from border to border as an orthogonal polyline.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
from dataclasses import dataclass

from aslstudio.asl.positions import Positions
from aslstudio.layout.geometry import EdgePath, Geometry, Point

GAP = 12.0  # how far apart two boxes must be to route straight between them
LOOP_OUT = 28.0  # how far a loop-back edge reaches out to the right
MARGIN = 24.0


@dataclass(frozen=True, slots=True)
class Rect:
    """A box in scene coordinates (x, y = top-left)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        """Horizontal centre."""
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        """Right border."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Bottom border."""
        return self.y + self.h


def route(source: Rect, target: Rect) -> list[Point]:
    """An orthogonal polyline from ``source``'s border to ``target``'s border."""
    if target.y >= source.bottom + GAP:  # below: leave at the bottom, enter at the top
        y0, y1 = source.bottom, target.y
        if abs(source.cx - target.cx) < 1:
            return [(source.cx, y0), (source.cx, y1)]
        mid = (y0 + y1) / 2
        return [(source.cx, y0), (source.cx, mid), (target.cx, mid), (target.cx, y1)]
    if target.x >= source.right + GAP or target.right + GAP <= source.x:  # beside
        rightwards = target.x >= source.right
        x0 = source.right if rightwards else source.x
        x1 = target.x if rightwards else target.right
        if abs(source.cy - target.cy) < 1:
            return [(x0, source.cy), (x1, source.cy)]
        mid = (x0 + x1) / 2
        return [(x0, source.cy), (mid, source.cy), (mid, target.cy), (x1, target.cy)]
    out = max(source.right, target.right) + LOOP_OUT  # above or overlapping: round the right
    return [
        (source.right, source.cy),
        (out, source.cy),
        (out, target.cy),
        (target.right, target.cy),
    ]


def midpoint(points: list[Point]) -> Point:
    """The point halfway along a polyline (where its label goes)."""
    pairs = list(itertools.pairwise(points))
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in pairs]
    half = sum(lengths) / 2
    for (a, b), length in zip(pairs, lengths, strict=True):
        if half <= length and length > 0:
            t = half / length
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        half -= length
    return points[-1]


class _Arranger:
    """Works out how far each box moves, then moves boxes and edges of a geometry copy."""

    def __init__(self, geo: Geometry, positions: Positions) -> None:
        self.geo = geo
        self.wanted: dict[str, Point] = {}
        seen: set[str] = set()
        for sid, box in geo.states.items():  # a duplicated name: its first box only
            if box.name in positions and box.name not in seen:
                self.wanted[sid] = positions[box.name]
            seen.add(box.name)
        self.deltas: dict[str, Point] = {}

    def delta(self, sid: str) -> Point:
        """How far the box of ``sid`` moves (its container's move when it has none itself)."""
        chain: list[str] = []
        current: str | None = sid
        while current is not None and current not in self.deltas:
            chain.append(current)
            box = self.geo.states.get(current)
            current = box.parent if box is not None else None
        for pointer in reversed(chain):
            self.deltas[pointer] = self._own_delta(pointer)
        return self.deltas.get(sid, (0.0, 0.0))

    def _own_delta(self, sid: str) -> Point:
        box = self.geo.states.get(sid)
        if box is None:
            return (0.0, 0.0)
        inherited = self.deltas.get(box.parent, (0.0, 0.0)) if box.parent else (0.0, 0.0)
        wanted = self.wanted.get(sid)
        if wanted is None:
            return inherited
        if box.parent is None:
            return (wanted[0] - box.x, wanted[1] - box.y)
        frame = self.geo.containers.get(box.parent)
        parent = self.geo.states[box.parent]
        x, y = wanted
        if frame is not None:  # stay inside the container, below its title
            width = self.geo.containers.get(sid, box).width
            height = self.geo.containers.get(sid, box).height
            x = min(max(x, 0.0), max(frame.width - width, 0.0))
            y = min(max(y, frame.header_height), max(frame.height - height, frame.header_height))
        px, py = parent.x + inherited[0], parent.y + inherited[1]
        return (px + x - box.x, py + y - box.y)

    def rect(self, node: str) -> Rect | None:
        """The final box of a state, container or marker."""
        frame = self.geo.containers.get(node)
        box = frame if frame is not None else self.geo.states.get(node)
        if box is not None:
            return Rect(box.x, box.y, box.width, box.height)
        marker = self.geo.markers.get(node)
        return Rect(*marker) if marker is not None else None


def _shift(points: list[Point], d: Point) -> list[Point]:
    return [(x + d[0], y + d[1]) for x, y in points]


def _move_boxes(arr: _Arranger) -> None:
    geo = arr.geo
    deltas = {sid: arr.delta(sid) for sid in geo.states}  # all from the automatic boxes
    for sid, (dx, dy) in deltas.items():
        if dx or dy:
            box = geo.states[sid]
            box.x, box.y = box.x + dx, box.y + dy
            frame = geo.containers.get(sid)
            if frame is not None:
                frame.x, frame.y = frame.x + dx, frame.y + dy
                frame.lanes = [(x + dx, y + dy, w, h) for x, y, w, h in frame.lanes]


def _move_edge(arr: _Arranger, edge: EdgePath) -> None:
    """Shift an edge whose ends moved alike; re-route one whose ends moved apart."""
    inner = edge.kind in ("branch", "join")  # drawn inside the container it names
    source = arr.delta(edge.source)
    target = arr.delta(edge.target)
    if edge.kind == "start":
        source = target  # the start marker follows the first state
    if source == target:
        if source != (0.0, 0.0):
            edge.points = _shift(edge.points, source)
            if edge.label_pos is not None:
                edge.label_pos = (edge.label_pos[0] + source[0], edge.label_pos[1] + source[1])
            if edge.label_box is not None:
                x, y, w, h = edge.label_box
                edge.label_box = (x + source[0], y + source[1], w, h)
        return
    start = _end_rect(arr, edge.source, edge.points[0], source, inner and edge.kind == "branch")
    end = _end_rect(arr, edge.target, edge.points[-1], target, inner and edge.kind == "join")
    if start is None or end is None:
        return
    edge.points = route(start, end)
    edge.label_box = None
    edge.label_pos = midpoint(edge.points) if edge.label else None


def _end_rect(arr: _Arranger, node: str, point: Point, d: Point, at_point: bool) -> Rect | None:
    """Where an edge end attaches: the node's box, or (inside a container) the lane point."""
    if at_point:
        return Rect(point[0] + d[0], point[1] + d[1], 0.0, 0.0)
    return arr.rect(node)


def _resize(geo: Geometry) -> None:
    boxes = [(b.x + b.width, b.y + b.height) for b in geo.states.values()]
    boxes += [(c.x + c.width, c.y + c.height) for c in geo.containers.values()]
    boxes += [(x + w, y + h) for x, y, w, h in geo.markers.values()]
    if boxes:
        geo.width = max(geo.width, max(x for x, _ in boxes) + MARGIN)
        geo.height = max(geo.height, max(y for _, y in boxes) + MARGIN)


def _copy(geometry: Geometry) -> Geometry:
    """A copy whose boxes and edges can be moved (point lists are replaced, never changed)."""
    return dataclasses.replace(
        geometry,
        states={k: copy.copy(v) for k, v in geometry.states.items()},
        containers={k: copy.copy(v) for k, v in geometry.containers.items()},
        edges=[copy.copy(e) for e in geometry.edges],
        timings=dict(geometry.timings),
        markers=dict(geometry.markers),
    )


def arrange(geometry: Geometry, positions: Positions) -> Geometry:
    """A copy of ``geometry`` with the manual ``positions`` applied (unknown names ignored)."""
    if not positions:
        return geometry
    geo = _copy(geometry)
    arr = _Arranger(geo, positions)
    if not arr.wanted:
        return geometry
    _move_boxes(arr)
    for edge in geo.edges:
        if len(edge.points) >= 2:
            _move_edge(arr, edge)
    _resize(geo)
    return geo


def top_left_for(geometry: Geometry, state_id: str, scene_x: float, scene_y: float) -> Point:
    """The position to store for a state dropped with its top-left at a scene point: as is at
    the top level, else measured from its container's top-left (in ``geometry``)."""
    box = geometry.states.get(state_id)
    parent = geometry.states.get(box.parent) if box is not None and box.parent else None
    if parent is None:
        return (scene_x, scene_y)
    return (scene_x - parent.x, scene_y - parent.y)
