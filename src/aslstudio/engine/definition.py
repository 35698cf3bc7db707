"""An index of a definition's scopes and states, built once per execution (no I/O)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aslstudio.asl import pointer as jp

JSONPATH = "JSONPath"
JSONATA = "JSONata"


class DefinitionError(ValueError):
    """The definition is not runnable: a precise, one-line message."""


@dataclass(frozen=True, slots=True)
class ScopeDef:
    """One list of states with a StartAt: the machine, a Parallel branch or a Map processor."""

    pointer: str
    start_at: str
    states: Mapping[str, Any]
    distributed: bool = False


@dataclass(frozen=True, slots=True)
class StateDef:
    """One state: its name, JSON pointer, body, type and effective query language."""

    name: str
    pointer: str
    body: Mapping[str, Any]
    type: str
    scope: ScopeDef
    jsonata: bool
    uses_context: bool = True  # some field mentions "$$" (JSONPath) or "$states" (JSONata)


@dataclass(slots=True)
class Program:
    """The indexed definition: top scope, every state by name, child scopes per container."""

    definition: Mapping[str, Any]
    top: ScopeDef
    states: dict[str, StateDef] = field(default_factory=dict)
    children: dict[str, list[ScopeDef]] = field(default_factory=dict)
    default_jsonata: bool = False
    placeholders: dict[str, str] = field(default_factory=dict)

    def state(self, scope: ScopeDef, name: str) -> StateDef:
        """The state called ``name`` inside ``scope``; DefinitionError when it does not exist."""
        sdef = self.states.get(name)
        if sdef is None or sdef.scope is not scope:
            raise DefinitionError(
                f"state '{name}' does not exist in {scope.pointer or 'the machine'}"
            )
        return sdef


def _make_scope(body: Any, pointer: str, distributed: bool = False) -> ScopeDef:
    if not isinstance(body, Mapping):
        raise DefinitionError(f"{pointer or '/'}: expected an object with StartAt and States")
    start_at = body.get("StartAt")
    states = body.get("States")
    if not isinstance(start_at, str):
        raise DefinitionError(f"{pointer or '/'}: 'StartAt' is missing or not a string")
    if not isinstance(states, Mapping) or not states:
        raise DefinitionError(f"{pointer or '/'}: 'States' is missing or empty")
    if start_at not in states:
        raise DefinitionError(
            f"{pointer or '/'}: StartAt '{start_at}' names no state in this scope"
        )
    return ScopeDef(pointer, start_at, states, distributed)


def _nested_scopes(name: str, body: Mapping[str, Any], pointer: str) -> list[ScopeDef]:
    kind = body.get("Type")
    if kind == "Parallel":
        branches = body.get("Branches")
        if not isinstance(branches, list) or not branches:
            raise DefinitionError(
                f"{pointer}: Parallel state '{name}' needs a non-empty 'Branches'"
            )
        return [_make_scope(b, jp.join(pointer, "Branches", i)) for i, b in enumerate(branches)]
    if kind == "Map":
        key = "ItemProcessor" if "ItemProcessor" in body else "Iterator"
        proc = body.get(key)
        if proc is None:
            raise DefinitionError(f"{pointer}: Map state '{name}' needs an 'ItemProcessor'")
        config = proc.get("ProcessorConfig") if isinstance(proc, Mapping) else None
        mode = config.get("Mode") if isinstance(config, Mapping) else None
        return [_make_scope(proc, jp.join(pointer, key), mode == "DISTRIBUTED")]
    return []


def _check_transitions(name: str, body: Mapping[str, Any], scope: ScopeDef, pointer: str) -> None:
    nxt = body.get("Next")
    if isinstance(nxt, str) and nxt not in scope.states:
        raise DefinitionError(
            f"{pointer}/Next: state '{name}' goes to '{nxt}', which does not exist"
        )
    if (
        body.get("Type") not in ("Choice", "Succeed", "Fail")
        and nxt is None
        and not body.get("End")
    ):
        raise DefinitionError(f"{pointer}: state '{name}' has neither 'Next' nor 'End'")


PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_.:-]+)\}")
NESTED_KEYS = frozenset({"Branches", "ItemProcessor", "Iterator"})


def mentions(value: Any, needle: str) -> bool:
    """Whether any string in a state's own fields (not nested scopes) contains ``needle``."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if needle in node:
                return True
        elif isinstance(node, Mapping):
            stack.extend(v for k, v in node.items() if k not in NESTED_KEYS)
        elif isinstance(node, list):
            stack.extend(node)
    return False


