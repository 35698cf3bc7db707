"""R606-R608: number ranges, Task Resource ARNs and fields that exclude each other."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from aslstudio.asl import pointer as jp
from aslstudio.asl.scopes import StateRef
from aslstudio.validate.context import RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.helpers import has_placeholder, is_number
from aslstudio.validate.registry import rule

BIG = 99_999_999
# (path inside the state, lowest allowed, highest allowed or None)
STATE_RANGES: tuple[tuple[tuple[str, ...], float, float | None], ...] = (
    (("TimeoutSeconds",), 1, BIG),
    (("HeartbeatSeconds",), 1, BIG),
    (("Seconds",), 0, BIG),
    (("MaxConcurrency",), 0, None),
    (("ToleratedFailurePercentage",), 0, 100),
    (("ToleratedFailureCount",), 0, None),
    (("ItemBatcher", "MaxItemsPerBatch"), 1, None),
    (("ItemBatcher", "MaxInputBytesPerBatch"), 1, 262_144),
    (("ItemReader", "ReaderConfig", "MaxItems"), 1, None),
)
RETRY_RANGES: tuple[tuple[str, float, float | None], ...] = (
    ("IntervalSeconds", 1, BIG),
    ("MaxAttempts", 0, BIG),
    ("BackoffRate", 1, None),
    ("MaxDelaySeconds", 1, 31_622_400),
)
EXCLUSIVE: tuple[tuple[tuple[str, ...], str, str], ...] = (
    ((), "Error", "ErrorPath"),
    ((), "Cause", "CausePath"),
    ((), "TimeoutSeconds", "TimeoutSecondsPath"),
    ((), "HeartbeatSeconds", "HeartbeatSecondsPath"),
    ((), "MaxConcurrency", "MaxConcurrencyPath"),
    ((), "ToleratedFailurePercentage", "ToleratedFailurePercentagePath"),
    ((), "ToleratedFailureCount", "ToleratedFailureCountPath"),
    ((), "ItemProcessor", "Iterator"),
    ((), "ItemSelector", "Parameters"),
    ((), "Items", "ItemsPath"),
    (("ItemReader", "ReaderConfig"), "MaxItems", "MaxItemsPath"),
    (("ItemBatcher",), "MaxItemsPerBatch", "MaxItemsPerBatchPath"),
    (("ItemBatcher",), "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"),
)

_PARTITION = r"aws(?:-[a-z]+)*"
# Region and account are usually left empty; AWS also accepts them filled in (a SAM template's
# "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:aws-sdk:s3:getObject", deployed).
_REGION_ACCOUNT = r"(?:[a-z]{2}(?:-[a-z]+)+-\d+)?:(?:\d{12})?"
SERVICE_ARN = re.compile(
    rf"arn:{_PARTITION}:states:{_REGION_ACCOUNT}:(?:aws-sdk:[a-z0-9-]+:[A-Za-z][A-Za-z0-9]*"
    r"|[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9]*)(?:\.sync(?::2)?|\.waitForTaskToken)?"
)
LAMBDA_ARN = re.compile(
    rf"arn:{_PARTITION}:lambda:[a-z0-9-]+:\d{{12}}:function:[A-Za-z0-9_-]{{1,140}}"
    r"(?::(?:\$LATEST|[A-Za-z0-9_-]+))?"
)
ACTIVITY_ARN = re.compile(rf"arn:{_PARTITION}:states:[a-z0-9-]+:\d{{12}}:activity:[^\s:]+")
RESOURCE_SHAPES = (SERVICE_ARN, LAMBDA_ARN, ACTIVITY_ARN)


def _get(body: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if not isinstance(body, dict):
            return None
        body = body.get(key)
    return body


def _bounds(low: float, high: float | None) -> str:
    return f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"


def _ranged(ref: StateRef) -> Iterator[tuple[tuple[str | int, ...], Any, float, float | None]]:
    """``(path inside the state, value, low, high)`` of every ranged number a state has."""
    for keys, low, high in STATE_RANGES:
        value = _get(ref.body, keys)
        if value is not None:
            yield keys, value, low, high
    retriers = ref.body.get("Retry")
    for index, retrier in enumerate(retriers if isinstance(retriers, list) else []):
        if isinstance(retrier, dict):
            for key, low, high in RETRY_RANGES:
                if key in retrier:
                    yield ("Retry", index, key), retrier[key], low, high


def _label(path: tuple[str | int, ...]) -> str:
    if path[0] == "Retry":
        return f"Retry[{path[1]}].{path[2]}"
    return ".".join(str(p) for p in path)


@rule("R606", Severity.ERROR, "A number is out of its allowed range")
def out_of_range(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Timeouts >= 1, MaxConcurrency >= 0, percentages 0-100, retry numbers, batch sizes..."""
    top = ctx.definition.get("TimeoutSeconds")
    if is_number(top) and not 1 <= top <= BIG:
        yield ctx.diag(
            "R606",
            None,
            "/TimeoutSeconds",
            f"The machine's TimeoutSeconds is {top:g}; it must be {_bounds(1, BIG)}.",
            "Give the whole execution a timeout of at least 1 second, or remove the field.",
        )
    for ref in ctx.states:
        for path, value, low, high in _ranged(ref):
            if is_number(value) and (value < low or (high is not None and value > high)):
                label = _label(path)
                yield ctx.diag(
                    "R606",
                    ref,
                    jp.join(ref.pointer, *path),
                    f'{label} of state "{ref.name}" is {value:g}; it must be {_bounds(low, high)}.',
                    f"Change {label.rsplit('.', 1)[-1]} to a value {_bounds(low, high)}.",
                )


