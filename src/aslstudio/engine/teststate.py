"""Run one state alone on an input, like the TestState API: inspection data, status, next state."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

from aslstudio.engine import errors
from aslstudio.engine.definition import DefinitionError, build_program
from aslstudio.engine.execution import Execution, ExecutionOptions
from aslstudio.engine.retry import decide_retry
from aslstudio.engine.tasks import ChainSource, TaskCall, TaskSource

INSPECTION_STAGES = (
    "input",
    "afterInputPath",
    "afterParameters",
    "afterArguments",
    "result",
    "afterResultSelector",
    "afterResultPath",
)


class OneStateMock:
    """A task source from TestState's ``mock``: ``{"result": ...}`` or ``{"errorOutput": ...}``."""

    def __init__(self, mock: Mapping[str, Any]) -> None:
        if ("result" in mock) == ("errorOutput" in mock):
            raise ValueError("a TestState mock needs 'result' or 'errorOutput' (one of them)")
        self.mock = mock

    def invoke(self, call: TaskCall) -> tuple[bool, Any]:
        """The mocked result, or the mocked error raised as a StatesError."""
        if "errorOutput" in self.mock:
            err = self.mock["errorOutput"]
            err = err if isinstance(err, Mapping) else {}
            raise errors.StatesError(str(err.get("error", "")), str(err.get("cause", "")))
        result = self.mock["result"]
        if isinstance(result, str):
            with contextlib.suppress(json.JSONDecodeError):
                result = json.loads(result)
        return True, result


def _alone(definition: Any, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    program = build_program(definition)
    sdef = program.states.get(name)
    if sdef is None:
        raise DefinitionError(f"the definition has no state named '{name}'")
    body = dict(sdef.body)
    body.pop("Next", None)
    body.pop("Retry", None)
    if body.get("Type") not in ("Choice", "Succeed", "Fail"):
        body["End"] = True
    machine: dict[str, Any] = {"StartAt": name, "States": {name: body}}
    if "QueryLanguage" in definition and "QueryLanguage" not in body:
        machine["QueryLanguage"] = definition["QueryLanguage"]
    return machine, dict(sdef.body)


def run_one_state(
    definition: Any,
    name: str,
    data: Any,
    *,
    mock: Mapping[str, Any] | None = None,
    tasks: TaskSource | None = None,
    retrier_retry_count: int = 0,
    options: ExecutionOptions | None = None,
) -> dict[str, Any]:
    """Run state ``name`` of ``definition`` once; returns TestState's response fields."""
    machine, original = _alone(definition, name)
    source: TaskSource = OneStateMock(mock) if mock is not None else (tasks or ChainSource())
    execution = Execution(machine, data, source, options)
    record = execution.step()
    while record is not None and record.status == "RUNNING" and execution.status == "RUNNING":
        execution.step()
    if record is None:
        raise DefinitionError(f"the state '{name}' could not be run")
    inspection = {k: record.stages[k] for k in INSPECTION_STAGES if k in record.stages}
    if record.variables is not None:
        inspection["variables"] = record.variables
    out: dict[str, Any] = {"inspectionData": inspection}
    if record.error is None:
        out.update(status="SUCCEEDED", output=record.stages.get("output"))
        if record.next_state is not None or original.get("Next") is not None:
            out["nextState"] = record.next_state or original.get("Next")
        return out
    details: dict[str, Any] = {"error": record.error, "cause": record.cause}
    inspection["errorDetails"] = details
    counters = dict.fromkeys(range(len(original.get("Retry") or [])), retrier_retry_count)
    decision = decide_retry(original.get("Retry"), record.error, counters, execution_rng())
    if decision is not None:
        details.update(retryIndex=decision.retrier, retryBackoffIntervalSeconds=decision.delay)
        out.update(status="RETRIABLE", error=record.error, cause=record.cause)
    elif record.caught_by is not None:
        details["catchIndex"] = record.caught_by
        out.update(
            status="CAUGHT_ERROR",
            error=record.error,
            cause=record.cause,
            output=record.stages.get("output"),
            nextState=record.next_state,
        )
    else:
        out.update(status="FAILED", error=record.error, cause=record.cause)
    return out


def execution_rng() -> Any:
    """A throwaway generator for the retry check (jitter does not matter there)."""
    import random

    return random.Random(0)  # noqa: S311 - not cryptography