def substitute(value: Any, table: Mapping[str, Any]) -> Any:
    """``value`` with its ``${Name}`` DefinitionSubstitutions placeholders filled from ``table``.

    A string that is one whole placeholder takes the value as it is (a number stays a number);
    inside other text the value is written as text (JSON for anything but a string). Names not in
    ``table`` stay as placeholders, and a filled-in value is never searched again.
    """
    if isinstance(value, str):
        if "${" not in value:
            return value
        whole = PLACEHOLDER.fullmatch(value)
        if whole is not None and whole.group(1) in table:
            return table[whole.group(1)]
        return PLACEHOLDER.sub(lambda m: _as_text(table, m), value)
    if isinstance(value, Mapping):
        return {k: substitute(v, table) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, table) for v in value]
    return value


def fill_bare(value: Any, bare: Iterable[tuple[str, str]], table: Mapping[str, Any]) -> Any:
    """``value`` with placeholders that stood unquoted in a JSON template filled as text.

    ``bare`` holds (JSON pointer, ``${Name}``) pairs. SAM, CloudFormation and Terraform paste the
    value's text where the bare placeholder stands, so a string value that is JSON text becomes
    that JSON value (``"30"`` -> ``30``, ``"true"`` -> ``true``); other values stay as they are.
    """
    filled: Any = None
    for pointer, name in bare:
        text = table.get(name[2:-1])
        if not isinstance(text, str) or not pointer:
            continue
        try:
            typed = json.loads(text)
        except ValueError:
            continue
        if filled is None:
            filled = copy.deepcopy(value)
        _put(filled, pointer, name, typed)
    return value if filled is None else filled


def _put(root: Any, pointer: str, expected: str, typed: Any) -> None:
    """Set ``root`` at ``pointer`` to ``typed`` when it still holds ``expected`` there."""
    *parents, last = jp.split(pointer)
    node = root
    try:
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        key: Any = int(last) if isinstance(node, list) else last
        if node[key] == expected:
            node[key] = typed
    except (KeyError, IndexError, TypeError, ValueError):
        return  # the value is no longer there (the caller edited the definition)


def _as_text(table: Mapping[str, Any], match: re.Match[str]) -> str:
    if match.group(1) not in table:
        return match.group(0)
    filled = table[match.group(1)]
    return filled if isinstance(filled, str) else json.dumps(filled, separators=(",", ":"))


def find_placeholder(value: Any) -> str | None:
    """The first ``${Name}`` DefinitionSubstitutions placeholder left in a state's own fields."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if "${" in node and (found := PLACEHOLDER.search(node)) is not None:
                return found.group(1)
        elif isinstance(node, Mapping):
            stack.extend(v for k, v in node.items() if k not in NESTED_KEYS)
        elif isinstance(node, list):
            stack.extend(node)
    return None


def build_program(definition: Any) -> Program:
    """Index ``definition`` (a parsed machine); DefinitionError on a structural problem."""
    top = _make_scope(definition, "")
    default_jsonata = definition.get("QueryLanguage") == JSONATA
    program = Program(definition, top, default_jsonata=default_jsonata)
    stack = [top]
    while stack:
        scope = stack.pop()
        for name, body in scope.states.items():
            pointer = jp.join(scope.pointer, "States", name)
            if not isinstance(body, Mapping) or not isinstance(body.get("Type"), str):
                raise DefinitionError(f"{pointer}: state '{name}' has no 'Type'")
            if name in program.states:
                raise DefinitionError(f"{pointer}: the state name '{name}' is used twice")
            _check_transitions(name, body, scope, pointer)
            lang = body.get("QueryLanguage")
            jsonata = lang == JSONATA if isinstance(lang, str) else default_jsonata
            uses_context = mentions(body, "$states" if jsonata else "$$")
            program.states[name] = StateDef(
                name, pointer, body, body["Type"], scope, jsonata, uses_context
            )
            placeholder = find_placeholder(body)
            if placeholder is not None:
                program.placeholders[name] = placeholder
            nested = _nested_scopes(name, body, pointer)
            if nested:
                program.children[name] = nested
                stack.extend(nested)
    return program
