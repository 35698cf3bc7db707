"""Copy, paste and move of states for the designer (clipboard and scope helpers).

Copied states travel as JSON ``{name: body}`` (also as plain text, so they can be pasted into
an editor); pasting goes through PasteStates, moving through MoveStateToScope, one undo step each.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QMimeData

from aslstudio.asl import pointer as jp
from aslstudio.asl.commands import MoveStateToScope, PasteStates
from aslstudio.asl.edittree import scope_references, split_state
from aslstudio.asl.scopes import iter_scopes
from aslstudio.ui.qt_document import QtDocument

STATES_MIME = "application/x-aslstudio-states+json"


def copy_states(qdoc: QtDocument, pointer: str) -> QMimeData | None:
    """Clipboard data for the state at ``pointer`` (None when there is none)."""
    body = qdoc.state_body(pointer)
    if body is None:
        return None
    text = json.dumps({split_state(pointer)[1]: body}, indent=2, ensure_ascii=False)
    data = QMimeData()
    data.setData(STATES_MIME, text.encode("utf-8"))
    data.setText(text)
    return data


def states_from(data: QMimeData | None) -> dict[str, Any] | None:
    """The ``{name: body}`` states held by clipboard data (ours, or JSON text), else None."""
    if data is None:
        return None
    if data.hasFormat(STATES_MIME):
        raw = bytes(data.data(STATES_MIME).data()).decode("utf-8", "replace")
    elif data.hasText():
        raw = data.text()
    else:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, dict) or not value:
        return None
    if not all(isinstance(body, dict) and "Type" in body for body in value.values()):
        return None
    return value


def paste_states(qdoc: QtDocument, states: dict[str, Any], scope: str) -> str | None:
    """Paste into ``scope``; returns the pointer of the first pasted state."""
    command = PasteStates(scope, states)
    if not qdoc.push(command):
        return None
    first = command.names.get(next(iter(states)), next(iter(states)))
    return jp.join(scope, "States", first)


def scope_label(data: dict[str, Any], kind: str, parent: str | None, index: int) -> str:
    """Words for a scope: the machine, a Parallel branch or a Map's steps."""
    if parent is None:
        return "the machine (top level)"
    name = split_state(parent)[1]
    return f"{name} › branch {index + 1}" if kind == "branch" else f"{name} › steps for each item"


def move_targets(qdoc: QtDocument, pointer: str) -> list[tuple[str, str]]:
    """(label, scope pointer) of every scope the state at ``pointer`` can move into."""
    own_scope = split_state(pointer)[0]
    found = []
    for scope in iter_scopes(qdoc.data):
        if scope.pointer == own_scope or scope.pointer.startswith(pointer + "/"):
            continue
        found.append((scope_label(qdoc.data, scope.kind, scope.parent, scope.index), scope.pointer))
    return found


def move_state(qdoc: QtDocument, pointer: str, scope: str) -> str | None:
    """Move a state into ``scope``; returns its new pointer."""
    if not qdoc.push(MoveStateToScope(pointer, scope)):
        return None
    return jp.join(scope, "States", split_state(pointer)[1])


def has_predecessors(qdoc: QtDocument, pointer: str) -> bool:
    """Whether any transition (or StartAt) in its scope leads to the state at ``pointer``."""
    scope, name = split_state(pointer)
    holder = qdoc.document.get(scope)
    return any(
        ref.target == name and not ref.pointer.startswith(pointer + "/")
        for ref in scope_references(holder, scope)
    )
