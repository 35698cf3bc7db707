"""Icons and window style sheets from the installed ``aslstudio.resources`` package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

ICON_STROKE = "#3b4754"  # the stroke colour the SVG icons are drawn with
DARK_STROKE = "#dfe6ee"
Role = QPalette.ColorRole
# Palette roles of the dark theme; Qt draws check boxes, placeholders and the like from these,
# which the style sheet does not reach (so unchecked boxes were white, placeholders black).
DARK_ROLES: dict[QPalette.ColorRole, str] = {
    Role.Window: "#1f2429",
    Role.WindowText: "#e8ecf0",
    Role.Base: "#16191d",
    Role.AlternateBase: "#1c2228",
    Role.Text: "#e8ecf0",
    Role.Button: "#2f3a46",
    Role.ButtonText: "#e8ecf0",
    Role.PlaceholderText: "#8593a1",
    Role.Highlight: "#2f6f9f",
    Role.HighlightedText: "#ffffff",
    Role.ToolTipBase: "#27303a",
    Role.ToolTipText: "#e8ecf0",
    Role.Light: "#3a4450",
    Role.Midlight: "#323b45",
    Role.Mid: "#5f6f80",
    Role.Dark: "#12151a",
    Role.Shadow: "#0b0d10",
    Role.Link: "#7cb7e8",
}


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
    """The window style sheet of a theme (resources/styles/THEME.qss), @ICONS/@STYLES real paths."""
    sheet = _read("styles", f"{theme_name}.qss").decode("utf-8")
    root = files("aslstudio.resources")
    for mark, folder in (("@ICONS", "icons"), ("@STYLES", "styles")):
        sheet = sheet.replace(mark, Path(str(root / folder)).as_posix())
    return sheet


_STARTING: list[QPalette] = []  # the application's palette before any theme touched it


def theme_palette(theme_name: str) -> QPalette:
    """The palette for a theme: the starting one for light, dark roles on top of it for dark."""
    if not _STARTING:
        _STARTING.append(QPalette(QApplication.palette()))
    palette = QPalette(_STARTING[0])
    if theme_name == "dark":
        for role, colour in DARK_ROLES.items():
            palette.setColor(role, QColor(colour))
        disabled = QColor("#6b7682")
        for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_palette(theme_name: str) -> None:
    """Give the application the theme's palette (style-sheet palettes do not reach children)."""
    palette = theme_palette(theme_name)
    if QApplication.palette() != palette:
        QApplication.setPalette(palette)


def set_tone(widget: QWidget, tone: str) -> None:
    """Give a label a tone ("problem", "hint", "sentence", "banner") the theme's sheet colours."""
    widget.setProperty("tone", tone)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
