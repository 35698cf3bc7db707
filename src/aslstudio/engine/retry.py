"""Retry and Catch: which retrier or catcher handles an error, and how long a retry waits."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aslstudio.engine import errors

DEFAULT_INTERVAL = 1.0
DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_BACKOFF = 2.0
# The largest MaxDelaySeconds AWS accepts (366 days); no retry waits longer, so the virtual
# clock and the recorded delay stay finite however the backoff grows.
LONGEST_DELAY = 31_622_400.0


def matches(error_equals: Any, error: str) -> bool:
    """Whether an ``ErrorEquals`` list handles ``error`` (States.ALL/TaskFailed wildcards)."""
    if error in errors.UNCATCHABLE or not isinstance(error_equals, Sequence):
        return False
    for name in error_equals:
        if name == error or name == errors.ALL:
            return True
        if name == errors.TASK_FAILED and error != errors.TIMEOUT:
            return True
    return False


@dataclass(frozen=True, slots=True)
class RetryDecision:
    """A retry to take: which retrier, the attempt number (1-based) and the delay in seconds."""

    retrier: int
    attempt: int
    delay: float

    def to_json(self) -> dict[str, Any]:
        """JSON form for the step record."""
        return {"retrier": self.retrier, "attempt": self.attempt, "delaySeconds": self.delay}


def decide_retry(
    retriers: Any, error: str, counters: dict[int, int], rng: random.Random
) -> RetryDecision | None:
    """The retry to take for ``error`` (updating ``counters``), or None when none applies.

    Only the first retrier whose ErrorEquals matches is considered; once its attempts are used
    up the error is not retried by a later retrier.
    """
    if not isinstance(retriers, Sequence):
        return None
    for index, retrier in enumerate(retriers):
        if not isinstance(retrier, Mapping) or not matches(retrier.get("ErrorEquals"), error):
            continue
        done = counters.get(index, 0)
        if done >= int(retrier.get("MaxAttempts", DEFAULT_MAX_ATTEMPTS)):
            return None
        counters[index] = done + 1
        return RetryDecision(index, done + 1, _delay(retrier, done, rng))
    return None


def _delay(retrier: Mapping[str, Any], done: int, rng: random.Random) -> float:
    interval = float(retrier.get("IntervalSeconds", DEFAULT_INTERVAL))
    try:
        delay = interval * float(retrier.get("BackoffRate", DEFAULT_BACKOFF)) ** done
    except OverflowError:  # thousands of retries with a large BackoffRate
        delay = LONGEST_DELAY
    cap = retrier.get("MaxDelaySeconds")
    if isinstance(cap, int | float) and not isinstance(cap, bool):
        delay = min(delay, float(cap))
    delay = min(delay, LONGEST_DELAY)
    if retrier.get("JitterStrategy") == "FULL":
        delay = rng.uniform(0.0, delay)
    return round(delay, 3)


def find_catcher(catchers: Any, error: str) -> tuple[int, Mapping[str, Any]] | None:
    """The first catcher whose ErrorEquals handles ``error``, with its index."""
    if not isinstance(catchers, Sequence):
        return None
    for index, catcher in enumerate(catchers):
        if isinstance(catcher, Mapping) and matches(catcher.get("ErrorEquals"), error):
            return index, catcher
    return None
