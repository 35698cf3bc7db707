"""Builds the diagram's QGraphicsScene from layout geometry, the definition and the style table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from aslstudio.layout.geometry import ContainerBox, EdgePath, Geometry, StateBox
from aslstudio.render.edge_items import EdgeItem, EdgeLabelItem, MarkerItem
from aslstudio.render.history import ExecutionPath
from aslstudio.render.items import ContainerItem, ContainerTitleItem, StateItem
from aslstudio.render.labels import StateText, resolve, state_text
from aslstudio.render.style import Theme, edge_style, theme

SceneStateItem = StateItem | ContainerItem
CONTAINER_TYPES = ("Parallel", "Map")
MARGIN = 40.0
MARKER_GAP = 30.0


class DiagramScene(QGraphicsScene):
    """The diagram: keeps the state id -> item and name -> items maps; items stay dumb."""

    container_toggle_requested = Signal(str)  # container state id (JSON pointer)

    def __init__(self, theme_obj: Theme) -> None:
        super().__init__()
        self.theme = theme_obj
        self.state_items: dict[str, SceneStateItem] = {}
        self.names: dict[str, list[SceneStateItem]] = {}
        self.edge_items: list[EdgeItem] = []
        self.label_items: list[EdgeLabelItem] = []
        self.marker_items: list[MarkerItem] = []
        self.setBackgroundBrush(QColor(theme_obj.background))

    def add_state(self, item: SceneStateItem) -> None:
        """Add a state or container item and index it by id and by name."""
        if isinstance(item, StateItem):
            item.on_hover = self.emphasise
        self.addItem(item)
        self.state_items[item.state_id] = item
        self.names.setdefault(item.text.name, []).append(item)

    def item_for(self, name: str) -> SceneStateItem | None:
        """The (first) item drawing the state called ``name``."""
        found = self.names.get(name)
        return found[0] if found else None

    def set_status(self, name: str, status: str) -> None:
        """Set the run status of every item drawing the state ``name``."""
        for item in self.names.get(name, []):
            item.set_status(status)

    def emphasise(self, state_id: str, on: bool) -> None:
        """Draw the transitions into and out of ``state_id`` bold (or normal again)."""
        for edge in self.edge_items:
            if state_id in (edge.source, edge.target):
                edge.set_emphasis(on)

    def set_edge_status(self, source: str, target: str, status: str) -> int:
        """Set the status of the edges from state ``source`` to ``target`` (names); how many."""
        count = 0
        for edge in self.edge_items:
            if (self._name_of(edge.source), self._name_of(edge.target)) == (source, target):
                edge.set_status(status)
                count += 1
        return count

    def reset_statuses(self) -> None:
        """Put every state and edge back to idle."""
        for item in self.state_items.values():
            item.set_status("idle")
        for edge in self.edge_items:
            edge.set_status("idle")

    def apply_path(self, path: ExecutionPath) -> None:
        """Tint the states and transitions an execution took; the failed state in error colour."""
        self.reset_statuses()
        for name in path.visited:
            self.set_status(name, "visited")
        for name in path.failed:
            self.set_status(name, "failed")
        for source, target in path.transitions:
            self.set_edge_status(source, target, "visited")

    def _name_of(self, state_id: str) -> str:
        item = self.state_items.get(state_id)
        return item.text.name if item is not None else ""


def _text_for(definition: Any, state_id: str, name: str) -> StateText:
    return state_text(name, resolve(definition, state_id))


def _add_container(scene: DiagramScene, box: ContainerBox, definition: Any) -> None:
    lanes = [QRectF(x, y, w, h) for x, y, w, h in box.lanes]
    item = ContainerItem(
        box.id,
        _text_for(definition, box.id, box.name),
        QRectF(box.x, box.y, box.width, box.height),
        box.header_height,
        lanes,
        box.collapsed,
        scene.theme,
    )
    item.toggle.on_click = lambda sid=box.id: scene.container_toggle_requested.emit(sid)
    scene.add_state(item)
    if not box.collapsed:
        scene.addItem(ContainerTitleItem(item))


def _add_state(scene: DiagramScene, box: StateBox, definition: Any) -> None:
    text = _text_for(definition, box.id, box.name)
    if box.type in CONTAINER_TYPES:  # a collapsed container drawn as one box
        frame = QRectF(box.x, box.y, box.width, box.height)
        container = ContainerItem(box.id, text, frame, box.height, [], True, scene.theme)
        container.setZValue(10)
        container.toggle.on_click = lambda sid=box.id: scene.container_toggle_requested.emit(sid)
        scene.add_state(container)
        return
    item = StateItem(box.id, text, (box.width, box.height), scene.theme)
    item.setPos(box.x, box.y)
    scene.add_state(item)


def _label_centre(edge: EdgePath) -> tuple[float, float]:
    if edge.label_pos is not None:
        return edge.label_pos
    pts = edge.points
    if len(pts) == 2:
        return ((pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2)
    return pts[len(pts) // 2]


def _add_edge(scene: DiagramScene, edge: EdgePath) -> None:
    if len(edge.points) < 2:
        return
    item = EdgeItem(edge.source, edge.target, edge.kind, edge.points, scene.theme)
    scene.addItem(item)
    scene.edge_items.append(item)
    if edge.kind in ("start", "end"):
        at = edge.points[0] if edge.kind == "start" else edge.points[-1]
        marker = MarkerItem(edge.kind, at, scene.theme)
        scene.addItem(marker)
        scene.marker_items.append(marker)
    if edge.label and edge_style(edge.kind).show_label:
        label = EdgeLabelItem(edge.label, _label_centre(edge), edge.kind, scene.theme)
        scene.addItem(label)
        scene.label_items.append(label)


def _fallback_markers(scene: DiagramScene, geometry: Geometry, definition: Any) -> None:
    """Start / end markers for a geometry that does not carry start / end edges."""
    start = definition.get("StartAt") if isinstance(definition, Mapping) else None
    top = [b for b in geometry.states.values() if b.parent is None]
    for box in top:
        body = resolve(definition, box.id)
        if box.name == start:
            x, y = box.x + box.width / 2, box.y
            _add_edge(scene, EdgePath("", box.id, "start", "", [(x, y - MARKER_GAP), (x, y)]))
        if body.get("End") is True or body.get("Type") in ("Succeed", "Fail"):
            x, y = box.x + box.width / 2, box.y + box.height
            _add_edge(scene, EdgePath(box.id, "", "end", "", [(x, y), (x, y + MARKER_GAP)]))


def build_scene(geometry: Geometry, definition: Any, *, theme_name: str = "light") -> DiagramScene:
    """A scene drawing ``geometry``; ``definition`` supplies each state's words and tooltip."""
    scene = DiagramScene(theme(theme_name))
    for box in geometry.containers.values():
        _add_container(scene, box, definition)
    for state in geometry.states.values():
        if state.id not in geometry.containers:
            _add_state(scene, state, definition)
    for edge in geometry.edges:
        _add_edge(scene, edge)
    if not any(e.kind == "start" for e in geometry.edges):
        _fallback_markers(scene, geometry, definition)
    bounds = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    scene.setSceneRect(bounds)
    return scene
