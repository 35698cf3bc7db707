"""Compound layout: scopes laid out bottom-up, containers sized from their lanes, then placed."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from aslstudio.asl.graph import state_links
from aslstudio.asl.scopes import Scope, StateRef, iter_scopes, iter_states
from aslstudio.layout.cache import LayoutCache
from aslstudio.layout.describe_box import describe_state
from aslstudio.layout.geometry import ContainerBox, EdgePath, Geometry, StateBox
from aslstudio.layout.layered import Layered, ScopeGraph, layout_layers
from aslstudio.layout.measure import (
    LabelMeasure,
    Measure,
    StateInfo,
    default_label_measure,
    default_measure,
)
from aslstudio.layout.routing import SELF_LOOP_OUT, route_edges

MARGIN = 24.0
MARKER = 20.0  # size of the start and end markers of the machine
LANE_GAP = 16.0  # between the lanes of a Parallel
LANE_PAD = 14.0  # inside a lane, left and right of its content
LANE_TOP = 10.0  # below the header, above a lane's content
LANE_BOTTOM = 14.0  # below a lane's content, above the container's bottom border
START_ID = "#start"
END_ID = "#end"
_WEIGHTS = {"next": 4, "choice": 3, "default": 3, "catch": 1}
CONTAINER_TYPES = frozenset({"Parallel", "Map"})


# one lane of an expanded container: (child scope pointer, dx, dy, join y in the child frame)
Place = tuple[str, float, float, float]


@dataclass(slots=True)
class Frame:
    """One scope's drawing in its own coordinates (origin at its top-left); never mutated once
    built, so a :class:`LayoutCache` can hand the same frame to later layouts."""

    width: float = 0.0
    height: float = 0.0
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    edges: list[EdgePath] = field(default_factory=list)
    containers: dict[str, ContainerBox] = field(default_factory=dict)
    # the lanes of this frame's expanded containers, offsets relative to this frame
    children: list[Place] = field(default_factory=list)
    crossings: int = 0


@dataclass(slots=True)
class _Context:
    measure: Measure
    label_measure: LabelMeasure
    collapsed: frozenset[str]
    states: dict[str, StateRef]
    children: dict[str, list[Scope]]  # container pointer -> its scopes in branch order
    frames: dict[str, Frame] = field(default_factory=dict)
    hint: dict[str, float] = field(default_factory=dict)
    cache: LayoutCache | None = None


def _info(ref: StateRef) -> StateInfo:
    return StateInfo(ref.pointer, ref.name, ref.type, ref.body, describe_state(ref.type, ref.body))


def _container(ctx: _Context, ref: StateRef) -> tuple[ContainerBox, list[Place]]:
    """Size an expanded Parallel/Map from its lanes; returns the box and where each lane goes."""
    head_w, head_h = ctx.measure(_info(ref))
    scopes = ctx.children.get(ref.pointer, [])
    frames = [ctx.frames[s.pointer] for s in scopes]
    lane_ws = [max(f.width, 40.0) + 2 * LANE_PAD for f in frames]
    lane_h = max((f.height for f in frames), default=0.0) + LANE_TOP + LANE_BOTTOM
    inner = sum(lane_ws) + LANE_GAP * max(len(lane_ws) - 1, 0)
    width = max(head_w, inner + 2 * LANE_GAP)
    extra = (width - 2 * LANE_GAP - inner) / max(len(lane_ws), 1)
    box = ContainerBox(
        id=ref.pointer,
        name=ref.name,
        type=ref.type,
        x=0.0,
        y=0.0,
        width=width,
        height=head_h + lane_h,
        header_height=head_h,
        parent=ref.parent,
    )
    places: list[Place] = []
    x = LANE_GAP
    for scope, frame, lw in zip(scopes, frames, lane_ws, strict=True):
        lw += extra
        box.lanes.append((x, head_h, lw, lane_h))
        # join edges reach the container's bottom border whatever the lane height
        places.append(
            (scope.pointer, x + (lw - frame.width) / 2, head_h + LANE_TOP, lane_h - LANE_TOP)
        )
        x += lw + LANE_GAP
    return box, places


def _size(ctx: _Context, ref: StateRef) -> tuple[float, float, ContainerBox | None, list[Place]]:
    if ref.type in CONTAINER_TYPES and ref.pointer not in ctx.collapsed:
        box, places = _container(ctx, ref)
        return box.width, box.height, box, places
    w, h = ctx.measure(_info(ref))
    if ref.type in CONTAINER_TYPES:
        box = ContainerBox(ref.pointer, ref.name, ref.type, 0, 0, w, h, h, True, ref.parent)
        return w, h, box, []
    return w, h, None, []


@dataclass(slots=True)
class _ScopeLinks:
    ids: list[str]
    edges: list[tuple[int, int]]
    kinds: list[str]
    labels: list[str]
    indexes: list[int | None]


def _links(scope: Scope, ctx: _Context, ids: list[str], top: bool) -> _ScopeLinks:
    index = {p: i for i, p in enumerate(ids)}
    out = _ScopeLinks(ids, [], [], [], [])
    if scope.start_at is not None and scope.start_at in scope.states:
        out.edges.append((0, index[scope.states[scope.start_at]]))
        out.kinds.append("start" if top else "branch")
        out.labels.append("")
        out.indexes.append(None)
    for pointer in ids[1:-1]:
        ref = ctx.states[pointer]
        for target, link in state_links(ref):
            if isinstance(target, str) and target in scope.states:
                out.edges.append((index[pointer], index[scope.states[target]]))
                out.kinds.append(link["kind"])
                out.labels.append(link["label"])
                out.indexes.append(link["index"])
        if ref.body.get("End") is True or ref.type == "Succeed":
            out.edges.append((index[pointer], len(ids) - 1))
            out.kinds.append("end" if top else "join")
            out.labels.append("")
            out.indexes.append(None)
    return out


def _weights(links: _ScopeLinks) -> list[int]:
    """Edge weights; a Choice branch that can still reach the scope's end (the happy path rather
    than one that ends in a Fail) weighs more, so it continues the straight main column."""
    sink = len(links.ids) - 1
    into: dict[int, list[int]] = {}
    for u, v in links.edges:
        into.setdefault(v, []).append(u)
    ends = {sink}
    stack = [sink]
    while stack:
        for u in into.get(stack.pop(), []):
            if u not in ends:
                ends.add(u)
                stack.append(u)
    weights = []
    for (_u, v), kind in zip(links.edges, links.kinds, strict=True):
        weight = _WEIGHTS.get(kind, 1)
        if kind in ("choice", "default") and v not in ends:
            weight -= 1
        weights.append(weight)
    return weights


def _layout_scope(scope: Scope, ctx: _Context) -> Frame:
    """One scope's frame: its states sized (containers from their lanes), laid out, routed."""
    top = scope.parent is None
    owner = scope.parent or ""
    ids = [START_ID if top else owner, *scope.states.values(), END_ID if top else owner]
    marker = MARKER if top else 2.0
    widths, heights = [marker], [marker if top else 0.0]
    frame = Frame()
    containers: dict[str, tuple[ContainerBox, list[Place]]] = {}
    for pointer in ids[1:-1]:
        w, h, box, places = _size(ctx, ctx.states[pointer])
        widths.append(w)
        heights.append(h)
        if box is not None:
            containers[pointer] = (box, places)
    widths.append(marker)
    heights.append(marker if top else 0.0)
    links = _links(scope, ctx, ids, top)
    label_sizes = [ctx.label_measure(t) if t else (0.0, 0.0) for t in links.labels]
    right_extra = [0.0] * len(ids)
    for (u, v), size in zip(links.edges, label_sizes, strict=True):
        if u == v:
            right_extra[u] = max(right_extra[u], SELF_LOOP_OUT + 8.0 + size[0])
    graph = ScopeGraph(
        widths=widths,
        heights=heights,
        edges=links.edges,
        weights=_weights(links),
        labels=label_sizes,
        source=0,
        sink=len(ids) - 1,
        right_extra=right_extra,
        hint=[ctx.hint.get(p) for p in ids] if ctx.hint else [],
        groups=[1 if k == "catch" else 0 for k in links.kinds],
    )
    key = _fingerprint(top, ids, graph, links, containers) if ctx.cache is not None else None
    if ctx.cache is not None:
        cached = ctx.cache.frame(key)
        if cached is not None:
            return cast(Frame, cached)
    lay = layout_layers(graph, ctx.cache)
    frame.width = lay.width
    frame.height = lay.total_height
    frame.crossings = lay.crossings
    _frame_boxes(frame, lay, graph, ids, containers, top)
    _frame_edges(frame, links, route_edges(lay, widths, links.edges, label_sizes), top)
    if ctx.cache is not None:
        ctx.cache.store_frame(key, frame, len(frame.boxes) + len(frame.edges) + 1)
    return frame


