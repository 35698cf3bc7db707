"""The Map state, inline and distributed: items, ItemSelector, concurrency, tolerance, writer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aslstudio.engine import dataflow as df
from aslstudio.engine import errors, itemio
from aslstudio.engine.context import with_map_item
from aslstudio.engine.paths import evaluate_template, select
from aslstudio.engine.runtime import ContainerRun, Transition, Visit


def _number(v: Visit, name: str, data: Any, env: Mapping[str, Any] | None) -> Any:
    body = v.body
    value = body.get(name)
    if env is not None and value is not None:
        return df.render(value, env, name, rng=v.rt.rng)
    if f"{name}Path" in body:
        return select(data, body[f"{name}Path"], v.ctx, v.variables, field=f"{name}Path")
    return value


def _items_jsonpath(v: Visit, eff: Any) -> list[Any]:
    body = v.body
    reader = body.get("ItemReader")
    if isinstance(reader, Mapping):
        params = evaluate_template(
            reader.get("Parameters", {}), eff, v.ctx, v.variables, field="ItemReader"
        )
        return itemio.read_items(reader, params, _root(v))
    items = select(eff, body.get("ItemsPath", "$"), v.ctx, v.variables, field="ItemsPath")
    if not isinstance(items, list):
        raise errors.StatesError(
            errors.RUNTIME,
            f"The Map state's items must be an array, but ItemsPath gave {df_type(items)}",
        )
    return items


def _items_jsonata(v: Visit, env: Mapping[str, Any]) -> list[Any]:
    body = v.body
    reader = body.get("ItemReader")
    if isinstance(reader, Mapping):
        params = df.render(reader.get("Arguments", {}), env, "ItemReader", rng=v.rt.rng)
        return itemio.read_items(reader, params, _root(v))
    items = df.render(body["Items"], env, "Items", rng=v.rt.rng) if "Items" in body else v.raw
    if not isinstance(items, list):
        raise errors.StatesError(
            errors.QUERY_EVALUATION_ERROR,
            f"The Map state's Items must be an array, not {df_type(items)}",
        )
    return items


def df_type(value: Any) -> str:
    """A JSON type name for messages."""
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        dict: "an object",
        str: "a string",
    }
    return "null" if value is None else names.get(type(value), "an array")


def _root(v: Visit) -> Path | None:
    root = v.rt.s3_root
    return Path(root) if root is not None else None


def _select_items(v: Visit, items: list[Any], eff: Any, env: Mapping[str, Any] | None) -> list[Any]:
    body = v.body
    key = "ItemSelector" if "ItemSelector" in body else "Parameters"
    template = body.get(key)
    if template is None:
        return items
    out = []
    for index, item in enumerate(items):
        ctx = with_map_item(v.context, index, item)
        if env is not None:
            item_env = dict(env)
            item_env["states"] = {**env["states"], "context": ctx}
            out.append(df.render(template, item_env, "ItemSelector", rng=v.rt.rng))
        else:
            out.append(evaluate_template(template, eff, ctx, v.variables, field=key, rng=v.rt.rng))
    return out


def _tolerance(v: Visit, data: Any, env: Mapping[str, Any] | None) -> tuple[Any, Any]:
    count = _number(v, "ToleratedFailureCount", data, env)
    pct = _number(v, "ToleratedFailurePercentage", data, env)
    for name, value in (("ToleratedFailureCount", count), ("ToleratedFailurePercentage", pct)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or value < 0
        ):
            raise errors.StatesError(
                errors.RUNTIME, f"The {name} value {value!r} is not a non-negative number"
            )
    return count, pct


def run(v: Visit) -> ContainerRun:
    """Compute the items, select each one, and start the iterations' container."""
    body = v.body
    env = df.bindings(v) if v.sdef.jsonata else None
    if env is not None:
        items = _items_jsonata(v, env)
        data = v.raw
    else:
        data = df.effective_input(v)
        items = _items_jsonpath(v, data)
    batcher = body.get("ItemBatcher")
    if isinstance(batcher, Mapping):
        batch_input = batcher.get("BatchInput")
        if batch_input is not None and env is None:
            batch_input = evaluate_template(
                batch_input, data, v.ctx, v.variables, field="BatchInput"
            )
        elif batch_input is not None and env is not None:
            batch_input = df.render(batch_input, env, "BatchInput", rng=v.rt.rng)
        items = itemio.batch(items, batcher, batch_input)
    selected = _select_items(v, items, data, env)
    v.record.stages["afterItemSelector"] = selected
    concurrency = _number(v, "MaxConcurrency", data, env) or 0
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 0:
        raise errors.StatesError(
            errors.RUNTIME, f"MaxConcurrency must be a non-negative integer, not {concurrency!r}"
        )
    count, pct = _tolerance(v, data, env)
    scope = v.rt.program.children[v.sdef.name][0]
    v.event("MapStateStarted", {"length": len(selected)})
    run_ = ContainerRun(
        "Map", [scope], selected, int(concurrency), count, pct, isolated=scope.distributed
    )
    if scope.distributed:
        # Distributed Map: children are separate executions; the parent logs the map run.
        run_.extra["mapRunArn"] = _map_run_arn(v)
        v.event("MapRunStarted", {"mapRunArn": run_.extra["mapRunArn"]})
    return run_


