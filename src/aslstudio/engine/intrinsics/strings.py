"""String intrinsics: Format (Java-style value rendering) and StringSplit."""

from __future__ import annotations

import math
import random
from decimal import Decimal
from typing import Any

from aslstudio.engine.intrinsics.base import Body, fail
from aslstudio.engine.intrinsics.parser import IntrinsicCall, Literal


def java_double(value: float) -> str:
    """Render a float as Java's Double.toString does (``1.0``, ``1.0E7``, ``1.5E-4``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        return repr(float(value))
    sign, digit_tuple, exponent = Decimal(repr(float(value))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    power = int(exponent) + len(digit_tuple) - 1
    return f"{'-' if sign else ''}{digits[0]}.{digits[1:] or '0'}E{power}"


def render(value: Any) -> str:
    """A value as States.Format prints it (Java toString of the parsed JSON value)."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return java_double(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(render(item) for item in value) + "]"
    return "{" + ", ".join(f"{k}={render(v)}" for k, v in value.items()) + "}"


def format_string(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.Format: replace each unescaped ``{}`` with the matching argument."""
    first = call.args[0]
    if isinstance(first, Literal) and first.pieces is not None:
        pieces = list(first.pieces)
    else:
        pieces = args[0].split("{}")
    values = args[1:]
    if len(pieces) - 1 != len(values):
        fail(
            call.name,
            f"the template has {len(pieces) - 1} placeholder(s) but {len(values)} "
            "value(s) were given",
        )
    out = [pieces[0]]
    for value, piece in zip(values, pieces[1:], strict=True):
        out.append(render(value))
        out.append(piece)
    return "".join(out)


def string_split(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.StringSplit: split at every delimiter character, dropping empty parts."""
    text, delimiters = args
    parts = [text]
    for delimiter in set(delimiters):
        parts = [piece for part in parts for piece in part.split(delimiter)]
    return [part for part in parts if part]


BODIES: dict[str, Body] = {
    "States.Format": format_string,
    "States.StringSplit": string_split,
}
