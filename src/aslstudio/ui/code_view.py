"""The code view: the whole definition, highlighted with pygments and editable.

A valid edit becomes one undoable ReplaceDefinition command (debounced); an invalid one shows the
error at line:col and keeps both the text and the last good graph. Selecting a state reveals it
here; moving the cursor into a state asks the window to select it.
"""

from __future__ import annotations

from typing import Any

from pygments.lexer import Lexer  # type: ignore[import-untyped]
from pygments.lexers import JsonLexer, YamlLexer  # type: ignore[import-untyped]
from pygments.token import Token, _TokenType  # type: ignore[import-untyped]
from PySide6.QtCore import QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QShowEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from aslstudio.asl.commands import ReplaceDefinition
from aslstudio.asl.editing import DocumentEvent
from aslstudio.asl.errors import AslError, ParseError
from aslstudio.asl.parse import parse_text
from aslstudio.asl.scopes import iter_states
from aslstudio.ui.qt_document import QtDocument
from aslstudio.ui.resources import set_tone

APPLY_DELAY_MS = 400
FOLLOW_DELAY_MS = 200
# pygments token family -> (colour on a light page, colour on a dark page, bold).
TOKEN_COLOURS: list[tuple[_TokenType, str, str, bool]] = [
    (Token.Name.Tag, "#0b5394", "#79c0ff", True),  # JSON / YAML keys
    (Token.Literal.String, "#2e7d32", "#a5d6a7", False),
    (Token.Literal.Number, "#b45309", "#ffa657", False),
    (Token.Keyword, "#7b1fa2", "#d2a8ff", True),  # true / false / null
    (Token.Comment, "#6b7280", "#8b949e", False),
    (Token.Punctuation, "#475569", "#b1bac4", False),
]
# theme -> (line background, wavy underline) of the line a parse error points at
ERROR_LINE = {"light": ("#fde2e1", "#c62828"), "dark": ("#4a2020", "#ff7b72")}


def _format_for(token: _TokenType, theme: str = "light") -> QTextCharFormat | None:
    for family, light, dark, bold in TOKEN_COLOURS:
        if token in family:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(dark if theme == "dark" else light))
            if bold:
                fmt.setFontWeight(QFont.Weight.DemiBold)
            return fmt
    return None


class PygmentsHighlighter(QSyntaxHighlighter):
    """Colours each line with the pygments JSON or YAML lexer."""

    def __init__(self, document: QTextDocument, fmt: str = "json") -> None:
        super().__init__(document)
        self.lexer: Lexer = JsonLexer()
        self._formats: dict[_TokenType, QTextCharFormat | None] = {}
        self.theme = "light"
        self.set_format(fmt)

    def set_theme(self, theme: str) -> None:
        """Use the token colours of a theme ("light" or "dark") and colour the text again."""
        theme = "dark" if theme == "dark" else "light"
        if theme != self.theme:
            self.theme = theme
            self._formats.clear()
            self.rehighlight()

    def format_for(self, token: _TokenType) -> QTextCharFormat | None:
        """The character format a token is drawn with in the current theme (None: plain)."""
        if token not in self._formats:
            self._formats[token] = _format_for(token, self.theme)
        return self._formats[token]

    def set_format(self, fmt: str) -> None:
        """Switch between JSON and YAML colouring."""
        wanted = YamlLexer if fmt == "yaml" else JsonLexer
        if not isinstance(self.lexer, wanted):
            self.lexer = wanted()
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        """Colour one line."""
        position = 0
        for token, value in self.lexer.get_tokens(text):
            fmt = self.format_for(token)
            length = len(value)
            if fmt is not None:
                self.setFormat(position, length, fmt)
            position += length