def _hint_order(hint: list[float | None]) -> tuple[int, ...]:
    """The only thing the ordering takes from the old x positions: known nodes sorted by (x, i)."""
    known = [(x, i) for i, x in enumerate(hint) if x is not None and x == x]
    return tuple(i for _x, i in sorted(known))


def _fingerprint(
    top: bool,
    ids: list[str],
    graph: ScopeGraph,
    links: _ScopeLinks,
    containers: dict[str, tuple[ContainerBox, list[Place]]],
) -> Hashable:
    """Everything a scope's frame is computed from (weights, groups and self-loop room follow
    from the links and label sizes), as one hashable value."""
    boxes = tuple(
        (
            p,
            b.name,
            b.type,
            b.width,
            b.height,
            b.header_height,
            b.collapsed,
            b.parent,
            tuple(b.lanes),
            tuple(places),
        )
        for p, (b, places) in containers.items()
    )
    return (
        top,
        tuple(ids),
        tuple(graph.widths),
        tuple(graph.heights),
        tuple(links.edges),
        tuple(links.kinds),
        tuple(links.labels),
        tuple(links.indexes),
        tuple(graph.labels),
        _hint_order(graph.hint),
        boxes,
    )


def _frame_boxes(
    frame: Frame,
    lay: Layered,
    graph: ScopeGraph,
    ids: list[str],
    containers: dict[str, tuple[ContainerBox, list[Place]]],
    top: bool,
) -> None:
    """Boxes (and the machine's markers) from the layered positions; containers get placed."""
    for v, pointer in enumerate(ids):
        w, h = graph.widths[v], graph.heights[v]
        x = lay.x[v] - w / 2
        y = lay.top(v)
        if 0 < v < len(ids) - 1:
            frame.boxes[pointer] = (x, y, w, h)
            if pointer in containers:
                box, places = containers[pointer]
                box.x, box.y = x, y
                frame.containers[pointer] = box
                frame.children.extend((s, x + dx, y + dy, jy) for s, dx, dy, jy in places)
        elif top:
            frame.boxes[ids[v] if v == 0 else END_ID] = (x, y, w, h)


