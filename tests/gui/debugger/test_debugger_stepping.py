"""Stepping through examples in the window: canvas statuses, history rows, data flow, step back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence

from aslstudio.ui.dataflow_view import change_words
from aslstudio.ui.main_window import MainWindow

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
VENDING = EXAMPLES / "vending-pass-timer" / "vending-pass-timer.asl.json"
ENCODER = EXAMPLES / "encoder-decider" / "encoder-decider.asl.json"


def _status(window: MainWindow, name: str) -> str:
    assert window.scene is not None
    item = window.scene.item_for(name)
    assert item is not None, name
    return str(item.data(1))


def test_actions_keys_and_docks_are_installed(open_debugger):
    window, _debugger = open_debugger(VENDING)
    keys = {
        "actionRun": "F5",
        "actionContinue": "F5",
        "actionStep": "F10",
        "actionStepBack": "Shift+F10",
        "actionStop": "Shift+F5",
        "actionToggleBreakpoint": "F9",
    }
    for name, key in keys.items():
        action = window.findChild(QAction, name)
        assert action is not None, name
        assert QKeySequence(key) in action.shortcuts(), name
    for name in ("inputEditor", "historyView", "dataFlowView", "choiceWhyView"):
        assert window.findChild(object, name) is not None, name
    # Run and Continue share F5 but are never enabled together (no ambiguous shortcut).
    run, cont = (window.findChild(QAction, n) for n in ("actionRun", "actionContinue"))
    assert run.isEnabled() != cont.isEnabled()


def test_vending_timer_wait_then_wallet_task(open_debugger):
    window, debugger = open_debugger(VENDING)
    assert json.loads(debugger.run_panel.editor.toPlainText())["passId"] == "VP-2024-7f3a91"
    assert debugger.run_panel.case_picker.currentText() == "HappyPath"
    assert _status(window, "Wait 90 Seconds") == "idle"
    record = debugger.step()
    assert record is not None
    assert record.name == "Wait 90 Seconds"
    assert _status(window, "Wait 90 Seconds") == "visited"
    assert _status(window, "Update Mobile Wallet") == "active"
    assert _status(window, "Pass Updated") == "idle"
    assert debugger.virtual_seconds() == 90
    assert "virtual time 90 s" in debugger.status_label.text()
    assert debugger.history.model.rowCount() == 3  # started, wait entered, wait exited
    debugger.step()
    flow = debugger.dataflow
    assert flow.value_of("afterParameters")["Payload"]["status"] == "ACTIVE"
    assert flow.value_of("afterResultSelector") == {
        "status": "ACTIVE",
        "updatedAt": "2024-06-01T09:31:30Z",
    }
    assert flow.value_of("output")["wallet"]["status"] == "ACTIVE"
    assert "afterResultPath" in flow.changed_keys()
    debugger.step()
    assert debugger.execution is not None
    assert debugger.execution.status == "SUCCEEDED"
    assert {_status(window, n) for n in ("Wait 90 Seconds", "Pass Updated")} == {"visited"}
    assert debugger.history.model.rowCount() == len(debugger.execution.history)
    assert window.scene is not None
    taken = [e for e in window.scene.edge_items if e.status == "visited"]
    assert len(taken) >= 2


def test_encoder_ecs_polling_loop(open_debugger):
    window, debugger = open_debugger(ENCODER)
    debugger.run_panel.choose_input("encoder-decider.inputs/large-asset.json")
    debugger.run_panel.case_picker.setCurrentText("EcsPath")
    seen_status: list[str] = []
    while True:
        record = debugger.step()
        if record is None:
            break
        if record.name == "Check Encoding Status":
            seen_status.append(debugger.dataflow.value_of("output")["encodingStatus"]["status"])
            assert _status(window, "Encoding Finished?") == "active"
    assert seen_status == ["RUNNING", "RUNNING", "SUCCEEDED"]
    execution = debugger.execution
    assert execution is not None
    assert execution.status == "SUCCEEDED"
    assert _status(window, "Encoding Succeeded") == "visited"
    assert _status(window, "Encode With Lambda") == "idle"
    assert _status(window, "Encoding Failed") == "idle"
    assert debugger.history.model.rowCount() == len(execution.history)
    check_id = execution.program.states["Check Encoding Status"].pointer
    assert debugger._overlay is not None
    assert debugger._overlay.badge_text(check_id, "visits") == "×3"
    wait_id = execution.program.states["Wait Before Status Check"].pointer
    assert debugger._overlay.badge_text(wait_id, "time") == "◷ 90 s"  # three 30 s polls
    assert debugger.virtual_seconds() == 90  # three 30-second polls
    last_choice = max(i for i, r in enumerate(execution.records) if r.choice is not None)
    debugger.select_step(last_choice)
    assert debugger.why.winner_row() == 1  # the SUCCEEDED rule, the second one
    assert "because rule 2 was true" in debugger.why.summary.text()


def _snapshot(window: MainWindow, debugger) -> tuple[object, ...]:
    assert window.scene is not None
    statuses = sorted((i.data(0), i.data(1)) for i in window.scene.state_items.values())
    edges = sorted((e.source, e.target, e.status) for e in window.scene.edge_items)
    execution = debugger.execution
    return (
        statuses,
        edges,
        json.dumps(execution.history),
        [r.to_json() for r in execution.records],
        debugger.history.model.rowCount(),
        debugger.status_label.text(),
    )


def test_step_back_restores_exactly(open_debugger):
    window, debugger = open_debugger(ENCODER)
    debugger.run_panel.choose_input("encoder-decider.inputs/large-asset.json")
    debugger.run_panel.case_picker.setCurrentText("EcsPath")
    for _ in range(6):
        debugger.step()
    before = _snapshot(window, debugger)
    debugger.step()
    debugger.step()
    assert _snapshot(window, debugger) != before
    assert debugger.step_back()
    assert debugger.step_back()
    assert _snapshot(window, debugger) == before
    window.findChild(QAction, "actionStepBack").trigger()
    assert debugger.execution is not None
    assert debugger.execution.steps == 5


def test_history_filter_and_selection_select_the_step(open_debugger):
    _window, debugger = open_debugger(ENCODER)
    debugger.run_panel.choose_input("encoder-decider.inputs/large-asset.json")
    for _ in range(8):
        debugger.step()
    panel = debugger.history
    total = panel.model.rowCount()
    panel.filter_edit.setText("ChoiceStateEntered")
    assert 0 < panel.proxy.rowCount() < total
    panel.table.selectRow(0)
    assert debugger.dataflow.record is not None
    assert debugger.dataflow.record.name == "Choose Encoder"
    assert debugger.selected_state() == "Choose Encoder"
    assert debugger.why.winner_row() == 1  # the Default row after the one rule
    panel.filter_edit.setText("")
    assert panel.proxy.rowCount() == total


def test_history_event_selects_its_stage(open_debugger):
    _window, debugger = open_debugger(VENDING)
    for _ in range(3):
        debugger.step()
    panel = debugger.history
    panel.filter_edit.setText("TaskSucceeded")
    assert panel.proxy.rowCount() == 1
    panel.table.selectRow(0)
    current = debugger.dataflow.tree.currentItem()
    assert current is not None
    assert current.text(0) == "Result"
    assert debugger.selected_state() == "Update Mobile Wallet"
    rows = {debugger.dataflow.tree.topLevelItem(i).text(0): i for i in range(4)}
    assert "After Parameters" in rows
    item = debugger.dataflow.tree.topLevelItem(rows["After Parameters"])
    assert item.toolTip(1) == "added: FunctionName, Payload; removed: passId, walletId, machineId"


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        ({"a": 1}, {"a": 1, "b": 2}, "added: b"),
        ({"a": 1, "b": 2}, {"a": 3}, "removed: b; changed: a"),
        ({"a": 1}, [1], "the value was replaced"),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, "same fields, reordered"),
    ],
)
def test_change_words(before, after, words):
    assert change_words(before, after) == words


def test_keys_drive_the_debugger(open_debugger, qtbot):
    from PySide6.QtCore import Qt

    window, debugger = open_debugger(VENDING)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F10)
    assert debugger.execution is not None
    assert debugger.execution.steps == 1
    qtbot.keyClick(window.canvas, Qt.Key.Key_F10)
    qtbot.keyClick(window.canvas, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert debugger.execution.steps == 1
    item = window.scene.item_for("Pass Updated")
    item.setSelected(True)
    qtbot.keyClick(window.canvas, Qt.Key.Key_F9)
    assert debugger.breakpoints == {"Pass Updated"}
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    assert debugger.execution.current is not None
    assert debugger.execution.current.state == "Pass Updated"
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert debugger.execution.status == "ABORTED"