def _map_run_arn(v: Visit) -> str:
    label = v.body.get("Label", v.sdef.name)
    run_id = f"{label}-{v.record.index}"
    execution_arn = str(v.rt.execution_ctx["Id"])
    return execution_arn.replace(":execution:", ":mapRun:") + f"/{run_id}"


def finish(v: Visit, run_: ContainerRun) -> Transition:
    """End the Map: fail past the tolerated failures, else collect results in item order."""
    body = v.body
    if run_.exceeded():
        if "mapRunArn" in run_.extra:
            v.event("MapRunFailed", {"error": errors.EXCEED_TOLERATED_FAILURE_THRESHOLD})
        v.event("MapStateFailed", None)
        error, cause = run_.first_error or (errors.RUNTIME, "")
        if run_.tolerated_count is not None or run_.tolerated_percentage is not None:
            error = errors.EXCEED_TOLERATED_FAILURE_THRESHOLD
            cause = f"{run_.failures} of {run_.size} items failed, more than the Map tolerates."
        raise errors.StatesError(error, cause)
    result: Any = run_.results
    writer = body.get("ResultWriter")
    if isinstance(writer, Mapping):
        result = _write(v, writer, run_)
    if "mapRunArn" in run_.extra:
        v.event("MapRunSucceeded", None)
    v.event("MapStateSucceeded", None)
    if v.sdef.jsonata:
        output, assigned = df.finish_jsonata(v, result, result)
    else:
        output, assigned = df.finish_jsonpath(v, result)
    return Transition(output, body.get("Next"), assigned)


def _write(v: Visit, writer: Mapping[str, Any], run_: ContainerRun) -> dict[str, Any]:
    if v.sdef.jsonata:
        params = df.render(writer.get("Arguments", {}), df.bindings(v), "ResultWriter", v.rt.rng)
    else:
        params = evaluate_template(writer.get("Parameters", {}), v.effective, v.ctx, v.variables)
    run_id = f"{v.body.get('Label', v.sdef.name)}-{v.record.index}"
    failed = run_.extra.get("failed", set())
    outcomes = [
        {"Input": run_.inputs[i], "Output": r, "Status": "FAILED" if i in failed else "SUCCEEDED"}
        for i, r in enumerate(run_.results)
    ]
    details = itemio.write_results(params, _root(v), run_id, outcomes)
    return {
        "MapRunArn": run_.extra.get("mapRunArn", _map_run_arn(v)),
        "ResultWriterDetails": details,
    }
