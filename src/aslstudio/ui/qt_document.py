"""The open document for Qt views: re-emits EditableDocument events and owns the QUndoStack.

Views push Qt-free commands (:mod:`aslstudio.asl.commands`) through :meth:`QtDocument.push`;
each becomes one QUndoCommand whose undo/redo replay the command on the document. Views never
poke each other: they refresh from :attr:`QtDocument.changed`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from aslstudio.asl.editing import Command, DocumentEvent, EditableDocument, EditError
from aslstudio.asl.edittree import split_state


class _UndoAdapter(QUndoCommand):
    """One Qt undo step around one Qt-free command (already done when pushed)."""

    def __init__(self, owner: QtDocument, command: Command) -> None:
        super().__init__(command.text)
        self.owner = owner
        self.command = command
        self._skip_first_redo = True

    def redo(self) -> None:
        """Make the change again (the first call, from push, is a no-op: it was just made)."""
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self.owner.document.apply(self.command)

    def undo(self) -> None:
        """Take the change back."""
        self.owner.document.revert(self.command)


class QtDocument(QObject):
    """One open machine for the Qt side: the EditableDocument, its undo stack and signals."""

    changed = Signal(object)  # DocumentEvent, after every change, undo and redo
    reset = Signal()  # a different document (New / Open / recovery) replaced this one
    dirty_changed = Signal(bool)
    path_changed = Signal(object)  # Path | None
    refused = Signal(str)  # an edit could not be made; one line for the user

    def __init__(self, document: EditableDocument | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._document = document if document is not None else EditableDocument.new()
        self._unsubscribe = self._document.subscribe(self._forward)

    # ----- the document ---------------------------------------------------------------------
    @property
    def document(self) -> EditableDocument:
        """The Qt-free document all edits go to."""
        return self._document

    @property
    def data(self) -> dict[str, Any]:
        """The current definition (read-only for views)."""
        return self._document.data

    @property
    def path(self) -> Path | None:
        """The file the document is saved to, if any."""
        return self._document.path

    @property
    def dirty(self) -> bool:
        """Whether there are unsaved changes."""
        return not self.undo_stack.isClean()

    def set_document(self, document: EditableDocument) -> None:
        """Show another document: the undo history starts afresh and views rebuild."""
        self._unsubscribe()
        self._document = document
        self._unsubscribe = document.subscribe(self._forward)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.reset.emit()
        self.path_changed.emit(document.path)
        self.dirty_changed.emit(False)

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    def _forward(self, event: DocumentEvent) -> None:
        self.changed.emit(event)

    # ----- editing --------------------------------------------------------------------------
    def push(self, command: Command) -> bool:
        """Make ``command`` as one undo step; a refusal emits :attr:`refused` and returns False."""
        try:
            self._document.apply(command)
        except (EditError, ValueError) as exc:
            self.refused.emit(str(exc))
            return False
        self.undo_stack.push(_UndoAdapter(self, command))
        return True

    def begin_macro(self, text: str) -> None:
        """Start several pushes that undo as one step."""
        self.undo_stack.beginMacro(text)

    def end_macro(self) -> None:
        """Close the step opened by :meth:`begin_macro`."""
        self.undo_stack.endMacro()

    def undo(self) -> None:
        """Undo the last step."""
        self.undo_stack.undo()

    def redo(self) -> None:
        """Redo the last undone step."""
        self.undo_stack.redo()

    # ----- files ----------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write atomically (EditError without a file, OSError on a disk problem); marks clean."""
        old = self._document.path
        target = self._document.save(path)
        self.undo_stack.setClean()
        if target != old:
            self.path_changed.emit(target)
        return target

    # ----- reading helpers ------------------------------------------------------------------
    def state_body(self, pointer: str) -> dict[str, Any] | None:
        """The body of the state at ``pointer``, or None when there is none."""
        try:
            split_state(pointer)
            body = self._document.get(pointer)
        except EditError:
            return None
        return body if isinstance(body, dict) else None
