"""Nested scopes of a definition: the machine, Parallel branches, Map processors and their states.

Everything here reads raw (possibly malformed) data and skips what it cannot read; nothing raises.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from aslstudio.asl.pointer import join

ScopeKind = Literal["machine", "branch", "processor"]

# Keys of a Map state that hold its sub-machine, newest first ("Iterator" is the legacy name).
MAP_PROCESSOR_KEYS = ("ItemProcessor", "Iterator")


@dataclass(frozen=True)
class StateRef:
    """One state of the definition, wherever it is nested."""

    name: str
    pointer: str  # JSON pointer of the state object, e.g. "/States/P/Branches/0/States/A"
    type: str  # the state's Type, or "" when missing or not a string
    body: Mapping[str, Any]
    scope: str  # pointer of the object holding StartAt/States ("" at the top level)
    parent: str | None  # pointer of the enclosing Parallel/Map state, None at the top level

    def __hash__(self) -> int:
        """Hash by pointer (the body is a mapping), so refs can key dicts and sets."""
        return hash(self.pointer)


@dataclass(frozen=True)
class Scope:
    """An object that holds ``StartAt`` and ``States``: the machine, a branch or a Map processor."""

    pointer: str
    start_at: str | None
    states: dict[str, str]  # state name -> state pointer, in document order
    parent: str | None  # pointer of the enclosing Parallel/Map state
    kind: ScopeKind
    index: int  # branch index for kind "branch", 0 otherwise

    def __hash__(self) -> int:
        """Hash by pointer (``states`` is a dict), so scopes can key dicts and sets."""
        return hash(self.pointer)


def state_type(body: Mapping[str, Any]) -> str:
    """The ``Type`` of a state object, or ``""`` when it is missing or not a string."""
    value = body.get("Type")
    return value if isinstance(value, str) else ""


def child_scopes(
    state_pointer: str, body: Mapping[str, Any]
) -> list[tuple[str, Mapping[str, Any], ScopeKind, int]]:
    """The sub-machines directly inside a Parallel or Map state: (pointer, object, kind, index)."""
    kind = state_type(body)
    found: list[tuple[str, Mapping[str, Any], ScopeKind, int]] = []
    if kind == "Parallel":
        branches = body.get("Branches")
        if isinstance(branches, list):
            for index, branch in enumerate(branches):
                if isinstance(branch, Mapping):
                    found.append((join(state_pointer, "Branches", index), branch, "branch", index))
    elif kind == "Map":
        for key in MAP_PROCESSOR_KEYS:
            processor = body.get(key)
            if isinstance(processor, Mapping):
                found.append((join(state_pointer, key), processor, "processor", 0))
                break
    return found


def _states_of(holder: Mapping[str, Any]) -> Mapping[Any, Any]:
    states = holder.get("States")
    return states if isinstance(states, Mapping) else {}


def _make_scope(
    pointer: str, holder: Mapping[str, Any], parent: str | None, kind: ScopeKind, index: int
) -> Scope:
    start = holder.get("StartAt")
    states_pointer = join(pointer, "States")
    names: dict[str, str] = {}
    for name, body in _states_of(holder).items():
        if isinstance(name, str) and isinstance(body, Mapping):
            names.setdefault(name, join(states_pointer, name))
    return Scope(
        pointer=pointer,
        start_at=start if isinstance(start, str) else None,
        states=names,
        parent=parent,
        kind=kind,
        index=index,
    )


# A pending scope on the explicit stack: (pointer, holder object, parent pointer, kind, index).
_Pending = tuple[str, Mapping[str, Any], str | None, ScopeKind, int]


def _walk(definition: Any) -> Iterator[StateRef | Scope]:
    """Depth-first walk yielding each scope, then its states, each followed by its own scopes."""
    if not isinstance(definition, Mapping):
        return
    # Explicit stack of iterators so very deep nesting cannot exhaust Python's recursion limit.
    root: _Pending = ("", definition, None, "machine", 0)
    stack: list[Iterator[_Pending | StateRef]] = [iter([root])]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, StateRef):
            yield item
            children = child_scopes(item.pointer, item.body)
            if children:
                stack.append(
                    iter([(ptr, obj, item.pointer, kind, idx) for ptr, obj, kind, idx in children])
                )
        else:
            pointer, holder, parent, kind, index = item
            yield _make_scope(pointer, holder, parent, kind, index)
            stack.append(_state_refs(pointer, holder, parent))


def _state_refs(
    scope_pointer: str, holder: Mapping[str, Any], parent: str | None
) -> Iterator[StateRef]:
    states_pointer = join(scope_pointer, "States")
    for name, body in _states_of(holder).items():
        if isinstance(name, str) and isinstance(body, Mapping):
            yield StateRef(
                name=name,
                pointer=join(states_pointer, name),
                type=state_type(body),
                body=body,
                scope=scope_pointer,
                parent=parent,
            )


def iter_scopes(definition: Mapping[str, Any]) -> Iterator[Scope]:
    """Every scope in pre-order: the machine first, then nested branches/processors as met."""
    for item in _walk(definition):
        if isinstance(item, Scope):
            yield item


def iter_states(definition: Mapping[str, Any]) -> Iterator[StateRef]:
    """Every state in document order, depth first: a container, its nested states, its sibling."""
    for item in _walk(definition):
        if isinstance(item, StateRef):
            yield item
