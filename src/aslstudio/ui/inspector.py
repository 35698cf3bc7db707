"""The inspector: a form for the selected state's fields, with help and validator messages.

Each field edit becomes one undoable command (SetField, RenameState, Connect); JSON fields are
checked as you type and applied when you leave them; path fields preview their value in the
sample input. The form is rebuilt from the document, never from another view.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aslstudio.asl import pointer as jp
from aslstudio.asl.commands import DELETE, Connect, RenameState, SetField
from aslstudio.asl.describe import describe_resource, describe_retry, field_name
from aslstudio.asl.editing import DocumentEvent
from aslstudio.asl.edittree import split_state
from aslstudio.ui.choice_ops import sample_for
from aslstudio.ui.inspector_fields import HELP, TYPE_SENTENCES, FieldSpec, visible_fields
from aslstudio.ui.qt_document import QtDocument
from aslstudio.ui.resources import set_tone
from aslstudio.validate import Diagnostic

END = "(ends here)"
NO_DEFAULT = "(none: the run fails when no rule is true)"
LANGUAGES = ("(same as the machine)", "JSONPath", "JSONata")


def _json_text(value: Any) -> str:
    return "" if value is None else json.dumps(value, indent=2, ensure_ascii=False)


def _parse_json(text: str) -> tuple[Any, str]:
    """(value, "") or (None, "line L, column C: what is wrong")."""
    if not text.strip():
        return DELETE, ""
    try:
        return json.loads(text), ""
    except json.JSONDecodeError as exc:
        return None, f"line {exc.lineno}, column {exc.colno}: {exc.msg}"


def _parse_number(editor: str, text: str) -> tuple[Any, str]:
    text = text.strip()
    if not text:
        return DELETE, ""
    try:
        value = float(text) if editor == "number" else int(text)
    except ValueError:
        kind = "a whole number" if editor == "int" else "a number"
        return None, f"{text} is not {kind}"
    return value, ""


def _result_words(path: str) -> str:
    """What a ResultPath does, in words."""
    path = path.strip()
    if not path:
        return ""
    if path == "$":
        return "The result replaces the input."
    return f"The result is added to the input as {field_name(path)}."


def _summary(key: str, value: Any) -> str:
    """Plain words for a Retry or Catch list, shown under its editor."""
    if not isinstance(value, list):
        return ""
    lines = []
    for item in value:
        if not isinstance(item, dict):
            continue
        errors = ", ".join(str(e) for e in item.get("ErrorEquals", [])) or "(no errors listed)"
        if key == "Retry":
            lines.append(f"On {errors}: {describe_retry(item)}.")
        else:
            lines.append(f"On {errors}: go to «{item.get('Next', '?')}».")
    return "\n".join(lines)


class _FocusOut(QObject):
    """Calls back when a watched widget loses the keyboard focus."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Commit on focus-out."""
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return super().eventFilter(watched, event)


