"""R6xx: fields and values — query-language field sets, Wait timing, timestamps, ranges, ARNs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from aslstudio.asl import pointer as jp
from aslstudio.asl.scopes import StateRef
from aslstudio.engine.timestamps import parse_timestamp
from aslstudio.validate.context import JSONATA, JSONPATH, RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.helpers import has_placeholder, is_jsonata, is_number, walk
from aslstudio.validate.registry import rule
from aslstudio.validate.rules.choice import COMBINATORS, COMPARISONS, iter_rules

JSONPATH_ONLY = (
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "ItemsPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "SecondsPath",
    "TimestampPath",
    "ErrorPath",
    "CausePath",
    "MaxConcurrencyPath",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCountPath",
)
JSONATA_ONLY = ("Arguments", "Output", "Items")
# (where, JSONPath-only keys, JSONata-only keys) inside a state's sub-objects
NESTED_ONLY: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (("ItemReader",), ("Parameters",), ("Arguments",)),
    (("ResultWriter",), ("Parameters",), ("Arguments",)),
    (("ItemReader", "ReaderConfig"), ("MaxItemsPath",), ()),
    (("ItemBatcher",), ("MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"), ()),
)
NO_DOLLAR_KEYS_IN_JSONATA = ("Arguments", "Output", "ItemSelector", "Assign")
# The hint for a state of the given language that uses the other language's fields.
_SWITCH = {
    JSONATA: 'Use Arguments/Output/Assign with {% %} expressions, or set "QueryLanguage": '
    '"JSONPath" on this state',
    JSONPATH: "Use the JSONPath fields (Parameters, ResultSelector, ResultPath, ...), or set "
    '"QueryLanguage": "JSONata" on this state',
}


def _get(body: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if not isinstance(body, dict):
            return None
        body = body.get(key)
    return body


def _misplaced(ref: StateRef, lang: str) -> Iterator[tuple[str, str]]:
    """``(pointer, field label)`` of fields the state's query language does not allow."""
    body = ref.body
    banned = JSONPATH_ONLY if lang == JSONATA else JSONATA_ONLY
    yield from ((jp.join(ref.pointer, k), k) for k in banned if k in body)
    for keys, path_only, jsonata_only in NESTED_ONLY:
        inner = _get(body, keys)
        if isinstance(inner, dict):
            for key in path_only if lang == JSONATA else jsonata_only:
                if key in inner:
                    yield jp.join(ref.pointer, *keys, key), ".".join((*keys, key))
    catchers = body.get("Catch")
    for index, catcher in enumerate(catchers if isinstance(catchers, list) else []):
        bad = "ResultPath" if lang == JSONATA else "Output"
        if isinstance(catcher, dict) and bad in catcher:
            yield jp.join(ref.pointer, "Catch", index, bad), f"Catch[{index}].{bad}"
    if ref.type == "Choice":
        # A JSONata rule may carry its own Output (used when it matches); a JSONPath one may not.
        jsonpath_keys = COMPARISONS | COMBINATORS | {"Variable"}
        other = jsonpath_keys if lang == JSONATA else {"Condition", "Output"}
        for where, item, _top in iter_rules(ref):
            for k in sorted(item.keys() & other):
                yield jp.join(where, k), f"Choice rule {k}"
    if lang == JSONATA:
        for field in NO_DOLLAR_KEYS_IN_JSONATA:
            for where, name, _value in walk(body.get(field), jp.join(ref.pointer, field)):
                if name is not None and name.endswith(".$"):
                    yield where, f'"{name}" (a ".$" key) in {field}'


@rule("R601", Severity.ERROR, "A field is not allowed in the state's query language")
def field_for_other_language(ctx: RuleContext) -> Iterable[Diagnostic]:
    """JSONata states have no InputPath/Parameters/...; JSONPath states no Arguments/Output/..."""
    for ref in ctx.states:
        lang = ctx.lang(ref)
        hint = _SWITCH[lang] + "."
        parent = ctx.by_pointer.get(ref.parent or "")
        if parent is not None and parent.body.get("QueryLanguage") not in (None, lang):
            hint += (
                f' States inside "{parent.name}" use the machine\'s QueryLanguage ({lang}), not '
                "the Map/Parallel state's own."
            )
        for where, label in _misplaced(ref, lang):
            yield ctx.diag(
                "R601",
                ref,
                where,
                f'State "{ref.name}" uses {label}, which is not available in a {lang} state.',
                hint,
            )


