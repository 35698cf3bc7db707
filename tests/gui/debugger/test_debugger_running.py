"""Running in the window: breakpoints, run to a state, failures and Catch, Stop, bad setup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction

from aslstudio.ui.main_window import MainWindow

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
ENCODER = EXAMPLES / "encoder-decider" / "encoder-decider.asl.json"


def _status(window: MainWindow, name: str) -> str:
    assert window.scene is not None
    item = window.scene.item_for(name)
    assert item is not None, name
    return str(item.data(1))


def _trigger(window: MainWindow, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None, name
    assert action.isEnabled(), name
    action.trigger()


def _write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_breakpoint_stops_before_the_state_then_continue(open_debugger, qtbot):
    window, debugger = open_debugger(ENCODER)
    debugger.run_panel.choose_input("encoder-decider.inputs/large-asset.json")
    debugger.run_panel.case_picker.setCurrentText("EcsPath")
    assert debugger.toggle_breakpoint("Check Encoding Status")
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    execution = debugger.execution
    assert execution is not None
    assert execution.status == "RUNNING"
    assert execution.current is not None
    assert execution.current.state == "Check Encoding Status"
    assert _status(window, "Check Encoding Status") == "active"
    assert _status(window, "Wait Before Status Check") == "visited"
    assert "Paused before 'Check Encoding Status'" in debugger.status_label.text()
    visits = execution.program.states["Check Encoding Status"].pointer
    assert execution.visits[visits] == 0
    _trigger(window, "actionContinue")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    assert execution.visits[visits] == 1  # stopped again before the second poll
    assert execution.current is not None
    assert execution.current.state == "Check Encoding Status"
    assert not debugger.toggle_breakpoint("Check Encoding Status")
    _trigger(window, "actionContinue")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    assert execution.status == "SUCCEEDED"
    assert debugger.history.model.rowCount() == len(execution.history)


def test_run_to_selected_state(open_debugger, qtbot):
    window, debugger = open_debugger(ENCODER)
    debugger.run_panel.choose_input("encoder-decider.inputs/large-asset.json")
    assert window.scene is not None
    item = window.scene.item_for("Set Poll Interval")
    assert item is not None
    item.setSelected(True)
    _trigger(window, "actionRunToSelected")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    assert debugger.execution is not None
    assert debugger.execution.current is not None
    assert debugger.execution.current.state == "Set Poll Interval"
    assert _status(window, "Start ECS Encoding Task") == "visited"


def test_failing_run_marks_failed_state_and_catch_path(open_debugger, example_copy, qtbot):
    machine = example_copy("encoder-decider")
    mocks = json.loads(machine.with_name("encoder-decider.mocks.json").read_text())
    mocks["MockedResponses"]["LambdaBroken"] = {
        "0-6": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "encoder crashed"}}
    }
    mocks["StateMachines"]["encoder-decider"]["TestCases"]["Broken"] = {
        "Encode With Lambda": "LambdaBroken"
    }
    _write(machine.parent, "encoder-decider.mocks.json", mocks)
    window, debugger = open_debugger(machine)
    debugger.run_panel.case_picker.setCurrentText("Broken")
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    execution = debugger.execution
    assert execution is not None
    assert execution.status == "FAILED"
    assert execution.error == "EncodingFailed"
    assert _status(window, "Encoding Failed") == "failed"
    assert _status(window, "Encode With Lambda") == "visited"
    assert window.scene is not None
    catch = [
        e
        for e in window.scene.edge_items
        if e.source.endswith("/Encode With Lambda") and e.target.endswith("/Encoding Failed")
    ]
    assert catch
    assert all(e.status == "visited" for e in catch)
    assert debugger._overlay is not None
    failed_id = execution.program.states["Encoding Failed"].pointer
    assert debugger._overlay.badge_text(failed_id, "error") == "✕ EncodingFailed"
    lambda_id = execution.program.states["Encode With Lambda"].pointer
    assert debugger._overlay.badge_text(lambda_id, "retries") == "↻ 6"
    index = next(i for i, r in enumerate(execution.records) if r.name == "Encode With Lambda")
    debugger.select_step(index)
    outcome = debugger.dataflow.value_of("outcome")
    assert "Caught by Catch #1 → Encoding Failed" in outcome
    assert outcome.count("Retry: Lambda.ServiceException") == 6
    assert debugger.dataflow.value_of("output")["error"]["Error"] == "Lambda.ServiceException"
    assert "FAILED: EncodingFailed" in debugger.status_label.text()


def test_stop_ends_a_runaway_loop(open_debugger, tmp_path, qtbot):
    loop = {  # valid (the validator refuses a loop with no way out), but the exit never comes
        "StartAt": "Again",
        "States": {
            "Again": {"Type": "Pass", "Next": "And Again"},
            "And Again": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.done", "IsPresent": True, "Next": "Done"}],
                "Default": "Again",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    window, debugger = open_debugger(_write(tmp_path, "loop.asl.json", loop))
    debugger.max_steps = 50_000  # events: the loop would run 25,000 steps before the limit
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: debugger.execution is not None and debugger.execution.steps > 200)
    assert debugger.runner.active
    _trigger(window, "actionStop")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    execution = debugger.execution
    assert execution is not None
    assert execution.status == "ABORTED"
    assert execution.steps < 25_000
    assert execution.history[-1]["type"] == "ExecutionAborted"
    assert window.findChild(QAction, "actionRun").isEnabled()


def test_bad_input_is_a_one_line_problem(open_debugger, qtbot):
    window, debugger = open_debugger(ENCODER)
    debugger.run_panel.editor.setPlainText('{"asset": ')
    assert debugger.run_panel.input_status.text().startswith("✕ input:1:")
    _trigger(window, "actionRun")
    assert debugger.execution is None
    assert window.banner.text().startswith("input:1:11: the input is not JSON")


def test_no_machine_open_explains(qtbot):
    from aslstudio.ui.debugger import install_debugger

    window = MainWindow()
    qtbot.addWidget(window)
    debugger = install_debugger(window)
    assert install_debugger(window) is debugger
    assert debugger.step() is None
    assert "Open a state machine first" in window.banner.text()


def test_handlers_need_consent(open_debugger, tmp_path):
    _window, debugger = open_debugger(ENCODER)
    handlers = _write(tmp_path, "handlers.json", {"*": {"python": "nowhere:fn"}})
    debugger.run_panel.set_handlers(handlers, consent=False)
    assert debugger.run_panel.handlers_path is None
    assert "no local code" in debugger.run_panel.handlers_label.text()
    debugger.run_panel.set_handlers(handlers, consent=True)
    assert debugger.run_panel.handlers_path == handlers


def test_theme_redraw_keeps_the_run_on_the_canvas(open_debugger):
    window, debugger = open_debugger(ENCODER)
    for _ in range(3):
        debugger.step()
    before = {i.data(0): i.data(1) for i in window.scene.state_items.values()}
    window.set_theme("dark")
    after = {i.data(0): i.data(1) for i in window.scene.state_items.values()}
    assert after == before
    assert "visited" in after.values()


def test_export_history_writes_events(open_debugger, tmp_path):
    _window, debugger = open_debugger(ENCODER)
    debugger.step()
    out = debugger.export_history(tmp_path / "h.json")
    assert out is not None
    events = json.loads(out.read_text())["events"]
    assert [e["type"] for e in events][:2] == ["ExecutionStarted", "ChoiceStateEntered"]
    assert debugger.export_history(tmp_path / "missing" / "h.json") is None


@pytest.mark.parametrize("index", [0, 1])
def test_map_iteration_selector(open_debugger, example_copy, qtbot, index):
    window, debugger = open_debugger(EXAMPLES / "ebs-snapshots" / "ebs-snapshots.asl.json")
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    execution = debugger.execution
    assert execution is not None
    panel = debugger.run_panel
    names = [panel.container_picker.itemText(i) for i in range(panel.container_picker.count())]
    assert names
    container = names[0]
    children = execution.children(container)
    assert len(children) >= 2
    assert panel.child_choice() is None  # all iterations shown by default
    panel.container_picker.setCurrentText(container)
    panel.child_picker.setValue(index)
    shown = {r.name for r in children[index].records}
    for name in shown:
        assert _status(window, name) in ("visited", "failed")
    assert panel.child_choice() == (container, index)


@pytest.mark.parametrize(
    ("condition", "polls_before_pause"),
    [
        ("{% $states.input.encodingStatus.progressPercent > 50 %}", 2),
        ("$.encodingStatus.progressPercent", 1),
    ],
)
def test_conditional_breakpoint(open_debugger, qtbot, condition, polls_before_pause):
    window, debugger = open_debugger(ENCODER)
    debugger.run_panel.choose_input("encoder-decider.inputs/large-asset.json")
    assert debugger.set_breakpoint_condition("Encoding Finished?", condition)
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    execution = debugger.execution
    assert execution is not None
    assert execution.current is not None
    assert execution.current.state == "Encoding Finished?"
    check = execution.program.states["Check Encoding Status"].pointer
    assert execution.visits[check] == polls_before_pause
    assert "(condition)" in debugger.status_label.text()


def test_invalid_condition_is_reported(open_debugger):
    window, debugger = open_debugger(ENCODER)
    assert not debugger.set_breakpoint_condition("Encoding Finished?", "$..[")
    assert window.banner.text().startswith("Encoding Finished?: invalid JSONPath condition")
    assert not debugger.set_breakpoint_condition("Encoding Finished?", "{% $states.input. %}")
    assert "Encoding Finished?" not in debugger.conditions


def test_export_highlighted_diagram_keeps_the_run_colours(open_debugger, tmp_path, qtbot):
    window, debugger = open_debugger(ENCODER)
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    out = tmp_path / "run.svg"
    window.export_to(out)
    svg = out.read_text(encoding="utf-8")
    assert "#1f7a8c" in svg  # the visited tint
    assert "×1" in svg  # a visit-count badge


def test_real_time_wait_runs_off_the_gui_thread(open_debugger, tmp_path, qtbot):
    machine = {
        "StartAt": "Pause",
        "States": {
            "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Done"},
            "Done": {"Type": "Succeed"},
        },
    }
    window, debugger = open_debugger(_write(tmp_path, "pause.asl.json", machine))
    debugger.run_panel.real_time.setChecked(True)
    ticks: list[int] = []
    debugger.step()  # starts the execution and steps through the Wait in the background
    assert debugger.runner.active
    busy_seen = False
    while debugger.runner.active:
        qtbot.wait(20)
        busy_seen = busy_seen or debugger.runner.busy
        ticks.append(1)
    assert busy_seen
    assert len(ticks) > 1  # the event loop kept running while the Wait slept
    assert _status(window, "Pause") == "visited"
    assert _status(window, "Done") == "active"
    assert debugger.virtual_seconds() >= 1
    debugger.step()
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    assert debugger.execution is not None
    assert debugger.execution.status == "SUCCEEDED"


def test_substitutions_beside_the_machine_fill_placeholders(open_debugger, tmp_path):
    machine = {
        "StartAt": "Greet",
        "States": {"Greet": {"Type": "Pass", "Result": {"to": "${Audience}"}, "End": True}},
    }
    path = _write(tmp_path, "greet.asl.json", machine)
    _write(tmp_path, "greet.substitutions.json", {"Audience": "world"})
    _window, debugger = open_debugger(path)
    debugger.step()
    assert debugger.execution is not None
    assert debugger.execution.status == "SUCCEEDED"
    assert debugger.execution.output == {"to": "world"}


def test_a_simulator_crash_is_a_message_not_a_traceback(open_debugger, qtbot, monkeypatch):
    from aslstudio.engine.execution import Execution

    window, debugger = open_debugger(ENCODER)

    def broken(self, *args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(Execution, "step", broken)
    assert debugger.step() is None
    assert "the simulator stopped: KeyError" in window.banner.text()
    monkeypatch.setattr(Execution, "run", broken)
    debugger.reset()
    window.banner.clear()
    _trigger(window, "actionRun")
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    assert "the simulator stopped: KeyError" in window.banner.text()