def _frame_edges(frame: Frame, links: _ScopeLinks, routes: list[Any], top: bool) -> None:
    n = len(links.ids)
    for (u, v), kind, label, index, route in zip(
        links.edges, links.kinds, links.labels, links.indexes, routes, strict=True
    ):
        points = list(route.points)
        if not top and u == 0:
            points.insert(0, (points[0][0], -LANE_TOP))
        if not top and v == n - 1:
            points.append((points[-1][0], frame.height + LANE_BOTTOM))
        box = route.label_box
        frame.edges.append(
            EdgePath(
                source=links.ids[u],
                target=links.ids[v],
                kind=kind,
                label=label,
                points=points,
                label_pos=(box[0] + box[2] / 2, box[1] + box[3] / 2) if box else None,
                index=index,
                back=route.back,
                label_box=box,
            )
        )


def _place(ctx: _Context, root: str, geo: Geometry) -> None:
    """Translate every frame into scene coordinates, top-down, without recursion; the frames
    themselves stay as they are (the geometry gets its own boxes and edges)."""
    stack: list[tuple[str, float, float, float | None]] = [(root, MARGIN, MARGIN, None)]
    while stack:
        pointer, ox, oy, join_y = stack.pop()
        frame = ctx.frames[pointer]
        _place_boxes(ctx, frame, ox, oy, geo)
        for edge in frame.edges:
            geo.edges.append(_moved_edge(edge, ox, oy, join_y))
        geo.crossings += frame.crossings
        stack.extend((s, ox + dx, oy + dy, jy) for s, dx, dy, jy in reversed(frame.children))