class CodeEditor(QPlainTextEdit):
    """The text editor of the code view (monospace, no wrapping)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeEditor")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTabChangesFocus(False)


class CodeView(QWidget):
    """The definition as text, kept in step with the document both ways."""

    state_requested = Signal(str)  # pointer of the state the cursor is in

    def __init__(self, qdoc: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeView")
        self.qdoc = qdoc
        self.editor = CodeEditor(self)
        self.status = QLabel("", self)
        self.status.setObjectName("codeStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        self.highlighter = PygmentsHighlighter(self.editor.document(), qdoc.document.fmt)
        self.error: ParseError | None = None
        self.active = True  # False while the view's tab is not the one shown
        self._stale = True
        self._applying = False
        self._apply_timer = _single_shot(self, APPLY_DELAY_MS, self.apply_text)
        self._follow_timer = _single_shot(self, FOLLOW_DELAY_MS, self._follow_cursor)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.cursorPositionChanged.connect(self._on_cursor_moved)
        qdoc.changed.connect(self._on_document_changed)
        qdoc.reset.connect(lambda: self._on_document_changed(None))
        self._show_ok()

    # ----- document -> text -----------------------------------------------------------------
    def _on_document_changed(self, event: DocumentEvent | None) -> None:
        if self._applying:
            return
        self._apply_timer.stop()
        self._stale = True
        if self.active or event is None:
            self.refresh()

    def set_active(self, shown: bool) -> None:
        """Told by the window when the view's tab is shown or hidden; catches up when shown."""
        self.active = shown
        if shown:
            self.refresh()

    def refresh(self) -> None:
        """Show the document's current text, keeping the cursor line and scroll position."""
        if not self._stale:
            return
        self._stale = False
        text = self._document_text()
        self.highlighter.set_format(self.qdoc.document.fmt)
        if text == self.editor.toPlainText():
            return
        cursor = self.editor.textCursor()
        line, scroll = cursor.blockNumber(), self.editor.verticalScrollBar().value()
        with QSignalBlocker(self.editor):
            self.editor.setPlainText(text)
        self._move_to(line + 1, 1, centre=False)
        self.editor.verticalScrollBar().setValue(scroll)
        self.error = None
        self._show_ok()

    def _document_text(self) -> str:
        """The document's text as saved (shared, cached per revision with the validator)."""
        return self.qdoc.document.current_parsed().text

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with changes made while the view was hidden."""
        super().showEvent(event)
        self.refresh()

    # ----- text -> document -----------------------------------------------------------------
    def _on_text_changed(self) -> None:
        self._apply_timer.start()

    @property
    def pending(self) -> bool:
        """Whether an edit is waiting for the debounce to end."""
        return self._apply_timer.isActive()

    def apply_text(self) -> bool:
        """Turn the edited text into one undoable change; on a syntax error show where it is."""
        self._apply_timer.stop()
        text = self.editor.toPlainText()
        document = self.qdoc.document
        if text == self._document_text():
            self._clear_error()
            return False
        try:
            parsed = parse_text(text, document.current_parsed().filename, document.fmt)
        except ParseError as exc:
            self._show_error(exc)
            return False
        except (AslError, RecursionError, ValueError) as exc:
            self._show_error(ParseError(str(exc), document.current_parsed().filename))
            return False
        if not isinstance(parsed.data, dict):
            self._show_error(ParseError("the top level must be an object", parsed.filename))
            return False
        self._clear_error()
        self._applying = True
        try:
            return self.qdoc.push(ReplaceDefinition(text=text))
        finally:
            self._applying = False

    def _show_error(self, exc: ParseError) -> None:
        self.error = exc
        self.status.setText(
            f"Line {exc.line}, column {exc.col}: {exc.message}. "
            "The diagram keeps the last valid version until this is fixed."
        )
        set_tone(self.status, "problem")
        mark = QTextEdit.ExtraSelection()
        block = self.editor.document().findBlockByNumber(max(exc.line - 1, 0))
        cursor = QTextCursor(block)
        cursor.select(QTextCursor.SelectionType.LineUnderCursor)
        mark.cursor = cursor
        fmt = QTextCharFormat()
        background, underline = ERROR_LINE[self.highlighter.theme]
        fmt.setBackground(QColor(background))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(underline))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.format = fmt
        self.editor.setExtraSelections([mark])

    def _clear_error(self) -> None:
        self.error = None
        self.editor.setExtraSelections([])
        self._show_ok()

    def _show_ok(self) -> None:
        self.status.setText(
            "Edit freely: changes apply when you pause typing, and Undo takes them back."
        )
        set_tone(self.status, "hint")

    def set_theme(self, theme: str) -> None:
        """Colour the code for a theme ("light" or "dark"); the page colour comes from the sheet."""
        with QSignalBlocker(self.editor):  # recolouring is not an edit: no apply, no pending
            self.highlighter.set_theme(theme)
        if self.error is not None:
            self._show_error(self.error)

    # ----- selection both ways ----------------------------------------------------------------
    def show_state(self, pointer: str | None) -> None:
        """Scroll to the state at ``pointer`` (its name in the text)."""
        if pointer is None or self.error is not None or self.pending:
            return
        self.refresh()
        source_map = self.qdoc.document.current_parsed().source_map
        pos = source_map.key(pointer) or source_map.value(pointer)
        if pos is not None:
            self._move_to(pos.line, pos.col, centre=True)

    def reveal_position(self, line: int, col: int) -> None:
        """Put the cursor at ``line``:``col`` (1-based) without changing the selection."""
        if line > 0 and self.error is None and not self.pending:
            self.refresh()
            self._move_to(line, col, centre=True)

    def _move_to(self, line: int, col: int, centre: bool) -> None:
        block = self.editor.document().findBlockByNumber(max(line - 1, 0))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, max(col - 1, 0)
        )
        with QSignalBlocker(self.editor):
            self.editor.setTextCursor(cursor)
        if centre:
            self.editor.centerCursor()

    def _on_cursor_moved(self) -> None:
        if self.editor.hasFocus():
            self._follow_timer.start()

    def _follow_cursor(self) -> None:
        if self.error is not None or self.pending:
            return
        cursor = self.editor.textCursor()
        found = state_at_position(self.qdoc, cursor.blockNumber() + 1, cursor.positionInBlock() + 1)
        if found is not None:
            self.state_requested.emit(found)


def state_at_position(qdoc: QtDocument, line: int, col: int) -> str | None:
    """The pointer of the state whose text the position ``line``:``col`` is in (nearest above)."""
    source_map = qdoc.document.current_parsed().source_map
    best: tuple[tuple[int, int], str] | None = None
    for ref in iter_states(qdoc.data):
        pos = source_map.key(ref.pointer)
        if pos is None or (pos.line, pos.col) > (line, col):
            continue
        if best is None or (pos.line, pos.col) > best[0]:
            best = ((pos.line, pos.col), ref.pointer)
    return best[1] if best is not None else None


def _single_shot(parent: QObject, delay: int, slot: Any) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay)
    timer.timeout.connect(slot)
    return timer
