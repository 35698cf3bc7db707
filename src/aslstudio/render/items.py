"""Dumb drawables for states and containers: data(0) = state name, data(1) = run status."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from aslstudio.render import shapes
from aslstudio.render.labels import StateText
from aslstudio.render.style import STATUSES, Theme, kind_style, state_colours, status_colour

LOD_TEXT = 0.4  # below this zoom only boxes are drawn, no text
NAME_ROLE = 0
STATUS_ROLE = 1
ID_ROLE = 2


class MarkedItem(QGraphicsItem):
    """What state boxes and containers share: a rectangle, a run status and a find highlight."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self._rect = QRectF(0, 0, width, height)
        self._status = "idle"
        self._highlight = False

    @property
    def status(self) -> str:
        """The current run status (idle, active, visited, failed)."""
        return self._status

    def set_status(self, status: str) -> None:
        """Show a run status; raises ValueError for an unknown one."""
        if status not in STATUSES:
            raise ValueError(f"unknown run status {status!r}")
        self._status = status
        self.setData(STATUS_ROLE, status)
        self.update()

    def set_highlighted(self, on: bool) -> None:
        """Mark the item as the current find match."""
        self._highlight = on
        self.update()

    def rect(self) -> QRectF:
        """The box in item coordinates."""
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        """The box plus room for the status / selection outline."""
        return self._rect.adjusted(-6, -6, 6, 6)


class StateItem(MarkedItem):
    """One state's box: shape, type tag, name, detail line and retry badge."""

    def __init__(self, state_id: str, text: StateText, size: tuple[float, float], theme: Theme):
        super().__init__(size[0], size[1])
        self.state_id = state_id
        self.text = text
        self.theme = theme
        self.on_hover: Callable[[str, bool], None] | None = None  # set by the scene
        self.setData(NAME_ROLE, text.name)
        self.setData(STATUS_ROLE, "idle")
        self.setData(ID_ROLE, state_id)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setToolTip(text.tooltip)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(10)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Ask the scene to emphasise this state's transitions."""
        if self.on_hover is not None:
            self.on_hover(self.state_id, True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Back to normal."""
        if self.on_hover is not None:
            self.on_hover(self.state_id, False)
        super().hoverLeaveEvent(event)

    def shape(self) -> QPainterPath:
        """The exact outline, for hit tests."""
        return shapes.outline(kind_style(self.text.kind).shape, self._rect)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Draw the box; at low zoom only the filled shape (level of detail)."""
        del widget
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        entry = kind_style(self.text.kind)
        fill, border, accent = state_colours(self.text.kind, self.theme.name)
        path = shapes.outline(entry.shape, self._rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QBrush(QColor(fill)))
        pen = QPen(QColor(border), 2.0 if entry.shape.startswith("terminal") else 1.4)
        if entry.dashed and lod >= LOD_TEXT:
            pen.setStyle(Qt.PenStyle.DashLine)
        if lod < LOD_TEXT:  # far out: a crisp one-pixel outline keeps the shape visible
            pen.setWidthF(1.0)
            pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawPath(path)
        self._paint_decorations(painter, entry.shape, accent, border)
        self._paint_status(painter, path)
        if lod >= LOD_TEXT:
            self._paint_text(painter, entry.glyph, entry.tag, accent, entry.shape)

    def _paint_decorations(self, painter: QPainter, shape: str, accent: str, border: str) -> None:
        rect = self._rect
        if shape == "task":
            bar = QPainterPath()
            bar.addRoundedRect(
                QRectF(rect.left(), rect.top(), shapes.ACCENT_W + 3, rect.height()), 4, 4
            )
            painter.fillPath(bar, QColor(accent))
        elif shape == "terminal_fail":
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(border), 1.0))
            painter.drawPath(shapes.outline("terminal_fail", rect.adjusted(3, 3, -3, -3)))

    def _paint_status(self, painter: QPainter, path: QPainterPath) -> None:
        colour = ""
        if self._status != "idle":
            colour = status_colour(self._status, self.theme.name)
        if self._highlight:
            colour = self.theme.find_highlight
        if self.isSelected():
            colour = self.theme.selection
        if not colour:
            return
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(colour), 4.0))
        painter.drawPath(path)

    def _paint_text(self, painter: QPainter, glyph: str, tag: str, accent: str, shape: str) -> None:
        inset = shapes.side_inset(kind_style(self.text.kind).shape)
        left = self._rect.left() + shapes.PAD_X + inset + (3 if shape == "task" else 0)
        width = shapes.text_room(kind_style(self.text.kind).shape, self._rect.width())
        y = self._rect.top() + shapes.PAD_Y
        painter.setPen(QColor(accent))
        painter.setFont(shapes.font("tag"))
        painter.drawText(QRectF(left, y, width, shapes.TAG_H), _LEFT, f"{glyph}  {tag}")
        y += shapes.TAG_H
        painter.setPen(QColor(self.theme.text))
        painter.setFont(shapes.font("name"))
        for line in shapes.name_lines(self.text.name, width):
            painter.drawText(QRectF(left, y, width, shapes.NAME_H), _LEFT, line)
            y += shapes.NAME_H
        bottom = self._rect.bottom() - 2
        if self.text.detail and y + shapes.DETAIL_H <= bottom + 4:
            painter.setPen(QColor(self.theme.subtle_text))
            painter.setFont(shapes.font("detail"))
            detail = _elide("detail", self.text.detail, width)
            painter.drawText(QRectF(left, y, width, shapes.DETAIL_H), _LEFT, detail)
            y += shapes.DETAIL_H
        if self.text.retry and y + shapes.BADGE_H <= bottom + 2:
            self._paint_badge(painter, left, y + 2, width)

    def _paint_badge(self, painter: QPainter, left: float, top: float, width: float) -> None:
        text = _elide("badge", "↻ " + self.text.retry, width - 12)
        badge_w = shapes.text_width("badge", text) + 12
        rect = QRectF(left, top, badge_w, shapes.BADGE_H - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.theme.badge_fill))
        painter.drawRoundedRect(rect, 7, 7)
        painter.setPen(QColor(self.theme.badge_text))
        painter.setFont(shapes.font("badge"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _elide(role: str, text: str, width: float) -> str:
    return QFontMetricsF(shapes.font(role)).elidedText(text, Qt.TextElideMode.ElideRight, width)


class ToggleItem(QGraphicsItem):
    """The small collapse / expand button in a container's header."""

    SIZE = 18.0

    def __init__(self, parent: QGraphicsItem, collapsed: bool, theme: Theme) -> None:
        super().__init__(parent)
        self.collapsed = collapsed
        self.theme = theme
        self.on_click: Callable[[], None] | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Expand this container" if collapsed else "Collapse this container")
        self.setZValue(1)

    def boundingRect(self) -> QRectF:
        """The button square."""
        return QRectF(0, 0, self.SIZE, self.SIZE)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """A square with + (collapsed) or − (expanded)."""
        del option, widget
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(self.theme.container_border), 1.2))
        painter.setBrush(QColor(self.theme.background))
        painter.drawRoundedRect(self.boundingRect().adjusted(1, 1, -1, -1), 3, 3)
        painter.setPen(QPen(QColor(self.theme.text), 1.6))
        mid = self.SIZE / 2
        painter.drawLine(QPointF(5, mid), QPointF(self.SIZE - 5, mid))
        if self.collapsed:
            painter.drawLine(QPointF(mid, 5), QPointF(mid, self.SIZE - 5))

    def click(self) -> None:
        """Collapse or expand, as a mouse click does."""
        if self.on_click is not None:
            self.on_click()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Accept the press so the release toggles (and the view does not start a drag)."""
        event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Ask the scene to collapse or expand this container."""
        event.accept()
        if self.boundingRect().contains(event.pos()):
            self.click()


