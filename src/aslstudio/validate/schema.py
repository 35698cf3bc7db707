"""JSON Schema check of a state machine definition, reported as few plain-language Diagnostics.

The schema is ``resources/schema/asl.schema.json`` (JSON Schema draft 2020-12, ours): every
state type and field of current ASL in both query languages, with ``${Name}`` placeholders
accepted wherever a number or boolean is expected. Raw jsonschema errors are translated
one keyword at a time into messages a non-developer can act on. Keywords starting with
``x-`` in the schema are our annotations: ``x-name`` names an object in messages ("a Retry
rule"), ``x-expects`` says what a value should be ("a whole number of seconds").

Codes (stable; all have severity error):

====  ==========================================================================
Code  Meaning
====  ==========================================================================
S101  Unknown field: a field the object (state type, Retry rule, ...) does not have.
S102  Wrong type or value shape: text where a number belongs, a list where an object
      belongs, or a definition nested too deeply to check.
S103  Missing required field, or a required list/object that is empty.
S104  Unknown state type (``Type`` is not one of the eight ASL state types).
S105  Value outside the allowed set (``JitterStrategy``, ``QueryLanguage``, ``Mode``, ...).
S106  Number out of range (below the minimum or above the maximum AWS accepts).
S107  The top level is not a state machine (not an object, or no StartAt and no States).
====  ==========================================================================
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

from aslstudio.asl import pointer as jp
from aslstudio.validate.diagnostics import Diagnostic, Severity

__all__ = ["MAX_DEPTH", "STATE_TYPES", "compiled_schema", "load_schema", "schema_diagnostics"]

MAX_DEPTH = 200
"""Definitions nested deeper than this get one S102 diagnostic instead of a full check."""

STATE_TYPES = ("Task", "Choice", "Pass", "Wait", "Succeed", "Fail", "Parallel", "Map")
"""The eight ASL state types, in the order messages list them."""

_PLACEHOLDER = re.compile(r"^\$\{[A-Za-z0-9_.:-]+\}$")
_TYPES_TEXT = ", ".join(STATE_TYPES)
_JSON_TYPE_WORDS = {
    "object": "an object",
    "array": "a list",
    "string": "text (a JSON string)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}
_REQUIRED_HINTS = {
    "Type": f'Add "Type": one of {_TYPES_TEXT}.',
    "StartAt": 'Add "StartAt" with the name of the first state to run.',
    "States": 'Add "States": an object whose members are the named states.',
    "Resource": 'Add "Resource": the ARN of what to call, such as a Lambda function ARN.',
    "Choices": 'Add "Choices": a list of rules, each with a comparison and a "Next" state.',
    "Branches": 'Add "Branches": a list of sub-machines, each with "StartAt" and "States".',
    "ItemProcessor": 'Add "ItemProcessor" with "StartAt" and "States": the steps run per item.',
    "ErrorEquals": 'Add "ErrorEquals": a list of error names such as ["States.ALL"].',
    "Next": 'Add "Next": the name of the state to go to.',
}
_EMPTY_HINTS = {
    "States": "Add at least one state.",
    "Choices": 'Add at least one rule with a comparison and a "Next" state.',
    "Branches": 'Add at least one branch with "StartAt" and "States".',
    "ErrorEquals": 'List at least one error name, such as "States.ALL".',
    "And": "Add at least one rule to combine.",
    "Or": "Add at least one rule to combine.",
    "StartAt": "Write the name of the first state to run.",
    "Next": "Write the name of the state to go to.",
    "Default": "Write the name of the state to go to when no rule matches.",
}
_FIELD_HINTS = {
    ("Choice", "Next"): 'A Choice state has no "Next": put "Next" in each rule and use "Default".',
    ("Choice", "End"): 'A Choice state cannot end the machine: send a rule or "Default" to a '
    "Succeed or Fail state.",
    ("Succeed", "Next"): "A Succeed state always ends its machine: remove it.",
    ("Succeed", "End"): "A Succeed state always ends its machine: remove it.",
    ("Fail", "Next"): "A Fail state always ends its machine: remove it.",
    ("Fail", "End"): "A Fail state always ends its machine: remove it.",
}


@functools.cache
def load_schema() -> dict[str, Any]:
    """The ASL JSON Schema, loaded once from the packaged resources."""
    resource = files("aslstudio.resources") / "schema" / "asl.schema.json"
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


_RECURSIVE_DEFS = frozenset({"state", "choiceRule"})
_REF_PREFIX = "#/$defs/"
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "dependentSchemas"})
"""Keywords whose value maps names to schemas (an empty map there must stay a map)."""


def _dispatch_on_type(
    validator: Any, mapping: dict[str, Any], instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """Keyword ``x-dispatchType``: check a state against the subschema for its ``Type`` only."""
    if isinstance(instance, dict):
        kind = instance.get("Type")
        if isinstance(kind, str) and kind in mapping:
            yield from validator.descend(instance, mapping[kind])


_FastValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"x-dispatchType": _dispatch_on_type}
)


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """Copy a schema, inlining non-recursive ``$ref``s and turning ``{}`` into ``True``."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if not node:
        return True
    target = node.get("$ref")
    if isinstance(target, str) and len(node) == 1 and target.startswith(_REF_PREFIX):
        name = target[len(_REF_PREFIX) :]
        if name not in _RECURSIVE_DEFS:
            return _inline(defs[name], defs)
        return node
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs":
            copy[key] = value
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            copy[key] = {name: _inline(sub, defs) for name, sub in value.items()}
        else:
            copy[key] = _inline(value, defs)
    return copy


