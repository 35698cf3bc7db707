"""Succeed and Fail: the states that end a scope."""

from __future__ import annotations

from typing import Any

from aslstudio.engine import dataflow as df
from aslstudio.engine import errors
from aslstudio.engine.paths import evaluate_template
from aslstudio.engine.runtime import Transition, Visit


def run_succeed(v: Visit) -> Transition:
    """Succeed: the (filtered) input becomes the scope's output."""
    if v.sdef.jsonata:
        output, _ = df.finish_jsonata(v, df.MISSING, v.raw)
        return Transition(output, None)
    eff = df.effective_input(v)
    return Transition(df.output_path(v, eff), None)


def _dynamic(v: Visit, field: str, expression: Any) -> str:
    value = evaluate_template(
        {"value.$": expression}, v.raw, v.ctx, v.variables, field=field, rng=v.rt.rng
    )["value"]
    if not isinstance(value, str):
        raise errors.StatesError(
            errors.RUNTIME,
            f"The {field} '{expression}' gave {value!r}; an error name must be a string",
        )
    return value


def _text(v: Visit, field: str) -> str:
    body = v.body
    if v.sdef.jsonata:
        value = df.render(body.get(field, ""), df.bindings(v), field, v.rt.rng)
        if not isinstance(value, str):
            raise errors.StatesError(
                errors.QUERY_EVALUATION_ERROR, f"The {field} must give a string"
            )
        return value
    if f"{field}Path" in body:
        return _dynamic(v, f"{field}Path", body[f"{field}Path"])
    value = body.get(field, "")
    return value if isinstance(value, str) else str(value)


def run_fail(v: Visit) -> Transition:
    """Fail: raise the state's Error and Cause (ErrorPath/CausePath may use intrinsics)."""
    error = _text(v, "Error")
    cause = _text(v, "Cause")
    raise errors.StatesError(error, cause)
