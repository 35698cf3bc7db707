"""Editing gestures on the canvas: drag from a state's handle to connect, and the state menu.

Interaction objects filter the canvas viewport's events (the canvas itself stays a plain view);
they only report ids to the window, which pushes the commands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLineF, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QContextMenuEvent, QMouseEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QMenu,
)
from shiboken6 import isValid

from aslstudio.render.items import ContainerItem, ContainerTitleItem
from aslstudio.render.scene_builder import DiagramScene
from aslstudio.ui.canvas import CanvasView

HANDLE_RADIUS = 7.0
HANDLE_COLOUR = "#0a64d6"
ConnectCallback = Callable[[str, str, bool], object]  # source id, target id, as a Catch
MovedCallback = Callable[[dict[str, tuple[float, float]]], object]  # state id -> new top-left


class HandleItem(QGraphicsEllipseItem):
    """The round handle under the selected state: drag it onto another state to connect them."""

    def __init__(self, parent: QGraphicsItem, state_id: str) -> None:
        box = parent.boundingRect()
        r = HANDLE_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r, parent)
        self.state_id = state_id
        self.setPos(box.center().x(), box.bottom() - 2)
        self.setBrush(QBrush(QColor(HANDLE_COLOUR)))
        self.setPen(QPen(QColor("white"), 1.5))
        self.setZValue(60)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(
            "Drag onto another state to connect (on a Choice: a new rule; hold Alt on a "
            "Task, Parallel or Map: catch its errors there)"
        )


def state_id_at(canvas: CanvasView, point: QPoint) -> str | None:
    """The id of the state drawn under a viewport point (handles and marks skipped)."""
    for item in canvas.items(point):
        state_id = item.data(2)
        if state_id:
            return str(state_id)
    return None


class ConnectTool(QObject):
    """Drag from a handle (or Shift+drag from a state) and drop on another state to connect."""

    def __init__(self, canvas: CanvasView, on_connect: ConnectCallback) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.on_connect = on_connect
        self.source: str | None = None
        self.line: QGraphicsLineItem | None = None
        canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Start, follow and finish a connecting drag."""
        if not isinstance(event, QMouseEvent):
            return super().eventFilter(watched, event)
        handlers = {
            QEvent.Type.MouseButtonPress: self._press,
            QEvent.Type.MouseMove: self._move,
            QEvent.Type.MouseButtonRelease: self._release,
        }
        handler = handlers.get(event.type())
        if handler is not None and handler(event):
            return True
        return super().eventFilter(watched, event)

    def _press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        point = event.position().toPoint()
        handle = next((i for i in self.canvas.items(point) if isinstance(i, HandleItem)), None)
        source = handle.state_id if handle is not None else None
        if source is None and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            source = state_id_at(self.canvas, point)
        if source is None:
            return False
        self.start(source, self.canvas.mapToScene(point))
        return True

    def start(self, source: str, at: QPointF) -> None:
        """Begin a connection from state ``source`` at scene point ``at``."""
        self.source = source
        scene = self.canvas.scene()
        if scene is not None:
            self.line = QGraphicsLineItem(QLineF(at, at))
            self.line.setPen(QPen(QColor(HANDLE_COLOUR), 2, Qt.PenStyle.DashLine))
            self.line.setZValue(100)
            scene.addItem(self.line)

    def _move(self, event: QMouseEvent) -> bool:
        if self.source is None:
            return False
        if self.line is not None:
            line = self.line.line()
            line.setP2(self.canvas.mapToScene(event.position().toPoint()))
            self.line.setLine(line)
        return True

    def _release(self, event: QMouseEvent) -> bool:
        if self.source is None:
            return False
        source, self.source = self.source, None
        if self.line is not None and self.line.scene() is not None:
            self.line.scene().removeItem(self.line)
        self.line = None
        target = state_id_at(self.canvas, event.position().toPoint())
        if target is not None and target != source:
            catch = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            self.on_connect(source, target, catch)
        return True


