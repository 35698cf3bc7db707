"""Run badges drawn over the canvas while debugging: visit counts, retries, errors, breakpoints."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

BADGE_Z = 40.0
FONT = QFont("DejaVu Sans", 8)
FONT.setBold(True)
# badge kind -> (fill, text colour)
COLOURS: dict[str, tuple[str, str]] = {
    "visits": ("#1f6feb", "#ffffff"),
    "retries": ("#b7791f", "#ffffff"),
    "error": ("#b3261e", "#ffffff"),
    "time": ("#6b4fa3", "#ffffff"),
}
BREAKPOINT = "#d1242f"
MAX_TEXT = 46


class BadgeItem(QGraphicsItem):
    """A small rounded label pinned to a state box (not selectable, not hit-tested)."""

    def __init__(self, kind: str, text: str = "") -> None:
        super().__init__()
        self.kind = kind
        self._text = ""
        self._size = QRectF()
        self.setZValue(BADGE_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.set_text(text)

    @property
    def text(self) -> str:
        """The label shown."""
        return self._text

    def set_text(self, text: str) -> None:
        """Change the label (hidden when empty)."""
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
        if text == self._text:
            return
        self.prepareGeometryChange()
        self._text = text
        width = QFontMetricsF(FONT).horizontalAdvance(text) + 10
        self._size = QRectF(0, 0, width, 16)
        self.setVisible(bool(text))
        self.update()

    def boundingRect(self) -> QRectF:
        """The label's box."""
        return QRectF(self._size)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """A filled pill with the text."""
        del option, widget
        fill, ink = COLOURS.get(self.kind, COLOURS["visits"])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(fill)))
        painter.drawRoundedRect(self._size, 8, 8)
        painter.setPen(QColor(ink))
        painter.setFont(FONT)
        painter.drawText(self._size, Qt.AlignmentFlag.AlignCenter, self._text)


class BreakpointItem(QGraphicsItem):
    """The red dot at a state's left edge marking a breakpoint."""

    SIZE = 12.0

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(BADGE_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        """The dot."""
        return QRectF(0, 0, self.SIZE, self.SIZE)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """A red disc with a white ring."""
        del option, widget
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(QBrush(QColor(BREAKPOINT)))
        painter.drawEllipse(self.boundingRect().adjusted(1, 1, -1, -1))


class Overlay:
    """The badges of one scene, keyed by state id; created lazily, removed on clear()."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.badges: dict[tuple[str, str], BadgeItem] = {}
        self.breakpoints: dict[str, BreakpointItem] = {}

    def set_badge(self, state_id: str, kind: str, text: str, anchor: QRectF) -> None:
        """Show (or hide, with "") one badge of ``kind`` on the state drawn at ``anchor``."""
        key = (state_id, kind)
        badge = self.badges.get(key)
        if badge is None:
            if not text:
                return
            badge = BadgeItem(kind)
            self.scene.addItem(badge)
            self.badges[key] = badge
        badge.set_text(text)
        self._place(badge, kind, anchor)

    @staticmethod
    def _place(badge: BadgeItem, kind: str, anchor: QRectF) -> None:
        width = badge.boundingRect().width()
        if kind == "visits":
            badge.setPos(anchor.right() - width + 4, anchor.top() - 9)
        elif kind == "retries":
            badge.setPos(anchor.right() - width - 30, anchor.top() - 9)
        else:  # error / time: below the box
            badge.setPos(anchor.left() + 4, anchor.bottom() - 7)

    def set_breakpoint(self, state_id: str, on: bool, anchor: QRectF) -> None:
        """Show or hide the breakpoint dot of a state."""
        dot = self.breakpoints.get(state_id)
        if on and dot is None:
            dot = BreakpointItem()
            self.scene.addItem(dot)
            self.breakpoints[state_id] = dot
        if dot is not None:
            dot.setVisible(on)
            dot.setPos(anchor.left() - BreakpointItem.SIZE / 2, anchor.top() - 4)

    def badge_text(self, state_id: str, kind: str) -> str:
        """The text of one badge ('' when none is shown)."""
        badge = self.badges.get((state_id, kind))
        return badge.text if badge is not None and badge.isVisible() else ""

    def clear(self) -> None:
        """Remove every badge from the scene."""
        for item in [*self.badges.values(), *self.breakpoints.values()]:
            if item.scene() is self.scene:
                self.scene.removeItem(item)
        self.badges.clear()
        self.breakpoints.clear()