def compiled_schema() -> dict[str, Any]:
    """The schema in the equivalent, faster form the validator runs.

    Non-recursive references are inlined, empty schemas become ``true``, and each state's
    ``allOf`` of eight ``if``/``then`` pairs becomes one ``x-dispatchType`` lookup on ``Type``.
    """
    schema = load_schema()
    defs = schema["$defs"]
    fast_defs = {name: _inline(body, defs) for name, body in defs.items()}
    state = dict(fast_defs["state"])
    state.pop("allOf")
    state["x-dispatchType"] = {
        kind: _inline(defs[kind[0].lower() + kind[1:] + "State"], defs) for kind in STATE_TYPES
    }
    fast_defs["state"] = state
    fast = {key: _inline(value, defs) for key, value in schema.items() if key != "$defs"}
    fast["$defs"] = fast_defs
    return fast


@functools.cache
def _validator() -> Draft202012Validator:
    """The compiled validator for the ASL schema (built once)."""
    validator: Draft202012Validator = _FastValidator(compiled_schema())
    return validator


@functools.cache
def _field_owners() -> dict[str, tuple[str, ...]]:
    """For every state field, the state types that accept it (for "change the Type" hints)."""
    owners: dict[str, list[str]] = {}
    defs = load_schema()["$defs"]
    for type_name in STATE_TYPES:
        for field in defs[type_name[0].lower() + type_name[1:] + "State"]["properties"]:
            owners.setdefault(field, []).append(type_name)
    return {field: tuple(types) for field, types in owners.items()}


class _Where:
    """Where an error sits: its pointer, the enclosing state and a readable field label."""

    __slots__ = ("at_state", "label", "path", "pointer", "state", "state_type")

    def __init__(self, path: Sequence[str | int], root: Any) -> None:
        self.path = list(path)
        self.pointer = jp.from_tokens(self.path)
        self.state, self.state_type, start = _locate_state(self.path, root)
        self.at_state = self.state is not None and start == len(self.path)
        self.label = _label(self.path[start:])

    def prefix(self) -> str:
        """``State "X": `` when the place is inside a state, else nothing."""
        return f'State "{self.state}": ' if self.state is not None else ""


