"""Array intrinsics: Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem,
ArrayLength, ArrayUnique."""

from __future__ import annotations

import json
import random
from typing import Any

from aslstudio.engine.intrinsics.base import Body, as_int, fail, java_round
from aslstudio.engine.intrinsics.parser import IntrinsicCall

MAX_RANGE_ITEMS = 1000


def _canonical(value: Any) -> str:
    """A key under which equal JSON values (1 and 1.0 included) compare equal."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    except RecursionError:
        fail("States.ArrayUnique/ArrayContains", "the value is nested too deeply to compare")


def array(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.Array: the arguments as a list, nulls included."""
    return list(args)


def array_partition(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.ArrayPartition: chunks of the given size (the last may be shorter)."""
    items, size = args[0], as_int(args[1])
    if size <= 0:
        fail(call.name, f"the chunk size must be a positive integer, but was {size}")
    return [items[i : i + size] for i in range(0, len(items), size)]


def array_contains(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.ArrayContains: whether the value is in the array (JSON equality)."""
    wanted = _canonical(args[1])
    return any(_canonical(item) == wanted for item in args[0])


def array_range(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.ArrayRange: start to end inclusive by step, at most 1000 items.

    Non-integer arguments are rounded half-up first, as for MathAdd and MathRandom.
    """
    start, end, step = (java_round(v) for v in args)
    if step == 0:
        fail(call.name, "the step must not be 0")
    count = max(0, (end - start) // step + 1)
    if count > MAX_RANGE_ITEMS:
        fail(call.name, f"the range has {count} items; at most {MAX_RANGE_ITEMS} are allowed")
    return list(range(start, end + (1 if step > 0 else -1), step))


def array_get_item(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.ArrayGetItem: the item at a zero-based index."""
    items, index = args[0], as_int(args[1])
    if not 0 <= index < len(items):
        fail(call.name, f"index {index} is out of bounds for an array of {len(items)} items")
    return items[index]


def array_length(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.ArrayLength: the number of items."""
    return len(args[0])


def array_unique(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.ArrayUnique: the items without repeats, first occurrences kept in order."""
    seen: set[str] = set()
    out = []
    for item in args[0]:
        key = _canonical(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


BODIES: dict[str, Body] = {
    "States.Array": array,
    "States.ArrayPartition": array_partition,
    "States.ArrayContains": array_contains,
    "States.ArrayRange": array_range,
    "States.ArrayGetItem": array_get_item,
    "States.ArrayLength": array_length,
    "States.ArrayUnique": array_unique,
}
