"""The public stepping API: build an execution, step, run to breakpoints, step back, inspect."""

from __future__ import annotations

import gc
import random
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from aslstudio.engine.clock import DEFAULT_START, RealClock, VirtualClock, WaitInterrupted, iso
from aslstudio.engine.context import deterministic_uuid, execution_context, machine_context
from aslstudio.engine.definition import Program, build_program
from aslstudio.engine.events import History
from aslstudio.engine.limits import DEFAULT_MAX_EVENTS
from aslstudio.engine.records import Coords, StepRecord
from aslstudio.engine.runtime import RUNNING, Frame, Runtime
from aslstudio.engine.scheduler import Machine, Position
from aslstudio.engine.tasks import ChainSource, RecordingSource, TaskSource

ABORTED = "ABORTED"


@dataclass
class ExecutionOptions:
    """How to run: names, seed, event limit, time source and the local folder standing in for S3."""

    name: str | None = None
    seed: int = 0
    max_steps: int = DEFAULT_MAX_EVENTS
    real_time: bool = False
    start_time: datetime = DEFAULT_START
    state_machine_name: str = "StateMachine"
    s3_root: Path | None = None


class ChildView(NamedTuple):
    """One Map iteration or Parallel branch of a container's latest run."""

    position: int
    frame: Coords
    status: str
    state: str | None
    output: Any
    error: str | None
    cause: str | None
    records: list[StepRecord]


class Upcoming(NamedTuple):
    """The state the next step enters, with the input and the variables it will see."""

    frame: Coords
    state: str
    input: Any
    variables: Mapping[str, Any]


