"""The theme sets the application palette: dark check boxes and placeholders, light restored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QStyle, QStyleOptionButton

from aslstudio.ui.main_window import MainWindow
from aslstudio.ui.resources import stylesheet

Role = QPalette.ColorRole


def _indicator_lightness(box: QCheckBox) -> int:
    """How light the middle of an unchecked check box's square is drawn, 0-255."""
    QApplication.processEvents()
    option = QStyleOptionButton()
    option.initFrom(box)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    centre: QPoint = rect.center()
    return QColor(image.pixel(centre.x(), centre.y())).lightness()


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(700, 500)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.set_theme("light")


@pytest.mark.parametrize(("theme", "dark"), [("dark", True), ("light", False)])
def test_unchecked_box_follows_theme(window, theme, dark):
    window.set_theme(theme)
    box = QCheckBox("Wait states really wait", window.centralWidget())
    box.show()
    lightness = _indicator_lightness(box)
    assert (lightness < 90) if dark else (lightness > 200), lightness


def test_dark_checked_box_is_filled_and_sheet_paths_resolve(window):
    window.set_theme("dark")
    box = QCheckBox("Real time", window.centralWidget())
    box.show()
    unchecked = _indicator_lightness(box)
    box.setChecked(True)
    checked = _indicator_lightness(box)
    assert checked > unchecked + 40, (unchecked, checked)
    sheet = stylesheet("dark")
    assert "@" not in sheet.replace("@media", "")
    images = re.findall(r"url\(([^)]+)\)", sheet)
    assert images
    assert all(Path(name).is_file() for name in images), images


def test_placeholder_colour_comes_from_the_theme(window):
    edit = QLineEdit(window.centralWidget())
    light = edit.palette().color(Role.PlaceholderText)
    window.set_theme("dark")
    palette = edit.palette()
    placeholder, base = palette.color(Role.PlaceholderText), palette.color(Role.Base)
    assert placeholder != light
    assert base.lightness() < 60
    assert placeholder.lightness() - base.lightness() > 80  # readable on the dark field


def test_light_restores_the_starting_palette(window):
    before = QPalette(QApplication.palette())
    window.set_theme("dark")
    assert QApplication.palette().color(Role.Base) != before.color(Role.Base)
    window.set_theme("light")
    for role in (Role.Base, Role.Text, Role.PlaceholderText, Role.Window):
        assert QApplication.palette().color(role) == before.color(role), role
