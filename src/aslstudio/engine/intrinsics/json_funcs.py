"""JSON intrinsics: StringToJson, JsonToString and JsonMerge."""

from __future__ import annotations

import json
import random
from typing import Any

from aslstudio.engine.intrinsics.base import Body, fail
from aslstudio.engine.intrinsics.parser import IntrinsicCall


def _reject_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a JSON value", name, 0)


def string_to_json(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.StringToJson: parse a JSON text (NaN and Infinity are not JSON)."""
    try:
        return json.loads(args[0], parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        fail(call.name, f"the string is not valid JSON ({exc.msg} at position {exc.pos})")


def json_to_string(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.JsonToString: compact JSON text of the value."""
    return json.dumps(args[0], separators=(",", ":"), ensure_ascii=False)


def json_merge(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.JsonMerge: keys of the second object win (a shallow merge).

    AWS supports only the shallow mode: the third argument must be ``false``.
    """
    left, right, deep = args
    if deep:
        fail(
            call.name,
            "Step Functions supports only the shallow merging mode; the third argument "
            "must be false",
        )
    return {**left, **right}


BODIES: dict[str, Body] = {
    "States.StringToJson": string_to_json,
    "States.JsonToString": json_to_string,
    "States.JsonMerge": json_merge,
}
