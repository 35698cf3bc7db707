"""Intrinsic function signatures as data, and the one place where arguments are checked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aslstudio.engine.errors import INTRINSIC_FAILURE, StatesError


def _is_int(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# Argument type name -> (test, word used in causes).
TYPE_TESTS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "any": (lambda v: True, "any value"),
    "string": (lambda v: isinstance(v, str), "a string"),
    "integer": (_is_int, "an integer"),
    "number": (_is_number, "a number"),
    "array": (lambda v: isinstance(v, list), "an array"),
    "object": (lambda v: isinstance(v, dict), "a JSON object"),
    "boolean": (lambda v: isinstance(v, bool), "a boolean"),
}


@dataclass(frozen=True, slots=True)
class Signature:
    """How many arguments a function takes and of which types (``rest`` covers the tail)."""

    min_args: int
    max_args: int | None
    types: tuple[str, ...] = ()
    rest: str = "any"

    def type_of(self, index: int) -> str:
        """The declared type name of argument ``index``."""
        return self.types[index] if index < len(self.types) else self.rest


def _count_words(sig: Signature) -> str:
    if sig.max_args == sig.min_args:
        return f"exactly {sig.min_args}"
    if sig.max_args is None:
        return f"at least {sig.min_args}"
    return f"{sig.min_args} to {sig.max_args}"


def check_arguments(name: str, sig: Signature, args: Sequence[Any]) -> None:
    """Raise States.IntrinsicFailure when the argument count or a type does not fit."""
    count = len(args)
    if count < sig.min_args or (sig.max_args is not None and count > sig.max_args):
        plural = "" if sig.max_args == 1 and sig.min_args == 1 else "s"
        cause = (
            f"The intrinsic function {name} takes {_count_words(sig)} argument{plural} "
            f"but {count} {'was' if count == 1 else 'were'} provided"
        )
        raise StatesError(INTRINSIC_FAILURE, cause)
    for index, value in enumerate(args):
        kind = sig.type_of(index)
        if kind == "any":
            continue
        test, words = TYPE_TESTS[kind]
        if not test(value):
            cause = (
                f"The intrinsic function {name} expects argument {index + 1} to be {words}, "
                f"but received {_describe(value)}"
            )
            raise StatesError(INTRINSIC_FAILURE, cause)


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string '{value}'"
    return "an array" if isinstance(value, list) else "a JSON object"


# The catalogue: function name -> signature (bodies live in one module per family).
SIGNATURES: dict[str, Signature] = {
    "States.Format": Signature(1, None, ("string",), "any"),
    "States.StringToJson": Signature(1, 1, ("string",)),
    "States.JsonToString": Signature(1, 1, ("any",)),
    "States.Array": Signature(0, None),
    "States.ArrayPartition": Signature(2, 2, ("array", "integer")),
    "States.ArrayContains": Signature(2, 2, ("array", "any")),
    "States.ArrayRange": Signature(3, 3, ("number", "number", "number")),
    "States.ArrayGetItem": Signature(2, 2, ("array", "integer")),
    "States.ArrayLength": Signature(1, 1, ("array",)),
    "States.ArrayUnique": Signature(1, 1, ("array",)),
    "States.Base64Encode": Signature(1, 1, ("string",)),
    "States.Base64Decode": Signature(1, 1, ("string",)),
    "States.Hash": Signature(2, 2, ("string", "string")),
    "States.JsonMerge": Signature(3, 3, ("object", "object", "boolean")),
    "States.MathRandom": Signature(2, 3, ("number", "number", "integer")),
    "States.MathAdd": Signature(2, 2, ("number", "number")),
    "States.StringSplit": Signature(2, 2, ("string", "string")),
    "States.UUID": Signature(0, 0),
}
