"""The one style table for state kinds, edges and run statuses, shared by canvas and exports.

Colours are plain ``#rrggbb`` strings so the text exports (DOT, Mermaid) use the same table
as the Qt canvas. Every kind differs by shape and by a printed type tag as well as by colour,
so the picture still reads in grey-scale print or for colour-blind readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ThemeName = Literal["light", "dark"]
Shape = Literal["task", "choice", "wait", "pass", "terminal_ok", "terminal_fail", "container"]
THEMES: tuple[ThemeName, ...] = ("light", "dark")
STATUSES: tuple[str, ...] = ("idle", "active", "visited", "failed")


@dataclass(frozen=True, slots=True)
class KindStyle:
    """How one state kind looks: shape, printed tag, glyph, and colours per theme."""

    kind: str
    tag: str  # printed type word, e.g. "TASK"
    glyph: str  # a small symbol drawn before the tag
    shape: Shape
    fill: tuple[str, str]  # light, dark
    border: tuple[str, str]
    accent: tuple[str, str]
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """How one edge kind looks: colour per theme, dash, width and whether its label is shown."""

    kind: str
    colour: tuple[str, str]
    dashed: bool = False
    width: float = 1.4
    show_label: bool = True


@dataclass(frozen=True, slots=True)
class Theme:
    """Canvas-wide colours and fonts of one theme."""

    name: ThemeName
    background: str
    text: str
    subtle_text: str
    label_background: str
    container_fill: str
    container_header: str
    container_border: str
    lane_fill: str
    marker: str
    selection: str
    find_highlight: str
    badge_fill: str
    badge_text: str
    font_family: str = "DejaVu Sans"


KINDS: dict[str, KindStyle] = {
    "Task": KindStyle(
        "Task",
        "TASK",
        "▶",
        "task",
        ("#e8f1fb", "#1d3550"),
        ("#2f6fb3", "#7fb2ea"),
        ("#2f6fb3", "#7fb2ea"),
    ),
    "Choice": KindStyle(
        "Choice",
        "CHOICE",
        "◆",
        "choice",
        ("#fff4dc", "#4a3710"),
        ("#b7791f", "#f0bb5a"),
        ("#b7791f", "#f0bb5a"),
    ),
    "Wait": KindStyle(
        "Wait",
        "WAIT",
        "◷",
        "wait",
        ("#f1ebfa", "#34264d"),
        ("#6b4fa3", "#b9a0e6"),
        ("#6b4fa3", "#b9a0e6"),
    ),
    "Pass": KindStyle(
        "Pass",
        "PASS",
        "→",
        "pass",
        ("#eef2f3", "#2b3336"),
        ("#5d6b70", "#a5b4b9"),
        ("#5d6b70", "#a5b4b9"),
        dashed=True,
    ),
    "Succeed": KindStyle(
        "Succeed",
        "SUCCEED",
        "✓",
        "terminal_ok",
        ("#e3f4e6", "#1c3d24"),
        ("#2e7d3a", "#79cc86"),
        ("#2e7d3a", "#79cc86"),
    ),
    "Fail": KindStyle(
        "Fail",
        "FAIL",
        "✕",
        "terminal_fail",
        ("#fbe7e6", "#4d1f1d"),
        ("#b3261e", "#f08b84"),
        ("#b3261e", "#f08b84"),
    ),
    "Parallel": KindStyle(
        "Parallel",
        "PARALLEL",
        "⇉",
        "container",
        ("#f4f7fa", "#232a31"),
        ("#44576b", "#9db1c6"),
        ("#44576b", "#9db1c6"),
    ),
    "Map": KindStyle(
        "Map",
        "MAP",
        "⟳",
        "container",
        ("#f3f8f4", "#222c25"),
        ("#3f6b4c", "#9cc7a8"),
        ("#3f6b4c", "#9cc7a8"),
    ),
}
UNKNOWN_KIND = KindStyle(
    "?",
    "UNKNOWN TYPE",
    "?",
    "task",
    ("#ffffff", "#2a2a2a"),
    ("#7a7a7a", "#b0b0b0"),
    ("#b3261e", "#f08b84"),
    dashed=True,
)

EDGES: dict[str, EdgeStyle] = {
    "next": EdgeStyle("next", ("#4a5560", "#a9b4bf")),
    "choice": EdgeStyle("choice", ("#8a5a12", "#f0bb5a")),
    "default": EdgeStyle("default", ("#8a5a12", "#f0bb5a"), dashed=False),
    "catch": EdgeStyle("catch", ("#b3261e", "#f08b84"), dashed=True),
    "start": EdgeStyle("start", ("#4a5560", "#a9b4bf"), show_label=False),
    "end": EdgeStyle("end", ("#4a5560", "#a9b4bf"), show_label=False),
    "branch": EdgeStyle("branch", ("#7d8a96", "#7d8a96"), width=1.1, show_label=False),
    "join": EdgeStyle("join", ("#7d8a96", "#7d8a96"), width=1.1, show_label=False),
}

# Run statuses: (light, dark) outline/tint colours; "idle" draws the kind's own colours.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "idle": ("", ""),
    "active": ("#b26a00", "#ffd54a"),
    "visited": ("#1f7a8c", "#5cc8dc"),
    "failed": ("#c62828", "#ff6f61"),
}

THEME_TABLE: dict[ThemeName, Theme] = {
    "light": Theme(
        name="light",
        background="#ffffff",
        text="#1b1f23",
        subtle_text="#4f5b66",
        label_background="#ffffff",
        container_fill="#f7f9fb",
        container_header="#e4eaf0",
        container_border="#8797a8",
        lane_fill="#ffffff",
        marker="#1b1f23",
        selection="#0a64d6",
        find_highlight="#ff9800",
        badge_fill="#fff0c2",
        badge_text="#5c4300",
    ),
    "dark": Theme(
        name="dark",
        background="#16191d",
        text="#e8ecf0",
        subtle_text="#aab4be",
        label_background="#16191d",
        container_fill="#1c2127",
        container_header="#27303a",
        container_border="#5f6f80",
        lane_fill="#191d22",
        marker="#e8ecf0",
        selection="#5ea8ff",
        find_highlight="#ffb74d",
        badge_fill="#4a3c12",
        badge_text="#ffe28a",
    ),
}


def theme(name: str) -> Theme:
    """The theme called ``name``; raises ValueError naming the valid themes."""
    if name not in THEME_TABLE:
        raise ValueError(f"unknown theme {name!r}; choose light or dark")
    return THEME_TABLE[name]


def _pick(pair: tuple[str, str], theme_name: str) -> str:
    return pair[1] if theme_name == "dark" else pair[0]


def kind_style(kind: str) -> KindStyle:
    """The style entry of a state type (an unknown type gets the dashed 'unknown' look)."""
    return KINDS.get(kind, UNKNOWN_KIND)


def state_colours(kind: str, theme_name: str) -> tuple[str, str, str]:
    """(fill, border, accent) colours of a state kind in a theme."""
    entry = kind_style(kind)
    return (
        _pick(entry.fill, theme_name),
        _pick(entry.border, theme_name),
        _pick(entry.accent, theme_name),
    )


def edge_style(kind: str) -> EdgeStyle:
    """The style entry of an edge kind (unknown kinds look like plain ``next`` edges)."""
    return EDGES.get(kind, EDGES["next"])


def edge_colour(kind: str, theme_name: str) -> str:
    """The line colour of an edge kind in a theme."""
    return _pick(edge_style(kind).colour, theme_name)


def status_colour(status: str, theme_name: str) -> str:
    """The highlight colour of a run status ('' for idle: draw the kind's own colours)."""
    if status not in STATUS_COLOURS:
        raise ValueError(f"unknown run status {status!r}; expected one of {', '.join(STATUSES)}")
    return _pick(STATUS_COLOURS[status], theme_name)
