"""Reads an execution history (GetExecutionHistory events) into the path it took."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_FAILED_END = ("ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted")


@dataclass
class ExecutionPath:
    """The states an execution entered, the ones it failed in, and the transitions it took."""

    visited: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    transitions: set[tuple[str, str]] = field(default_factory=set)


class HistoryError(ValueError):
    """A history file that cannot be read as GetExecutionHistory events."""


def _details(event: Mapping[str, Any], suffix: str) -> Mapping[str, Any]:
    for key, value in event.items():
        if key.lower().endswith(suffix.lower()) and isinstance(value, Mapping):
            return value
    return {}


def path_from_events(events: Sequence[Any]) -> ExecutionPath:
    """The path taken by an execution, from its events in order."""
    path = ExecutionPath()
    by_id: dict[Any, Mapping[str, Any]] = {}
    open_states: list[str] = []
    last_exit = ""
    for event in events:
        if not isinstance(event, Mapping):
            continue
        by_id[event.get("id")] = event
        kind = str(event.get("type", ""))
        if kind.endswith("StateEntered"):
            name = str(_details(event, "StateEnteredEventDetails").get("name", ""))
            if not name:
                continue
            path.visited.add(name)
            open_states.append(name)
            before = by_id.get(event.get("previousEventId"), {})
            prev = _exited_name(before) or last_exit
            if prev:
                path.transitions.add((prev, name))
        elif kind.endswith("StateExited"):
            name = _exited_name(event)
            if name in open_states:
                open_states.reverse()
                open_states.remove(name)
                open_states.reverse()
            last_exit = name or last_exit
        elif kind in _FAILED_END:
            path.failed.update(open_states)
    return path


def _exited_name(event: Mapping[str, Any]) -> str:
    if not str(event.get("type", "")).endswith("StateExited"):
        return ""
    return str(_details(event, "StateExitedEventDetails").get("name", ""))


_READ_PROBLEMS: dict[type[BaseException], str] = {
    FileNotFoundError: "no such file",
    IsADirectoryError: "it is a directory, not a file",
    PermissionError: "permission denied",
    UnicodeDecodeError: "not a UTF-8 text file (is it binary?)",
}


def _read_problem(exc: BaseException) -> str:
    for kind, words in _READ_PROBLEMS.items():
        if isinstance(exc, kind):
            return words
    return "cannot read it"


def read_history(path: str | Path) -> ExecutionPath:
    """Read a history file (a list of events or ``{"events": [...]}``); HistoryError if unusable."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise HistoryError(f"{name}: cannot read the history file: {_read_problem(exc)}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HistoryError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise HistoryError(f"{name}: the history is nested too deeply to be an execution") from exc
    events = data.get("events") if isinstance(data, Mapping) else data
    if not isinstance(events, list) or (
        events and not any(isinstance(e, Mapping) and "type" in e for e in events)
    ):
        raise HistoryError(
            f"{name}: expected a list of GetExecutionHistory events (objects with 'type') "
            "or an object with 'events', as `aslstudio run --history-out` writes"
        )
    return path_from_events(events)
