"""Icons and window style sheets from the installed ``aslstudio.resources`` package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QWidget

ICON_STROKE = "#3b4754"  # the stroke colour the SVG icons are drawn with
DARK_STROKE = "#dfe6ee"


def _read(*parts: str) -> bytes:
    node = files("aslstudio.resources")
    for part in parts:
        node = node / part
    return node.read_bytes()


def icon(name: str, theme_name: str = "light") -> QIcon:
    """The toolbar icon ``name`` (an SVG in resources/icons), recoloured for the dark theme."""
    data = _read("icons", f"{name}.svg")
    if theme_name == "dark":
        data = data.replace(ICON_STROKE.encode(), DARK_STROKE.encode())
    pixmap = QPixmap()
    pixmap.loadFromData(data, "SVG")
    return QIcon(pixmap)


def stylesheet(theme_name: str) -> str:
    """The window style sheet of a theme (resources/styles/THEME.qss), @ICONS made a real path."""
    sheet = _read("styles", f"{theme_name}.qss").decode("utf-8")
    folder = Path(str(files("aslstudio.resources") / "icons"))
    return sheet.replace("@ICONS", folder.as_posix())


def set_tone(widget: QWidget, tone: str) -> None:
    """Give a label a tone ("problem", "hint", "sentence", "banner") the theme's sheet colours."""
    widget.setProperty("tone", tone)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
