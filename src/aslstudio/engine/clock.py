"""Time for the simulator: a virtual clock (the default, never sleeps) or real time, replayable."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

DEFAULT_START = datetime(2026, 1, 1, tzinfo=UTC)


LATEST = datetime.max.replace(tzinfo=UTC)


def later(moment: datetime, seconds: float) -> datetime:
    """``moment`` plus ``seconds``, stopping at the last representable time (no overflow)."""
    try:
        return moment + timedelta(seconds=seconds)
    except OverflowError:
        return LATEST


class VirtualClock:
    """A clock that only moves when the simulation waits; deterministic timestamps."""

    real_time = False

    def __init__(self, start: datetime = DEFAULT_START) -> None:
        self._now = start
        self._stamp: str | None = None

    def stamp(self) -> str:
        """The current time as :func:`iso` text (cached until the clock moves)."""
        if self._stamp is None:
            self._stamp = iso(self._now)
        return self._stamp

    def now(self) -> datetime:
        """The current simulated time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of simulated time pass (negative values are ignored)."""
        if seconds > 0:
            self._now = later(self._now, seconds)
            self._stamp = None

    def set(self, moment: datetime) -> None:
        """Jump to ``moment`` (each Map iteration / Parallel branch keeps its own time)."""
        if moment != self._now:
            self._now = moment
            self._stamp = None

    def advance_to(self, moment: datetime) -> None:
        """Move to ``moment`` when it lies in the future."""
        if moment > self._now:
            self._now = moment
            self._stamp = None


class WaitInterrupted(Exception):  # noqa: N818 - an event, not a failure of the machine
    """A real-time sleep was cut short because the run is being stopped."""


class RealClock(VirtualClock):
    """Wall-clock time; waits really sleep. Readings are taped so a replay is exact.

    When ``interrupt`` is set (from any thread), a sleep in progress or about to start ends
    at once with :class:`WaitInterrupted`.
    """

    real_time = True

    def __init__(
        self, tape: list[datetime] | None = None, interrupt: threading.Event | None = None
    ) -> None:
        self.tape: list[datetime] = [] if tape is None else tape
        self.pos = 0
        self.interrupt = interrupt if interrupt is not None else threading.Event()
        super().__init__(self.now())

    def stamp(self) -> str:
        """The current wall-clock time as :func:`iso` text."""
        return iso(self.now())

    def _replaying(self) -> bool:
        return self.pos < len(self.tape)

    def now(self) -> datetime:
        """Wall-clock time (or the taped reading while replaying)."""
        if self._replaying():
            value = self.tape[self.pos]
        else:
            value = datetime.now(UTC)
            self.tape.append(value)
        self.pos += 1
        return value

    def advance(self, seconds: float) -> None:
        """Sleep ``seconds`` unless a taped run is being replayed."""
        if seconds <= 0 or self._replaying():
            return
        if self.interrupt.wait(min(seconds, threading.TIMEOUT_MAX)):
            raise WaitInterrupted

    def advance_to(self, moment: datetime) -> None:
        """Sleep until ``moment`` (skipped while replaying)."""
        if not self._replaying():
            self.advance((moment - datetime.now(UTC)).total_seconds())


def iso(moment: datetime) -> str:
    """ISO 8601 with milliseconds and a Z, as history and context timestamps are written."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
