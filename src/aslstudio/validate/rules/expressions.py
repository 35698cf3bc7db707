"""R5xx: expressions — JSONPath syntax and reference paths, intrinsic functions, JSONata syntax."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from aslstudio.asl import pointer as jp
from aslstudio.asl.scopes import MAP_PROCESSOR_KEYS, StateRef
from aslstudio.engine.intrinsics import (
    SIGNATURES,
    IntrinsicCall,
    IntrinsicSyntaxError,
    parse_intrinsic,
)
from aslstudio.engine.paths import PathSyntaxError, compile_path
from aslstudio.validate.context import JSONATA, JSONPATH, RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.helpers import (
    containers,
    did_you_mean,
    has_placeholder,
    is_jsonata,
    jsonata_body,
    walk,
)
from aslstudio.validate.registry import rule
from aslstudio.validate.rules.choice import PATH_OPERATORS, iter_rules

# Path fields of a JSONPath state (ResultPath is handled apart: it must be a reference path).
PATH_FIELDS = (
    "InputPath",
    "OutputPath",
    "ItemsPath",
    "SecondsPath",
    "TimestampPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "MaxConcurrencyPath",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCountPath",
)
INTRINSIC_OR_PATH_FIELDS = ("ErrorPath", "CausePath")
NESTED_PATH_FIELDS = (
    ("ItemReader", "ReaderConfig", "MaxItemsPath"),
    ("ItemBatcher", "MaxItemsPerBatchPath"),
    ("ItemBatcher", "MaxInputBytesPerBatchPath"),
)
TEMPLATE_FIELDS = (
    ("Parameters",),
    ("ResultSelector",),
    ("ItemSelector",),
    ("Credentials",),
    ("Assign",),
    ("ItemReader", "Parameters"),
    ("ResultWriter", "Parameters"),
    ("ItemBatcher", "BatchInput"),
)
SCOPE_KEYS = frozenset({"Branches", *MAP_PROCESSOR_KEYS})
_INTRINSIC_NAME = re.compile(r"(States\.[A-Za-z0-9]+)\s*\(")


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in one expression, before it becomes a Diagnostic."""

    code: str
    pointer: str
    message: str
    hint: str


