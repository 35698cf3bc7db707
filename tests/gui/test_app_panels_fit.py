"""The app's first-start layout leaves the side panels room for what they show."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import aslstudio.ui.designer_window as designer_window
from aslstudio.ui import app
from aslstudio.ui.designer_window import DesignerWindow

ROOT = Path(__file__).resolve().parents[2]
NUTRITION = ROOT / "examples" / "nutrition-validation" / "nutrition-validation.asl.json"


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DesignerWindow:
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(
        designer_window, "default_settings", lambda: QSettings(ini, QSettings.Format.IniFormat)
    )
    created = app.create_window(str(NUTRITION))
    qtbot.addWidget(created)
    created.resize(1600, 1000)
    qtbot.waitExposed(created)
    app.size_panels(created)
    return created


@pytest.mark.parametrize(
    "choice", ["Is Record Complete?", "Energy Within Tolerance?", "High Sugar Warning Shown?"]
)
def test_rule_cards_fit_the_choice_rules_panel(window: DesignerWindow, choice: str) -> None:
    assert window.scene is not None
    pointer = next(p for p in window.scene.state_items if p.endswith(f"/{choice}"))
    window.select_state(pointer)
    window.rules_dock.raise_()
    QApplication.processEvents()
    area = window.rule_editor.rules_area
    inner = area.widget()
    assert inner is not None
    assert inner.minimumSizeHint().width() <= area.viewport().width()  # no row cut off


def test_canvas_keeps_most_of_the_width(window: DesignerWindow) -> None:
    QApplication.processEvents()
    assert window.canvas.width() > window.width() * 0.4
    assert window.minimap_dock.width() >= 480  # the right-hand column (rules, inspector, code)
