"""Adapter over jsonata-python for ASL's JSONata mode (``{% ... %}`` expressions).

Public API: ``check_syntax``, ``is_template``, ``template_body``, ``evaluate`` and ``render``.
Bindings map variable names (without ``$``) to values; ``states`` holds ``input``, ``result``,
``errorOutput`` and ``context``. AWS's extra functions ``$partition``, ``$range``, ``$hash``,
``$random``, ``$uuid`` and ``$parse`` are available. Errors become
StatesError(States.QueryEvaluationError).
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

import jsonata as _jsonata
from jsonata import functions as _functions
from jsonata import utils as _utils

from aslstudio.engine.errors import QUERY_EVALUATION_ERROR, StatesError

__all__ = ["UNDEFINED", "check_syntax", "evaluate", "is_template", "render", "template_body"]

UNDEFINED: Any = type("Undefined", (), {"__repr__": lambda self: "UNDEFINED"})()

_HASHES = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384"}
_HASHES["SHA-512"] = "sha512"
_DEFAULT_RNG = random.Random()  # noqa: S311 - simulation only; callers pass a seeded rng


def is_template(value: Any) -> bool:
    """Whether a value is a JSONata template string: exactly ``{% ... %}``."""
    return isinstance(value, str) and value.startswith("{%") and value.endswith("%}")


def template_body(value: str) -> str:
    """The expression inside ``{% ... %}``."""
    return value[2:-2]


def _message(exc: BaseException) -> str:
    location = getattr(exc, "location", None)
    text = str(exc) or type(exc).__name__
    return f"{text} (at position {location})" if isinstance(location, int) else text


def check_syntax(expr: str) -> str | None:
    """None when ``expr`` parses as JSONata, else a message with the character position."""
    try:
        _compile(expr)
    except StatesError as exc:
        return exc.cause
    return None


def _partition(items: Any, size: Any) -> Any:
    if not isinstance(items, list) or not isinstance(size, int) or size <= 0:
        raise ValueError("$partition expects an array and a positive integer size")
    return [items[i : i + size] for i in range(0, len(items), size)]


def _range(start: Any, end: Any, step: Any = 1) -> Any:
    if not all(isinstance(v, int | float) and float(v).is_integer() for v in (start, end, step)):
        raise ValueError("$range expects integer start, end and step")
    start, end, step = int(start), int(end), int(step)
    if step == 0:
        raise ValueError("$range step must not be 0")
    values = range(start, end + (1 if step > 0 else -1), step)
    return _utils.Utils.create_sequence_from_iter(list(values))


def _hash(data: Any, algorithm: Any) -> Any:
    if not isinstance(data, str) or algorithm not in _HASHES:
        raise ValueError(f"$hash expects a string and one of {', '.join(_HASHES)}")
    return hashlib.new(_HASHES[algorithm], data.encode("utf-8"), usedforsecurity=False).hexdigest()


def _parse(text: Any) -> Any:
    if not isinstance(text, str):
        raise ValueError("$parse expects a string")
    return json.loads(text)


@lru_cache(maxsize=4096)
def _compile(expr: str) -> Any:
    try:
        compiled = _jsonata.Jsonata(expr)
    except Exception as exc:  # noqa: BLE001 - the port raises several exception types
        raise StatesError(QUERY_EVALUATION_ERROR, _message(exc)) from None
    compiled.set_output_convert_nulls(False)
    compiled.set_validate_input(False)
    for name, function in (
        ("partition", _partition),
        ("range", _range),
        ("hash", _hash),
        ("parse", _parse),
    ):
        compiled.register_lambda(name, function)
    return compiled


def _clock_functions(now: datetime) -> dict[str, Any]:
    """``$now`` and ``$millis`` reading the simulator's clock instead of the wall clock."""
    millis = int(now.timestamp() * 1000)

    def _now(picture: Any = None, zone: Any = None) -> Any:
        return _functions.Functions.datetime_from_millis(millis, picture, zone)

    return {
        "now": _jsonata.Jsonata.JLambda(_now),
        "millis": _jsonata.Jsonata.JLambda(lambda: millis),
    }


