"""Edges (rounded polylines with arrowheads), their word labels, and start / end markers."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from aslstudio.render import shapes
from aslstudio.render.style import Theme, edge_colour, edge_style, status_colour

LOD_LABEL = 0.45
LOD_ARROW = 0.2
ARROW = 8.0
CORNER = 8.0
LABEL_MAX_W = 210.0


def polyline_path(points: Sequence[tuple[float, float]]) -> QPainterPath:
    """A path through ``points`` with small rounded corners at the bends."""
    path = QPainterPath()
    if not points:
        return path
    pts = [QPointF(x, y) for x, y in points]
    path.moveTo(pts[0])
    for i in range(1, len(pts) - 1):
        before, here, after = pts[i - 1], pts[i], pts[i + 1]
        d_in = _dist(before, here)
        d_out = _dist(here, after)
        r = min(CORNER, d_in / 2, d_out / 2)
        if r < 0.5:
            path.lineTo(here)
            continue
        path.lineTo(_towards(here, before, r))
        path.quadTo(here, _towards(here, after, r))
    path.lineTo(pts[-1])
    return path


def _dist(a: QPointF, b: QPointF) -> float:
    return math.hypot(b.x() - a.x(), b.y() - a.y())


def _towards(origin: QPointF, target: QPointF, length: float) -> QPointF:
    d = _dist(origin, target) or 1.0
    return QPointF(
        origin.x() + (target.x() - origin.x()) * length / d,
        origin.y() + (target.y() - origin.y()) * length / d,
    )


class EdgeItem(QGraphicsItem):
    """One routed transition: kind picks colour and dash; the arrowhead sits on the target."""

    def __init__(
        self,
        source: str,
        target: str,
        kind: str,
        points: Sequence[tuple[float, float]],
        theme: Theme,
        arrow: bool = True,
    ) -> None:
        super().__init__()
        self.source = source
        self.target = target
        self.kind = kind
        self.theme = theme
        self.points = list(points)
        self._arrow = arrow and len(self.points) >= 2
        self._path = polyline_path(self.points)
        self._polyline = QPolygonF([QPointF(x, y) for x, y in self.points])  # for far zoom
        self._status = "idle"
        self._emphasis = False
        self._bounds = self._path.boundingRect().adjusted(-ARROW, -ARROW, ARROW, ARROW)
        self.setZValue(0 if kind not in ("branch", "join") else -5)

    def set_status(self, status: str) -> None:
        """Tint the edge as taken (visited / failed) or back to idle."""
        status_colour(status, self.theme.name)  # validates the name
        self._status = status
        self.update()

    @property
    def status(self) -> str:
        """The run status this edge is drawn with."""
        return self._status

    @property
    def emphasised(self) -> bool:
        """Whether the edge is drawn bold (its state is hovered)."""
        return self._emphasis

    def set_emphasis(self, on: bool) -> None:
        """Draw the edge bold while one of its states is hovered."""
        self._emphasis = on
        self.setZValue(4 if on else (0 if self.kind not in ("branch", "join") else -5))
        self.update()

    def boundingRect(self) -> QRectF:
        """The polyline's bounds plus the arrowhead."""
        return QRectF(self._bounds)

    def shape(self) -> QPainterPath:
        """An empty shape: edges are not hit-tested (clicks go to the states)."""
        return QPainterPath()

    def _colour(self) -> QColor:
        if self._status != "idle":
            return QColor(status_colour(self._status, self.theme.name))
        return QColor(edge_colour(self.kind, self.theme.name))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """The line and, when zoomed in enough, the arrowhead."""
        del widget
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        entry = edge_style(self.kind)
        colour = self._colour()
        if lod < LOD_LABEL and self._status == "idle" and not self._emphasis:
            colour.setAlpha(90 if entry.dashed else 150)  # far out: quieter lines, states first
        width = entry.width * (2.0 if self._status != "idle" or self._emphasis else 1.0)
        far = lod < LOD_LABEL and width <= entry.width
        pen = QPen(colour, 0.0 if far else width)  # far out: a one-pixel hairline, the fast path
        pen.setCosmetic(lod < LOD_LABEL)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if entry.dashed and lod >= LOD_LABEL:  # far out dashes cost much and cannot be seen
            pen.setDashPattern([5.0, 3.0])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= LOD_ARROW)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if lod >= LOD_ARROW:
            painter.drawPath(self._path)
        else:  # far out the rounded corners are invisible: a plain polyline is much cheaper
            painter.drawPolyline(self._polyline)
        if self._arrow and lod >= LOD_ARROW:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPolygon(self._arrowhead())

    def _arrowhead(self) -> QPolygonF:
        (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        angle = math.atan2(y1 - y0, x1 - x0)
        tip = QPointF(x1, y1)
        left = QPointF(x1 - ARROW * math.cos(angle - 0.45), y1 - ARROW * math.sin(angle - 0.45))
        right = QPointF(x1 - ARROW * math.cos(angle + 0.45), y1 - ARROW * math.sin(angle + 0.45))
        return QPolygonF([tip, left, right])


LABEL_MAX_LINES = 3


def _wrapped_height(metrics: QFontMetricsF, text: str) -> float:
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRectF(0, 0, LABEL_MAX_W, 10_000), flags, text).height()


