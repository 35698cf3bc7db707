"""The stepping machine: frames, the deterministic round-robin scheduler, retry/catch, history."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, NamedTuple

from aslstudio.engine import dataflow as df
from aslstudio.engine import errors
from aslstudio.engine.clock import iso, later
from aslstudio.engine.definition import DefinitionError, Program
from aslstudio.engine.events import entered_details, exited_details, failed_details, to_text
from aslstudio.engine.limits import MAX_PAYLOAD_BYTES, check_payload, events_exceeded_cause
from aslstudio.engine.records import Coords, StepRecord
from aslstudio.engine.retry import decide_retry, find_catcher
from aslstudio.engine.runtime import (
    FAILED,
    RUNNING,
    SUCCEEDED,
    ContainerRun,
    Frame,
    Runtime,
    Transition,
    Visit,
)
from aslstudio.engine.states import FINISHERS, HANDLERS

TIMED_OUT = "TIMED_OUT"
SMALL_TEXT = MAX_PAYLOAD_BYTES // 4  # a JSON text this short is under 256 KiB in any encoding
RETRYABLE = frozenset({"Task", "Parallel", "Map"})
NO_EXIT_EVENT = frozenset({"Fail"})


class Position(NamedTuple):
    """Where the next step happens: frame coordinates, state name, and whether it is an entry."""

    frame: Coords
    state: str
    entering: bool


def placeholder_cause(name: str, program: Program) -> str:
    """The cause written when a run reaches a state with an unfilled ``${Name}`` placeholder."""
    return (
        f"The state '{name}' uses the placeholder ${{{program.placeholders[name]}}}, which no "
        "substitution filled (give --substitutions FILE with a value for it)."
    )


class Machine:
    """Runs a program one state visit per :meth:`step`; all state lives in plain objects."""

    def __init__(self, program: Program, data: Any, rt: Runtime, max_events: int) -> None:
        self.program = program
        self.rt = rt
        self.max_events = max_events
        limit = program.definition.get("TimeoutSeconds")
        self.deadline = (
            later(rt.clock.now(), limit)
            if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0
            else None
        )
        self.root = Frame(program.top, (), program.top.start_at, data, time=rt.clock.now())
        self.local_time = not rt.clock.real_time
        self.frames: dict[Coords, Frame] = {(): self.root}
        self.records: list[StepRecord] = []
        self.visits: Counter[str] = Counter()
        self.edge_visits: Counter[tuple[str, str]] = Counter()
        self.status = RUNNING
        self.output: Any = None
        self.error: str | None = None
        self.cause: str | None = None
        self._input_text: tuple[Any, str] = (data, to_text(data))
        rt.history.add(
            "ExecutionStarted",
            iso(rt.clock.now()),
            {
                "input": self._input_text[1],
                "inputDetails": {"truncated": False},
                "roleArn": rt.execution_ctx["RoleArn"],
            },
        )

    # -- scheduling ---------------------------------------------------------------------

    def peek(self) -> Position | None:
        """The position the next step will act on, without changing anything."""
        if self.status != RUNNING:
            return None
        frame = self.root
        while frame.container is not None and not frame.container.done():
            run = frame.container
            limit = run.max_concurrency or run.size
            if run.active and (len(run.active) >= limit or len(run.children) == run.size):
                frame = run.active[0]
                continue
            index = len(run.children)
            scope = run.scopes[index] if run.kind == "Parallel" else run.scopes[0]
            return Position((*frame.coords, (frame.state or "", index)), scope.start_at, True)
        if frame.state is None:
            return None
        return Position(frame.coords, frame.state, frame.container is None)

    def _pick(self) -> tuple[Frame, list[tuple[ContainerRun, Frame]]]:
        frame = self.root
        path: list[tuple[ContainerRun, Frame]] = []
        while frame.container is not None and not frame.container.done():
            run = frame.container
            limit = run.max_concurrency or run.size
            while len(run.active) < limit and len(run.children) < run.size:
                self._start_child(frame, run)
            child = run.active.popleft()
            path.append((run, child))
            frame = child
        return frame, path

    def _start_child(self, frame: Frame, run: ContainerRun) -> None:
        index = len(run.children)
        if not run.results:
            run.results = [None] * run.size
        scope = run.scopes[index] if run.kind == "Parallel" else run.scopes[0]
        name = frame.state or ""
        child = Frame(
            scope,
            (*frame.coords, (name, index)),
            scope.start_at,
            run.inputs[index],
            parent=frame,
            isolated=run.isolated,
            time=max(frame.time, run.extra["freed"])
            if "freed" in run.extra and frame.time
            else frame.time,
        )
        if self.local_time and child.time is not None:
            self.rt.clock.set(child.time)
        run.children.append(child)
        run.active.append(child)
        self.frames[child.coords] = child
        if run.kind == "Map" and not run.isolated:
            self._event("MapIterationStarted", {"name": name, "index": index})

    def _child_done(self, frame: Frame, run: ContainerRun, child: Frame) -> None:
        index = child.coords[-1][1]
        name = frame.state or ""
        run.extra["freed"] = child.time
        if child.status == SUCCEEDED:
            run.results[index] = child.output
            if run.kind == "Map" and not run.isolated:
                self._event("MapIterationSucceeded", {"name": name, "index": index})
            return
        run.failures += 1
        run.first_error = run.first_error or (child.error or "", child.cause or "")
        run.results[index] = {"Error": child.error, "Cause": child.cause}
        run.extra.setdefault("failed", set()).add(index)
        if run.kind == "Map" and not run.isolated:
            self._event("MapIterationFailed", {"name": name, "index": index})
        if run.exceeded():
            run.aborted = True
            for other in run.active:
                if run.kind == "Map" and not run.isolated:
                    self._event("MapIterationAborted", {"name": name, "index": other.coords[-1][1]})
            run.active.clear()

    # -- one step -----------------------------------------------------------------------

    def step(self) -> StepRecord | None:
        """Advance one state visit (or finish one Map/Parallel); None when the run is over."""
        if self.status != RUNNING:
            return None
        frame, path = self._pick()
        if self.local_time:
            self.rt.clock.set(self._start_time(frame))
        try:
            record = self._finish_container(frame) if frame.container else self._enter(frame)
        except DefinitionError as exc:
            self._fail_frame(frame, errors.RUNTIME, str(exc))
            record = None
        except RecursionError:
            self._fail_frame(frame, errors.RUNTIME, "The data is nested too deeply to process.")
            record = None
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            # A malformed field the validator would have reported (e.g. "MaxAttempts": "x").
            cause = f"The state '{frame.state}' has a malformed field: {type(exc).__name__}: {exc}"
            self._fail_frame(frame, errors.RUNTIME, cause)
            record = None
        if self.local_time:
            frame.time = self.rt.clock.now()
        for run, child in reversed(path):
            parent = child.parent
            if child.status == RUNNING:
                run.active.append(child)
            elif parent is not None:
                self._child_done(parent, run, child)
        self._check_end()
        return record

    def _start_time(self, frame: Frame) -> datetime:
        """A frame resumes at its own time; a finishing container at its last child's end."""
        start = frame.time or self.rt.clock.now()
        run = frame.container
        if run is not None:
            ends = [c.time for c in run.children if c.time is not None]
            start = max([start, *ends])
        return start

    def _check_end(self) -> None:
        root = self.root
        if self.deadline is not None and self.rt.clock.now() > self.deadline:
            # Checked first: a state that ends after the deadline (a long Wait, a retry's
            # interval) means the execution timed out while it ran, even if it was the last.
            self.status, self.error = TIMED_OUT, errors.TIMEOUT
            self.cause = "The execution ran longer than the machine's TimeoutSeconds."
            self._event("ExecutionTimedOut", failed_details(self.error, self.cause))
        elif root.status == SUCCEEDED:
            self.status, self.output = SUCCEEDED, root.output
            self._event(
                "ExecutionSucceeded",
                {"output": to_text(root.output), "outputDetails": {"truncated": False}},
            )
        elif root.status == FAILED:
            self.status, self.error, self.cause = FAILED, root.error, root.cause
            self._event("ExecutionFailed", failed_details(root.error or "", root.cause or ""))
        elif len(self.rt.history) >= self.max_events:
            self.status, self.error = FAILED, errors.RUNTIME
            self.cause = events_exceeded_cause(self.max_events)
            self._event("ExecutionFailed", failed_details(self.error, self.cause))

    def _event(self, event_type: str, details: dict[str, Any] | None) -> None:
        self.rt.history.add(event_type, self.rt.clock.stamp(), details)

    def _enter(self, frame: Frame) -> StepRecord:
        name = frame.state or ""
        sdef = self.program.state(frame.scope, name)
        entered = self.rt.clock.stamp()
        record = StepRecord(len(self.records), name, sdef.pointer, sdef.type, frame.coords)
        record.entered_at = entered
        self.records.append(record)
        frame.records.append(record)
        self.visits[sdef.pointer] += 1
        record.stages["input"] = frame.data
        v = Visit(self.rt, frame, sdef, sdef.body, record, frame.data, entered, frame.variables())
        text = self._text(frame.data)
        self.rt.history.add(sdef.type + "StateEntered", entered, entered_details(name, text))
        try:
            if len(text) > SMALL_TEXT:
                check_payload(text, f"input of the state '{name}'")
            if name in self.program.placeholders:
                raise errors.StatesError(errors.RUNTIME, placeholder_cause(name, self.program))
        except errors.StatesError as exc:
            self._on_error(v, exc)
            return record
        self._attempt(v)
        return record

    def _text(self, value: Any) -> str:
        if self._input_text[0] is value:
            return self._input_text[1]
        return to_text(value)

    def _attempt(self, v: Visit, error: errors.StatesError | None = None) -> None:
        handler = HANDLERS.get(v.sdef.type)
        while True:
            if error is None:
                try:
                    if handler is None:
                        raise errors.StatesError(
                            errors.RUNTIME, f"Unknown state type '{v.sdef.type}'"
                        )
                    out = handler(v)
                    if isinstance(out, ContainerRun):
                        v.frame.container, v.frame.visit = out, v
                        return
                    self._exit(v, out)
                    return
                except errors.StatesError as exc:
                    error = exc
            if not self._retry(v, error):
                self._on_error(v, error)
                return
            error = None

    def _retry(self, v: Visit, err: errors.StatesError) -> bool:
        if v.sdef.type not in RETRYABLE:
            return False
        decision = decide_retry(v.body.get("Retry"), err.error, v.retry_counters, self.rt.rng)
        if decision is None:
            return False
        v.record.retries.append({**decision.to_json(), "error": err.error, "cause": err.cause})
        self.rt.clock.advance(decision.delay)
        v.context["State"] = {**v.context["State"], "RetryCount": decision.attempt}
        return True

    def _on_error(self, v: Visit, err: errors.StatesError) -> None:
        v.frame.container = v.frame.visit = None
        record = v.record
        record.error, record.cause = err.error, err.cause
        found = find_catcher(v.body.get("Catch"), err.error) if v.sdef.type in RETRYABLE else None
        if found is not None:
            index, catcher = found
            try:
                output, assigned = df.catch_output(v, catcher, err.error, err.cause)
                record.caught_by = index
                self._exit(v, Transition(output, catcher.get("Next"), assigned), "CAUGHT_ERROR")
                return
            except errors.StatesError as exc:
                record.error, record.cause = exc.error, exc.cause
                err = exc
        record.status = FAILED
        record.exited_at = self.rt.clock.stamp()
        self._fail_frame(v.frame, err.error, err.cause)

    def _exit(self, v: Visit, t: Transition, status: str = SUCCEEDED) -> None:
        frame, record, name = v.frame, v.record, v.sdef.name
        text = self._text(t.output)
        if len(text) > SMALL_TEXT:
            check_payload(text, f"output of the state '{name}'")
        if t.assigned:
            df.apply_assign(frame, t.assigned)
            record.assigned = t.assigned
        visible = frame.variables()
        record.variables = dict(visible) if visible else None
        record.stages["output"] = t.output
        record.next_state = t.next_state
        record.status = status
        record.exited_at = self.rt.clock.stamp()
        if v.sdef.type not in NO_EXIT_EVENT:
            details = exited_details(name, text, t.assigned)
            self.rt.history.add(v.sdef.type + "StateExited", record.exited_at, details)
        self._input_text = (t.output, text)
        frame.container = frame.visit = None
        if t.next_state is not None:
            self.edge_visits[(name, t.next_state)] += 1
            frame.prev, frame.state, frame.data = name, t.next_state, t.output
        else:
            frame.status, frame.output, frame.state = SUCCEEDED, t.output, None

    def _fail_frame(self, frame: Frame, error: str, cause: str) -> None:
        frame.status, frame.error, frame.cause = FAILED, error, cause
        frame.container = frame.visit = None

    def _finish_container(self, frame: Frame) -> StepRecord:
        v, run = frame.visit, frame.container
        assert v is not None  # noqa: S101 - invariant of a running container
        assert run is not None  # noqa: S101
        finisher = FINISHERS[v.sdef.type]
        try:
            transition = finisher(v, run)
        except errors.StatesError as exc:
            frame.container = frame.visit = None
            self._attempt(v, exc)
            return v.record
        try:
            self._exit(v, transition)
        except errors.StatesError as exc:
            self._on_error(v, exc)
        return v.record