def _locate_state(path: list[str | int], root: Any) -> tuple[str | None, str | None, int]:
    """The innermost state on a path: its name, its Type and the index just after its name.

    Only the structural positions count (``States`` of a machine, ``Branches``,
    ``ItemProcessor``, ``Iterator``), so a ``"States"`` key inside Parameters is not a state.
    """
    name: str | None = None
    kind: str | None = None
    i, node, start, in_machine = 0, root, 0, True
    while i < len(path):
        step = path[i]
        if in_machine:
            if step != "States" or i + 1 >= len(path):
                break
            node = _child(_child(node, "States"), path[i + 1])
            name, i, start, in_machine = str(path[i + 1]), i + 2, i + 2, False
            declared = node.get("Type") if isinstance(node, dict) else None
            kind = declared if isinstance(declared, str) else None
        elif step == "Branches" and i + 1 < len(path) and isinstance(path[i + 1], int):
            node = _child(_child(node, step), path[i + 1])
            i, in_machine = i + 2, True
        elif step in ("ItemProcessor", "Iterator"):
            node = _child(node, step)
            i, in_machine = i + 1, True
        else:
            break
    return name, kind, start


def _child(node: Any, token: str | int) -> Any:
    """One step down a JSON value, or None when the step does not exist."""
    if isinstance(node, dict):
        return node.get(token)
    if isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node):
        return node[token]
    return None


def _label(tokens: Sequence[str | int]) -> str:
    """A readable field path such as ``Retry[0].IntervalSeconds``."""
    text = ""
    for token in tokens:
        text += f"[{token}]" if isinstance(token, int) else (f".{token}" if text else str(token))
    return text


