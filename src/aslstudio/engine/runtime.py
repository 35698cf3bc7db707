"""Shared runtime records: frames (a scope being run), state visits, transitions, container runs."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aslstudio.engine.definition import Program, ScopeDef, StateDef
from aslstudio.engine.records import Coords, StepRecord

if TYPE_CHECKING:
    from aslstudio.engine.clock import VirtualClock
    from aslstudio.engine.events import History
    from aslstudio.engine.tasks import TaskSource

RUNNING = "RUNNING"
SUCCEEDED = "SUCCEEDED"
FAILED = "FAILED"


@dataclass(eq=False, slots=True)
class Frame:
    """One scope in progress: the machine, a Parallel branch or a Map iteration."""

    scope: ScopeDef
    coords: Coords
    state: str | None
    data: Any
    parent: Frame | None = None
    own_vars: dict[str, Any] = field(default_factory=dict)
    isolated: bool = False  # distributed Map children do not see outer variables
    prev: str | None = None
    status: str = RUNNING
    output: Any = None
    error: str | None = None
    cause: str | None = None
    container: ContainerRun | None = None
    visit: Visit | None = None  # the container state visit waiting for its children
    records: list[StepRecord] = field(default_factory=list)
    time: datetime | None = None  # this frame's own virtual time (concurrent frames overlap)

    def lookup(self, name: str) -> Any:
        """A variable visible here (own scope first, then outer ones); KeyError if none."""
        frame: Frame | None = self
        while frame is not None:
            if name in frame.own_vars:
                return frame.own_vars[name]
            frame = None if frame.isolated else frame.parent
        raise KeyError(name)

    def variables(self) -> Mapping[str, Any]:
        """Every variable visible here, inner names hiding outer ones."""
        chain: list[dict[str, Any]] = []
        frame: Frame | None = self
        while frame is not None:
            chain.append(frame.own_vars)
            frame = None if frame.isolated else frame.parent
        if len(chain) == 1:
            return chain[0]
        merged: dict[str, Any] = {}
        for scope_vars in reversed(chain):
            merged.update(scope_vars)
        return merged


@dataclass(slots=True)
class Runtime:
    """What state handlers may use: definition, clock, rng, tasks, history and options."""

    program: Program
    clock: VirtualClock
    rng: random.Random
    tasks: TaskSource
    history: History
    execution_ctx: dict[str, Any]
    machine_ctx: dict[str, Any]
    s3_root: Any = None
    should_stop: Callable[[], bool] | None = None


@dataclass(slots=True)
class Visit:
    """One state being run: its definition, raw input, context object, variables and record."""

    rt: Runtime
    frame: Frame
    sdef: StateDef
    body: Mapping[str, Any]  # the state's JSON object (sdef.body)
    record: StepRecord
    raw: Any
    entered: str
    variables: Mapping[str, Any]
    retry_counters: dict[int, int] = field(default_factory=dict)
    effective: Any = None  # JSONPath: after InputPath (and Parameters for containers)
    _context: dict[str, Any] | None = None

    @property
    def ctx(self) -> dict[str, Any] | None:
        """The context object for path evaluation; None when no field of the state reads it."""
        return self.context if self.sdef.uses_context else None

    @property
    def context(self) -> dict[str, Any]:
        """The context object (``$$``), built on first use: most states never read it."""
        if self._context is None:
            from aslstudio.engine.context import state_context

            rt = self.rt
            self._context = state_context(
                rt.execution_ctx, rt.machine_ctx, self.sdef.name, self.entered
            )
        return self._context

    def timestamp(self) -> str:
        """The current virtual time as history writes it."""
        return self.rt.clock.stamp()

    def event(self, event_type: str, details: dict[str, Any] | None = None) -> int:
        """Append one history event now."""
        return self.rt.history.add(event_type, self.timestamp(), details)


@dataclass(slots=True)
class Transition:
    """A state's successful end: its output, the next state (None = the scope ends) and Assign."""

    output: Any
    next_state: str | None
    assigned: dict[str, Any] | None = None


@dataclass(slots=True)
class ContainerRun:
    """A Map or Parallel state's children being scheduled round-robin under MaxConcurrency."""

    kind: str
    scopes: list[ScopeDef]
    inputs: list[Any]
    max_concurrency: int = 0
    tolerated_count: int | None = None
    tolerated_percentage: float | None = None
    isolated: bool = False
    children: list[Frame] = field(default_factory=list)
    active: deque[Frame] = field(default_factory=deque)
    results: list[Any] = field(default_factory=list)
    failures: int = 0
    first_error: tuple[str, str] | None = None
    aborted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """How many children (items or branches) this run has."""
        return len(self.inputs)

    def done(self) -> bool:
        """Whether the container can finish (all children ended, or a failure ended it)."""
        return self.aborted or (len(self.children) == self.size and not self.active)

    def exceeded(self) -> bool:
        """Whether the failures so far are more than the container tolerates."""
        if self.failures == 0:
            return False
        if self.kind == "Parallel":
            return True
        if self.tolerated_count is None and self.tolerated_percentage is None:
            return True
        if self.tolerated_count is not None and self.failures > self.tolerated_count:
            return True
        pct = self.tolerated_percentage
        return pct is not None and self.failures * 100.0 > pct * max(self.size, 1)
