"""Shared types for intrinsic function bodies."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any, NoReturn

from aslstudio.engine.errors import INTRINSIC_FAILURE, StatesError
from aslstudio.engine.intrinsics.parser import IntrinsicCall

# A body receives the evaluated (already type-checked) arguments, the parsed call and the rng.
Body = Callable[[list[Any], IntrinsicCall, random.Random], Any]

MAX_STRING = 10_000


def fail(name: str, message: str) -> NoReturn:
    """Raise States.IntrinsicFailure with a cause naming the function."""
    raise StatesError(INTRINSIC_FAILURE, f"Invalid arguments in {name}: {message}")


def java_round(value: int | float) -> int:
    """Java's Math.round: halves go up (towards positive infinity)."""
    return value if isinstance(value, int) else math.floor(value + 0.5)


def as_int(value: Any) -> int:
    """An integer-valued number (checked by the signature) as an int."""
    return int(value)