class ContainerItem(MarkedItem):
    """A Parallel or Map: a titled frame around its branch lanes (or one box when collapsed)."""

    def __init__(
        self,
        state_id: str,
        text: StateText,
        frame: QRectF,
        header_height: float,
        lanes: list[QRectF],
        collapsed: bool,
        theme: Theme,
    ) -> None:
        super().__init__(frame.width(), frame.height())
        self.state_id = state_id
        self.text = text
        self.theme = theme
        self.collapsed = collapsed
        self._header = max(24.0, min(header_height, frame.height()))
        self._lanes = [lane.translated(-frame.x(), -frame.y()) for lane in lanes]
        self.setPos(frame.topLeft())
        self.setData(NAME_ROLE, text.name)
        self.setData(STATUS_ROLE, "idle")
        self.setData(ID_ROLE, state_id)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setToolTip(text.tooltip)
        self.setZValue(-10)
        self.toggle = ToggleItem(self, collapsed, theme)
        self.toggle.setPos(
            frame.width() - ToggleItem.SIZE - 6, (self._header - ToggleItem.SIZE) / 2
        )

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """A double click on the title collapses or expands, like the button."""
        event.accept()
        self.toggle.click()

    def shape(self) -> QPainterPath:
        """Only the header (and a collapsed box) is hit-testable: the lanes stay click-through."""
        path = QPainterPath()
        path.addRect(
            self._rect if self.collapsed else QRectF(0, 0, self._rect.width(), self._header)
        )
        return path

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Frame, header with glyph, tag, name and detail, and the branch lanes."""
        del widget
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        entry = kind_style(self.text.kind)
        _fill, border, accent = state_colours(self.text.kind, self.theme.name)
        if self.collapsed:
            painter.setPen(QPen(QColor(border), 1.2))
            painter.setBrush(QColor(self.theme.container_header))
            painter.drawRoundedRect(self._rect.adjusted(5, 5, 0, 0), 7, 7)  # a stack of cards
        frame_pen = QPen(QColor(border), 1.6)
        frame_pen.setCosmetic(lod < LOD_TEXT)
        painter.setPen(frame_pen)
        painter.setBrush(QColor(self.theme.container_fill))
        frame = self._rect.adjusted(0, 0, -5, -5) if self.collapsed else self._rect
        painter.drawRoundedRect(frame, 8, 8)
        header = QPainterPath()
        header.addRoundedRect(QRectF(frame.left(), frame.top(), frame.width(), self._header), 8, 8)
        painter.fillPath(header, QColor(self.theme.container_header))
        self._paint_lanes(painter)
        self._paint_outline(painter, frame)
        if lod >= LOD_TEXT:
            self._paint_title(painter, f"{entry.glyph}  {entry.tag}", accent, frame)

    def _paint_lanes(self, painter: QPainter) -> None:
        if self.collapsed:
            return
        painter.setPen(QPen(QColor(self.theme.container_border), 1.0, Qt.PenStyle.DotLine))
        painter.setBrush(QColor(self.theme.lane_fill))
        for lane in self._lanes:
            painter.drawRoundedRect(lane, 5, 5)

    def _paint_outline(self, painter: QPainter, frame: QRectF) -> None:
        colour = status_colour(self._status, self.theme.name) if self._status != "idle" else ""
        if self._highlight:
            colour = self.theme.find_highlight
        if self.isSelected():
            colour = self.theme.selection
        if colour:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(colour), 4.0))
            painter.drawRoundedRect(frame, 8, 8)

    def _paint_title(self, painter: QPainter, tag: str, accent: str, frame: QRectF) -> None:
        left = frame.left() + 10
        right_room = ToggleItem.SIZE + 14
        width = frame.width() - 10 - right_room
        painter.setPen(QColor(accent))
        painter.setFont(shapes.font("tag"))
        tag_w = shapes.text_width("tag", tag) + 10
        header_mid = QRectF(left, frame.top(), width, min(self._header, 28))
        painter.drawText(header_mid, _LEFT, tag)
        painter.setPen(QColor(self.theme.text))
        painter.setFont(shapes.font("title"))
        title_rect = header_mid.adjusted(tag_w, 0, 0, 0)
        name = _elide("title", self.text.name, title_rect.width())
        painter.drawText(title_rect, _LEFT, name)
        detail = self.text.detail + (f" · {self.text.retry}" if self.text.retry else "")
        if self._header >= 40 or self.collapsed:
            painter.setPen(QColor(self.theme.subtle_text))
            painter.setFont(shapes.font("detail"))
            rect = QRectF(left, frame.top() + 24, width, 16)
            painter.drawText(rect, _LEFT, _elide("detail", detail, width))


class ContainerTitleItem(QGraphicsItem):
    """A container's title at constant screen size, shown only when zoomed too far out for text."""

    def __init__(self, container: ContainerItem) -> None:
        super().__init__()
        self.container = container
        entry = kind_style(container.text.kind)
        self.text = f"{entry.glyph}  {container.text.name}"
        self._width = shapes.text_width("title", self.text) + 14
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setPos(container.pos())
        self.setZValue(30)
        self.setToolTip(container.text.tooltip)

    def boundingRect(self) -> QRectF:
        """A plate of constant on-screen size."""
        return QRectF(0, 0, self._width, 22)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Drawn only on a view zoomed below the text threshold and wide enough for the title."""
        del option
        view = widget.parentWidget() if widget is not None else None
        if not isinstance(view, QGraphicsView) or view.objectName() == "minimapView":
            return  # exports draw the real title; the minimap stays a clean overview
        scale = view.transform().m11()
        if scale >= LOD_TEXT or self.container.rect().width() * scale < self._width + 8:
            return
        theme = self.container.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(theme.container_border), 1.0))
        painter.setBrush(QColor(theme.container_header))
        painter.drawRoundedRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.setPen(QColor(theme.text))
        painter.setFont(shapes.font("title"))
        painter.drawText(self.boundingRect().adjusted(7, 0, -7, 0), _LEFT, self.text)
