"""Where a Task's result comes from: mocks, local handlers, or a failure saying how to mock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from aslstudio.engine import errors


@dataclass(frozen=True, slots=True)
class TaskCall:
    """One task invocation: the state, its Resource, the payload sent and the context object."""

    state: str
    resource: str
    payload: Any
    context: Any = None
    timeout: float | None = None


class TaskSource(Protocol):
    """Produces task results: ``invoke`` returns (handled, result) or raises StatesError."""

    def invoke(self, call: TaskCall) -> tuple[bool, Any]:
        """(True, result) when handled; (False, None) to let the next source try."""
        ...


def resource_parts(resource: str) -> tuple[str, str]:
    """(resourceType, resource) as history events name them, e.g. ("lambda", "invoke")."""
    if resource.startswith("arn:aws:states:::"):
        rest = resource[len("arn:aws:states:::") :]
        if rest.startswith("aws-sdk:"):
            rest = rest[len("aws-sdk:") :]
        service, _, action = rest.partition(":")
        return service, action
    parts = resource.split(":")
    if len(parts) > 5 and parts[2] == "lambda":
        return "lambda", parts[6] if len(parts) > 6 else parts[-1]
    if len(parts) > 2:
        return parts[2], parts[-1]
    return "unknown", resource


def is_lambda_function_arn(resource: str) -> bool:
    """Whether the Resource is a bare Lambda function ARN (the legacy, non-optimised form)."""
    return resource.startswith("arn:aws:lambda:")


def lambda_invoke_response(payload: Any) -> dict[str, Any]:
    """What ``lambda:invoke`` returns around a function's result."""
    return {
        "ExecutedVersion": "$LATEST",
        "Payload": payload,
        "SdkHttpMetadata": {"HttpStatusCode": 200},
        "SdkResponseMetadata": {},
        "StatusCode": 200,
    }


class ChainSource:
    """Asks each source in turn; when none handles the call, fails naming the state and Resource."""

    def __init__(self, sources: Sequence[TaskSource] = ()) -> None:
        self.sources = list(sources)

    def invoke(self, call: TaskCall) -> tuple[bool, Any]:
        """The first source's answer; else StatesError(TASK_FAILED) saying how to mock."""
        for source in self.sources:
            handled, result = source.invoke(call)
            if handled:
                return True, result
        raise errors.StatesError(errors.TASK_FAILED, no_source_cause(call.state, call.resource))


NO_SOURCE = "which the simulator cannot reach"


def is_no_source_cause(cause: str | None) -> bool:
    """Whether a failure cause says a Task had no mock or handler (a setup problem)."""
    return cause is not None and f"', {NO_SOURCE}. Mock it" in cause


def no_source_cause(state: str, resource: str) -> str:
    """The cause written when nothing can produce a task's result."""
    return (
        f"The Task state '{state}' calls '{resource}', {NO_SOURCE}. "
        f"Mock it: give --mock-config with a test case mapping '{state}' to a mocked response, "
        f"or --handlers with an entry for '{resource}'."
    )


class RecordingSource:
    """Wraps a source and tapes every outcome, so a replay never calls user code twice."""

    def __init__(self, inner: TaskSource, tape: list[tuple[bool, Any]] | None = None) -> None:
        self.inner = inner
        self.tape: list[tuple[bool, Any]] = [] if tape is None else tape
        self.pos = 0

    def invoke(self, call: TaskCall) -> tuple[bool, Any]:
        """Replay the taped outcome at this position, else call the inner source and tape it."""
        if self.pos < len(self.tape):
            ok, value = self.tape[self.pos]
        else:
            try:
                ok, value = True, self.inner.invoke(call)[1]
            except errors.StatesError as exc:
                ok, value = False, (exc.error, exc.cause)
            self.tape.append((ok, value))
        self.pos += 1
        if not ok:
            raise errors.StatesError(value[0], value[1])
        return True, value
