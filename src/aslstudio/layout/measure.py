"""Box sizes: what the layout knows about a state, and the default size estimates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

CHAR_WIDTH = 7.2  # average width of one character of the state-name font, in px
STATE_HEIGHT = 44.0
CHOICE_HEIGHT = 52.0
MIN_WIDTH = 120.0
MAX_WIDTH = 260.0
LABEL_CHAR_WIDTH = 6.3  # edge-label font
LABEL_LINE_HEIGHT = 15.0
LABEL_MAX_CHARS = 34  # labels wrap to lines of at most this many characters
LABEL_MAX_LINES = 3


@dataclass(frozen=True, slots=True)
class StateInfo:
    """What a ``measure`` callback gets to size one state's box."""

    pointer: str
    name: str
    type: str
    body: Mapping[str, Any]
    description: str  # a short description (task resource, wait duration, ...) or ""


Measure = Callable[[StateInfo], tuple[float, float]]
LabelMeasure = Callable[[str], tuple[float, float]]


def default_measure(info: StateInfo) -> tuple[float, float]:
    """A deterministic estimate: width from the longer of name and description, fixed height."""
    chars = max(len(info.name), len(info.description))
    width = min(max(CHAR_WIDTH * chars + 32.0, MIN_WIDTH), MAX_WIDTH)
    height = CHOICE_HEIGHT if info.type == "Choice" else STATE_HEIGHT
    return width, height


def wrap_label(text: str, max_chars: int = LABEL_MAX_CHARS) -> list[str]:
    """Split a label into lines of at most ``max_chars`` characters at spaces; elide the rest."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= max_chars or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > LABEL_MAX_LINES:
        lines = [*lines[: LABEL_MAX_LINES - 1], lines[LABEL_MAX_LINES - 1] + " …"]
    return [line if len(line) <= max_chars else line[: max_chars - 1] + "…" for line in lines]


def default_label_measure(text: str) -> tuple[float, float]:
    """Size of an edge label drawn wrapped by :func:`wrap_label` in the label font."""
    if not text:
        return 0.0, 0.0
    lines = wrap_label(text)
    width = max(len(line) for line in lines) * LABEL_CHAR_WIDTH + 8.0
    return width, len(lines) * LABEL_LINE_HEIGHT + 4.0
