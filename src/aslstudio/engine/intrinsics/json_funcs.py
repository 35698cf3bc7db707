"""JSON intrinsics: StringToJson, JsonToString and JsonMerge."""

from __future__ import annotations

import json
import random
from typing import Any

from aslstudio.engine.intrinsics.base import Body, fail
from aslstudio.engine.intrinsics.parser import IntrinsicCall


def string_to_json(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.StringToJson: parse a JSON text."""
    try:
        return json.loads(args[0])
    except ValueError as exc:
        fail(
            call.name,
            f"the string is not valid JSON ({exc.msg} at position {exc.pos})"
            if isinstance(exc, json.JSONDecodeError)
            else "the string is not valid JSON",
        )


def json_to_string(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.JsonToString: compact JSON text of the value."""
    return json.dumps(args[0], separators=(",", ":"), ensure_ascii=False)


def _deep_merge(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    merged = dict(left)
    for key, value in right.items():
        old = merged.get(key)
        both = isinstance(old, dict) and isinstance(value, dict)
        merged[key] = _deep_merge(old, value) if both else value  # type: ignore[arg-type]
    return merged


def json_merge(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.JsonMerge: keys of the second object win; nested objects merged only if deep."""
    left, right, deep = args
    if deep:
        return _deep_merge(left, right)
    return {**left, **right}


BODIES: dict[str, Body] = {
    "States.StringToJson": string_to_json,
    "States.JsonToString": json_to_string,
    "States.JsonMerge": json_merge,
}
