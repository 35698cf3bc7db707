"""Fonts, box measurements and outline paths for each state shape (shared by items and measure)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath, QPolygonF

from aslstudio.render.labels import StateText, state_text
from aslstudio.render.style import Shape, kind_style

FONT_FAMILY = "DejaVu Sans"
PAD_X = 12.0
PAD_Y = 7.0
TAG_H = 13.0
NAME_H = 18.0
DETAIL_H = 15.0
BADGE_H = 18.0
MIN_W = 150.0
MAX_W = 340.0
CHOICE_INSET = 16.0
ACCENT_W = 5.0

_FONTS: dict[str, QFont] = {}


def font(role: str) -> QFont:
    """The font for a text role: tag, name, detail, badge, label, title (pixel sizes)."""
    cached = _FONTS.get(role)
    if cached is not None:
        return cached
    size, bold = _FONT_ROLES[role]
    made = QFont(FONT_FAMILY)
    made.setPixelSize(size)
    made.setBold(bold)
    if role == "tag":
        made.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.6)
    _FONTS[role] = made
    return made


_FONT_ROLES: dict[str, tuple[int, bool]] = {
    "tag": (9, True),
    "name": (13, True),
    "detail": (11, False),
    "badge": (10, False),
    "label": (11, False),
    "title": (13, True),
}


def text_width(role: str, text: str) -> float:
    """The advance width of ``text`` in the font of ``role``."""
    return QFontMetricsF(font(role)).horizontalAdvance(text)


def side_inset(shape: Shape) -> float:
    """Extra horizontal room a shape needs on each side (pointed Choice ends, Task accent)."""
    if shape == "choice":
        return CHOICE_INSET
    if shape == "task":
        return ACCENT_W
    if shape in ("terminal_ok", "terminal_fail"):
        return 12.0
    return 0.0


def name_lines(name: str, width: float) -> list[str]:
    """The name in one line, or wrapped at spaces into two (the second elided if need be)."""
    metrics = QFontMetricsF(font("name"))
    if metrics.horizontalAdvance(name) <= width or " " not in name:
        return [metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)]
    words = name.split(" ")
    first = words[0]
    rest = 1
    while rest < len(words) and metrics.horizontalAdvance(f"{first} {words[rest]}") <= width:
        first = f"{first} {words[rest]}"
        rest += 1
    second = " ".join(words[rest:])
    return [first, metrics.elidedText(second, Qt.TextElideMode.ElideRight, width)]


def text_room(shape: Shape, box_width: float) -> float:
    """The width available for text inside a box of ``box_width``."""
    return box_width - 2 * (PAD_X + side_inset(shape)) - (3 if shape == "task" else 0)


def box_size(text: StateText) -> tuple[float, float]:
    """The box size that fits a state's tag, name, detail and retry badge."""
    entry = kind_style(text.kind)
    widths = [
        text_width("tag", f"{entry.glyph}  {entry.tag}"),
        text_width("name", text.name),
        text_width("detail", text.detail) if text.detail else 0.0,
        text_width("badge", "↻ " + text.retry) + 12 if text.retry else 0.0,
    ]
    inner = max(widths) + 2 * PAD_X + 2 * side_inset(entry.shape) + 8  # 8: rounding slack
    width = min(MAX_W, max(MIN_W, inner))
    lines = len(name_lines(text.name, text_room(entry.shape, width)))
    height = 2 * PAD_Y + TAG_H + NAME_H * lines
    height += DETAIL_H if text.detail else 0.0
    height += BADGE_H + 2 if text.retry else 0.0
    return (round(width), round(height))


class _HasNameBody(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def body(self) -> Any: ...


def make_measure() -> Callable[[_HasNameBody], tuple[float, float]]:
    """A ``measure`` callback for the layout: font-metric box sizes of each state."""

    def measure(info: _HasNameBody) -> tuple[float, float]:
        body = info.body if isinstance(info.body, Mapping) else {}
        return box_size(state_text(info.name, body))

    return measure


def outline(shape: Shape, rect: QRectF) -> QPainterPath:
    """The outline path of a state shape inside ``rect``."""
    return _OUTLINES.get(shape, _rounded)(rect)


def _rounded(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, 6, 6)
    return path


def _choice(rect: QRectF) -> QPainterPath:
    inset = min(CHOICE_INSET, rect.width() / 4)
    mid = rect.center().y()
    poly = QPolygonF(
        [
            QPointF(rect.left() + inset, rect.top()),
            QPointF(rect.right() - inset, rect.top()),
            QPointF(rect.right(), mid),
            QPointF(rect.right() - inset, rect.bottom()),
            QPointF(rect.left() + inset, rect.bottom()),
            QPointF(rect.left(), mid),
        ]
    )
    path = QPainterPath()
    path.addPolygon(poly)
    path.closeSubpath()
    return path


def _chamfered(rect: QRectF) -> QPainterPath:
    cut = min(10.0, rect.height() / 4)
    poly = QPolygonF(
        [
            QPointF(rect.left() + cut, rect.top()),
            QPointF(rect.right() - cut, rect.top()),
            QPointF(rect.right(), rect.top() + cut),
            QPointF(rect.right(), rect.bottom() - cut),
            QPointF(rect.right() - cut, rect.bottom()),
            QPointF(rect.left() + cut, rect.bottom()),
            QPointF(rect.left(), rect.bottom() - cut),
            QPointF(rect.left(), rect.top() + cut),
        ]
    )
    path = QPainterPath()
    path.addPolygon(poly)
    path.closeSubpath()
    return path


def _stadium(rect: QRectF) -> QPainterPath:
    radius = min(rect.height(), rect.width()) / 2
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


_OUTLINES: dict[str, Callable[[QRectF], QPainterPath]] = {
    "task": _rounded,
    "pass": _rounded,
    "choice": _choice,
    "wait": _chamfered,
    "terminal_ok": _stadium,
    "terminal_fail": _stadium,
    "container": _rounded,
}
