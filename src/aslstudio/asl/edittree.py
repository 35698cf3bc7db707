"""Reading the state tree for edits: state places, transitions, references per scope, renaming.

Pure functions over plain definition data (possibly malformed); used by the editing commands.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from aslstudio.asl import pointer as jp
from aslstudio.asl.editing import EditError, resolve
from aslstudio.asl.scopes import child_scopes, iter_scopes, iter_states
from aslstudio.asl.templates import MAX_NAME_LENGTH


class Reference(NamedTuple):
    """One place that names a state: its pointer, the name written there, and its kind."""

    pointer: str
    target: str
    kind: str  # "start", "next", "default", "choice" or "catch"


def split_state(pointer: str) -> tuple[str, str]:
    """(scope pointer, state name) of a state pointer such as ``/States/P/Branches/0/States/A``."""
    tokens = jp.split(pointer)
    if len(tokens) < 2 or tokens[-2] != "States":
        raise EditError(f"{pointer or '/'} is not the place of a state")
    return jp.from_tokens(tokens[:-2]), tokens[-1]


def scope_pointers(data: Mapping[str, Any]) -> set[str]:
    """Pointers of every scope: the machine, Parallel branches and Map processors."""
    return {scope.pointer for scope in iter_scopes(data)}


def transitions(body: Mapping[str, Any], state_pointer: str) -> Iterator[Reference]:
    """The names a state body sends control to: Next, Default, Choices[*].Next, Catch[*].Next."""
    for key, kind in (("Next", "next"), ("Default", "default")):
        if isinstance(body.get(key), str):
            yield Reference(jp.join(state_pointer, key), body[key], kind)
    for key, kind in (("Choices", "choice"), ("Catch", "catch")):
        items = body.get(key)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, Mapping) and isinstance(item.get("Next"), str):
                    yield Reference(jp.join(state_pointer, key, index, "Next"), item["Next"], kind)


def scope_references(holder: Mapping[str, Any], scope: str) -> list[Reference]:
    """Every reference in one scope: its StartAt, then each state's transitions."""
    found: list[Reference] = []
    if isinstance(holder.get("StartAt"), str):
        found.append(Reference(jp.join(scope, "StartAt"), holder["StartAt"], "start"))
    states = holder.get("States")
    if isinstance(states, Mapping):
        for name, body in states.items():
            if isinstance(body, Mapping):
                found.extend(transitions(body, jp.join(scope, "States", name)))
    return found


def _inner_scope(body: Mapping[str, Any], rest: list[str]) -> tuple[Any, int] | None:
    """The scope object ``rest`` enters inside a state body, and how many tokens that took."""
    if len(rest) >= 2 and rest[0] == "Branches" and rest[1].isdigit():
        branches = body.get("Branches")
        position = int(rest[1])
        if isinstance(branches, list) and position < len(branches):
            return branches[position], 2
        return None
    if rest and rest[0] in ("ItemProcessor", "Iterator"):
        return body.get(rest[0]), 1
    return None


def owning_state(data: Mapping[str, Any], pointer: str) -> str | None:
    """The pointer of the innermost state containing ``pointer`` (itself if it is a state)."""
    tokens = jp.split(pointer)
    found: str | None = None
    index = 0
    node: Any = data
    while index + 1 < len(tokens) and tokens[index] == "States" and isinstance(node, Mapping):
        states = node.get("States")
        body = states.get(tokens[index + 1]) if isinstance(states, Mapping) else None
        if not isinstance(body, Mapping):
            break
        found, index = jp.from_tokens(tokens[: index + 2]), index + 2
        inner = _inner_scope(body, tokens[index:])
        if inner is None:
            break
        node, index = inner[0], index + inner[1]
    return found


def single_successor(body: Mapping[str, Any], name: str) -> str | None:
    """The one state a state goes on to (its Next, or all Choice targets alike), else None."""
    targets = {ref.target for ref in transitions(body, "") if ref.kind != "catch"} - {name}
    return targets.pop() if len(targets) == 1 else None


def copy_name(name: str, taken: set[str]) -> str:
    """``name (copy)``, ``name (copy 2)``... the first one not in ``taken``."""
    number = 1
    while True:
        suffix = " (copy)" if number == 1 else f" (copy {number})"
        candidate = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


def fragment_names(states: Mapping[str, Any]) -> list[str]:
    """Every state name in a set of states, nested scopes included, in document order."""
    return [ref.name for ref in iter_states({"States": states})]


def _rename_transitions(body: dict[str, Any], mapping: Mapping[str, str]) -> None:
    for key in ("Next", "Default"):
        if isinstance(body.get(key), str):
            body[key] = mapping.get(body[key], body[key])
    for key in ("Choices", "Catch"):
        items = body.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("Next"), str):
                item["Next"] = mapping.get(item["Next"], item["Next"])


def rename_in_scope(holder: dict[str, Any], mapping: Mapping[str, str]) -> None:
    """Rename states of a scope and of its nested scopes in place; references follow."""
    pending = [holder]
    while pending:
        scope = pending.pop()
        if isinstance(scope.get("StartAt"), str):
            scope["StartAt"] = mapping.get(scope["StartAt"], scope["StartAt"])
        states = scope.get("States")
        if not isinstance(states, dict):
            continue
        for name, body in states.items():
            if isinstance(body, dict):
                _rename_transitions(body, mapping)
                children = child_scopes(jp.join("/States", name), body)
                pending.extend(child for _p, child, _k, _i in children if isinstance(child, dict))
        renamed = [(mapping.get(name, name), body) for name, body in states.items()]
        states.clear()
        states.update(renamed)


def references_to(data: Mapping[str, Any], state_pointer: str) -> list[Reference]:
    """The references in a state's scope that lead to it (its own self-loops excluded)."""
    scope, name = split_state(state_pointer)
    try:
        holder = resolve(data, scope)
    except EditError:
        return []
    if not isinstance(holder, Mapping):
        return []
    own = state_pointer + "/"
    return [
        ref
        for ref in scope_references(holder, scope)
        if ref.target == name and not ref.pointer.startswith(own)
    ]


def copy_states(data: Mapping[str, Any], state_pointers: list[str]) -> dict[str, Any]:
    """Deep copies of the states at ``state_pointers`` (name -> body), for the clipboard."""
    copied: dict[str, Any] = {}
    for pointer in state_pointers:
        name = split_state(pointer)[1]
        try:
            body = resolve(data, pointer)
        except EditError:
            continue
        if isinstance(body, Mapping):
            copied[name] = copy.deepcopy(body)
    return copied
