"""Debugger open points: conditions on a branch's first state, $$, checks before a run,
Stop during a real-time Wait, exports keeping the selection, the dark theme's tables."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QPlainTextEdit, QWidget

from aslstudio.render.export import export_png, export_svg
from aslstudio.ui.dataflow_view import context_object
from aslstudio.ui.debugger import DebuggerController, install_debugger
from aslstudio.ui.designer_window import DesignerWindow

MAPPED: dict[str, Any] = {
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Pass", "Assign": {"limit": 15}, "Next": "Items"},
        "Items": {
            "Type": "Map",
            "ItemsPath": "$.items",
            "ItemSelector": {"value.$": "$$.Map.Item.Value"},
            "ItemProcessor": {
                "StartAt": "Each",
                "States": {"Each": {"Type": "Pass", "End": True}},
            },
            "Next": "Hold",
        },
        "Hold": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
        "Done": {"Type": "Succeed"},
    },
}
BROKEN: dict[str, Any] = {
    "StartAt": "A",
    "States": {
        "A": {"Type": "Pass", "ResultPath": "not a path", "Next": "B"},
        "B": {"Type": "Succeed"},
    },
}


def _write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def designer(qtbot: Any, tmp_path: Path):
    """A shown designer window with the debugger, on a file written by the test."""

    def opener(definition: dict[str, Any], data: Any) -> tuple[DesignerWindow, DebuggerController]:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = DesignerWindow(settings=settings)
        qtbot.addWidget(window)
        window.resize(1300, 850)
        window.show()
        qtbot.waitExposed(window)
        path = _write(tmp_path, "machine.asl.json", definition)
        _write(tmp_path, "machine.input.json", data)
        assert window.open_file(path)
        return window, install_debugger(window)

    return opener


def _trigger(window: QWidget, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None, name
    assert action.isEnabled(), name
    action.trigger()


@pytest.mark.parametrize(
    ("condition", "value", "index"),
    [
        ("{% $states.input.value > $limit %}", 20, 1),  # JSONata, with an outer variable
        ("$.value", 10, 0),  # JSONPath: truthy on the first iteration already
    ],
)
def test_condition_on_the_first_state_of_an_iteration(designer, qtbot, condition, value, index):
    window, debugger = designer(MAPPED, {"items": [10, 20, 30]})
    assert debugger.set_breakpoint_condition("Each", condition)
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    execution = debugger.execution
    assert execution is not None
    ahead = execution.upcoming()
    assert ahead is not None
    assert ahead.state == "Each"
    assert ahead.input == {"value": value}
    assert ahead.frame == (("Items", index),)
    assert "Paused before 'Each' (condition)" in debugger.status_label.text()


def test_context_object_comes_from_the_engine(designer):
    _window, debugger = designer(MAPPED, {"items": [1]})
    record = debugger.step()
    assert record is not None
    execution = debugger.execution
    assert execution is not None
    shown = context_object(execution, record)
    assert "Input" not in shown["Execution"]
    assert shown["Execution"]["Name"] == execution.context_object()["Execution"]["Name"]
    assert shown["StateMachine"]["Name"] == "machine"
    assert shown["State"]["Name"] == "Prepare"


@pytest.mark.parametrize("action", ["actionRun", "actionStep"])
def test_invalid_definition_is_not_run(designer, action):
    window, debugger = designer(BROKEN, {})
    _trigger(window, action)
    assert debugger.execution is None
    assert not debugger.runner.active
    assert "Not started: the definition has 1 error" in debugger.status_label.text()
    assert window.banner.isVisible()
    assert "R501" in window.banner.text()
    assert "'A'" in window.banner.text()
    model = window.problems_panel.model()
    assert model is not None
    assert model.rowCount() >= 1


def test_warnings_alone_do_not_stop_a_run(designer, qtbot):
    window, debugger = designer(MAPPED, {"items": [1]})
    debugger.toggle_breakpoint("Hold")
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    assert debugger.execution is not None
    assert debugger.execution.current is not None
    assert debugger.execution.current.state == "Hold"


def test_stop_cuts_a_real_time_wait_short(designer, qtbot):
    window, debugger = designer(MAPPED, {"items": [1]})
    debugger.run_panel.real_time.setChecked(True)
    _trigger(window, "actionRun")

    def waiting() -> bool:
        execution = debugger.execution
        events = list(execution.history) if execution is not None else []
        return any(e["type"] == "WaitStateEntered" for e in events)

    qtbot.waitUntil(waiting, timeout=10000)
    _trigger(window, "actionStop")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)  # the Wait is 1 hour
    execution = debugger.execution
    assert execution is not None
    assert execution.status == "ABORTED"
    assert execution.history[-1]["type"] == "ExecutionAborted"
    assert debugger.status_label.text().startswith("ABORTED")


@pytest.mark.parametrize("export", [export_png, export_svg])
def test_export_keeps_the_selection(designer, tmp_path, export):
    window, _debugger = designer(MAPPED, {"items": [1]})
    item = window.scene.item_for("Hold")
    assert item is not None
    item.setSelected(True)
    selected_before = window.selected
    changes: list[int] = []
    window.scene.selectionChanged.connect(lambda: changes.append(1))
    export(window.scene, tmp_path / f"out.{export.__name__[-3:]}")
    assert item.isSelected()
    assert window.selected == selected_before
    assert changes == []


def _background(widget: QWidget) -> QColor:
    """The colour most of the widget is painted in (sampled on a grid)."""
    image = widget.grab().toImage()
    width, height = image.width(), image.height()
    assert min(width, height) > 20, (widget.objectName(), width, height)
    seen = Counter(
        image.pixel(x, y) for x in range(2, width - 2, 7) for y in range(2, height - 2, 5)
    )
    return QColor.fromRgb(seen.most_common(1)[0][0])


@pytest.mark.parametrize(("theme", "dark"), [("dark", True), ("light", False)])
def test_tables_and_editors_follow_the_theme(designer, qtbot, theme, dark):
    window, debugger = designer(MAPPED, {"items": [1]})
    window.set_theme(theme)
    debugger.step()
    window.resize(1500, 1500)
    vertical = Qt.Orientation.Vertical
    for dock in (debugger.history_dock, debugger.why_dock, debugger.dataflow_dock):
        dock.raise_()
    window.resizeDocks([debugger.history_dock, window.problems_dock], [200, 200], vertical)
    window.resizeDocks([debugger.dataflow_dock, debugger.why_dock], [400, 300], vertical)
    qtbot.wait(20)
    views: list[QWidget | None] = [
        debugger.history.findChild(QAbstractItemView, "historyView"),
        debugger.dataflow.tree,
        debugger.why.tree,
        window.problems_panel,
        debugger.run_panel.findChild(QPlainTextEdit, "inputEditor"),
    ]
    for view in views:
        assert isinstance(view, QAbstractScrollArea)
        colour = _background(view.viewport())
        assert (colour.lightness() < 80) == dark, (view.objectName(), colour.name())
    assert debugger.run_panel.theme == theme
    key_colour = debugger.run_panel.highlighter.rules[1][1].foreground().color()
    assert (key_colour.lightness() > 128) == dark  # keys readable on the editor's background
