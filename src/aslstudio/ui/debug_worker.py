"""Runs an execution in short time slices on the GUI thread; conditional breakpoint checks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from aslstudio.engine import jsonata
from aslstudio.engine.errors import StatesError
from aslstudio.engine.execution import Execution
from aslstudio.engine.jsonpath_parse import PathSyntaxError
from aslstudio.engine.paths import PathNotFound, compile_path

SLICE_SECONDS = 0.03  # engine time per slice; the event loop runs between slices
RUNNING = "RUNNING"


class SliceRunner(QObject):
    """Drives ``Execution.run`` slice by slice; emits progress and why it stopped."""

    progress = Signal(int)  # steps taken so far
    stopped = Signal(str)  # breakpoint, target, finished, stopped, condition or "error:<text>"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.execution: Execution | None = None
        self.breakpoints: frozenset[str] = frozenset()
        self.until_state: str | None = None
        self.condition: Callable[[Execution], bool] | None = None
        self.slice_seconds = SLICE_SECONDS
        self._stop_requested = False
        self._active = False
        self._resume_steps = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self.threaded = False  # real-time runs sleep in Wait states: run them off the GUI thread
        self._thread: threading.Thread | None = None
        self._thread_reason = ""
        self._poll = QTimer(self)
        self._poll.setInterval(40)
        self._poll.timeout.connect(self._poll_thread)

    @property
    def busy(self) -> bool:
        """True while a background slice owns the execution (the GUI must not read it)."""
        return self._thread is not None

    @property
    def active(self) -> bool:
        """Whether a run is in progress (between start() and the stopped signal)."""
        return self._active

    def start(
        self,
        execution: Execution,
        breakpoints: frozenset[str] = frozenset(),
        until_state: str | None = None,
        condition: Callable[[Execution], bool] | None = None,
    ) -> None:
        """Run ``execution`` until the end, a breakpoint, ``until_state`` or stop()."""
        self.execution = execution
        self.breakpoints = breakpoints
        self.until_state = until_state
        self.condition = condition
        self._stop_requested = False
        self._active = True
        self._resume_steps = execution.steps
        self._timer.start()

    def stop(self) -> None:
        """Ask the run to end; it ends at the next step boundary (within one slice). In real
        time a Wait (or retry delay) that is sleeping is cut short: the run is ABORTED."""
        if self._active:
            self._stop_requested = True
            if self.threaded and self.execution is not None:
                self.execution.interrupt()

    def _slice(self) -> None:
        run = self.execution
        if run is None or not self._active:
            return
        if self._stop_requested:
            self._finish("stopped")
            return
        deadline = time.perf_counter() + self.slice_seconds
        if self.threaded:
            self._thread = threading.Thread(
                target=self._threaded_slice, args=(run, deadline), daemon=True
            )
            self._thread.start()
            self._poll.start()
            return
        self._after_slice(run, self._run_until(run, deadline))

    def _threaded_slice(self, run: Execution, deadline: float) -> None:
        self._thread_reason = self._run_until(run, deadline)

    def _poll_thread(self) -> None:
        thread, run = self._thread, self.execution
        if thread is None or thread.is_alive() or run is None:
            return
        self._poll.stop()
        self._thread = None
        self._after_slice(run, self._thread_reason)

    def _after_slice(self, run: Execution, reason: str) -> None:
        self.progress.emit(run.steps)
        if reason:
            self._finish(reason)
            return
        self._timer.start()

    def _run_until(self, run: Execution, deadline: float) -> str:
        """One slice; returns why the run ended ('' when the slice simply ran out)."""
        why = ""

        def should_stop() -> bool:
            nonlocal why
            if self._stop_requested:
                why = "stopped"
            elif time.perf_counter() > deadline:
                why = "slice"
            elif self._condition_met(run):
                why = "condition"
            return bool(why)

        try:
            run.run(self.breakpoints, self.until_state, should_stop)
        except Exception as exc:  # noqa: BLE001 - a simulator bug must not take the window down
            return f"error:{exc.__class__.__name__}: {exc}"
        if run.status != RUNNING:
            return "finished"
        if why:  # we asked run() to stop
            return "" if why == "slice" else why
        position = run.current  # run() paused by itself: before a breakpoint or the target
        if position is not None and position.state == self.until_state:
            return "target"
        return "breakpoint"

    def _condition_met(self, run: Execution) -> bool:
        check = self.condition
        return check is not None and run.steps != self._resume_steps and check(run)

    def _finish(self, reason: str) -> None:
        self._active = False
        self._timer.stop()
        self.stopped.emit(reason)


def compile_condition(text: str) -> Callable[[Any, Mapping[str, Any]], bool]:
    """A check for a conditional breakpoint: a JSONPath (true when it finds a truthy value)
    or a JSONata ``{% ... %}`` expression; ValueError with a one-line message when invalid."""
    text = text.strip()
    if jsonata.is_template(text):
        body = jsonata.template_body(text)
        problem = jsonata.check_syntax(body)
        if problem:
            raise ValueError(f"invalid JSONata condition: {problem}")

        def by_jsonata(data: Any, variables: Mapping[str, Any]) -> bool:
            env = {**variables, "states": {"input": data}}
            try:
                value = jsonata.evaluate(body, env)
            except StatesError:
                return False
            return value is not jsonata.UNDEFINED and bool(value)

        return by_jsonata
    try:
        path = compile_path(text)
    except PathSyntaxError as exc:
        raise ValueError(f"invalid JSONPath condition '{text}': {exc}") from None

    def by_path(data: Any, variables: Mapping[str, Any]) -> bool:
        try:
            return bool(path.find(data, None, variables))
        except (PathNotFound, StatesError):
            return False

    return by_path


def condition_check(
    conditions: Mapping[str, Callable[[Any, Mapping[str, Any]], bool]],
) -> Callable[[Execution], bool]:
    """A SliceRunner condition: stop before a state whose condition holds on its input."""

    def check(run: Execution) -> bool:
        ahead = run.upcoming()
        if ahead is None or ahead.state not in conditions:
            return False
        return conditions[ahead.state](ahead.input, ahead.variables)

    return check


def one_step(start: int) -> Callable[[Execution], bool]:
    """A run condition that stops after exactly one step from ``start``."""
    return lambda run: run.steps > start