@rule("R607", Severity.ERROR, "A Task Resource is not a valid ARN")
def resource_arn(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Service integrations, aws-sdk calls, Lambda function ARNs and activity ARNs."""
    for ref in ctx.of_type("Task"):
        value = ref.body.get("Resource")
        if not isinstance(value, str) or has_placeholder(value) or value.startswith("{%"):
            continue
        if any(shape.fullmatch(value) for shape in RESOURCE_SHAPES):
            continue
        yield ctx.diag(
            "R607",
            ref,
            jp.join(ref.pointer, "Resource"),
            f'The Resource of Task "{ref.name}" is "{value}", which is not a Step Functions '
            "resource ARN.",
            'Use a service integration ("arn:aws:states:::lambda:invoke", '
            '"arn:aws:states:::ecs:runTask.sync", "arn:aws:states:::aws-sdk:s3:getObject"), '
            "a Lambda function ARN or an activity ARN.",
        )


@rule("R608", Severity.ERROR, "Two fields that exclude each other are both set")
def exclusive_fields(ctx: RuleContext) -> Iterable[Diagnostic]:
    """E.g. Fail with Error and ErrorPath, TimeoutSeconds with TimeoutSecondsPath."""
    for ref in ctx.states:
        for keys, first, second in EXCLUSIVE:
            holder = _get(ref.body, keys) if keys else ref.body
            if isinstance(holder, dict) and first in holder and second in holder:
                yield ctx.diag(
                    "R608",
                    ref,
                    jp.join(ref.pointer, *keys, second),
                    f'State "{ref.name}" has both {first} and {second}; only one may be set.',
                    f"Keep {first} for a fixed value or {second} to read it from the input.",
                )


DISTRIBUTED_ONLY = (
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "Label",
)


def _mode(body: Any) -> Any:
    return _get(body, ("ItemProcessor", "ProcessorConfig", "Mode"))


@rule("R609", Severity.WARNING, "A distributed-Map field on an inline Map")
def distributed_fields_inline(ctx: RuleContext) -> Iterable[Diagnostic]:
    """ItemReader, ItemBatcher, ResultWriter, ToleratedFailure* and Label need DISTRIBUTED mode."""
    for ref in ctx.of_type("Map"):
        mode = _mode(ref.body)
        if mode == "DISTRIBUTED" or has_placeholder(mode):
            continue
        for field in DISTRIBUTED_ONLY:
            if field in ref.body:
                yield ctx.diag(
                    "R609",
                    ref,
                    jp.join(ref.pointer, field),
                    f'Map state "{ref.name}" uses {field}, which only works in distributed mode, '
                    f"but its processor runs {mode or 'INLINE'}.",
                    'Set "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", '
                    '"ExecutionType": "STANDARD"}, ...}, or remove the field.',
                )