def fit_label_text(text: str) -> str:
    """The label as drawn: whole when it wraps into three lines, else cut at a word with "…".

    The full text stays in the tooltip, so a long rule never spills out of its plate.
    """
    metrics = QFontMetricsF(shapes.font("label"))
    limit = metrics.lineSpacing() * LABEL_MAX_LINES + 1
    if not text or _wrapped_height(metrics, text) <= limit:
        return text
    words = text.split(" ")
    low, high = 0, len(words)  # the longest prefix of words that fits, with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if _wrapped_height(metrics, " ".join(words[:middle]) + " …") <= limit:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]) + " …" if low else "…"


def label_size(text: str) -> tuple[float, float]:
    """The plate size of an edge label: wrapped at LABEL_MAX_W, three lines at most."""
    shown = fit_label_text(text)
    if not shown:
        return (0.0, 0.0)
    metrics = QFontMetricsF(shapes.font("label"))
    flags = int(Qt.TextFlag.TextWordWrap)
    bound = metrics.boundingRect(QRectF(0, 0, LABEL_MAX_W, 10_000), flags, shown)
    return (bound.width() + 10, bound.height() + 4)


class EdgeLabelItem(QGraphicsItem):
    """The words on an edge (a Choice rule, 'otherwise', 'on States.ALL'), on a small plate."""

    def __init__(self, text: str, centre: tuple[float, float], kind: str, theme: Theme) -> None:
        super().__init__()
        self.text = text
        self.shown = fit_label_text(text)
        self.kind = kind
        self.theme = theme
        w, h = label_size(text)
        self._rect = QRectF(-w / 2, -h / 2, w, h)
        self.setPos(centre[0], centre[1])
        self.setToolTip(text)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        """The label plate."""
        return QRectF(self._rect)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """A plate in the background colour with the text in the edge's colour (hidden far out)."""
        del widget
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_LABEL:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = QColor(edge_colour(self.kind, self.theme.name))
        painter.setPen(QPen(colour, 0.8))
        painter.setBrush(QColor(self.theme.label_background))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setPen(QColor(self.theme.text))
        painter.setFont(shapes.font("label"))
        painter.setClipRect(self._rect)
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        painter.drawText(self._rect.adjusted(5, 2, -5, -2), flags, self.shown)


class MarkerItem(QGraphicsItem):
    """The start dot or the end bullseye."""

    RADIUS = 8.0

    def __init__(self, kind: str, centre: tuple[float, float], theme: Theme) -> None:
        super().__init__()
        self.kind = kind
        self.theme = theme
        self.setPos(centre[0], centre[1])
        self.setToolTip("Start" if kind == "start" else "End")
        self.setZValue(6)

    def boundingRect(self) -> QRectF:
        """The marker circle."""
        r = self.RADIUS + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """A filled dot (start) or a ring around a dot (end)."""
        del option, widget
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = QColor(self.theme.marker)
        r = self.RADIUS
        if self.kind == "start":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(0, 0), r * 0.8, r * 0.8)
            return
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(QColor(self.theme.background))
        painter.drawEllipse(QPointF(0, 0), r, r)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(0, 0), r * 0.5, r * 0.5)