def _rng_functions(rng: random.Random) -> dict[str, Any]:
    def _random(seed: Any = None) -> float:
        source = rng if seed is None else random.Random(seed)  # noqa: S311
        return source.random()

    def _uuid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    return {"random": _jsonata.Jsonata.JLambda(_random), "uuid": _jsonata.Jsonata.JLambda(_uuid)}


def _plain(value: Any) -> Any:
    """Convert the port's sequences and null markers into plain JSON values."""
    if value is _utils.Utils.NULL_VALUE:
        return None
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _bind(bindings: Mapping[str, Any], rng: random.Random, now: datetime | None) -> dict[str, Any]:
    frame = {key.lstrip("$"): value for key, value in bindings.items()}
    for key, value in frame.items():
        if value is None:
            frame[key] = _utils.Utils.NULL_VALUE
    frame.update(_rng_functions(rng))
    if now is not None:
        frame.update(_clock_functions(now))
    return frame


def evaluate(
    expr: str,
    bindings: Mapping[str, Any],
    *,
    required: bool = False,
    field: str = "expression",
    rng: random.Random | None = None,
    now: datetime | None = None,
) -> Any:
    """Evaluate one JSONata expression (without ``{% %}``); UNDEFINED when it has no result.

    With ``required=True`` (Output, Assign, Arguments) no result raises
    States.QueryEvaluationError, as AWS does. A one-element sequence gives the bare value.
    ``rng`` feeds ``$random``/``$uuid``; ``now`` (the virtual clock) feeds ``$now``/``$millis``.
    """
    compiled = _compile(expr)
    try:
        result = compiled.evaluate(None, _bind(bindings, rng or _DEFAULT_RNG, now))
    except Exception as exc:  # noqa: BLE001 - any failure inside JSONata is a query error
        cause = f"An error occurred while evaluating the {field} '{expr}': {_message(exc)}"
        raise StatesError(QUERY_EVALUATION_ERROR, cause) from None
    if result is None:
        if required:
            raise _nothing(expr, field)
        return UNDEFINED
    if _utils.Utils.is_sequence(result) and len(result) == 1:
        result = result[0]
    return _plain(result)


def _nothing(expr: str, field: str) -> StatesError:
    cause = f"The JSONata expression '{expr.strip()}' specified for the field '{field}' "
    return StatesError(QUERY_EVALUATION_ERROR, cause + "returned nothing (undefined).")


def _render_value(
    value: Any, evaluate_one: Callable[[str], Any], field: str, required: bool
) -> Any:
    if is_template(value):
        body = template_body(value)
        result = evaluate_one(body)
        if result is UNDEFINED and required:
            raise _nothing(body, field)
        return result
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            rendered = _render_value(item, evaluate_one, f"{field}/{key}", required)
            if rendered is not UNDEFINED:
                out[key] = rendered
        return out
    if isinstance(value, list):
        items = (
            _render_value(item, evaluate_one, f"{field}[{i}]", required)
            for i, item in enumerate(value)
        )
        return [item for item in items if item is not UNDEFINED]
    return value


def render(
    value: Any,
    bindings: Mapping[str, Any],
    *,
    field: str,
    required: bool = True,
    rng: random.Random | None = None,
    now: datetime | None = None,
) -> Any:
    """Resolve every ``{% %}`` string inside a JSON value (objects and arrays recursively).

    With ``required`` (Arguments, Output, Assign...) any expression with no result raises
    States.QueryEvaluationError naming where it sits, as AWS does: ``Arguments/Input/id``,
    ``Output/list[2]``. Otherwise such an expression drops its key or array element, and a
    top-level one gives UNDEFINED.
    """

    def evaluate_one(expr: str) -> Any:
        return evaluate(expr, bindings, field=field, rng=rng, now=now)

    return _render_value(value, evaluate_one, field, required)
