"""RFC 3339 timestamps as ASL accepts them (Choice Timestamp* operators, Wait Timestamp)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

# Uppercase T between date and time and an uppercase Z (or a numeric offset) are required.
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})",
    re.ASCII,
)


def parse_timestamp(text: object) -> datetime | None:
    """A timezone-aware datetime for a valid ASL timestamp string, else None.

    Fractional seconds beyond microseconds are truncated.
    """
    if not isinstance(text, str):
        return None
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, offset = match.group(7), match.group(8)
    micros = int((fraction or "0")[:6].ljust(6, "0"))
    if offset == "Z":
        tz = UTC
    else:
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 23 or minutes > 59:
            return None
        delta = timedelta(hours=hours, minutes=minutes)
        tz = timezone(-delta if offset[0] == "-" else delta)
    try:
        return datetime(year, month, day, hour, minute, second, micros, tzinfo=tz)
    except ValueError:
        return None


def is_timestamp(value: object) -> bool:
    """Whether a value is a string holding a valid ASL timestamp."""
    return parse_timestamp(value) is not None
