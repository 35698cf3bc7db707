"""The condition widgets of the rule builder: a comparison row, an AND / OR / NOT group, a JSONata
condition, and raw JSON for conditions the rows cannot show. Each gives back ASL via ``to_json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aslstudio.asl.describe import field_name
from aslstudio.asl.templates import choice_rule
from aslstudio.engine.jsonata import check_syntax
from aslstudio.ui.choice_ops import (
    BY_ID,
    COMBINATOR_WORDS,
    COMBINATORS,
    KIND_TITLES,
    RULE_EXTRAS,
    Kind,
    Leaf,
    Operator,
    as_path,
    is_leaf,
    kind_of_value,
    machine_fields,
    operators_for,
    parse_value,
    read_leaf,
    sample_fields,
    value_text,
)
from aslstudio.ui.resources import set_tone

Changed = Callable[[], None]
# Narrowest a condition row's parts get (longer names are elided, the full text is the tooltip),
# so a row of field, operator, "the value" and value fits a side panel of about 500 px.
FIELD_CHARS = 9
OPERATOR_CHARS = 9
VALUE_MIN_WIDTH = 64


class Fields:
    """Field paths to offer (sample input first, then those the machine uses) and their examples."""

    def __init__(self) -> None:
        self.examples: dict[str, Any] = {}
        self.paths: list[str] = []

    def load(self, sample: Any, definition: dict[str, Any]) -> None:
        """Collect paths from the sample input and from the machine's rules."""
        self.examples = sample_fields(sample)
        used = machine_fields(definition)
        self.paths = list(self.examples) + sorted(used - set(self.examples))

    def kind(self, path: str, fallback: Kind) -> Kind:
        """The type of data at ``path`` in the sample, else ``fallback``."""
        if path in self.examples:
            found = kind_of_value(self.examples[path])
            return found if found != "any" else fallback
        return fallback


def tool_button(text: str) -> QToolButton:
    """A small text button (▲, ▼, ✕, + condition…)."""
    button = QToolButton()
    button.setText(text)
    return button


def _on_edited(combo: QComboBox, slot: Callable[[], None]) -> None:
    edit = combo.lineEdit()
    if edit is not None:
        edit.editingFinished.connect(slot)


