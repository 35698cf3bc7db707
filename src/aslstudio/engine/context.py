"""The context object (``$$`` / ``$states.context``): execution, state, machine, task, map item."""

from __future__ import annotations

import random
import uuid
from typing import Any

ACCOUNT = "123456789012"
REGION = "us-east-1"


def deterministic_uuid(rng: random.Random) -> str:
    """A UUID4 drawn from the execution's seeded generator (same seed, same ids)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def machine_context(machine_name: str) -> dict[str, Any]:
    """``$$.StateMachine``."""
    arn = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{machine_name}"
    return {"Id": arn, "Name": machine_name}


def execution_context(
    machine_name: str, execution_name: str, data: Any, start_time: str
) -> dict[str, Any]:
    """``$$.Execution``."""
    return {
        "Id": f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{machine_name}:{execution_name}",
        "Input": data,
        "Name": execution_name,
        "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/StepFunctions-{machine_name}-role",
        "StartTime": start_time,
        "RedriveCount": 0,
    }


def state_context(
    execution: dict[str, Any], machine: dict[str, Any], name: str, entered: str
) -> dict[str, Any]:
    """The context object for one state visit."""
    return {
        "Execution": execution,
        "State": {"EnteredTime": entered, "Name": name, "RetryCount": 0},
        "StateMachine": machine,
    }


def with_map_item(context: dict[str, Any], index: int, value: Any) -> dict[str, Any]:
    """A copy of ``context`` with ``Map.Item`` set, for a Map state's ItemSelector."""
    out = dict(context)
    out["Map"] = {"Item": {"Index": index, "Value": value}}
    return out
