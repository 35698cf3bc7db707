"""The data-flow stages of a state in both query languages, recorded as they are computed."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from aslstudio.engine import errors
from aslstudio.engine import jsonata as ja
from aslstudio.engine.paths import evaluate_template, select, set_result_path
from aslstudio.engine.runtime import Frame, Visit

MISSING: Any = object()


def path_field(v: Visit, key: str, default: str | None = "$") -> str | None:
    """A *Path field's value: a string or null; anything else fails with States.Runtime."""
    value = v.body.get(key, default)
    if value is not None and not isinstance(value, str):
        raise errors.StatesError(
            errors.RUNTIME, f"The field {key} must be a path string or null, not {value!r}"
        )
    return value


def effective_input(v: Visit) -> Any:
    """JSONPath: the input after InputPath (absent = ``$``; null = ``{}``)."""
    body = v.body
    if "InputPath" in body:
        path = path_field(v, "InputPath")
        eff = select(v.raw, path, v.ctx, v.variables, field="InputPath")
    else:
        eff = v.raw
    v.record.stages["afterInputPath"] = eff
    v.effective = eff
    return eff


def parameters(v: Visit, data: Any, key: str = "Parameters") -> Any:
    """JSONPath: apply the Parameters template (or return ``data`` when there is none)."""
    template = v.body.get(key)
    if template is None:
        out = data
    else:
        out = evaluate_template(template, data, v.ctx, v.variables, field=key, rng=v.rt.rng)
    v.record.stages["afterParameters"] = out
    return out


def output_path(v: Visit, data: Any) -> Any:
    """JSONPath: apply OutputPath (absent = ``$``; null = ``{}``)."""
    if "OutputPath" not in v.body:
        return data
    path = path_field(v, "OutputPath")
    return select(data, path, v.ctx, v.variables, field="OutputPath")


def assign_jsonpath(v: Visit, template: Any, data: Any) -> dict[str, Any] | None:
    """JSONPath Assign: ``$`` is ``data`` (the state result); variables read their old values."""
    if template is None:
        return None
    values = evaluate_template(template, data, v.ctx, v.variables, field="Assign", rng=v.rt.rng)
    if not isinstance(values, dict):
        raise errors.StatesError(
            errors.RUNTIME, "Assign must be an object of variable names to values"
        )
    return values


def finish_jsonpath(v: Visit, result: Any) -> tuple[Any, dict[str, Any] | None]:
    """JSONPath: ResultSelector, ResultPath (into the RAW input), Assign, OutputPath."""
    body, stages = v.body, v.record.stages
    stages["result"] = result
    selected = result
    if "ResultSelector" in body:
        selected = evaluate_template(
            body["ResultSelector"],
            result,
            v.ctx,
            v.variables,
            field="ResultSelector",
            rng=v.rt.rng,
        )
    stages["afterResultSelector"] = selected
    after = set_result_path(v.raw, path_field(v, "ResultPath"), selected)
    stages["afterResultPath"] = after
    assigned = assign_jsonpath(v, body.get("Assign"), selected)
    return output_path(v, after), assigned


def bindings(v: Visit, **states: Any) -> dict[str, Any]:
    """JSONata bindings: the visible variables plus ``$states`` (input, context, extras)."""
    out = dict(v.variables)
    out["states"] = {"input": v.raw, "context": v.context, **states}
    return out


def render(value: Any, env: Mapping[str, Any], field: str, rng: random.Random | None = None) -> Any:
    """JSONata: resolve ``{% %}`` templates inside ``value`` ($random/$uuid use ``rng``)."""
    return ja.render(value, env, field=field, rng=rng)


def assign_jsonata(
    template: Any, env: Mapping[str, Any], rng: random.Random | None = None
) -> dict[str, Any] | None:
    """JSONata Assign: each value may be a ``{% %}`` template."""
    if template is None:
        return None
    values = render(template, env, "Assign", rng)
    if not isinstance(values, dict):
        raise errors.StatesError(errors.QUERY_EVALUATION_ERROR, "Assign must be an object")
    return values


def finish_jsonata(v: Visit, result: Any, default_output: Any) -> tuple[Any, dict[str, Any] | None]:
    """JSONata: Assign and Output, both seeing ``$states.result`` and the old variables."""
    env = bindings(v) if result is MISSING else bindings(v, result=result)
    if result is not MISSING:
        v.record.stages["result"] = result
    assigned = assign_jsonata(v.body.get("Assign"), env, v.rt.rng)
    output = (
        render(v.body["Output"], env, "Output", v.rt.rng) if "Output" in v.body else default_output
    )
    return output, assigned


def catch_output(
    v: Visit, catcher: Mapping[str, Any], error: str, cause: str
) -> tuple[Any, dict[str, Any] | None]:
    """The state output when a Catch handles an error (OutputPath does not apply)."""
    error_output = {"Error": error, "Cause": cause}
    if v.sdef.jsonata:
        env = bindings(v, errorOutput=error_output)
        assigned = assign_jsonata(catcher.get("Assign"), env, v.rt.rng)
        out = (
            render(catcher["Output"], env, "Output", v.rt.rng)
            if "Output" in catcher
            else error_output
        )
        return out, assigned
    after = set_result_path(v.raw, catcher.get("ResultPath", "$"), error_output)
    v.record.stages["afterResultPath"] = after
    return after, assign_jsonpath(v, catcher.get("Assign"), error_output)


def apply_assign(frame: Frame, assigned: Mapping[str, Any]) -> None:
    """Store assigned variables in the frame's scope; an inner scope may not set outer ones."""
    outer = frame.parent if not frame.isolated else None
    for name in assigned:
        if name in frame.own_vars or outer is None:
            continue
        try:
            outer.lookup(name)
        except KeyError:
            continue
        raise errors.StatesError(
            errors.RUNTIME,
            f"The variable '{name}' belongs to an outer scope; a state inside a Map or "
            "Parallel cannot assign it.",
        )
    frame.own_vars.update(assigned)
