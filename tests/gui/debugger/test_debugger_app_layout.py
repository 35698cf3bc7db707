"""The app window's debug panels: "Why this way" beside the data flow, data flow kept in front."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget

import aslstudio.ui.designer_window as designer_window
from aslstudio.ui import app
from aslstudio.ui.debugger import DebuggerController
from aslstudio.ui.designer_window import DesignerWindow

ROOT = Path(__file__).resolve().parents[3]
NUTRITION = ROOT / "examples" / "nutrition-validation" / "nutrition-validation.asl.json"


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(
        designer_window, "default_settings", lambda: QSettings(ini, QSettings.Format.IniFormat)
    )
    created = app.create_window(str(NUTRITION))
    qtbot.addWidget(created)
    created.resize(1500, 1000)
    qtbot.waitExposed(created)
    app.size_panels(created)
    return created


def _debugger(window: DesignerWindow) -> DebuggerController:
    found = getattr(window, "debugger", None)
    assert isinstance(found, DebuggerController)
    return found


def _in_front(dock: QDockWidget) -> bool:
    QApplication.processEvents()
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def test_why_this_way_appears_with_the_first_debug_action(window):
    debugger = _debugger(window)
    assert debugger.why_dock.isHidden()  # editing: the space goes to the editing panels
    action = window.findChild(QAction, "actionStep")
    assert action is not None
    action.trigger()
    assert not debugger.why_dock.isHidden()
    assert debugger.why_dock not in window.tabifiedDockWidgets(debugger.dataflow_dock)
    assert _in_front(debugger.why_dock)
    assert _in_front(debugger.dataflow_dock)


def test_choosing_a_choice_step_keeps_the_data_flow_in_front(window):
    debugger = _debugger(window)
    debugger.run_panel.choose_input("nutrition-validation.inputs/invalid-sugar.json")
    debugger.run_panel.case_picker.setCurrentText("InvalidRecord")
    debugger.toggle_breakpoint("Sugars Rule Failed")
    action = window.findChild(QAction, "actionRun")
    assert action is not None
    action.trigger()
    while debugger.runner.active:
        QApplication.processEvents()
    execution = debugger.execution
    assert execution is not None
    records = execution.records
    choice = max(i for i, r in enumerate(records) if r.name == "High Sugar Warning Shown?")
    window.inspector_dock.raise_()
    debugger.select_step(choice)
    assert _in_front(debugger.dataflow_dock)
    assert not _in_front(window.rules_dock)
    assert "went to 'Sugars Rule Failed' (the Default)" in debugger.why.summary.text()