class Execution:
    """A deterministic, steppable execution of one definition on one input.

    The constructor raises :class:`~aslstudio.engine.definition.DefinitionError` when the
    definition cannot run at all (no StartAt, a Next to nowhere...); everything that goes
    wrong later ends the execution as FAILED with an ASL error name and cause.
    """

    def __init__(
        self,
        definition: Any,
        data: Any = None,
        tasks: TaskSource | None = None,
        options: ExecutionOptions | None = None,
        **option_values: Any,
    ) -> None:
        self.options = options or ExecutionOptions(**option_values)
        self.program: Program = build_program(definition)
        self.input = {} if data is None else data
        self._source: TaskSource = tasks if tasks is not None else ChainSource()
        self._task_tape: list[tuple[bool, Any]] = []
        self._clock_tape: list[datetime] = []
        self._steps = 0
        self._paused_at: int | None = None
        self._aborted = False
        self._interrupt = threading.Event()
        self._machine = self._build()

    def _build(self) -> Machine:
        opts = self.options
        clock: VirtualClock = (
            RealClock(self._clock_tape, self._interrupt)
            if opts.real_time
            else VirtualClock(opts.start_time)
        )
        rng = random.Random(opts.seed)  # noqa: S311 - simulation, not cryptography
        name = opts.name or deterministic_uuid(rng)
        machine_name = opts.state_machine_name
        rt = Runtime(
            program=self.program,
            clock=clock,
            rng=rng,
            tasks=RecordingSource(self._source, self._task_tape),
            history=History(),
            execution_ctx=execution_context(machine_name, name, self.input, iso(clock.now())),
            machine_ctx=machine_context(machine_name),
            s3_root=opts.s3_root,
        )
        return Machine(self.program, self.input, rt, opts.max_steps)

    # -- results ------------------------------------------------------------------------

    @property
    def status(self) -> str:
        """RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED."""
        return ABORTED if self._aborted else self._machine.status

    @property
    def output(self) -> Any:
        """The execution's output once it succeeded."""
        return self._machine.output

    @property
    def error(self) -> str | None:
        """The error name once it failed."""
        return self._machine.error

    @property
    def cause(self) -> str | None:
        """The cause text once it failed."""
        return self._machine.cause

    @property
    def history(self) -> list[dict[str, Any]]:
        """GetExecutionHistory-shaped events so far."""
        return self._machine.rt.history.events

    @property
    def records(self) -> list[StepRecord]:
        """The data-flow record of every state visit so far, in order."""
        return self._machine.records

    @property
    def visits(self) -> Counter[str]:
        """How often each state was entered, keyed by the state's JSON pointer."""
        return self._machine.visits

    @property
    def edge_visits(self) -> Counter[tuple[str, str]]:
        """How often each transition (source name, target name) was taken."""
        return self._machine.edge_visits

    @property
    def steps(self) -> int:
        """How many steps were taken."""
        return self._steps

    @property
    def current(self) -> Position | None:
        """Where the next step acts (frame coordinates, state, entering?); None when over."""
        return None if self._aborted else self._machine.peek()

    def state_statuses(self) -> dict[str, str]:
        """Run status per state name for the canvas: "idle", "active", "visited" or "failed"."""
        out = dict.fromkeys(self.program.states, "idle")
        for record in self.records:
            out[record.name] = "failed" if record.status == "FAILED" else "visited"
        for frame in self._machine.frames.values():
            started = frame is self._machine.root or frame.records or frame.container
            if frame.status == RUNNING and frame.state is not None and started:
                out[frame.state] = "active"
        position = self.current
        if position is not None:
            out[position.state] = "active"
        return out

    def upcoming(self) -> Upcoming | None:
        """The state the next step enters, with its input and visible variables (None when
        the next step finishes a Map/Parallel or the run is over); also for the first state
        of a Map iteration or Parallel branch that has not started yet."""
        position = self.current
        if position is None or not position.entering:
            return None
        frame = self._frame(position.frame)
        if frame is not None:
            return Upcoming(position.frame, position.state, frame.data, frame.variables())
        parent = self._frame(position.frame[:-1])
        run = parent.container if parent is not None else None
        if parent is None or run is None:
            return None
        data = run.inputs[position.frame[-1][1]]
        variables: Mapping[str, Any] = {} if run.isolated else parent.variables()
        return Upcoming(position.frame, position.state, data, variables)

    def context_object(self, record: StepRecord | None = None) -> dict[str, Any]:
        """``$$`` as ``record``'s visit saw it (Execution, State, StateMachine); without a
        record, the Execution and StateMachine parts only. A copy: safe to change."""
        rt = self._machine.rt
        context: dict[str, Any] = {
            "Execution": dict(rt.execution_ctx),
            "StateMachine": dict(rt.machine_ctx),
        }
        if record is not None:
            context["State"] = {
                "EnteredTime": record.entered_at,
                "Name": record.name,
                "RetryCount": len(record.retries),
            }
        return context

    def variables(self, frame: Coords = ()) -> Mapping[str, Any]:
        """The variables visible in a frame (the machine's by default)."""
        found = self._frame(frame)
        return found.variables() if found is not None else {}

    # -- stepping -----------------------------------------------------------------------

    def step(self) -> StepRecord | None:
        """Advance one state (entered -> exited, retries included); None when finished."""
        if self._aborted or self._machine.status != RUNNING:
            return None
        mark = len(self._clock_tape)
        try:
            record = self._machine.step()
        except WaitInterrupted:
            self._interrupted(mark)
            return None
        self._steps += 1
        return record

    def step_over(self, should_stop: Callable[[], bool] | None = None) -> StepRecord | None:
        """Like :meth:`step`, but a Map or Parallel is run to its end in one call."""
        record = self.step()
        collecting = gc.isenabled()
        gc.disable()
        try:
            while record is not None and record.status == "RUNNING" and self.status == RUNNING:
                if should_stop is not None and should_stop():
                    break
                self.step()
        finally:
            if collecting:
                gc.enable()
        return record

    def run(
        self,
        breakpoints: frozenset[str] = frozenset(),
        until_state: str | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> str:
        """Step until the end, a breakpoint or ``until_state`` (stopping BEFORE entering it)."""
        stops = set(breakpoints)
        if until_state is not None:
            stops.add(until_state)
        resume = self._paused_at == self._steps
        # The run allocates many small, long-lived objects (history, records): pausing the
        # cyclic collector avoids repeated full-heap scans (it dominated long runs).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._run_loop(stops, resume, should_stop)
        finally:
            if collecting:
                gc.enable()
        return self.status

    def _run_loop(
        self, stops: set[str], resume: bool, should_stop: Callable[[], bool] | None
    ) -> None:
        machine = self._machine
        while not self._aborted and machine.status == RUNNING:
            if should_stop is not None and should_stop():
                break
            if stops and not resume:
                pos = self._machine.peek()
                if pos is not None and pos.entering and pos.state in stops:
                    self._paused_at = self._steps
                    break
            resume = False
            mark = len(self._clock_tape)
            try:
                machine.step()
            except WaitInterrupted:
                self._interrupted(mark)
                break
            self._steps += 1

    def _interrupted(self, mark: int) -> None:
        """A real-time sleep was cut short: the step counts, the run is ABORTED, and the
        wall-clock readings of the cut step are dropped so a replay redoes it for real."""
        self._steps += 1
        self.abort()
        del self._clock_tape[mark:]

    def interrupt(self) -> None:
        """Stop a real-time run from any thread: a Wait or retry delay that is sleeping (or
        about to) ends at once and the execution becomes ABORTED. No effect in virtual time."""
        self._interrupt.set()

    def step_back(self) -> bool:
        """Restore the point before the last step exactly (by deterministic replay)."""
        if self._steps == 0:
            return False
        target = self._steps - 1
        self._aborted = False
        self._interrupt.clear()
        self._machine = self._build()
        self._steps = 0
        collecting = gc.isenabled()
        gc.disable()
        try:
            for _ in range(target):
                self.step()
        finally:
            if collecting:
                gc.enable()
        self._paused_at = None
        return True

    def abort(self) -> None:
        """Stop the execution: its status becomes ABORTED."""
        if self._machine.status == RUNNING and not self._aborted:
            self._aborted = True
            self._machine.rt.history.add("ExecutionAborted", iso(self._machine.rt.clock.now()), {})

    # -- navigation ---------------------------------------------------------------------

    def _frame(self, coords: Coords) -> Frame | None:
        return self._machine.frames.get(tuple(coords))

    def _children_of(self, frame: Frame, name: str) -> list[Frame]:
        depth = len(frame.coords) + 1
        found = [
            f
            for coords, f in self._machine.frames.items()
            if len(coords) == depth and coords[:-1] == frame.coords and coords[-1][0] == name
        ]
        return sorted(found, key=lambda f: f.coords[-1][1])

    def children(self, state: str, frame: Coords = ()) -> list[ChildView]:
        """The iterations or branches of the latest run of container ``state`` in ``frame``."""
        parent = self._frame(frame)
        if parent is None:
            return []
        return [
            ChildView(
                child.coords[-1][1],
                child.coords,
                child.status,
                child.state,
                child.output,
                child.error,
                child.cause,
                list(child.records),
            )
            for child in self._children_of(parent, state)
        ]

    def records_in(self, frame: Coords) -> list[StepRecord]:
        """The records of the states run inside one frame (e.g. one Map iteration)."""
        return [r for r in self.records if r.frame == frame]
