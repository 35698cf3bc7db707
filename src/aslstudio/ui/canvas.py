"""The canvas view (zoom, pan, fit, centre on a state) and the minimap of the whole machine."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from aslstudio.render.items import LOD_TEXT

MIN_ZOOM = 0.002  # a 3,000-state machine is ~200,000 px tall
MAX_ZOOM = 4.0
STEP = 1.2
PAN_STEP = 60


MIN_WHOLE_ZOOM = LOD_TEXT  # below this, state names are not drawn (level of detail)
READABLE_ZOOM = 0.8


class CanvasView(QGraphicsView):
    """The diagram view: wheel zooms around the pointer, drag pans, keys zoom and pan."""

    zoom_changed = Signal(float)
    viewport_moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvasView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.horizontalScrollBar().valueChanged.connect(self.viewport_moved)
        self.verticalScrollBar().valueChanged.connect(self.viewport_moved)

    def zoom(self) -> float:
        """The current zoom factor (1.0 = 100 %)."""
        return float(self.transform().m11())

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` (clamped), keeping ``anchor`` (scene point) or the centre in place."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        centre = anchor if anchor is not None else self.visible_rect().center()
        self.resetTransform()
        self.scale(factor, factor)
        self.centerOn(centre)
        self.zoom_changed.emit(factor)
        self.viewport_moved.emit()

    def zoom_in(self) -> None:
        """One step closer."""
        self.set_zoom(self.zoom() * STEP)

    def zoom_out(self) -> None:
        """One step further out."""
        self.set_zoom(self.zoom() / STEP)

    def zoom_reset(self) -> None:
        """100 %, keeping the centre."""
        self.set_zoom(1.0)

    def fit_rect(self, rect: QRectF, max_zoom: float = 1.0) -> None:
        """Show ``rect`` whole, never closer than ``max_zoom``."""
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        margin = 16
        sx = (view.width() - 2 * margin) / rect.width()
        sy = (view.height() - 2 * margin) / rect.height()
        self.set_zoom(min(sx, sy, max_zoom), rect.center())

    def fit_all(self) -> None:
        """Fit the whole machine in the window."""
        scene: QGraphicsScene | None = self.scene()
        if scene is not None:
            self.fit_rect(scene.itemsBoundingRect())

    def show_opening(self) -> None:
        """The first view of a machine: all of it when it reads whole, else its start, readable.

        A big machine fitted whole shrinks below the zoom where text is drawn; then the view
        opens at READABLE_ZOOM on the top of the main column (Fit to window shows it all).
        """
        scene: QGraphicsScene | None = self.scene()
        if scene is None:
            return
        rect = scene.itemsBoundingRect()
        if rect.isEmpty():
            return
        self.fit_rect(rect)
        if self.zoom() >= MIN_WHOLE_ZOOM:
            return
        boxes = [
            i.sceneBoundingRect()
            for i in scene.items()
            if isinstance(i.data(0), str) and i.parentItem() is None
        ]
        first = min(boxes, key=lambda r: (r.top(), r.left())) if boxes else rect
        half_height = self.viewport().rect().height() / READABLE_ZOOM / 2
        self.set_zoom(READABLE_ZOOM, QPointF(first.center().x(), rect.top() + half_height))

    def fit_selection(self) -> None:
        """Zoom to the selected states (or fit all when nothing is selected)."""
        scene: QGraphicsScene | None = self.scene()
        if scene is None:
            return
        selected = scene.selectedItems()
        if not selected:
            self.fit_all()
            return
        rect = QRectF()
        for item in selected:
            rect = rect.united(item.sceneBoundingRect())
        self.fit_rect(rect.adjusted(-40, -40, 40, 40), max_zoom=1.5)

    def centre_on_item(self, item: QGraphicsItem) -> None:
        """Scroll so ``item`` is in the middle; zoom in to at least 60 % so it can be read."""
        rect = item.sceneBoundingRect()
        if self.zoom() < 0.6:
            self.set_zoom(1.0, rect.center())
        else:
            self.centerOn(rect.center())
        self.viewport_moved.emit()

    def visible_rect(self) -> QRectF:
        """The part of the scene currently on screen."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Wheel zooms around the pointer; Shift+wheel scrolls up/down, Alt+wheel sideways."""
        mods = event.modifiers()
        delta = event.angleDelta()
        if mods & Qt.KeyboardModifier.ShiftModifier:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (delta.y() or delta.x()))
            return
        if mods & Qt.KeyboardModifier.AltModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (delta.x() or delta.y()))
            return
        steps = delta.y() / 120.0
        if steps == 0:
            return
        anchor = self.mapToScene(event.position().toPoint())
        before = self.mapFromScene(anchor)
        factor = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom() * (STEP**steps)))
        self.setTransform(self.transform().fromScale(factor, factor))
        after = self.mapFromScene(anchor)  # keep the point under the pointer still
        shift = after - before
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + shift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + shift.y())
        self.zoom_changed.emit(factor)
        self.viewport_moved.emit()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """+ / - zoom, arrow keys pan (the Ctrl shortcuts live on the window's actions)."""
        key = event.key()
        pans = {
            Qt.Key.Key_Left: (-PAN_STEP, 0),
            Qt.Key.Key_Right: (PAN_STEP, 0),
            Qt.Key.Key_Up: (0, -PAN_STEP),
            Qt.Key.Key_Down: (0, PAN_STEP),
        }
        if key in pans:
            dx, dy = pans[Qt.Key(key)]
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Tell the minimap the visible part changed."""
        super().resizeEvent(event)
        self.viewport_moved.emit()


class MinimapView(QGraphicsView):
    """The whole machine in miniature, the visible part outlined; click or drag to go there."""

    def __init__(self, canvas: CanvasView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minimapView")
        self.canvas = canvas
        self.setInteractive(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(160, 140)
        self.setToolTip("Minimap: click or drag to move the view")
        canvas.viewport_moved.connect(self.viewport().update)

    def refit(self) -> None:
        """Fit the whole scene in the minimap."""
        scene: QGraphicsScene | None = self.scene()
        if scene is not None:
            self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the whole machine visible when the dock is resized."""
        super().resizeEvent(event)
        self.refit()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """Outline the part of the machine the canvas shows."""
        del rect
        visible = self.canvas.visible_rect()
        painter.setPen(QPen(QColor("#0a64d6"), 0))
        painter.setBrush(QColor(10, 100, 214, 40))
        painter.drawRect(visible)

    def _move_to(self, event: QMouseEvent) -> None:
        self.canvas.centerOn(self.mapToScene(event.position().toPoint()))
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Centre the canvas on the clicked point."""
        self._move_to(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Follow a drag."""
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_to(event)
