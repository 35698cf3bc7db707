"""The one execution-history builder: events in the shape of GetExecutionHistory's `events`."""

from __future__ import annotations

import json
from typing import Any

# Event types whose details object is not named after the type itself.
_SHARED_DETAILS = {
    "StateEntered": "stateEnteredEventDetails",
    "StateExited": "stateExitedEventDetails",
}
_NO_DETAILS = frozenset(
    {
        "ParallelStateStarted",
        "ParallelStateSucceeded",
        "MapStateSucceeded",
        "ParallelStateAborted",
        "MapRunSucceeded",
    }
)


_KEYS: dict[str, str] = {}
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _fast_encoder() -> Any:
    """CPython's C encoder built once (json.dumps builds one per call); None elsewhere."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    # No circular-reference markers: payloads are trees parsed from JSON.
    return make(
        None, _ENCODER.default, json.encoder.encode_basestring, None, ":", ",", False, False, True
    )


_C_ENCODE = _fast_encoder()


def details_key(event_type: str) -> str:
    """The details key of an event type: ``TaskStateEntered`` -> ``stateEnteredEventDetails``."""
    key = _KEYS.get(event_type)
    if key is None:
        key = event_type[0].lower() + event_type[1:] + "EventDetails"
        for suffix, shared in _SHARED_DETAILS.items():
            if event_type.endswith(suffix):
                key = shared
        _KEYS[event_type] = key
    return key


def to_text(value: Any) -> str:
    """A payload as the history shows it: compact JSON text."""
    if _C_ENCODE is None:
        return _ENCODER.encode(value)
    return "".join(_C_ENCODE(value, 0))


class History:
    """Numbered events; ``events`` is the GetExecutionHistory-shaped list.

    Events are queued as tuples and turned into dicts when ``events`` is read: a long run
    that nobody inspects mid-way does not pay for the dicts twice, and a reader that keeps
    the list sees it grow on its next read.
    """

    def __init__(self) -> None:
        self._events: list[dict[str, Any]] = []
        self._pending: list[tuple[str, str, dict[str, Any] | None]] = []

    @property
    def events(self) -> list[dict[str, Any]]:
        """Every event so far, oldest first (the same list object for the whole run)."""
        if self._pending:
            out = self._events
            event_id = len(out)
            for event_type, timestamp, details in self._pending:
                event_id += 1
                event: dict[str, Any] = {
                    "id": event_id,
                    "previousEventId": event_id - 1,
                    "timestamp": timestamp,
                    "type": event_type,
                }
                if details is not None and event_type not in _NO_DETAILS:
                    event[details_key(event_type)] = details
                out.append(event)
            self._pending.clear()
        return self._events

    def add(self, event_type: str, timestamp: str, details: dict[str, Any] | None = None) -> int:
        """Append one event and return its id."""
        self._pending.append((event_type, timestamp, details))
        return len(self._events) + len(self._pending)

    def __len__(self) -> int:
        return len(self._events) + len(self._pending)


def entered_details(name: str, payload_text: str) -> dict[str, Any]:
    """Details of a ``*StateEntered`` event."""
    return {"name": name, "input": payload_text, "inputDetails": {"truncated": False}}


def exited_details(
    name: str, payload_text: str, assigned: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Details of a ``*StateExited`` event, with assigned variables as AWS writes them."""
    details: dict[str, Any] = {
        "name": name,
        "output": payload_text,
        "outputDetails": {"truncated": False},
    }
    if assigned:
        details["assignedVariables"] = {k: to_text(v) for k, v in assigned.items()}
        details["assignedVariablesDetails"] = {"truncated": False}
    return details


def failed_details(error: str, cause: str) -> dict[str, Any]:
    """Details of a ``*Failed`` event."""
    return {"error": error, "cause": cause}
