"""ASL intrinsic functions (`States.*`): parser, signatures and implementations.

Public API: ``parse_intrinsic``, ``is_intrinsic``, ``evaluate_intrinsic``, ``SIGNATURES``,
``Signature``, ``IntrinsicCall``, ``IntrinsicSyntaxError``. Arguments are evaluated, then
checked against the signature table in one place, then the body of the function runs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from aslstudio.engine.errors import INTRINSIC_FAILURE, RUNTIME, StatesError
from aslstudio.engine.intrinsics import arrays, encoding, json_funcs, numbers, strings
from aslstudio.engine.intrinsics.base import Body
from aslstudio.engine.intrinsics.parser import (
    Argument,
    IntrinsicCall,
    IntrinsicSyntaxError,
    Literal,
    PathArg,
    escape_string,
    parse_with,
)
from aslstudio.engine.intrinsics.signatures import SIGNATURES, Signature, check_arguments
from aslstudio.engine.paths import PathNotFound, compact_json, compile_path

__all__ = [
    "SIGNATURES",
    "Compiled",
    "IntrinsicCall",
    "IntrinsicSyntaxError",
    "Literal",
    "PathArg",
    "Signature",
    "compile_intrinsic",
    "escape_string",
    "evaluate_intrinsic",
    "is_intrinsic",
    "parse_intrinsic",
]

BODIES: dict[str, Body] = {
    **arrays.BODIES,
    **encoding.BODIES,
    **json_funcs.BODIES,
    **numbers.BODIES,
    **strings.BODIES,
}
_KNOWN = frozenset(SIGNATURES)
DEFAULT_RNG = random.Random()  # noqa: S311 - simulation only; callers pass a seeded rng


def is_intrinsic(text: str) -> bool:
    """Whether a ``.$`` value is an intrinsic call rather than a path (starts with ``States.``)."""
    return text.lstrip().startswith("States.")


def parse_intrinsic(text: str) -> IntrinsicCall:
    """Parse (and cache) an intrinsic call; raises IntrinsicSyntaxError with an offset."""
    return parse_with(text, _KNOWN)


# A compiled call or argument: (data, context, variables, rng) -> value.
Compiled = Callable[[Any, Any, "Mapping[str, Any] | None", random.Random], Any]


def _compile_path_argument(arg: PathArg) -> Compiled:
    path = compile_path(arg.text)

    def run(data: Any, context: Any, variables: Mapping[str, Any] | None, rng: Any) -> Any:
        try:
            return path.find(data, context, variables)
        except PathNotFound:
            source = {"$": data, "$$": context}.get(path.root, variables)
            cause = (
                f"The JsonPath argument '{arg.text}' of an intrinsic function could not be "
                f"found in '{compact_json(source)}'"
            )
            raise StatesError(RUNTIME, cause) from None

    return run


def _compile_argument(arg: Argument) -> Compiled:
    if isinstance(arg, Literal):
        value = arg.value
        return lambda data, context, variables, rng: value
    if isinstance(arg, PathArg):
        return _compile_path_argument(arg)
    return compile_intrinsic(arg)


def compile_intrinsic(call: IntrinsicCall) -> Compiled:
    """Turn a parsed call into a closure: arguments resolved, checked once, body run."""
    parts = [_compile_argument(a) for a in call.args]
    name, signature, body = call.name, SIGNATURES[call.name], BODIES[call.name]

    def run(data: Any, context: Any, variables: Mapping[str, Any] | None, rng: Any) -> Any:
        args = [part(data, context, variables, rng) for part in parts]
        check_arguments(name, signature, args)
        return body(args, call, rng)

    return run


@lru_cache(maxsize=2048)
def _compiled_text(text: str) -> Compiled:
    return compile_intrinsic(parse_intrinsic(text))


def evaluate_intrinsic(
    call_or_text: IntrinsicCall | str,
    data: Any,
    context: Any = None,
    variables: Mapping[str, Any] | None = None,
    rng: random.Random | None = None,
) -> Any:
    """Evaluate an intrinsic call against the state data, context object and variables.

    Type and range errors raise StatesError(States.IntrinsicFailure); a syntax error in a
    text argument does too (the validator reports it earlier with its position).
    """
    if isinstance(call_or_text, str):
        try:
            compiled = _compiled_text(call_or_text)
        except IntrinsicSyntaxError as exc:
            raise StatesError(INTRINSIC_FAILURE, f"{call_or_text}: {exc}") from None
    else:
        compiled = compile_intrinsic(call_or_text)
    return compiled(data, context, variables, rng or DEFAULT_RNG)