def _field_combo(fields: Fields, current: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumContentsLength(FIELD_CHARS)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    for path in fields.paths:
        combo.addItem(field_name(path), path)
        if path in fields.examples:
            example = value_text(fields.examples[path])[:60]
            combo.setItemData(
                combo.count() - 1, f"{path}\nexample: {example}", Qt.ItemDataRole.ToolTipRole
            )
    index = combo.findData(current)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.setEditText(field_name(current) if current != "$" else "$")
    combo.setToolTip(f"{tip}\n{current}" if current not in ("", "$") else tip)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    edit = combo.lineEdit()
    if edit is not None:
        edit.setCursorPosition(0)
    return combo


def _combo_path(combo: QComboBox) -> str:
    text = combo.currentText()
    index = combo.findText(text)
    if index >= 0 and combo.itemData(index):
        return str(combo.itemData(index))
    return as_path(text)


def _operator_combo() -> QComboBox:
    combo = QComboBox()
    combo.setMinimumContentsLength(OPERATOR_CHARS)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setObjectName("ruleOperator")
    combo.setToolTip("How to compare it; the list starts with what suits the field")
    return combo


class LeafRow(QWidget):
    """One comparison: field, operator in words, then a value or another field."""

    def __init__(self, leaf: Leaf, fields: Fields, changed: Changed) -> None:
        super().__init__()
        self.setObjectName("ruleRow")
        self.fields, self.changed = fields, changed
        self.error = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = _field_combo(
            fields, leaf.variable, "The data to look at (from the sample input)"
        )
        self.operator = _operator_combo()
        self.mode = QComboBox()
        self.mode.addItem("the value", False)
        self.mode.addItem("the field", True)
        self.mode.setToolTip("Compare with a value you type, or with another field of the data")
        self.value = QLineEdit(value_text(leaf.value) if not leaf.other_field else "")
        self.value.setObjectName("ruleValue")
        self.value.setMinimumWidth(VALUE_MIN_WIDTH)
        self.value.setToolTip("The value to compare with")
        self.bool_value = QComboBox()
        self.bool_value.addItems(["true", "false"])
        self.bool_value.setCurrentIndex(0 if leaf.value is not False else 1)
        other = leaf.value if leaf.other_field and isinstance(leaf.value, str) else "$"
        self.other = _field_combo(fields, other, "The other field to compare with")
        self.message = QLabel("")
        set_tone(self.message, "problem")
        self.message.hide()
        for widget, stretch in (
            (self.field, 3),
            (self.operator, 2),
            (self.mode, 0),
            (self.value, 2),
            (self.bool_value, 1),
            (self.other, 3),
            (self.message, 2),
        ):
            layout.addWidget(widget, stretch)
        self.mode.setCurrentIndex(1 if leaf.other_field else 0)
        self._fill_operators(leaf.operator)
        self._update_visibility()
        self._connect()

    def _connect(self) -> None:
        """Every user gesture on the row ends in one commit."""
        self.field.activated.connect(self._field_changed)
        _on_edited(self.field, self._field_changed)
        self.operator.activated.connect(self._operator_changed)
        self.mode.activated.connect(self._mode_changed)
        self.value.editingFinished.connect(self._emit)
        self.bool_value.activated.connect(lambda _i: self._emit())
        self.other.activated.connect(lambda _i: self._emit())
        _on_edited(self.other, self._emit)

    def _fill_operators(self, current: Operator) -> None:
        kind = self.fields.kind(_combo_path(self.field), current.kind)
        self.operator.clear()
        model = self.operator.model()
        last: Kind | None = None
        for op in operators_for(kind):
            if op.kind != last:
                self.operator.addItem(f"— {KIND_TITLES[op.kind]} —")
                if isinstance(model, QStandardItemModel):
                    header = model.item(self.operator.count() - 1)
                    header.setEnabled(False)
                last = op.kind
            self.operator.addItem(op.words, op.id)
        self.operator.setCurrentIndex(max(self.operator.findData(current.id), 0))

    def current_operator(self) -> Operator:
        """The operator chosen in the list."""
        return BY_ID[str(self.operator.currentData())]

    def _update_visibility(self) -> None:
        op = self.current_operator()
        other = bool(self.mode.currentData()) and op.has_path
        self.mode.setVisible(op.takes_value and op.has_path)
        self.value.setVisible(op.takes_value and not other and op.kind != "boolean")
        self.bool_value.setVisible(op.takes_value and not other and op.kind == "boolean")
        self.other.setVisible(op.takes_value and other)
        placeholder = {"number": "e.g. 12.5", "timestamp": "2024-06-30T12:00:00Z"}
        self.value.setPlaceholderText(placeholder.get(op.kind, "text"))

    def _field_changed(self, *_args: object) -> None:
        self._fill_operators(self.current_operator())
        self._update_visibility()
        self._emit()

    def _operator_changed(self, *_args: object) -> None:
        self._update_visibility()
        self._emit()

    def _mode_changed(self, *_args: object) -> None:
        self._update_visibility()
        self._emit()

    def _emit(self) -> None:
        self.changed()

    def to_json(self) -> dict[str, Any] | None:
        """The ASL leaf rule, or None (and a message beside the row) when the value is wrong."""
        op = self.current_operator()
        other = bool(self.mode.currentData()) and op.has_path
        value: Any = None
        self.error = ""
        if op.takes_value and other:
            value = _combo_path(self.other)
        elif op.takes_value:
            text = self.bool_value.currentText() if op.kind == "boolean" else self.value.text()
            value, self.error = parse_value(op.kind, text)
        self.message.setText(self.error)
        self.message.setVisible(bool(self.error))
        if self.error:
            return None
        return Leaf(_combo_path(self.field), op, value, other).to_json()


class GroupBox(QFrame):
    """An AND / OR / NOT group of rows and groups."""

    def __init__(self, rule: dict[str, Any], fields: Fields, changed: Changed, depth: int) -> None:
        super().__init__()
        self.setObjectName("ruleGroup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.fields, self.changed, self.level = fields, changed, depth
        key = next(k for k in COMBINATORS if k in rule)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        top = QHBoxLayout()
        self.combinator = QComboBox()
        self.combinator.setObjectName("ruleCombinator")
        for name in COMBINATORS:
            self.combinator.addItem(COMBINATOR_WORDS[name], name)
        self.combinator.setCurrentIndex(COMBINATORS.index(key))
        self.combinator.activated.connect(self._combinator_changed)
        add_row = tool_button("+ condition")
        add_row.setToolTip("Add a comparison to this group")
        add_row.clicked.connect(lambda: self.add_child(choice_rule("")))
        add_group = tool_button("+ group")
        add_group.setToolTip("Add a nested AND / OR group")
        add_group.clicked.connect(lambda: self.add_child({"Or": [choice_rule("")]}))
        for widget in (self.combinator, add_row, add_group):
            top.addWidget(widget)
        top.addStretch(1)
        layout.addLayout(top)
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        self.children_: list[QWidget] = []
        items = rule[key] if key != "Not" else [rule[key]]
        for item in items if isinstance(items, list) else []:
            self._append(item)

    def _append(self, item: Any) -> None:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        child = condition_widget(item, self.fields, self.changed, self.level + 1)
        remove = tool_button("✕")
        remove.setToolTip("Remove this condition")
        remove.clicked.connect(lambda: self._remove(holder))
        row.addWidget(child, 1)
        row.addWidget(remove)
        holder.setProperty("condition", child)
        self.children_.append(holder)
        self.body.addWidget(holder)

    def add_child(self, item: dict[str, Any]) -> None:
        """Add a condition (a NOT group keeps one: it becomes an AND group first)."""
        if self.combinator.currentData() == "Not":
            self.combinator.setCurrentIndex(COMBINATORS.index("And"))
        self._append(item)
        self.changed()

    def _remove(self, holder: QWidget) -> None:
        if len(self.children_) <= 1:
            return
        self.children_.remove(holder)
        holder.deleteLater()
        self.changed()

    def _combinator_changed(self, *_args: object) -> None:
        if self.combinator.currentData() == "Not" and len(self.children_) > 1:
            self.combinator.setCurrentIndex(COMBINATORS.index("And"))
        self.changed()

    def conditions(self) -> list[Any]:
        """The child condition widgets in order."""
        return [holder.property("condition") for holder in self.children_]

    def to_json(self) -> dict[str, Any] | None:
        """The ASL And / Or / Not rule (None while a row has a wrong value)."""
        parts = [child.to_json() for child in self.conditions()]
        if any(part is None for part in parts):
            return None
        key = str(self.combinator.currentData())
        return {key: parts[0]} if key == "Not" else {key: parts}


class ConditionEdit(QWidget):
    """A JSONata condition (``{% … %}``) with a syntax check as you type."""

    def __init__(self, condition: str, changed: Changed) -> None:
        super().__init__()
        self.changed = changed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        inner = condition.strip()
        if inner.startswith("{%") and inner.endswith("%}"):
            inner = inner[2:-2].strip()
        self.edit = QLineEdit(inner)
        self.edit.setObjectName("ruleCondition")
        self.edit.setToolTip(
            "A JSONata expression that is true or false, e.g. $states.input.age >= 18"
        )
        self.message = QLabel("")
        set_tone(self.message, "problem")
        self.message.setWordWrap(True)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.edit.textChanged.connect(self._check)
        self.edit.editingFinished.connect(self.changed)
        self._check()

    def _check(self) -> None:
        problem = (
            check_syntax(self.edit.text()) if self.edit.text().strip() else "write a condition"
        )
        self.message.setText(f"Syntax: {problem}" if problem else "")
        self.message.setVisible(bool(problem))

    def to_json(self) -> dict[str, Any] | None:
        """``{"Condition": "{% … %}"}``, or None while the expression does not parse."""
        text = self.edit.text().strip()
        if not text or check_syntax(text):
            return None
        return {"Condition": "{% " + text + " %}"}


def condition_widget(rule: Any, fields: Fields, changed: Changed, depth: int = 0) -> Any:
    """The widget for one condition: a row, a group, a JSONata condition, or raw JSON."""
    if isinstance(rule, dict) and isinstance(rule.get("Condition"), str):
        return ConditionEdit(rule["Condition"], changed)
    if isinstance(rule, dict) and any(k in rule for k in COMBINATORS):
        return GroupBox(rule, fields, changed, depth)
    leaf = read_leaf(rule) if isinstance(rule, dict) and is_leaf(rule) else None
    if leaf is None:
        return RawRuleEdit(rule, changed, top=depth == 0)
    return LeafRow(leaf, fields, changed)


class _LeaveFilter(QObject):
    """Calls back when the watched editor loses the focus."""

    def __init__(self, widget: QWidget, callback: Changed) -> None:
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Commit on focus-out."""
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return super().eventFilter(watched, event)


class RawRuleEdit(QWidget):
    """A condition the rows cannot show (missing or doubled operator…), edited as JSON."""

    def __init__(self, rule: Any, changed: Changed, top: bool) -> None:
        super().__init__()
        self.setObjectName("ruleRaw")
        self.changed = changed
        shown = rule
        if top and isinstance(rule, dict):
            shown = {k: v for k, v in rule.items() if k != "Next" and k not in RULE_EXTRAS}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        note = QLabel(
            "This condition cannot be shown as rows (see Problems for what is wrong). "
            'Fix its JSON here, e.g. give it one operator such as "IsPresent": true.'
        )
        note.setWordWrap(True)
        self.edit = QPlainTextEdit(json.dumps(shown, indent=2, ensure_ascii=False))
        self.edit.setFixedHeight(110)
        self.message = QLabel("")
        set_tone(self.message, "problem")
        self.message.hide()
        for widget in (note, self.edit, self.message):
            layout.addWidget(widget)
        _LeaveFilter(self.edit, self.changed)

    def to_json(self) -> Any:
        """The condition as typed, or None (with a message) when it is not a JSON object."""
        try:
            value = json.loads(self.edit.toPlainText())
        except ValueError as exc:
            self.message.setText(f"Not valid JSON: {exc}")
            self.message.show()
            return None
        if not isinstance(value, dict):
            self.message.setText('A condition is a JSON object, e.g. {"Variable": "$.x", …}')
            self.message.show()
            return None
        self.message.hide()
        return value