def _show(value: Any) -> str:
    """A short rendering of an offending value for a message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def _quoted(names: Sequence[str]) -> str:
    """``"A", "B" or "C"``."""
    items = [f'"{n}"' for n in names]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _diag(
    code: str, message: str, hint: str, where: _Where, pointer: str | None = None
) -> Diagnostic:
    """An error Diagnostic at ``where`` (or at an explicit pointer inside it)."""
    return Diagnostic(
        code=code,
        severity=Severity.ERROR,
        message=message,
        hint=hint,
        pointer=where.pointer if pointer is None else pointer,
        state=where.state,
    )


def _object_name(err: ValidationError, where: _Where) -> str:
    """How to name the object an error is about: "a Task state", "a Retry rule (Retry[0])"."""
    name = str(err.schema.get("x-name", "this object")) if isinstance(err.schema, dict) else ""
    if not where.label or where.at_state:
        return name
    if where.path and where.path[-1] == name:
        return f'"{where.label}"'
    return f"{name} ({where.label})"


def _unknown_fields(err: ValidationError, where: _Where) -> Iterator[Diagnostic]:
    """S101: one diagnostic per field the object does not have."""
    instance = err.instance if isinstance(err.instance, dict) else {}
    allowed = set(err.schema.get("properties", {})) if isinstance(err.schema, dict) else set()
    for field in instance:
        if field in allowed:
            continue
        name = str(field)
        message = f'{where.prefix()}"{name}" is not a field of {_object_name(err, where)}'
        hint = _unknown_field_hint(name, allowed, where)
        yield _diag("S101", message, hint, where, jp.join(where.pointer, name))


def _unknown_field_hint(name: str, allowed: set[str], where: _Where) -> str:
    """Suggest a spelling fix, another state type, or removal."""
    if where.at_state and where.state_type and (where.state_type, name) in _FIELD_HINTS:
        return _FIELD_HINTS[where.state_type, name]
    by_case = [a for a in allowed if a.lower() == name.lower()]
    close = by_case or difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.75)
    if close:
        return f'Did you mean "{close[0]}"?'
    owners = _field_owners().get(name, ()) if where.at_state else ()
    if owners:
        return f"Remove it, or change the state's Type to {' or '.join(owners)}."
    return "Remove it: AWS rejects definitions with fields it does not know."


def _missing_fields(err: ValidationError, where: _Where) -> Iterator[Diagnostic]:
    """S103: required fields that are absent."""
    instance = err.instance if isinstance(err.instance, dict) else {}
    required = err.validator_value if isinstance(err.validator_value, list) else []
    for field in required:
        if field in instance:
            continue
        hint = _REQUIRED_HINTS.get(field, f'Add "{field}".')
        if where.at_state and field == "Type":
            message = f'State "{where.state}" has no "Type"'
        elif field == "ItemProcessor":
            message = f'{where.prefix()}a Map state needs "ItemProcessor" (or the older "Iterator")'
        else:
            message = f'{where.prefix()}{_object_name(err, where)} needs "{field}"'
        yield _diag("S103", message[0].upper() + message[1:], hint, where)


def _not_allowed_value(err: ValidationError, where: _Where) -> Iterator[Diagnostic]:
    """S104 for an unknown state Type, S105 for other values outside their allowed set."""
    value = err.instance
    if isinstance(value, str) and _PLACEHOLDER.match(value):
        return
    allowed = (
        err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
    )
    choices = [str(c) for c in allowed]
    close = (
        difflib.get_close_matches(value, choices, n=1, cutoff=0.6) if isinstance(value, str) else []
    )
    by_case = [c for c in choices if isinstance(value, str) and c.lower() == value.lower()]
    suggestion = f' Did you mean "{(by_case or close)[0]}"?' if by_case or close else ""
    if where.state is not None and where.label == "Type":
        message = f'State "{where.state}" has an unknown Type {_show(value)}'
        yield _diag("S104", message, f"Use one of {_TYPES_TEXT}.{suggestion}", where)
        return
    message = (
        f'{where.prefix()}"{where.label}" must be one of {", ".join(choices)}, got {_show(value)}'
    )
    yield _diag("S105", message, f"Use one of the listed values.{suggestion}".strip(), where)


def _wrong_shape(err: ValidationError, where: _Where) -> Iterator[Diagnostic]:
    """S102: a value of the wrong JSON type or form."""
    schema = err.schema if isinstance(err.schema, dict) else {}
    expects = schema.get("x-expects")
    if not isinstance(expects, str):
        kinds = schema.get("type", [])
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        expects = " or ".join(_JSON_TYPE_WORDS.get(k, k) for k in kinds) or "another kind of value"
    subject = f'"{where.label}"' if where.label else "The definition"
    hint = _shape_hint(expects, err.instance)
    if where.at_state:
        subject = f'State "{where.state}"'
        message = f"{subject} must be {expects}, got {_show(err.instance)}"
        if where.state in _MACHINE_FIELDS and not isinstance(err.instance, dict):
            hint = (
                f'"{where.state}" is a field of the machine, not a state: move it out of '
                '"States" to the top level, beside "StartAt".'
            )
    else:
        message = f"{where.prefix()}{subject} must be {expects}, got {_show(err.instance)}"
    yield _diag("S102", message, hint, where)


# Top-level fields sometimes written inside "States" by mistake (seen in public machines).
_MACHINE_FIELDS = frozenset({"QueryLanguage", "TimeoutSeconds", "Comment", "Version", "StartAt"})


def _shape_hint(expects: str, value: Any) -> str:
    """How to fix a value of the wrong shape."""
    if "number" in expects and isinstance(value, str):
        return 'Write the number without quotes (10, not "10"), or use a ${Name} placeholder.'
    if "number" in expects and isinstance(value, float):
        return "Use a whole number such as 10."
    if expects.startswith("true or false") and isinstance(value, str):
        return "Write true or false without quotes."
    return f"Change it to {expects}."


def _out_of_range(err: ValidationError, where: _Where) -> Iterator[Diagnostic]:
    """S106: a number below the minimum or above the maximum."""
    bound = err.validator_value
    low = err.validator in ("minimum", "exclusiveMinimum")
    relation = "at least" if low else "at most"
    message = (
        f'{where.prefix()}"{where.label}" must be {relation} {bound}, got {_show(err.instance)}'
    )
    yield _diag("S106", message, f"Use {bound} or {'more' if low else 'less'}.", where)


def _empty(err: ValidationError, where: _Where) -> Iterator[Diagnostic]:
    """S103: a list, object or name that must not be empty."""
    field = str(where.path[-1]) if where.path else ""
    subject = f'"{where.label}"' if where.label else "The definition"
    message = f"{where.prefix()}{subject} is empty"
    hint = _EMPTY_HINTS.get(field, "Fill it in.")
    yield _diag("S103", message, hint, where)


def _generic(err: ValidationError, where: _Where) -> Iterator[Diagnostic]:
    """S102 for any keyword without a dedicated translation."""
    subject = f'"{where.label}"' if where.label else "The definition"
    yield _diag("S102", f"{where.prefix()}{subject}: {err.message}", "", where)


_Translator = Callable[[ValidationError, _Where], Iterator[Diagnostic]]
_TRANSLATORS: dict[str, _Translator] = {
    "additionalProperties": _unknown_fields,
    "required": _missing_fields,
    "enum": _not_allowed_value,
    "const": _not_allowed_value,
    "type": _wrong_shape,
    "pattern": _wrong_shape,
    "minimum": _out_of_range,
    "exclusiveMinimum": _out_of_range,
    "maximum": _out_of_range,
    "exclusiveMaximum": _out_of_range,
    "minItems": _empty,
    "minProperties": _empty,
    "minLength": _empty,
}


def _too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether a JSON value nests objects/lists more than ``limit`` levels (iterative)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, dict):
            stack.extend(
                (child, depth + 1) for child in node.values() if isinstance(child, (dict, list))
            )
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node if isinstance(child, (dict, list)))
    return False


def _not_a_machine(definition: Any) -> Diagnostic | None:
    """S107 when the top level cannot be a state machine at all."""
    kind = {list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(definition), "a number"
    )
    hint = 'A state machine is a JSON object with "StartAt" and "States".'
    if not isinstance(definition, dict):
        message = f"The top level must be a state machine object, not {kind}"
    elif "StartAt" in definition or "States" in definition:
        return None
    else:
        message = 'This is not a state machine: it has no "StartAt" and no "States"'
        if "Type" in definition:
            hint = 'It looks like a single state: put it inside "States" and add "StartAt".'
        elif {"Resources", "AWSTemplateFormatVersion"} & set(definition):
            hint = "It looks like a CloudFormation/SAM template: open the state machine definition."
    return Diagnostic(code="S107", severity=Severity.ERROR, message=message, hint=hint)


def _too_deep_diagnostic() -> Diagnostic:
    """The single S102 reported for a definition nested beyond :data:`MAX_DEPTH`."""
    return Diagnostic(
        code="S102",
        severity=Severity.ERROR,
        message=f"The definition is nested more than {MAX_DEPTH} levels deep and cannot be checked",
        hint="Flatten the data: no real state machine nests this deeply.",
    )


def schema_diagnostics(definition: Any) -> list[Diagnostic]:
    """Check a parsed definition against the ASL schema; never raises on any JSON value."""
    problem = _not_a_machine(definition)
    if problem is not None:
        return [problem]
    if _too_deep(definition):
        return [_too_deep_diagnostic()]
    try:
        errors = list(_validator().iter_errors(definition))
    except RecursionError:
        return [_too_deep_diagnostic()]
    found: list[Diagnostic] = []
    seen: set[tuple[str, str, str]] = set()
    for err in errors:
        translate = _TRANSLATORS.get(str(err.validator), _generic)
        for diag in translate(err, _Where(list(err.absolute_path), definition)):
            key = (diag.code, diag.pointer, diag.message)
            if key not in seen:
                seen.add(key)
                found.append(diag)
    return found
