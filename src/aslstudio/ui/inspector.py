"""The inspector: a form per state type (placeholder while the forms are built)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from aslstudio.ui.qt_document import QtDocument
from aslstudio.validate import Diagnostic


class Inspector(QWidget):
    """Edits the selected state's fields."""

    rename_done = Signal(str)

    def __init__(self, qdoc: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.qdoc = qdoc

    def show_state(self, pointer: str | None) -> None:
        """Show the form of the state at ``pointer``."""

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Show the validator's messages next to fields."""

    def focus_field(self, field: str) -> None:
        """Put the keyboard focus on ``field``'s editor."""