@rule("R602", Severity.ERROR, "A JSONPath state inside a JSONata machine")
def jsonpath_in_jsonata(ctx: RuleContext) -> Iterable[Diagnostic]:
    """When the machine's QueryLanguage is JSONata, no state may switch back to JSONPath."""
    if ctx.top_language != JSONATA:
        return
    for ref in ctx.states:
        if ref.body.get("QueryLanguage") == JSONPATH:
            yield ctx.diag(
                "R602",
                ref,
                jp.join(ref.pointer, "QueryLanguage"),
                f'State "{ref.name}" sets "QueryLanguage": "JSONPath", but the machine uses '
                "JSONata; only a JSONPath machine may mix in JSONata states, not the reverse.",
                'Rewrite the state in JSONata, or set the top-level "QueryLanguage" to "JSONPath" '
                '(and "QueryLanguage": "JSONata" on the JSONata states).',
            )


WAIT_FIELDS = ("Seconds", "SecondsPath", "Timestamp", "TimestampPath")


@rule("R603", Severity.ERROR, "A Wait state needs exactly one timing field")
def wait_timing(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Exactly one of Seconds, SecondsPath, Timestamp, TimestampPath."""
    for ref in ctx.of_type("Wait"):
        present = [f for f in WAIT_FIELDS if f in ref.body]
        if len(present) == 1:
            continue
        what = "none of" if not present else f"{len(present)} of"
        yield ctx.diag(
            "R603",
            ref,
            ref.pointer,
            f'Wait state "{ref.name}" has {what} Seconds, SecondsPath, Timestamp and '
            f"TimestampPath{': ' + ', '.join(present) if present else ''}; it needs exactly one.",
            'Keep one, e.g. "Seconds": 90 or "TimestampPath": "$.notBefore".',
        )


def _timestamp_values(ctx: RuleContext) -> Iterator[tuple[StateRef, str, str, str]]:
    for ref in ctx.of_type("Wait"):
        value = ref.body.get("Timestamp")
        if isinstance(value, str):
            yield ref, jp.join(ref.pointer, "Timestamp"), "Timestamp", value
    for ref in ctx.of_type("Choice"):
        for where, item, _top in iter_rules(ref):
            for op in item:
                if op.startswith("Timestamp") and not op.endswith("Path"):
                    value = item[op]
                    if isinstance(value, str):
                        yield ref, jp.join(where, op), op, value


@rule("R604", Severity.ERROR, "A timestamp is not in RFC 3339 format")
def timestamp_format(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Wait Timestamp and Choice Timestamp* values look like 2016-03-14T01:59:00Z."""
    for ref, where, label, value in _timestamp_values(ctx):
        if has_placeholder(value) or is_jsonata(value) or parse_timestamp(value) is not None:
            continue
        yield ctx.diag(
            "R604",
            ref,
            where,
            f'{label} of state "{ref.name}" is "{value}", which is not an RFC 3339 timestamp.',
            'Write date, an uppercase "T", the time and a zone, e.g. "2016-03-14T01:59:00Z" or '
            '"2016-03-14T01:59:00.123+01:00".',
        )


@rule("R605", Severity.ERROR, "HeartbeatSeconds is not smaller than TimeoutSeconds")
def heartbeat_vs_timeout(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A heartbeat interval must be shorter than the task's whole timeout."""
    for ref in ctx.of_type("Task"):
        beat, timeout = ref.body.get("HeartbeatSeconds"), ref.body.get("TimeoutSeconds")
        if is_number(beat) and is_number(timeout) and beat >= timeout:
            yield ctx.diag(
                "R605",
                ref,
                jp.join(ref.pointer, "HeartbeatSeconds"),
                f'Task "{ref.name}" has HeartbeatSeconds {beat}, not smaller than its '
                f"TimeoutSeconds {timeout}, so the heartbeat could never be missed in time.",
                "Make HeartbeatSeconds smaller than TimeoutSeconds.",
            )
