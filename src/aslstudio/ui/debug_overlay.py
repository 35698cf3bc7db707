"""Run badges drawn over the canvas while debugging: visit counts, retries, errors, breakpoints."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from aslstudio.asl.describe import format_duration
from aslstudio.engine.execution import Execution
from aslstudio.render.scene_builder import DiagramScene

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


def seconds_between(start: Any, end: Any) -> float:
    """Seconds between two history timestamps (0 when either is unreadable)."""
    try:
        first = datetime.fromisoformat(str(start).replace("Z", "+00:00"))
        last = datetime.fromisoformat(str(end).replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    return (last - first).total_seconds()


def paint_edges(scene: DiagramScene, taken: Counter[tuple[str, str]]) -> None:
    """Tint the transitions an execution took (by source and target state names)."""
    for edge in scene.edge_items:
        source, target = scene.state_items.get(edge.source), scene.state_items.get(edge.target)
        pair = (
            source.text.name if source is not None else "",
            target.text.name if target is not None else "",
        )
        status = "visited" if taken.get(pair) else "idle"
        if edge.status != status:
            edge.set_status(status)


def paint_badges(overlay: Overlay, scene: DiagramScene, execution: Execution | None) -> None:
    """Visit counts, retries, virtual time waited (all visits) and errors as badges."""
    visits = execution.visits if execution is not None else Counter()
    retries: Counter[str] = Counter()
    errors: dict[str, str] = {}
    waited: dict[str, float] = {}
    for record in execution.records if execution is not None else []:
        retries[record.name] += len(record.retries)
        if record.status == "FAILED" and record.error:
            errors[record.name] = f"✕ {record.error}"
        if record.type == "Wait":
            spent = seconds_between(record.entered_at, record.exited_at)
            waited[record.name] = waited.get(record.name, 0.0) + max(spent, 0.0)
    for state_id, item in scene.state_items.items():
        name, rect = item.text.name, item.sceneBoundingRect().adjusted(6, 6, -6, -6)
        count = visits.get(state_id, 0)
        overlay.set_badge(state_id, "visits", f"×{count}" if count else "", rect)
        tries = retries.get(name, 0)
        overlay.set_badge(state_id, "retries", f"↻ {tries}" if tries else "", rect)
        wait = waited.get(name)
        overlay.set_badge(state_id, "time", f"◷ {format_duration(wait)}" if wait else "", rect)
        overlay.set_badge(state_id, "error", errors.get(name, ""), rect)
