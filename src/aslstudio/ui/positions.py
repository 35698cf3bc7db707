"""Manual node positions of the open machine: the store, its undo steps and its sidecar file.

Moves go on the designer's one QUndoStack as :class:`SetPositions`, a QUndoCommand that
changes only this store. They are not Qt-free ``asl.commands``: the stack's adapter replays
those on the EditableDocument, which would count a move as a change of the definition (new
revision, re-validation, code view rebuilt) although the ASL text stays the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from aslstudio.asl.editing import DocumentEvent
from aslstudio.asl.positions import (
    Position,
    Positions,
    PositionsError,
    read_sidecar,
    renamed,
    sidecar_path,
    write_sidecar,
)
from aslstudio.asl.scopes import iter_states
from aslstudio.layout.geometry import Geometry
from aslstudio.ui.manual_layout import top_left_for


class PositionStore(QObject):
    """Where the user put states by hand (by state name), and what the sidecar on disk holds."""

    changed = Signal()  # the positions changed (a move, its undo, Auto layout)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.positions: Positions = {}
        self.saved: Positions = {}
        self.sidecar: Path | None = None
        self.shapes: Shapes = {}  # each state's scope and body, as of the last change seen

    def set_positions(self, positions: Positions) -> None:
        """Replace the positions and tell the canvas."""
        self.positions = dict(positions)
        self.changed.emit()

    def remember(self, definition: Any) -> None:
        """Note each state's scope and body (a later whole-text edit is compared with them)."""
        self.shapes = state_shapes(definition)

    def follow(self, event: DocumentEvent, definition: Any = None) -> None:
        """Keep a renamed state's position (also when a rename is undone or redone).

        A rename typed in the code view arrives as a whole-text change: when it removed one
        name and added one in the same scope with the same body, the position goes along.
        """
        if event.kind == "rename":
            self.positions = renamed(self.positions, event.old_name, event.new_name)
        if definition is None:
            return
        shapes = state_shapes(definition)
        if event.kind == "text":
            pair = text_rename(self.shapes, shapes)
            if pair is not None:
                self.positions = renamed(self.positions, *pair)
        self.shapes = shapes

    def forget(self) -> None:
        """No positions and no sidecar (a new, untitled machine)."""
        self.positions, self.saved, self.sidecar = {}, {}, None

    def load_beside(self, machine: Path) -> str | None:
        """Read the sidecar of ``machine``; a one-line message when it is unusable (ignored)."""
        self.forget()
        self.sidecar = sidecar_path(machine)
        try:
            found = read_sidecar(self.sidecar)
        except PositionsError as exc:
            return f"{exc}; manual positions ignored"
        self.positions = dict(found or {})
        self.saved = dict(self.positions)
        return None

    def save_beside(self, machine: Path, definition: Any) -> bool:
        """Write the sidecar of ``machine`` when it would change; True if written (OSError).

        Only states the machine still has are written; a stale entry alone is no reason to write.
        """
        target = sidecar_path(machine)
        names = (
            {ref.name for ref in iter_states(definition)} if isinstance(definition, dict) else set()
        )
        kept = {name: pos for name, pos in self.positions.items() if name in names}
        on_disk = {name: pos for name, pos in self.saved.items() if name in names}
        if target == self.sidecar and kept == on_disk:
            return False
        if not kept and not target.exists():
            self.saved, self.sidecar = kept, target
            return False
        write_sidecar(target, kept)
        self.saved, self.sidecar = kept, target
        return True


Shapes = dict[str, tuple[str, Mapping[str, Any]]]  # state name -> (scope pointer, body)


def state_shapes(definition: Any) -> Shapes:
    """Every state's scope and body by name (empty for a definition that is not an object)."""
    if not isinstance(definition, dict):
        return {}
    return {ref.name: (ref.scope, ref.body) for ref in iter_states(definition)}


def text_rename(before: Shapes, after: Shapes) -> tuple[str, str] | None:
    """(old, new) when exactly one name went and one came, same scope and identical body."""
    gone = [name for name in before if name not in after]
    came = [name for name in after if name not in before]
    if len(gone) != 1 or len(came) != 1:
        return None
    return (gone[0], came[0]) if before[gone[0]] == after[came[0]] else None


class SetPositions(QUndoCommand):
    """One undo step that changes the manual positions (a drag, or Auto layout)."""

    def __init__(self, store: PositionStore, after: Positions, text: str) -> None:
        super().__init__(text)
        self.store = store
        self.before = dict(store.positions)
        self.after = dict(after)

    def redo(self) -> None:
        """Put the states where they were dragged (also the first call, from push)."""
        self.store.set_positions(self.after)

    def undo(self) -> None:
        """Put the states back."""
        self.store.set_positions(self.before)


def move_command(
    store: PositionStore, geometry: Geometry, moves: dict[str, tuple[float, float]]
) -> SetPositions | None:
    """The undo step for states dropped with their top-left at scene points (by state id)."""
    after = dict(store.positions)
    names: list[str] = []
    for state_id, (x, y) in moves.items():
        box = geometry.states.get(state_id)
        if box is None:
            continue
        stored: Position = top_left_for(geometry, state_id, float(round(x)), float(round(y)))
        after[box.name] = stored
        names.append(box.name)
    if not names:
        return None
    text = f"Move state {names[0]}" if len(names) == 1 else f"Move {len(names)} states"
    return SetPositions(store, after, text)


def auto_layout_command(store: PositionStore) -> SetPositions | None:
    """The undo step that forgets every manual position (None when there are none)."""
    if not store.positions:
        return None
    return SetPositions(store, {}, "Auto layout")