def _place_boxes(ctx: _Context, frame: Frame, ox: float, oy: float, geo: Geometry) -> None:
    """A frame's state boxes, markers and containers, moved by (ox, oy), into ``geo``."""
    for sid, (x, y, w, h) in frame.boxes.items():
        if sid in (START_ID, END_ID):
            geo.markers[sid] = (x + ox, y + oy, w, h)
            continue
        ref = ctx.states[sid]
        box = frame.containers.get(sid)
        height = box.header_height if box is not None else h
        geo.states[sid] = StateBox(sid, ref.name, ref.type, x + ox, y + oy, w, height, ref.parent)
    for cid, box in frame.containers.items():
        bx, by = box.x + ox, box.y + oy
        lanes = [(lx + bx, ly + by, lw, lh) for lx, ly, lw, lh in box.lanes]
        geo.containers[cid] = dataclasses.replace(box, x=bx, y=by, lanes=lanes)


def _moved_edge(edge: EdgePath, ox: float, oy: float, join_y: float | None) -> EdgePath:
    """A copy of ``edge`` moved by (ox, oy); a join edge first ends at its lane's bottom."""
    points = edge.points
    if join_y is not None and edge.kind == "join":
        points = [*points[:-1], (points[-1][0], join_y)]
    pos = edge.label_pos
    box = edge.label_box
    return dataclasses.replace(
        edge,
        points=[(x + ox, y + oy) for x, y in points],
        label_pos=None if pos is None else (pos[0] + ox, pos[1] + oy),
        label_box=None if box is None else (box[0] + ox, box[1] + oy, box[2], box[3]),
    )


def layout_definition(
    definition: Mapping[str, Any],
    *,
    measure: Measure | None = None,
    collapsed: frozenset[str] = frozenset(),
    previous: Geometry | None = None,
    label_measure: LabelMeasure | None = None,
    cache: LayoutCache | None = None,
) -> Geometry:
    """Lay out a whole definition: states, Parallel/Map containers, routed edges and labels.

    With a ``cache`` (kept by the caller between calls), scopes whose inputs did not change
    since an earlier call are taken from it instead of laid out again; the result is the same.
    """
    started = time.perf_counter()
    geo = Geometry()
    raw: object = definition  # callers may pass anything that came out of a JSON parser
    if not isinstance(raw, Mapping):
        geo.timings["layout_ms"] = 0.0
        return geo
    scopes = list(iter_scopes(definition))
    ctx = _Context(
        measure=measure or default_measure,
        label_measure=label_measure or default_label_measure,
        collapsed=collapsed,
        states={ref.pointer: ref for ref in iter_states(definition)},
        children={},
        cache=cache,
    )
    if previous is not None:
        ctx.hint = {sid: b.x + b.width / 2 for sid, b in previous.states.items()}
    for scope in scopes:
        if scope.parent is not None:
            ctx.children.setdefault(scope.parent, []).append(scope)
    for scope in reversed(scopes):
        if scope.parent is None or _visible(scope.parent, ctx):
            ctx.frames[scope.pointer] = _layout_scope(scope, ctx)
    _place(ctx, scopes[0].pointer, geo)
    frame = ctx.frames[scopes[0].pointer]
    geo.width = frame.width + 2 * MARGIN
    geo.height = frame.height + 2 * MARGIN
    geo.timings["layout_ms"] = (time.perf_counter() - started) * 1000.0
    return geo


def _visible(container: str, ctx: _Context) -> bool:
    """Whether a container's lanes are drawn: it and every enclosing container are expanded."""
    current: str | None = container
    while current is not None:
        if current in ctx.collapsed:
            return False
        ref = ctx.states.get(current)
        current = ref.parent if ref is not None else None
    return True
