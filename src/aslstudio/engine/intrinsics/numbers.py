"""Math and generator intrinsics: MathAdd, MathRandom and UUID (seedable through ``rng``)."""

from __future__ import annotations

import random
import uuid
from typing import Any

from aslstudio.engine.intrinsics.base import Body, as_int, fail, java_round
from aslstudio.engine.intrinsics.parser import IntrinsicCall

INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def math_add(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.MathAdd: the sum of two numbers, each rounded half-up to an integer first."""
    first, second = (java_round(v) for v in args)
    for value in (first, second):
        if not INT_MIN <= value <= INT_MAX:
            fail(call.name, f"{value} is outside the 32-bit integer range")
    total = first + second
    if not INT_MIN <= total <= INT_MAX:
        fail(call.name, f"the sum {total} is outside the 32-bit integer range")
    return total


def math_random(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.MathRandom: an integer from start (inclusive) to end (exclusive).

    Non-integer bounds are rounded to the nearest integer first, as the AWS guide says.
    """
    start, end = java_round(args[0]), java_round(args[1])
    if end <= start:
        fail(call.name, f"the end ({end}) must be greater than the start ({start})")
    source = random.Random(as_int(args[2])) if len(args) > 2 else rng  # noqa: S311
    return source.randrange(start, end)


def make_uuid(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.UUID: a version 4 UUID drawn from the (seedable) rng."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


BODIES: dict[str, Body] = {
    "States.MathAdd": math_add,
    "States.MathRandom": math_random,
    "States.UUID": make_uuid,
}
