"""The debugger in the window: controls, docks and the canvas kept in step with an execution."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QWidget,
)

from aslstudio.asl.describe import format_duration
from aslstudio.asl.errors import AslError
from aslstudio.engine.definition import DefinitionError
from aslstudio.engine.execution import Execution, ExecutionOptions
from aslstudio.engine.limits import DEFAULT_MAX_EVENTS
from aslstudio.engine.records import StepRecord
from aslstudio.render.scene_builder import DiagramScene
from aslstudio.ui.dataflow_view import ChoiceWhyView, DataFlowView, context_object
from aslstudio.ui.debug_overlay import Overlay, paint_badges, paint_edges, seconds_between
from aslstudio.ui.debug_worker import SliceRunner, compile_condition, condition_check, one_step
from aslstudio.ui.history_view import EventIndex, HistoryPanel, write_history
from aslstudio.ui.run_guard import check_before_run
from aslstudio.ui.run_panel import RunPanel, RunSetupError

RUNNING = "RUNNING"
LIVE_REFRESH_SECONDS = 0.25  # canvas refresh interval while a run is in progress
# objectName, text, keys, slot attribute
ACTIONS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("actionRun", "&Run", ("F5",), "run"),
    ("actionContinue", "&Continue", ("F5",), "continue_run"),
    ("actionStep", "&Step", ("F10",), "step"),
    ("actionStepBack", "Step &back", ("Shift+F10",), "step_back"),
    ("actionRunToSelected", "Run to &selected state", ("Ctrl+F10",), "run_to_selected"),
    ("actionStop", "S&top / reset", ("Shift+F5",), "stop"),
    ("actionToggleBreakpoint", "Toggle &breakpoint", ("F9",), "toggle_breakpoint"),
    ("actionConditionalBreakpoint", "Con&ditional breakpoint…", ("Ctrl+F9",), "edit_condition"),
    ("actionExportHistory", "Export &history…", (), "export_history"),
    ("actionExportRunDiagram", "Export highlighted &diagram…", (), "export_diagram"),
)
# history event type suffix -> the data-flow row it shows
EVENT_STAGES = (
    ("StateEntered", "input"),
    ("Scheduled", "afterParameters"),
    ("Succeeded", "result"),
    ("Failed", "outcome"),
    ("TimedOut", "outcome"),
    ("StateExited", "output"),
)
MENU_ONLY = ("actionExportHistory", "actionExportRunDiagram", "actionConditionalBreakpoint")
# shorter toolbar labels (the menu keeps the full text), so Stop fits beside the editing tools
TOOLBAR_TEXT = {
    "actionStepBack": "Back",
    "actionRunToSelected": "Run to selected",
    "actionStop": "Stop",
    "actionToggleBreakpoint": "Breakpoint",
}


class DebuggerController(QObject):
    """Owns the execution, the debug docks and actions, and paints the run onto the canvas."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.execution: Execution | None = None
        self.breakpoints: set[str] = set()
        self.conditions: dict[str, str] = {}
        self._checkers: dict[str, Callable[[Any, Mapping[str, Any]], bool]] = {}
        self.follow = True
        self.max_steps = DEFAULT_MAX_EVENTS
        self.selected_record: int = -1
        self._definition: object = None
        self._scene: DiagramScene | None = None
        self._overlay: Overlay | None = None
        self._shown: dict[str, str] = {}
        self._index = EventIndex()
        self._last_live = 0.0
        self.runner = SliceRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.stopped.connect(self._on_stopped)
        self._build_docks()
        self._build_actions()
        canvas = getattr(window, "canvas", None)
        if canvas is not None:
            canvas.viewport_moved.connect(self.check_window)
        self.check_window()
        self._update_actions()

    # ----- construction --------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.run_panel = RunPanel()
        self.dataflow = DataFlowView()
        self.why = ChoiceWhyView()
        self.history = HistoryPanel()
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.run_dock = self._dock("Run", "runDock", self.run_panel, left)
        self.dataflow_dock = self._dock("Data flow", "dataFlowDock", self.dataflow, right)
        self.why_dock = self._dock("Why this way", "choiceWhyDock", self.why, right)
        self.history_dock = self._dock(
            "History", "historyDock", self.history, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.window.splitDockWidget(self.dataflow_dock, self.why_dock, Qt.Orientation.Vertical)
        self.history.event_selected.connect(self._event_selected)
        self.history.export_requested.connect(self.export_history)
        self.run_panel.child_choice_changed.connect(self.refresh_canvas)
        self.status_label = QLabel("Debugger: not started")
        self.status_label.setObjectName("debugStatus")
        self.window.statusBar().addPermanentWidget(self.status_label)

    def arrange_docks(self) -> None:
        """Give the docks useful sizes: a narrow run panel, a tall data flow, a short history."""
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        width = self.window.width()
        self.window.resizeDocks([self.run_dock], [max(300, width // 5)], horizontal)
        self.window.resizeDocks([self.dataflow_dock], [max(420, width * 3 // 10)], horizontal)
        self.window.resizeDocks(
            [self.history_dock], [max(180, self.window.height() // 4)], vertical
        )
        minimap = getattr(self.window, "minimap_dock", None)
        if isinstance(minimap, QDockWidget):
            self.window.resizeDocks(
                [minimap, self.dataflow_dock, self.why_dock], [100, 400, 300], vertical
            )

    def _build_actions(self) -> None:
        self.actions: dict[str, QAction] = {}
        menu = self.window.menuBar().addMenu("&Debug")
        bar = self.window.addToolBar("Debug")
        bar.setObjectName("debugToolBar")
        for name, text, keys, slot in ACTIONS:
            action = QAction(text, self.window)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setIconText(TOOLBAR_TEXT.get(name, text.replace("&", "")))
            action.setToolTip(f"{text.replace('&', '')} ({', '.join(keys)})" if keys else text)
            action.triggered.connect(self._caller(getattr(self, slot)))
            self.window.addAction(action)
            menu.addAction(action)
            if name not in MENU_ONLY:
                bar.addAction(action)
            self.actions[name] = action
        self.follow_action = QAction("&Follow the active state", self.window)
        self.follow_action.setObjectName("actionFollowActive")
        self.follow_action.setCheckable(True)
        self.follow_action.setChecked(True)
        self.follow_action.toggled.connect(self._set_follow)
        menu.addSeparator()
        menu.addAction(self.follow_action)
        for dock in (self.run_dock, self.dataflow_dock, self.why_dock, self.history_dock):
            menu.addAction(dock.toggleViewAction())

    @staticmethod
    def _caller(slot: Callable[[], object]) -> Callable[[bool], None]:
        def call(_checked: bool = False) -> None:
            slot()

        return call

    def _set_follow(self, on: bool) -> None:
        self.follow = on

    # ----- window / scene tracking ---------------------------------------------------------
    def check_window(self) -> None:
        """Notice a newly opened machine (reset) or a redrawn scene (re-apply the run to it)."""
        definition = getattr(self.window, "definition", None)
        if definition is not self._definition:
            self._definition = definition
            self.reset()
            path = getattr(self.window, "path", None)
            self.run_panel.load_for(Path(path) if path is not None else None)
        theme = str(getattr(self.window, "theme_name", "light"))
        if theme != self.run_panel.theme:
            self.run_panel.set_theme(theme)
            self.why.set_theme(theme)
            self.show_step(self._shown_record())
        scene = getattr(self.window, "scene", None)
        if scene is not self._scene:
            self._scene = scene
            self._overlay = Overlay(scene) if scene is not None else None
            self._shown.clear()
            self.refresh_canvas()

    # ----- building and driving the execution ----------------------------------------------
    def _bare_placeholders(self) -> list[tuple[str, str]]:
        """(pointer, "${Name}") of unquoted placeholders in the open template file, if any."""
        qdoc = getattr(self.window, "qdoc", None)
        if qdoc is None:
            return []
        try:
            parsed = qdoc.document.current_parsed()
        except AslError:
            return []
        return [(item.pointer, item.name) for item in parsed.bare_placeholders]

    def new_execution(self) -> Execution | None:
        """A fresh execution from the run panel's input and task sources (None: problem shown)."""
        definition = getattr(self.window, "definition", None)
        if definition is None:
            self._problem("Open a state machine first, then run it.")
            return None
        try:
            data = self.run_panel.input_value()
            source = self.run_panel.task_source()
            options = ExecutionOptions(
                real_time=self.run_panel.real_time.isChecked(),
                max_steps=self.max_steps,
                state_machine_name=self.run_panel.machine_name(),
            )
            runnable = self.run_panel.definition_for_run(definition, self._bare_placeholders())
            refusal = check_before_run(self.window, runnable)
            execution = None if refusal else Execution(runnable, data, source, options)
        except (RunSetupError, DefinitionError) as exc:
            self._problem(str(exc))
            return None
        if execution is None:
            self._problem(refusal or "")
            self._set_status((refusal or "").split(";")[0] + " (see Problems)")
            return None
        self.execution = execution
        self.selected_record = -1
        return execution

    def _ensure_execution(self) -> Execution | None:
        if self.execution is not None and self.execution.status == RUNNING:
            return self.execution
        return self.new_execution()

    def run(self) -> None:
        """Start a new execution from the beginning and run to a breakpoint or the end."""
        if self.runner.active:
            return
        execution = self.new_execution()
        if execution is not None:
            self._start(execution)

    def continue_run(self) -> None:
        """Go on from where the execution is paused (a new one when none is paused)."""
        if self.runner.active:
            return
        execution = self._ensure_execution()
        if execution is not None:
            self._start(execution)

    def run_to_selected(self) -> None:
        """Run until the selected state is about to be entered."""
        name = self.selected_state()
        if name is None:
            self._problem("Select a state on the canvas first.")
            return
        execution = self._ensure_execution()
        if execution is not None and not self.runner.active:
            self._start(execution, until=name)

    def _start(
        self,
        execution: Execution,
        until: str | None = None,
        check: Callable[[Execution], bool] | None = None,
        breakpoints: bool = True,
    ) -> None:
        if check is None and self._checkers:
            check = condition_check(dict(self._checkers))
        self.runner.threaded = execution.options.real_time
        stops = frozenset(self.breakpoints) if breakpoints else frozenset()
        self.runner.start(execution, stops, until, check)
        self._set_status("Running…")
        self._update_actions()

    def step(self) -> StepRecord | None:
        """Advance one state (starting an execution when there is none); None once it ended."""
        if self.runner.active:
            return None
        execution = self.execution or self.new_execution()
        if execution is None or execution.status != RUNNING:
            return None
        if execution.options.real_time:  # a Wait really sleeps: step off the GUI thread
            self._start(execution, check=one_step(execution.steps), breakpoints=False)
            return None
        try:
            record = execution.step()
        except Exception as exc:  # noqa: BLE001 - a simulator bug must not take the window down
            self._problem(f"the simulator stopped: {exc.__class__.__name__}: {exc}")
            return None
        self.selected_record = -1
        self.refresh()
        return record

    def step_back(self) -> bool:
        """Undo the last step exactly (deterministic replay)."""
        if self.runner.active or self.execution is None:
            return False
        done = self.execution.step_back()
        self.selected_record = -1
        self.refresh()
        return done

    def stop(self) -> None:
        """Stop a running execution (it becomes ABORTED); when nothing runs, reset the canvas."""
        if self.runner.active:
            self.runner.stop()  # the execution is aborted once the current slice has ended
            return
        if self.execution is not None and self.execution.status == RUNNING:
            self.execution.abort()
            self.refresh()
            return
        self.reset()

    def reset(self) -> None:
        """Forget the execution: every state idle, panels cleared."""
        self.runner.stop()
        self.execution = None
        self.selected_record = -1
        self._index = EventIndex()
        self.refresh()

    def _on_progress(self, steps: int) -> None:
        now = time.perf_counter()
        if now - self._last_live >= LIVE_REFRESH_SECONDS:
            self._last_live = now
            self.refresh_canvas()
            self._set_status(f"Running… {steps:,} steps")

    def _on_stopped(self, reason: str) -> None:
        if reason == "stopped" and self.execution is not None:
            self.execution.abort()
        if reason.startswith("error:"):
            self._problem(f"the simulator stopped: {reason[6:]}")
        self.selected_record = -1
        self.refresh()
        if reason in ("breakpoint", "target", "condition") and self.execution is not None:
            where = self.execution.current
            if where is not None:
                self._set_status(self.status_text(f"Paused before '{where.state}' ({reason})"))

    # ----- breakpoints ---------------------------------------------------------------------
    def selected_state(self) -> str | None:
        """The name of the selected state on the canvas."""
        scene = self._scene
        if scene is None:
            return None
        for item in scene.selectedItems():
            name = item.data(0)
            if isinstance(name, str):
                return name
        return None

    def toggle_breakpoint(self, name: str | None = None) -> bool:
        """Toggle a breakpoint on ``name`` (default: the selected state); True when now set."""
        name = name or self.selected_state()
        if name is None:
            self._problem("Select a state on the canvas to toggle its breakpoint.")
            return False
        if name in self.breakpoints:
            self.breakpoints.discard(name)
        else:
            self.breakpoints.add(name)
        if self.runner.active:
            self.runner.breakpoints = frozenset(self.breakpoints)
        self._paint_breakpoints()
        return name in self.breakpoints

    def set_breakpoint_condition(self, name: str, text: str | None) -> bool:
        """Pause before ``name`` only when ``text`` (JSONPath or ``{% JSONata %}``) holds on
        its input; empty text removes the condition. False (problem shown) when invalid."""
        if not text or not text.strip():
            self.conditions.pop(name, None)
            self._checkers.pop(name, None)
            self._paint_breakpoints()
            return True
        try:
            checker = compile_condition(text)
        except ValueError as exc:
            self._problem(f"{name}: {exc}")
            return False
        self.conditions[name], self._checkers[name] = text.strip(), checker
        self.breakpoints.discard(name)
        self._paint_breakpoints()
        return True

    def edit_condition(self) -> None:
        """Ask for the condition of the selected state's breakpoint."""
        name = self.selected_state()
        if name is None:
            self._problem("Select a state on the canvas to give it a conditional breakpoint.")
            return
        text, ok = QInputDialog.getText(
            self.window,
            "Conditional breakpoint",
            f"Pause before '{name}' when this holds on its input\n"
            "(a JSONPath such as $.order.total, or {% $states.input.total > 100 %}):",
            text=self.conditions.get(name, ""),
        )
        if ok:
            self.set_breakpoint_condition(name, text)

    # ----- refreshing the views ------------------------------------------------------------
    def refresh(self) -> None:
        """Bring canvas, history, data flow, Choice view, status and actions up to date."""
        self.refresh_canvas()
        self._sync_history()
        self.show_step(self._shown_record())
        self._set_status(self.status_text())
        self._update_actions()

    def _shown_record(self) -> int:
        """The step the panels show: the selected one, else the latest."""
        records = self.execution.records if self.execution is not None else []
        selected = self.selected_record
        return selected if 0 <= selected < len(records) else len(records) - 1

    def refresh_canvas(self) -> None:
        """Paint statuses, taken edges, visit/retry/error badges and breakpoints on the canvas."""
        scene = self._scene
        if scene is None or self.runner.busy:
            return
        statuses = self._statuses()
        for name, status in statuses.items():
            if self._shown.get(name) != status:
                scene.set_status(name, status)
                self._shown[name] = status
        execution = self.execution
        paint_edges(scene, execution.edge_visits if execution is not None else Counter())
        if self._overlay is not None:
            paint_badges(self._overlay, scene, execution)
        self._paint_breakpoints()
        self._follow_active(scene)

    def _statuses(self) -> dict[str, str]:
        scene = self._scene
        names = scene.names if scene is not None else {}
        if self.execution is None:
            return dict.fromkeys(names, "idle")
        statuses = self.execution.state_statuses()
        self._apply_child_choice(statuses)
        return {name: statuses.get(name, "idle") for name in names}

    def _apply_child_choice(self, statuses: dict[str, str]) -> None:
        """Show one Map iteration / Parallel branch only, when the selector names one."""
        execution = self.execution
        assert execution is not None  # noqa: S101 - callers check
        ran = [r.name for r in execution.records if r.type in ("Map", "Parallel")]
        self.run_panel.set_containers(list(dict.fromkeys(ran)))
        container = self.run_panel.container_picker.currentText()
        children = execution.children(container) if container else []
        sdef = execution.program.states.get(container)
        self.run_panel.set_child_count(len(children), sdef.type if sdef is not None else None)
        choice = self.run_panel.child_choice()
        if choice is None or choice[1] >= len(children):
            return
        child = children[choice[1]]
        prefix = execution.program.states[container].pointer + "/"
        for sdef in execution.program.states.values():
            if sdef.pointer.startswith(prefix):
                statuses[sdef.name] = "idle"
        for record in child.records:
            statuses[record.name] = "failed" if record.status == "FAILED" else "visited"
        if child.status == RUNNING and child.state is not None:
            statuses[child.state] = "active"

    def _paint_breakpoints(self) -> None:
        scene, overlay = self._scene, self._overlay
        if scene is None or overlay is None:
            return
        for state_id, item in scene.state_items.items():
            rect = item.sceneBoundingRect().adjusted(6, 6, -6, -6)
            on = item.text.name in self.breakpoints or item.text.name in self.conditions
            if on or state_id in overlay.breakpoints:
                overlay.set_breakpoint(state_id, on, rect)

    def _follow_active(self, scene: DiagramScene) -> None:
        if not self.follow or self.execution is None:
            return
        where = self.execution.current
        item = scene.item_for(where.state) if where is not None else None
        canvas = getattr(self.window, "canvas", None)
        if item is not None and canvas is not None:
            canvas.ensureVisible(item, 60, 60)

    def _sync_history(self) -> None:
        if self.execution is None:
            self._index = EventIndex()
            self.history.sync([], [])
            return
        self._index.sync(self.execution.history, self.execution.records)
        self.history.sync(self.execution.history, self._index.state_of)

    def show_step(self, index: int) -> None:
        """Show step ``index`` (a record) in the data-flow and Choice views; select its state."""
        execution = self.execution
        records = execution.records if execution is not None else []
        if execution is None or not 0 <= index < len(records):
            self.dataflow.show_record(None)
            self.why.show_decision(None, None)
            return
        record = records[index]
        row = self._index.first_event(index)
        if row >= 0:
            self.history.select_row(row)
        sdef = execution.program.states.get(record.name)
        types = {name: sdef.type for name, sdef in execution.program.states.items()}
        self.dataflow.show_record(record, context_object(execution, record), types)
        self.why.show_decision(record, sdef.body if sdef is not None else None)

    def select_step(self, index: int) -> None:
        """Make step ``index`` the selected one: views, canvas selection and view position."""
        self.selected_record = index
        self.show_step(index)
        execution, scene = self.execution, self._scene
        if execution is None or scene is None or not 0 <= index < len(execution.records):
            return
        item = scene.item_for(execution.records[index].name)
        if item is not None:
            scene.clearSelection()
            item.setSelected(True)
            if not self.dataflow_dock.isHidden():  # over an editing panel the selection raised
                self.dataflow_dock.raise_()
            canvas = getattr(self.window, "canvas", None)
            if canvas is not None:
                canvas.ensureVisible(item, 60, 60)

    def _event_selected(self, row: int) -> None:
        if 0 <= row < len(self._index.record_of) and self._index.record_of[row] >= 0:
            self.select_step(self._index.record_of[row])
            kind = str(self.history.model.events[row].get("type", ""))
            for suffix, key in EVENT_STAGES:
                if kind.endswith(suffix) and self.dataflow.select_key(key):
                    break

    # ----- status, actions, export ---------------------------------------------------------
    def virtual_seconds(self) -> float:
        """Virtual time elapsed since the execution started (last event's clock)."""
        events = self.execution.history if self.execution is not None else []
        if len(events) < 2:
            return 0.0
        return seconds_between(events[0].get("timestamp"), events[-1].get("timestamp"))

    def status_text(self, lead: str | None = None) -> str:
        """One line for the status bar: where the run is, steps and virtual time."""
        execution = self.execution
        if execution is None:
            return "Debugger: not started"
        if lead is None:
            where = execution.current
            if execution.status != RUNNING:
                lead = execution.status
                if execution.error:
                    lead += f": {execution.error}"
            elif where is not None:
                lead = f"Paused before '{where.state}'" if where.entering else f"In '{where.state}'"
            else:
                lead = "Paused"
        seconds = self.virtual_seconds()
        clock = format_duration(int(seconds) if float(seconds).is_integer() else round(seconds, 3))
        return f"{lead} · step {execution.steps} · virtual time {clock}"

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _problem(self, message: str) -> None:
        show = getattr(self.window, "show_problem", None)
        if callable(show):
            show(message)
        else:
            self.window.statusBar().showMessage(message, 10000)

    def _update_actions(self) -> None:
        running = self.runner.active
        execution = self.execution
        paused = execution is not None and execution.status == RUNNING and not running
        enabled = {
            "actionRun": not running and not paused,
            "actionContinue": paused,
            "actionStep": not running,
            "actionStepBack": not running and execution is not None and execution.steps > 0,
            "actionRunToSelected": not running,
            "actionStop": running or execution is not None,
            "actionToggleBreakpoint": True,
            "actionConditionalBreakpoint": True,
            "actionExportHistory": execution is not None and not running,
            "actionExportRunDiagram": not running,
        }
        for name, on in enabled.items():
            self.actions[name].setEnabled(on)

    def export_diagram(self) -> None:
        """Export the canvas as it is now (run statuses and badges included)."""
        choose = getattr(self.window, "choose_export", None)
        if callable(choose):
            choose()

    def export_history(self, path: str | Path | None = None) -> Path | None:
        """Write the history as GetExecutionHistory JSON (asks where when ``path`` is None)."""
        if self.execution is None:
            self._problem("Run or step the machine first, then export its history.")
            return None
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self.window, "Export history", "history.json", "JSON (*.json)"
            )
            if not name:
                return None
            path = name
        try:
            write_history(path, self.execution.history)
        except OSError as exc:
            self._problem(f"{path}: cannot write the history ({exc.strerror or exc})")
            return None
        return Path(path)


def install_debugger(window: QMainWindow) -> DebuggerController:
    """Add the debugger (docks, Debug menu and toolbar, keys, canvas sync) to ``window``."""
    existing = getattr(window, "debugger", None)
    if isinstance(existing, DebuggerController):
        return existing
    controller = DebuggerController(window)
    window.debugger = controller  # type: ignore[attr-defined]
    return controller


__all__ = ["ACTIONS", "DebuggerController", "EventIndex", "install_debugger"]
