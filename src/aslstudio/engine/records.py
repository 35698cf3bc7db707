"""StepRecord: the data-flow record of one state visit, for the debugger and `run --state`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Stage names, in data-flow order, spelled as the TestState API's inspectionData.
STAGES = (
    "input",
    "afterInputPath",
    "afterParameters",
    "afterArguments",
    "afterItemSelector",
    "result",
    "afterResultSelector",
    "afterResultPath",
    "output",
)

Coords = tuple[tuple[str, int], ...]


@dataclass(slots=True)
class StepRecord:
    """One visit of one state: stage values, variables, Choice trace, error and Retry/Catch."""

    index: int
    name: str
    pointer: str
    type: str
    frame: Coords = ()
    stages: dict[str, Any] = field(default_factory=dict)
    variables: dict[str, Any] | None = None
    assigned: dict[str, Any] | None = None
    choice: Any = None
    error: str | None = None
    cause: str | None = None
    retries: list[dict[str, Any]] = field(default_factory=list)
    caught_by: int | None = None
    next_state: str | None = None
    status: str = "RUNNING"
    entered_at: str = ""
    exited_at: str = ""

    def stage(self, name: str, default: Any = None) -> Any:
        """The value of one stage (``"afterInputPath"``...) or ``default`` when not reached."""
        return self.stages.get(name, default)

    @property
    def retry(self) -> dict[str, Any] | None:
        """The last Retry decision taken in this visit (attempt number and delay), if any."""
        return self.retries[-1] if self.retries else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict (stage names as in TestState's inspectionData)."""
        out: dict[str, Any] = {
            "index": self.index,
            "name": self.name,
            "pointer": self.pointer,
            "type": self.type,
            "frame": [[name, idx] for name, idx in self.frame],
            "status": self.status,
            "enteredTime": self.entered_at,
            "exitedTime": self.exited_at,
        }
        out.update(self.stages)
        optional = {
            "variables": self.variables,
            "assignedVariables": self.assigned,
            "choice": self.choice.to_json() if hasattr(self.choice, "to_json") else self.choice,
            "error": self.error,
            "cause": self.cause,
            "retries": self.retries or None,
            "caughtBy": self.caught_by,
            "nextState": self.next_state,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        return out
