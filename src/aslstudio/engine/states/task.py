"""The Task state: build the payload, ask the task source, record Task*/LambdaFunction* events."""

from __future__ import annotations

from typing import Any

from aslstudio.engine import dataflow as df
from aslstudio.engine import errors
from aslstudio.engine.context import REGION, deterministic_uuid
from aslstudio.engine.events import to_text
from aslstudio.engine.paths import select
from aslstudio.engine.runtime import Transition, Visit
from aslstudio.engine.tasks import TaskCall, is_lambda_function_arn, resource_parts


def _limit(v: Visit, name: str, data: Any) -> float | None:
    body = v.body
    value = body.get(name)
    if v.sdef.jsonata and value is not None:
        value = df.render(value, df.bindings(v), name, rng=v.rt.rng)
    elif f"{name}Path" in body:
        value = select(data, body[f"{name}Path"], v.ctx, v.variables, field=f"{name}Path")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise errors.StatesError(
            errors.RUNTIME, f"The {name} value {value!r} is not a positive integer"
        )
    return float(value)


def _payload(v: Visit) -> tuple[Any, Any]:
    """(task payload, data the *Path limits read) in the state's query language."""
    if v.sdef.jsonata:
        args = v.body.get("Arguments")
        payload = (
            v.raw if args is None else df.render(args, df.bindings(v), "Arguments", rng=v.rt.rng)
        )
        v.record.stages["afterArguments"] = payload
        return payload, v.raw
    eff = df.effective_input(v)
    return df.parameters(v, eff), eff


def _events(v: Visit, resource: str) -> tuple[str, dict[str, Any]]:
    """The event-name prefix and the resource fields of Task* or LambdaFunction* events."""
    if is_lambda_function_arn(resource):
        return "LambdaFunction", {"resource": resource}
    kind, action = resource_parts(resource)
    return "Task", {"resourceType": kind, "resource": action}


def run(v: Visit) -> Transition:
    """Invoke the task through the execution's task source and run the data flow on its result."""
    body = v.body
    resource = body.get("Resource")
    if not isinstance(resource, str):
        raise errors.StatesError(errors.RUNTIME, f"The Task state '{v.sdef.name}' has no Resource")
    if resource.endswith(".waitForTaskToken"):
        v.context["Task"] = {"Token": deterministic_uuid(v.rt.rng)}
    payload, data = _payload(v)
    timeout = _limit(v, "TimeoutSeconds", data)
    heartbeat = _limit(v, "HeartbeatSeconds", data)
    prefix, fields = _events(v, resource)
    scheduled = dict(fields)
    if prefix == "Task":
        scheduled.update(region=REGION, parameters=to_text(payload))
    else:
        scheduled.update(input=to_text(payload), inputDetails={"truncated": False})
    if timeout is not None:
        scheduled["timeoutInSeconds"] = int(timeout)
    if heartbeat is not None and prefix == "Task":
        scheduled["heartbeatInSeconds"] = int(heartbeat)
    v.event(f"{prefix}Scheduled", scheduled)
    v.event(f"{prefix}Started", dict(fields) if prefix == "Task" else None)
    call = TaskCall(v.sdef.name, resource, payload, v.context, timeout)
    try:
        _, result = v.rt.tasks.invoke(call)
    except errors.StatesError as exc:
        kind = "TimedOut" if exc.error in (errors.TIMEOUT, errors.HEARTBEAT_TIMEOUT) else "Failed"
        v.event(f"{prefix}{kind}", {**fields, "error": exc.error, "cause": exc.cause})
        raise
    if prefix == "Task" and ".sync" in resource:
        # .sync integrations report the submitted job before it completes.
        v.event("TaskSubmitted", {**fields, "output": "{}", "outputDetails": {"truncated": False}})
    v.event(
        f"{prefix}Succeeded",
        {**fields, "output": to_text(result), "outputDetails": {"truncated": False}},
    )
    if v.sdef.jsonata:
        output, assigned = df.finish_jsonata(v, result, result)
    else:
        output, assigned = df.finish_jsonpath(v, result)
    return Transition(output, body.get("Next"), assigned)
