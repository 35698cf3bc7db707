"""Service limits the simulator enforces: payload size and history length."""

from __future__ import annotations

from aslstudio.engine import errors

MAX_PAYLOAD_BYTES = 262_144  # 256 KiB, for state input/output, results and variables
DEFAULT_MAX_EVENTS = 25_000  # AWS's history limit per execution


def check_payload(text: str, what: str) -> None:
    """Raise States.DataLimitExceeded when the UTF-8 size of ``text`` is over 256 KiB."""
    if len(text) * 4 <= MAX_PAYLOAD_BYTES:
        return
    size = len(text.encode("utf-8"))
    if size > MAX_PAYLOAD_BYTES:
        raise errors.StatesError(
            errors.DATA_LIMIT_EXCEEDED,
            f"The {what} has a size of {size} bytes, more than the limit of "
            f"{MAX_PAYLOAD_BYTES} bytes (256 KiB).",
        )


def events_exceeded_cause(limit: int) -> str:
    """The cause written when a run exceeds the history-event limit."""
    return (
        f"The execution reached the limit of {limit} history events, like AWS's 25,000-event "
        "limit: probably a loop that never ends. Raise it with --max-steps if the loop is intended."
    )
