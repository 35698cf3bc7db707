"""Manual node positions of the open machine: the store, its undo steps and its sidecar file.

Moves go on the designer's one QUndoStack as :class:`SetPositions`, a QUndoCommand that
changes only this store. They are not Qt-free ``asl.commands``: the stack's adapter replays
those on the EditableDocument, which would count a move as a change of the definition (new
revision, re-validation, code view rebuilt) although the ASL text stays the same.
"""

from __future__ import annotations

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

    def set_positions(self, positions: Positions) -> None:
        """Replace the positions and tell the canvas."""
        self.positions = dict(positions)
        self.changed.emit()

    def follow(self, event: DocumentEvent) -> None:
        """Keep a renamed state's position (also when a rename is undone or redone)."""
        if event.kind == "rename":
            self.positions = renamed(self.positions, event.old_name, event.new_name)

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
