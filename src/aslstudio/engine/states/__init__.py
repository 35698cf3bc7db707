"""State handlers keyed by ASL ``Type``: simple states return a Transition, containers a run."""

from __future__ import annotations

from collections.abc import Callable

from aslstudio.engine.runtime import ContainerRun, Transition, Visit
from aslstudio.engine.states import (
    choice_state,
    map_state,
    parallel,
    pass_state,
    task,
    terminal,
    wait,
)

Handler = Callable[[Visit], "Transition | ContainerRun"]
Finisher = Callable[[Visit, ContainerRun], Transition]

HANDLERS: dict[str, Handler] = {
    "Pass": pass_state.run,
    "Task": task.run,
    "Choice": choice_state.run,
    "Wait": wait.run,
    "Succeed": terminal.run_succeed,
    "Fail": terminal.run_fail,
    "Parallel": parallel.run,
    "Map": map_state.run,
}

# Container states: how they end once every child frame has finished.
FINISHERS: dict[str, Finisher] = {
    "Parallel": parallel.finish,
    "Map": map_state.finish,
}
