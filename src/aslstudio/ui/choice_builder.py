"""The Choice rule builder (placeholder)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from aslstudio.ui.qt_document import QtDocument


class ChoiceRuleEditor(QWidget):
    """Edits the rules of the selected Choice state."""

    def __init__(self, qdoc: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceRuleEditor")
        self.qdoc = qdoc

    def show_state(self, pointer: str | None) -> None:
        """Show the rules of the Choice at ``pointer``."""