class Inspector(QWidget):
    """The form of the selected state (``inspector``)."""

    rename_done = Signal(str)  # the renamed state's new pointer

    def __init__(self, qdoc: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.qdoc = qdoc
        self.pointer: str | None = None
        self.editors: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self._below: dict[str, QLabel] = {}
        self.diagnostics: list[Diagnostic] = []
        self._shown: Any = None
        self._pushing = False
        self._sample: Any = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        outer.addWidget(self.area)
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        qdoc.changed.connect(self._on_changed)
        qdoc.reset.connect(self._on_reset)
        self._on_reset()

    # ----- following the document -----------------------------------------------------------
    def _on_reset(self) -> None:
        self._sample = sample_for(self.qdoc.path)
        self.show_state(None)

    def _on_changed(self, event: DocumentEvent) -> None:
        if self._pushing:
            return
        body = self.qdoc.state_body(self.pointer) if self.pointer else None
        if body != self._shown or event.kind != "state":
            self._rebuild_timer.start()

    def show_state(self, pointer: str | None) -> None:
        """Show the form of the state at ``pointer`` (None: a hint)."""
        self.pointer = pointer
        self.rebuild()

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Show the validator's messages under the fields they are about."""
        self.diagnostics = list(diagnostics)
        self._show_messages()

    def note(self, key: str) -> QLabel | None:
        """The words shown under a field (Retry/Catch summary, path preview), if any."""
        return self._below.get(key)

    def focus_field(self, field: str) -> None:
        """Put the keyboard focus on ``field``'s editor, if the form has one."""
        editor = self.editors.get(field)
        if editor is not None:
            editor.setFocus()
            self.area.ensureWidgetVisible(editor)

    # ----- building the form ----------------------------------------------------------------
    def rebuild(self) -> None:
        """Build the form again from the document."""
        self._rebuild_timer.stop()
        body = self.qdoc.state_body(self.pointer) if self.pointer else None
        self._shown = copy.deepcopy(body)
        self.editors, self.messages, self._below = {}, {}, {}
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if body is None or self.pointer is None:
            form.addRow(QLabel("Select a state on the canvas to see and change its fields."))
        else:
            self._build(form, self.pointer, body)
        self.area.setWidget(page)
        self._show_messages()

    def _build(self, form: QFormLayout, pointer: str, body: dict[str, Any]) -> None:
        name = split_state(pointer)[1]
        kind = body.get("Type") if isinstance(body.get("Type"), str) else "?"
        heading = QLabel(f"<b>{kind}</b> — {TYPE_SENTENCES.get(str(kind), 'Unknown state type.')}")
        heading.setWordWrap(True)
        form.addRow(heading)
        self.messages[""] = self._message_label()
        form.addRow(self.messages[""])
        name_edit = QLineEdit(name)
        name_edit.setObjectName("fieldName")
        name_edit.setToolTip("The state's name; every transition to it follows a rename.")
        name_edit.editingFinished.connect(lambda: self._rename(name_edit.text()))
        self._add(form, "Name", "(name)", name_edit)
        self._add(form, "Comment", "Comment", self._text_editor("Comment", body))
        language = self._language_combo(body)
        self._add(form, "Query language", "QueryLanguage", language)
        effective = body.get("QueryLanguage", self.qdoc.data.get("QueryLanguage", "JSONPath"))
        for spec in visible_fields(str(kind), str(effective)):
            self._add(form, spec.label, spec.key, self._editor(spec, body))

    def _add(self, form: QFormLayout, label: str, key: str, editor: QWidget) -> None:
        editor.setToolTip(editor.toolTip() or HELP.get(key, ""))
        caption = QLabel(label)
        caption.setToolTip(HELP.get(key, ""))
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        message = self._message_label()
        column.addWidget(message)
        extra = self._below.get(key)
        if extra is not None:
            column.addWidget(extra)
        self.editors[key] = editor
        self.messages[key] = message
        form.addRow(caption, holder)

    def _message_label(self) -> QLabel:
        label = QLabel("")
        label.setWordWrap(True)
        set_tone(label, "problem")
        label.hide()
        return label

    def _editor(self, spec: FieldSpec, body: dict[str, Any]) -> QWidget:
        builders: dict[str, Callable[[FieldSpec, dict[str, Any]], QWidget]] = {
            "text": lambda s, b: self._text_editor(s.key, b),
            "resource": self._resource_editor,
            "int": self._number_editor,
            "number": self._number_editor,
            "json": self._json_editor,
            "list": self._json_editor,
            "path": self._path_editor,
            "next": self._next_editor,
            "default": self._next_editor,
        }
        widget = builders[spec.editor](spec, body)
        widget.setObjectName(f"field{spec.key}")
        return widget

    def _text_editor(self, key: str, body: dict[str, Any]) -> QLineEdit:
        value = body.get(key)
        edit = QLineEdit(value if isinstance(value, str) else _json_text(value))
        edit.setObjectName(f"field{key}")
        edit.editingFinished.connect(
            lambda: self._set(key, edit.text().strip() or DELETE)  # empty: remove the field
        )
        return edit

    def _resource_editor(self, spec: FieldSpec, body: dict[str, Any]) -> QLineEdit:
        edit = self._text_editor(spec.key, body)
        params = body.get("Parameters", body.get("Arguments"))
        words = describe_resource(body.get(spec.key), params if isinstance(params, dict) else None)
        note = QLabel(f"In words: {words}" if words else "")
        set_tone(note, "hint")
        note.setWordWrap(True)
        note.setVisible(bool(words))
        self._below[spec.key] = note
        return edit

    def _number_editor(self, spec: FieldSpec, body: dict[str, Any]) -> QLineEdit:
        value = body.get(spec.key)
        edit = QLineEdit("" if value is None else str(value))
        edit.setPlaceholderText("(not set)")

        def commit() -> None:
            """Write the number, or say why it is not one."""
            parsed, problem = _parse_number(spec.editor, edit.text())
            self._local_message(spec.key, problem)
            if not problem:
                self._set(spec.key, parsed)

        edit.editingFinished.connect(commit)
        return edit

    def _json_editor(self, spec: FieldSpec, body: dict[str, Any]) -> QPlainTextEdit:
        edit = QPlainTextEdit(_json_text(body.get(spec.key)))
        edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        edit.setTabChangesFocus(True)
        text = edit.toPlainText()
        lines = min(10, text.count("\n") + 1) if text else 1
        edit.setFixedHeight(18 * lines + 12)
        edit.setPlaceholderText("(not set) — JSON")
        summary = QLabel(_summary(spec.key, body.get(spec.key)))
        summary.setWordWrap(True)
        set_tone(summary, "hint")
        summary.setVisible(bool(summary.text()))
        self._below[spec.key] = summary

        def check() -> None:
            """Say as you type whether the text is JSON."""
            self._local_message(spec.key, _parse_json(edit.toPlainText())[1])

        def commit() -> None:
            """Write the JSON when it is valid and changed."""
            value, problem = _parse_json(edit.toPlainText())
            self._local_message(spec.key, problem)
            if not problem and value != body.get(spec.key, DELETE):
                self._set(spec.key, value)

        edit.textChanged.connect(check)
        _FocusOut(edit, commit)
        return edit

    def _path_editor(self, spec: FieldSpec, body: dict[str, Any]) -> QLineEdit:
        edit = self._text_editor(spec.key, body)
        edit.setPlaceholderText("(not set) e.g. $.record.id")
        preview = QLabel("")
        preview.setWordWrap(True)
        set_tone(preview, "hint")
        preview.setObjectName(f"preview{spec.key}")
        self._below[spec.key] = preview

        def show(text: str) -> None:
            """Preview the path (or say where ResultPath puts the result)."""
            preview.setText(
                _result_words(text) if spec.key == "ResultPath" else self._preview(text)
            )
            preview.setVisible(bool(preview.text()))

        edit.textChanged.connect(show)
        show(edit.text())
        return edit

    def _preview(self, path: str) -> str:
        if not path.strip() or self._sample is None:
            return ""
        from aslstudio.engine.paths import compile_path

        try:
            value = compile_path(path.strip()).find(self._sample, None, None)
        except Exception as exc:  # noqa: BLE001 - any failure is shown, never raised
            why = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            return f"Not in the machine's sample input ({why}); later states may see other data."
        shown = json.dumps(value, ensure_ascii=False)
        return f"In the sample input: {shown[:160]}{'…' if len(shown) > 160 else ''}"

    def _next_editor(self, spec: FieldSpec, body: dict[str, Any]) -> QComboBox:
        combo = QComboBox()
        first = NO_DEFAULT if spec.editor == "default" else END
        combo.addItem(first, None)
        for name in self._scope_names():
            combo.addItem(name, name)
        current = body.get(spec.key)
        index = combo.findData(current) if isinstance(current, str) else 0
        if isinstance(current, str) and index < 0:
            combo.addItem(f"{current} (missing)", current)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))
        combo.activated.connect(lambda _i: self._set_target(spec.key, combo.currentData()))
        return combo

    def _language_combo(self, body: dict[str, Any]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("fieldQueryLanguage")
        for text in LANGUAGES:
            combo.addItem(text)
        current = body.get("QueryLanguage")
        combo.setCurrentIndex(LANGUAGES.index(current) if current in LANGUAGES[1:] else 0)
        combo.activated.connect(lambda i: self._set("QueryLanguage", LANGUAGES[i] if i else DELETE))
        return combo

    def _scope_names(self) -> list[str]:
        if self.pointer is None:
            return []
        scope, own = split_state(self.pointer)
        holder = self.qdoc.document.get(scope)
        states = holder.get("States") if isinstance(holder, dict) else None
        return [n for n in states if n != own] if isinstance(states, dict) else []

    # ----- edits ----------------------------------------------------------------------------
    def _push(self, command: Any) -> bool:
        self._pushing = True
        try:
            ok = self.qdoc.push(command)
        finally:
            self._pushing = False
        self._shown = copy.deepcopy(self.qdoc.state_body(self.pointer) if self.pointer else None)
        return ok

    def _set(self, key: str, value: Any) -> bool:
        if self.pointer is None:
            return False
        body = self.qdoc.state_body(self.pointer) or {}
        if (value is DELETE and key not in body) or body.get(key, DELETE) == value:
            return False
        ok = self._push(SetField(jp.join(self.pointer, key), value))
        if key == "QueryLanguage":
            self._rebuild_timer.start()  # the other language's fields appear
        return ok

    def _set_target(self, key: str, target: Any) -> None:
        if self.pointer is None:
            return
        if key == "Default":
            self._set("Default", target if isinstance(target, str) else DELETE)
            return
        if isinstance(target, str):
            self._push(Connect(self.pointer, target, "next"))
            return
        self.qdoc.begin_macro("End the machine here")
        self._push(SetField(jp.join(self.pointer, "Next"), DELETE))
        self._push(SetField(jp.join(self.pointer, "End"), True))
        self.qdoc.end_macro()
        self._rebuild_timer.start()

    def _rename(self, new_name: str) -> None:
        if self.pointer is None or new_name == split_state(self.pointer)[1]:
            return
        scope = split_state(self.pointer)[0]
        if self.qdoc.push(RenameState(self.pointer, new_name)):
            self.rename_done.emit(jp.join(scope, "States", new_name))
        else:
            self._local_message("(name)", "That name cannot be used; see the status bar.")

    # ----- messages -------------------------------------------------------------------------
    def _local_message(self, key: str, text: str) -> None:
        label = self.messages.get(key)
        if label is not None:
            label.setText(text)
            label.setVisible(bool(text))

    def _show_messages(self) -> None:
        if self.pointer is None:
            return
        found: dict[str, list[str]] = {}
        own = self.pointer + "/"
        for diag in self.diagnostics:
            if diag.pointer != self.pointer and not diag.pointer.startswith(own):
                continue
            rest = diag.pointer[len(own) :].split("/")[0] if diag.pointer.startswith(own) else ""
            if rest in ("States", "Branches", "ItemProcessor", "Iterator"):
                continue  # about a nested state, shown when that one is selected
            key = rest if rest in self.messages else ""
            hint = f" {diag.hint}" if diag.hint else ""
            found.setdefault(key, []).append(f"{diag.severity}: {diag.message}{hint}")
        for key, label in self.messages.items():
            lines = found.get(key, [])
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))
