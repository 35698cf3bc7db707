"""`aslstudio FILE` opens the designer with the debugger: every DESIGN.md name is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

import aslstudio.ui.designer_window as designer_window
from aslstudio.ui import app

ROOT = Path(__file__).resolve().parents[2]
NUTRITION = ROOT / "examples" / "nutrition-validation" / "nutrition-validation.asl.json"

WIDGETS = {
    "MainWindow",
    "canvasView",
    "codeEditor",
    "inspector",
    "choiceRuleEditor",
    "problemsPanel",
    "inputEditor",
    "historyView",
    "dataFlowView",
    "statePalette",
}
ACTIONS = {
    "actionNew",
    "actionOpen",
    "actionSave",
    "actionSaveAs",
    "actionExport",
    "actionUndo",
    "actionRedo",
    "actionFind",
    "actionZoomFit",
    "actionAutoLayout",
    "actionRun",
    "actionStep",
    "actionStepBack",
    "actionContinue",
    "actionStop",
    "actionToggleBreakpoint",
}


@pytest.fixture
def window(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(
        designer_window,
        "default_settings",
        lambda: QSettings(ini, QSettings.Format.IniFormat),
    )
    before = len(app.OPEN_WINDOWS)
    assert app.main([str(NUTRITION)]) == 0
    assert len(app.OPEN_WINDOWS) == before + 1
    win = app.OPEN_WINDOWS.pop()
    assert isinstance(win, designer_window.DesignerWindow)
    yield win
    win.qdoc.document.mark_clean()
    win.close()
    win.deleteLater()


def test_designer_opens_with_every_named_widget_and_action(window) -> None:
    assert isinstance(window, designer_window.DesignerWindow)
    names = {w.objectName() for w in window.findChildren(QWidget)} | {window.objectName()}
    assert names >= WIDGETS
    actions = {a.objectName() for a in window.findChildren(QAction)}
    assert actions >= ACTIONS


def test_every_state_of_the_94_state_example_is_drawn_idle(window) -> None:
    scene = window.canvas.scene()
    statuses = {
        item.data(0): item.data(1) for item in scene.items() if isinstance(item.data(0), str)
    }
    assert len(statuses) == 94
    assert set(statuses.values()) == {"idle"}


def test_editing_and_debugging_panels_share_their_areas_as_tabs(window) -> None:
    debugger = window.debugger
    assert debugger.history_dock in window.tabifiedDockWidgets(window.problems_dock)
    assert debugger.run_dock in window.tabifiedDockWidgets(window.palette_dock)
    assert debugger.dataflow_dock in window.tabifiedDockWidgets(window.inspector_dock)
    docks = window.findChildren(QDockWidget)
    assert all(dock.objectName() for dock in docks)


def test_a_step_marks_the_canvas_and_fills_the_history(window, qtbot) -> None:
    window.findChild(QAction, "actionStep").trigger()
    qtbot.waitUntil(lambda: window.debugger.execution is not None, timeout=5000)
    scene = window.canvas.scene()
    statuses = [item.data(1) for item in scene.items() if isinstance(item.data(0), str)]
    assert "active" in statuses or "visited" in statuses
    history = window.findChild(QWidget, "historyView")
    assert history.model().rowCount() > 0
