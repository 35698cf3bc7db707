"""Both themes: the code view, rule sentences, hints, the load banner and spin boxes follow them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from aslstudio.ui.dataflow_view import DataFlowView
from aslstudio.ui.designer_window import DesignerWindow
from aslstudio.ui.problems import problems_title
from aslstudio.ui.resources import stylesheet
from aslstudio.validate import Diagnostic, Severity


def _key_colour(designer: DesignerWindow) -> QColor:
    """The colour the code view draws the first JSON key ("Comment"/"StartAt") with."""
    block = designer.code_view.editor.document().findBlockByNumber(1)
    ranges = block.layout().formats()
    assert ranges, "the second line of the code has no highlighting"
    return ranges[0].format.foreground().color()


def _lightness(widget: QWidget, x: int, y: int) -> int:
    """How light the widget is drawn at (x, y), 0-255."""
    QApplication.processEvents()
    image: QImage = widget.grab().toImage()
    return QColor(image.pixel(x, y)).lightness()


def _select_choice(designer: DesignerWindow) -> None:
    assert designer.scene is not None
    pointer = next(p for p in designer.scene.state_items if p.endswith("/Is Record Complete?"))
    designer.select_state(pointer)
    designer.rules_dock.raise_()
    QApplication.processEvents()


def test_code_colours_switch_with_the_theme(designer: DesignerWindow, hello: Path) -> None:
    assert designer.open_file(hello)
    designer.code_dock.raise_()
    designer.code_view.refresh()
    light = _key_colour(designer)
    designer.set_theme("dark")
    dark = _key_colour(designer)
    assert light != dark
    assert dark.lightness() > light.lightness()  # keys stay readable on the dark page
    designer.set_theme("light")
    assert _key_colour(designer) == light


def test_rule_sentences_are_dark_in_the_dark_theme(
    designer: DesignerWindow, nutrition: Path
) -> None:
    assert designer.open_file(nutrition)
    _select_choice(designer)
    summary = designer.rule_editor.findChild(QLabel, "choiceSentence")
    assert summary is not None
    assert summary.text()
    light = _lightness(summary, 3, summary.height() // 2)  # in the padding, not on a letter
    designer.set_theme("dark")
    dark = _lightness(summary, 3, summary.height() // 2)
    assert light > 200
    assert dark < 80


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_side_panel_labels_take_their_colours_from_the_theme(
    designer: DesignerWindow, nutrition: Path, theme: str
) -> None:
    assert designer.open_file(nutrition)
    designer.set_theme(theme)
    _select_choice(designer)
    panels = (designer.rule_editor, designer.inspector, designer.code_view, designer.banner)
    fixed = [
        label.objectName() or label.text()[:30]
        for panel in panels
        for label in [panel, *panel.findChildren(QLabel)]
        if isinstance(label, QLabel) and "color" in label.styleSheet()
    ]
    assert fixed == []  # a fixed colour would ignore the other theme


def test_load_banner_is_dark_in_the_dark_theme(designer: DesignerWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.asl.json"
    bad.write_text('{"StartAt": "A",\n  "States": {', encoding="utf-8")
    lightness = {}
    for theme in ("light", "dark"):
        designer.set_theme(theme)
        designer.open_file(bad)
        assert designer.banner.isVisible()
        lightness[theme] = _lightness(designer.banner, 2, 2)
    assert lightness["light"] > 200
    assert lightness["dark"] < 100


def test_dark_spin_box_arrows_point_at_real_files() -> None:
    sheet = stylesheet("dark")
    images = re.findall(r"image:\s*url\(([^)]+)\)", sheet)
    assert len(images) >= 2
    assert all(Path(image).is_file() for image in images)
    assert "@ICONS" not in sheet


def _diag(severity: Severity) -> Diagnostic:
    return Diagnostic(code="X", message="m", severity=severity, pointer="/States/A")


@pytest.mark.parametrize(
    ("severities", "title"),
    [
        ([], "Problems: none"),
        ([Severity.ERROR], "Problems: 1 error"),
        ([Severity.WARNING, Severity.ERROR, Severity.WARNING], "Problems: 1 error, 2 warnings"),
        ([Severity.INFO], "Problems: 1 info"),
    ],
)
def test_problems_title_counts_by_severity(severities: list[Severity], title: str) -> None:
    assert problems_title([_diag(s) for s in severities]) == title


def test_palette_says_how_to_use_it_below_the_entries(designer: DesignerWindow) -> None:
    palette = designer.state_palette
    designer.palette_dock.raise_()
    QApplication.processEvents()
    top = palette.visualItemRect(palette.item(palette.count() - 1)).bottom() + 14
    image = palette.viewport().grab().toImage()
    assert image.height() > top + 40
    band = {
        image.pixel(x, y) for x in range(10, min(image.width(), 200)) for y in range(top, top + 30)
    }
    assert len(band) > 2  # text is drawn there, not just the background


def test_empty_data_flow_says_how_to_fill_it(qtbot) -> None:
    view = DataFlowView()
    qtbot.addWidget(view)
    view.show_record(None)
    assert "Run" in view.title.text()
    assert "History" in view.title.text()


def test_switching_theme_is_not_an_edit(designer: DesignerWindow, hello: Path) -> None:
    assert designer.open_file(hello)
    designer.code_dock.raise_()
    designer.code_view.refresh()
    steps = designer.qdoc.undo_stack.count()
    designer.set_theme("dark")
    assert not designer.code_view.pending  # selecting a state still scrolls the code to it
    assert designer.qdoc.undo_stack.count() == steps