def _get(body: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if not isinstance(body, dict) or key not in body:
            return None
        body = body[key]
    return body


def path_values(ref: StateRef) -> Iterator[tuple[str, str, Any, str]]:
    """``(field label, pointer, value, kind)`` of every JSONPath expression of a JSONPath state.

    ``kind`` is ``path``, ``reference`` (must be a reference path), ``result`` (ResultPath) or
    ``either`` (a path or an intrinsic function call).
    """
    body = ref.body
    for name in PATH_FIELDS:
        if name in body:
            yield name, jp.join(ref.pointer, name), body[name], "path"
    for name in INTRINSIC_OR_PATH_FIELDS:
        if name in body:
            yield name, jp.join(ref.pointer, name), body[name], "either"
    if "ResultPath" in body:
        yield "ResultPath", jp.join(ref.pointer, "ResultPath"), body["ResultPath"], "result"
    for keys in NESTED_PATH_FIELDS:
        value = _get(body, keys)
        if value is not None:
            yield ".".join(keys), jp.join(ref.pointer, *keys), value, "path"
    catchers = body.get("Catch")
    for index, catcher in enumerate(catchers if isinstance(catchers, list) else []):
        if isinstance(catcher, dict) and "ResultPath" in catcher:
            where = jp.join(ref.pointer, "Catch", index, "ResultPath")
            yield f"Catch[{index}].ResultPath", where, catcher["ResultPath"], "result"
    yield from _template_values(ref)
    if ref.type == "Choice":
        yield from _choice_values(ref)


def _template_values(ref: StateRef) -> Iterator[tuple[str, str, Any, str]]:
    for where, obj in template_objects(ref):
        for key, value in obj.items():
            if key.endswith(".$"):
                yield f'"{key}"', jp.join(where, key), value, "either"


def template_objects(ref: StateRef) -> list[tuple[str, dict[str, Any]]]:
    """``(pointer, object)`` of every object inside the payload templates of a state."""
    templates: list[tuple[tuple[str, ...], Any]] = [
        (keys, _get(ref.body, keys)) for keys in TEMPLATE_FIELDS
    ]
    for list_key in ("Catch", "Choices"):
        items = ref.body.get(list_key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and "Assign" in item:
                templates.append(((list_key, str(index), "Assign"), item["Assign"]))
    found: list[tuple[str, dict[str, Any]]] = []
    for keys, template in templates:
        if isinstance(template, dict | list):
            base = jp.join(ref.pointer, *keys)
            found.extend((w, obj) for w, obj in containers(template, base) if isinstance(obj, dict))
    return found


def _choice_values(ref: StateRef) -> Iterator[tuple[str, str, Any, str]]:
    for where, item, _top in iter_rules(ref):
        if "Variable" in item:
            yield "Variable", jp.join(where, "Variable"), item["Variable"], "path"
        for op in sorted(item.keys() & PATH_OPERATORS):
            yield op, jp.join(where, op), item[op], "reference"


def check_path(label: str, where: str, value: Any, kind: str, state: str) -> Iterator[Finding]:
    """Problems with one JSONPath (or intrinsic) value; placeholders and nulls are accepted."""
    if value is None and kind in ("result", "path"):
        return  # ResultPath/InputPath/OutputPath null are valid: discard / empty object
    if not isinstance(value, str):
        yield Finding(
            "R508",
            where,
            f'{label} of state "{state}" must be a text holding a path such as "$.field", '
            f"not {value!r}.",
            'Write the path in quotes, e.g. "$.items", or drop the ".$" suffix for a literal.',
        )
        return
    if has_placeholder(value):
        return
    if kind == "either" and value.lstrip().startswith("States."):
        yield from check_intrinsic(label, where, value, state)
        return
    try:
        compiled = compile_path(value)
    except PathSyntaxError as exc:
        yield Finding(
            "R501",
            where,
            f'{label} of state "{state}" is not a valid path: {exc.message} '
            f"(at character {exc.offset + 1} of {value!r}).",
            'Paths start with "$" (the input), "$$" (the context object) or "$name" (a '
            'variable), e.g. "$.order.items[0].id".',
        )
        return
    if kind in ("reference", "result") and not compiled.is_reference:
        yield Finding(
            "R502",
            where,
            f'{label} of state "{state}" must be a reference path (only field names and single '
            f"indexes), but {value!r} selects several values.",
            'Remove wildcards, filters, slices and ".." so the path names one value.',
        )
    if kind == "result" and compiled.root != "$":
        yield Finding(
            "R503",
            where,
            f'{label} of state "{state}" is {value!r}, but a ResultPath can only place the '
            'result inside the state\'s data ("$..."), not in the context object or a variable.',
            'Use a path starting with "$." (or "$" to replace the input); use Assign to set '
            "variables.",
        )


def check_intrinsic(label: str, where: str, text: str, state: str) -> Iterator[Finding]:
    """Syntax, known names and argument counts of an intrinsic function call."""
    for name in _INTRINSIC_NAME.findall(text):
        if name not in SIGNATURES:
            yield Finding(
                "R505",
                where,
                f'{label} of state "{state}" calls {name}, which is not an intrinsic function.',
                did_you_mean(name, SIGNATURES) or "See the list of States.* functions in the docs.",
            )
            return
    try:
        call = parse_intrinsic(text)
    except IntrinsicSyntaxError as exc:
        yield Finding(
            "R504",
            where,
            f'{label} of state "{state}" is not a valid intrinsic function call: '
            f"{exc.message} (at character {exc.offset + 1}).",
            "Write it as States.Name(arg, ...) with 'quoted' texts, numbers and $ paths.",
        )
        return
    yield from _check_arity(call, label, where, state)


def _check_arity(call: IntrinsicCall, label: str, where: str, state: str) -> Iterator[Finding]:
    stack = [call]
    while stack:
        item = stack.pop()
        stack.extend(arg for arg in item.args if isinstance(arg, IntrinsicCall))
        signature = SIGNATURES.get(item.name)
        if signature is None:
            continue
        low, high = signature.min_args, signature.max_args
        count = len(item.args)
        if count < low or (high is not None and count > high):
            if low == high:
                wanted = f"{low}"
            else:
                wanted = f"{low} to {high}" if high is not None else f"at least {low}"
            yield Finding(
                "R506",
                where,
                f'{label} of state "{state}" calls {item.name} with {count} argument(s); it '
                f"takes {wanted}.",
                f"Check the arguments of {item.name} in the intrinsic functions reference.",
            )


def _path_findings(ctx: RuleContext) -> list[tuple[StateRef, Finding]]:
    def compute() -> list[tuple[StateRef, Finding]]:
        found: list[tuple[StateRef, Finding]] = []
        for ref in ctx.states:
            if ctx.lang(ref) != JSONPATH:
                continue
            for label, where, value, kind in path_values(ref):
                found.extend((ref, f) for f in check_path(label, where, value, kind, ref.name))
        return found

    return ctx.memo("path_findings", compute)


def _emit(ctx: RuleContext, code: str) -> Iterator[Diagnostic]:
    for ref, f in _path_findings(ctx):
        if f.code == code:
            yield ctx.diag(code, ref, f.pointer, f.message, f.hint)


@rule("R501", Severity.ERROR, "A JSONPath is not valid")
def path_syntax(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Syntax of every path field, ``.$`` value, Variable and *Path comparison (Jayway dialect)."""
    return _emit(ctx, "R501")


@rule("R502", Severity.ERROR, "A reference path is required")
def reference_path(ctx: RuleContext) -> Iterable[Diagnostic]:
    """ResultPath and *Path comparison values must name one value (no wildcards or filters)."""
    return _emit(ctx, "R502")


@rule("R503", Severity.ERROR, "ResultPath points outside the state's data")
def result_path_root(ctx: RuleContext) -> Iterable[Diagnostic]:
    """ResultPath may not start with ``$$`` (context object) or a variable."""
    return _emit(ctx, "R503")


@rule("R504", Severity.ERROR, "An intrinsic function call is not valid")
def intrinsic_syntax(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Syntax of ``States.*(...)`` calls in ``.$`` values, ErrorPath and CausePath."""
    return _emit(ctx, "R504")


@rule("R505", Severity.ERROR, "Unknown intrinsic function")
def intrinsic_unknown(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A ``States.Name(...)`` call whose name is not an intrinsic function."""
    return _emit(ctx, "R505")


@rule("R506", Severity.ERROR, "Wrong number of arguments to an intrinsic function")
def intrinsic_arity(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Each intrinsic function takes a fixed range of arguments."""
    return _emit(ctx, "R506")


@rule("R508", Severity.ERROR, "A path value is not a text")
def path_not_text(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A ``.$`` key or path field holding a number, object or list instead of a path text."""
    return _emit(ctx, "R508")


def jsonata_strings(ref: StateRef) -> Iterator[tuple[str, str]]:
    """``(pointer, text)`` of every string in a state's own fields (nested scopes excluded)."""
    for key, value in ref.body.items():
        if key in SCOPE_KEYS or key == "Comment":
            continue
        for where, inner_key, item in walk(value, jp.join(ref.pointer, key)):
            if isinstance(item, str) and inner_key != "Comment":
                yield where, item


def _jsonata_problem(expr: str) -> str | None:
    from aslstudio.engine.jsonata import check_syntax  # imported late: loads jsonata-python

    return check_syntax(expr)


@rule("R507", Severity.ERROR, "A JSONata expression is not valid")
def jsonata_syntax(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Syntax of every ``{% ... %}`` expression of a JSONata state."""
    for ref in ctx.states:
        if ctx.lang(ref) != JSONATA:
            continue
        for where, text in jsonata_strings(ref):
            if not is_jsonata(text) or has_placeholder(text):
                continue
            problem = _jsonata_problem(jsonata_body(text))
            if problem:
                yield ctx.diag(
                    "R507",
                    ref,
                    where,
                    f'A JSONata expression in state "{ref.name}" is not valid: {problem}.',
                    "Fix the expression between {% and %}; try it on https://try.jsonata.org.",
                )


@rule("R509", Severity.ERROR, "A JSONata expression is not closed")
def jsonata_unclosed(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A text that starts with ``{%`` but does not end with ``%}`` is taken literally."""
    for ref in ctx.states:
        if ctx.lang(ref) != JSONATA:
            continue
        for where, text in jsonata_strings(ref):
            stripped = text.strip()
            if stripped.startswith("{%") and not stripped.endswith("%}"):
                yield ctx.diag(
                    "R509",
                    ref,
                    where,
                    f'A text in state "{ref.name}" starts with "{{%" but does not end with "%}}", '
                    "so it is used as plain text, not evaluated.",
                    'End the expression with "%}" (and nothing after it).',
                )


@rule("R510", Severity.ERROR, "Two payload fields get the same name once .$ is removed")
def dollar_duplicates(ctx: RuleContext) -> Iterable[Diagnostic]:
    """``"id"`` and ``"id.$"`` in one object would both become ``"id"``."""
    for ref in ctx.states:
        if ctx.lang(ref) != JSONPATH:
            continue
        for where, obj in template_objects(ref):
            plain = {key for key in obj if not key.endswith(".$")}
            for key in obj:
                if key.endswith(".$") and key[:-2] in plain:
                    yield ctx.diag(
                        "R510",
                        ref,
                        jp.join(where, key),
                        f'State "{ref.name}" has both "{key[:-2]}" and "{key}" in one object; '
                        f'both would become "{key[:-2]}".',
                        f'Keep "{key}" to take the value from a path, or "{key[:-2]}" for a fixed '
                        "value, not both.",
                    )
