"""The short description shown under a state's name, which the default box size accounts for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aslstudio.asl.describe import describe_resource, describe_wait


def describe_state(state_type: str, body: Mapping[str, Any]) -> str:
    """Task: its resource in short words; Wait: its duration; others: nothing."""
    if state_type == "Task":
        params = body.get("Parameters", body.get("Arguments"))
        mapping = params if isinstance(params, Mapping) else None
        return describe_resource(body.get("Resource"), mapping)
    if state_type == "Wait":
        return describe_wait(body)
    return ""
