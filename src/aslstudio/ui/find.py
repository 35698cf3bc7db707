"""Find a state by name, resource or comment: matching, and the bar that cycles through hits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from aslstudio.asl.scopes import iter_states
from aslstudio.render.labels import resolve
from aslstudio.render.scene_builder import SceneStateItem


def _haystack(item: SceneStateItem, definition: Any) -> str:
    body: Mapping[str, Any] = resolve(definition, item.state_id)
    return _words(item.text.name, body, item.text.detail)


def _words(name: str, body: Mapping[str, Any], detail: str = "") -> str:
    parts = [name, detail]
    for key in ("Resource", "Comment"):
        if isinstance(body.get(key), str):
            parts.append(body[key])
    return "\n".join(parts).casefold()


def hidden_match_parents(definition: Any, collapsed: set[str], query: str) -> set[str]:
    """The collapsed containers (all collapsed ancestors) hiding a state that matches."""
    needle = query.strip().casefold()
    if not needle or not collapsed or not isinstance(definition, Mapping):
        return set()
    refs = {ref.pointer: ref for ref in iter_states(definition)}
    found: set[str] = set()
    for ref in refs.values():
        chain: list[str] = []
        parent = ref.parent
        while parent is not None:
            chain.append(parent)
            parent = refs[parent].parent if parent in refs else None
        hiding = [p for p in chain if p in collapsed]
        if hiding and needle in _words(ref.name, ref.body):
            found.update(hiding)
    return found


def find_matches(
    items: Iterable[SceneStateItem], definition: Any, query: str
) -> list[SceneStateItem]:
    """Items whose name, resource (short or full) or comment contains ``query``, top to bottom."""
    needle = query.strip().casefold()
    if not needle:
        return []
    hits = [item for item in items if needle in _haystack(item, definition)]
    hits.sort(key=lambda i: (i.sceneBoundingRect().top(), i.sceneBoundingRect().left()))
    return hits


class _FindEdit(QLineEdit):
    """The query field: Enter = next, Shift+Enter = previous, Escape closes the bar."""

    previous_requested = Signal()
    closed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Route Shift+Enter and Escape; everything else is normal typing."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.returnPressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """A slim bar above the canvas: query field, 'n of m', previous / next, close."""

    query_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(QLabel("Find:"))
        self.edit = _FindEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("state name, resource or comment")
        self.edit.setClearButtonEnabled(True)
        layout.addWidget(self.edit, 1)
        self.status = QLabel("")
        self.status.setObjectName("findStatus")
        self.status.setMinimumWidth(90)
        layout.addWidget(self.status)
        for text, tip, signal in (
            ("▲", "Previous match (Shift+Enter)", self.previous_requested),
            ("▼", "Next match (Enter, F3)", self.next_requested),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(signal)
            layout.addWidget(button)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.edit.textChanged.connect(self.query_changed)
        self.edit.returnPressed.connect(self.next_requested)
        self.edit.previous_requested.connect(self.previous_requested)
        self.edit.closed.connect(self.hide)

    def open(self) -> None:
        """Show the bar and put the cursor in the query field."""
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def show_count(self, current: int, total: int, query: str) -> None:
        """Show 'n of m' (or 'no match')."""
        if not query.strip():
            self.status.setText("")
        elif total == 0:
            self.status.setText("no match")
        else:
            self.status.setText(f"{current + 1} of {total}")