class StateMenu(QObject):
    """Right-click on a state: rename, delete, add after it, connect it."""

    def __init__(
        self,
        canvas: CanvasView,
        fill: Callable[[QMenu, str], None],
    ) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.fill = fill
        canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Open the menu of the state under the pointer."""
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            state_id = state_id_at(self.canvas, event.pos())
            if state_id is not None:
                menu = QMenu(self.canvas)
                self.fill(menu, state_id)
                menu.popup(event.globalPos())
                return True
        return super().eventFilter(watched, event)


def _alive(item: QGraphicsItem) -> bool:
    """Whether an item still exists and is in a scene (a redraw may have replaced it)."""
    return isValid(item) and item.scene() is not None


def make_movable(scene: DiagramScene) -> None:
    """Let the user drag every state and container of ``scene``."""
    for item in scene.state_items.values():
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)


class MoveTool(QObject):
    """Drag states to place them by hand; reports where each dragged state's top-left ended.

    Qt moves the dragged (selected) items; the states inside a dragged Parallel/Map and its
    title follow, and the edges fade until the drop redraws them. A drag shorter than the
    platform's drag distance is a click: nothing moves.
    """

    def __init__(self, canvas: CanvasView, on_moved: MovedCallback) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.on_moved = on_moved
        self.pressed_at: QPoint | None = None
        self.start: dict[QGraphicsItem, QPointF] = {}
        self.followers: dict[QGraphicsItem, QGraphicsItem] = {}  # follower -> container
        self.faded: list[QGraphicsItem] = []
        canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Note the press, let the view move the items, then report the drop."""
        if isinstance(event, QMouseEvent):
            kind = event.type()
            if kind == QEvent.Type.MouseButtonPress:
                self._press(event)
            elif kind == QEvent.Type.MouseMove and self.pressed_at is not None:
                QTimer.singleShot(0, self._follow)
            elif kind == QEvent.Type.MouseButtonRelease and self.pressed_at is not None:
                distance = (event.position().toPoint() - self.pressed_at).manhattanLength()
                QTimer.singleShot(0, lambda: self._finish(distance))
        return super().eventFilter(watched, event)

    def _press(self, event: QMouseEvent) -> None:
        self.pressed_at = None
        scene = self.canvas.scene()
        if event.button() != Qt.MouseButton.LeftButton or not isinstance(scene, DiagramScene):
            return
        if state_id_at(self.canvas, event.position().toPoint()) is None:
            return
        self.pressed_at = event.position().toPoint()
        self.start = {item: item.pos() for item in scene.state_items.values()}
        self.followers = {}
        titles = [i for i in scene.items() if isinstance(i, ContainerTitleItem)]
        for container in scene.state_items.values():
            if not isinstance(container, ContainerItem):
                continue
            prefix = container.state_id + "/"
            inside: list[QGraphicsItem] = [
                i for sid, i in scene.state_items.items() if sid.startswith(prefix)
            ]
            inside += [t for t in titles if t.container is container]
            for item in inside:
                self._lead(item, container)
        for title in titles:
            self.start[title] = title.pos()

    def _lead(self, item: QGraphicsItem, container: ContainerItem) -> None:
        """``item`` follows ``container`` (the innermost one when containers nest)."""
        current = self.followers.get(item)
        if not isinstance(current, ContainerItem) or len(current.state_id) < len(
            container.state_id
        ):
            self.followers[item] = container

    def _leader_shift(self, item: QGraphicsItem) -> QPointF | None:
        """How far the moved container that ``item`` follows has gone (None: it stays)."""
        container = self.followers.get(item)
        while container is not None and _alive(container):
            shift = container.pos() - self.start.get(container, container.pos())
            if not shift.isNull():
                return shift
            container = self.followers.get(container)
        return None

    def _follow(self) -> None:
        if not self.faded and any(_alive(i) and i.pos() != at for i, at in self.start.items()):
            self._fade(0.25)
        for item in self.followers:
            shift = self._leader_shift(item)
            if shift is not None and _alive(item):
                item.setPos(self.start[item] + shift)

    def _fade(self, opacity: float) -> None:
        """Fade the edges while states are dragged (the drop re-routes them); 1.0 restores."""
        scene = self.canvas.scene()
        if opacity < 1.0 and isinstance(scene, DiagramScene):
            self.faded = [*scene.edge_items, *scene.label_items, *scene.marker_items]
        for item in self.faded:
            if isValid(item):
                item.setOpacity(opacity)
        if opacity >= 1.0:
            self.faded = []

    def _finish(self, distance: int) -> None:
        self._fade(1.0)
        carried = {item for item in self.followers if self._leader_shift(item) is not None}
        start, self.start, self.followers = self.start, {}, {}
        self.pressed_at = None
        moved = {
            item: item.pos()
            for item, at in start.items()
            if _alive(item) and item not in carried and item.pos() != at
        }
        if distance < QApplication.startDragDistance():
            for item in [*moved, *carried]:
                if _alive(item):
                    item.setPos(start[item])
            return
        report = {
            str(item.data(2)): (pos.x(), pos.y()) for item, pos in moved.items() if item.data(2)
        }
        if report:
            self.on_moved(report)
