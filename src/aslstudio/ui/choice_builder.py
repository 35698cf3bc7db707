"""The Choice rule builder for people who own the rules but not the JSON.

Each rule is a card: rows ``⟨field⟩ ⟨operator in words⟩ ⟨value or other field⟩`` inside AND / OR /
NOT groups, then ``→ ⟨next state⟩``, with the rule as a plain sentence. Every change is one
undoable SetChoiceRule (or Add/Remove/Move rule, Default) command; the JSON written is plain ASL.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aslstudio.asl.commands import (
    DELETE,
    AddChoiceRule,
    MoveChoiceRule,
    RemoveChoiceRule,
    SetChoiceRule,
    SetField,
)
from aslstudio.asl.describe import field_name
from aslstudio.asl.editing import DocumentEvent
from aslstudio.asl.edittree import split_state
from aslstudio.asl.templates import choice_rule
from aslstudio.engine.jsonata import check_syntax
from aslstudio.ui.choice_ops import (
    BY_ID,
    COMBINATOR_WORDS,
    COMBINATORS,
    KIND_TITLES,
    Kind,
    Leaf,
    Operator,
    as_path,
    choice_sentence,
    is_leaf,
    kind_of_value,
    machine_fields,
    operators_for,
    parse_value,
    read_leaf,
    rule_sentence,
    sample_fields,
    sample_for,
    value_text,
)
from aslstudio.ui.qt_document import QtDocument

RULE_EXTRAS = ("Comment", "Assign", "Output")  # rule fields besides its condition and Next
ERROR_STYLE = "QLabel { color: #b71c1c; }"
SENTENCE_STYLE = "QLabel { color: #1f2937; background: #eef4fb; padding: 6px; border-radius: 4px; }"
Changed = Callable[[], None]


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


def _tool(text: str) -> QToolButton:
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
    combo.setMinimumContentsLength(14)
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
        self.operator = QComboBox()
        self.operator.setMinimumContentsLength(12)
        self.operator.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.operator.setObjectName("ruleOperator")
        self.operator.setToolTip("How to compare it; the list starts with what suits the field")
        self.mode = QComboBox()
        self.mode.addItem("the value", False)
        self.mode.addItem("the field", True)
        self.mode.setToolTip("Compare with a value you type, or with another field of the data")
        self.value = QLineEdit(value_text(leaf.value) if not leaf.other_field else "")
        self.value.setObjectName("ruleValue")
        self.value.setMinimumWidth(90)
        self.value.setToolTip("The value to compare with")
        self.bool_value = QComboBox()
        self.bool_value.addItems(["true", "false"])
        self.bool_value.setCurrentIndex(0 if leaf.value is not False else 1)
        other = leaf.value if leaf.other_field and isinstance(leaf.value, str) else "$"
        self.other = _field_combo(fields, other, "The other field to compare with")
        self.message = QLabel("")
        self.message.setStyleSheet(ERROR_STYLE)
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
        add_row = _tool("+ condition")
        add_row.setToolTip("Add a comparison to this group")
        add_row.clicked.connect(lambda: self.add_child(choice_rule("")))
        add_group = _tool("+ group")
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
        remove = _tool("✕")
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
        self.message.setStyleSheet(ERROR_STYLE)
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
        leaf = Leaf("$", BY_ID["IsPresent=true"])
    return LeafRow(leaf, fields, changed)


class RuleCard(QFrame):
    """One rule: its condition, where it goes, its sentence, and move / remove buttons."""

    def __init__(
        self, editor: ChoiceRuleEditor, index: int, rule: dict[str, Any], targets: list[str]
    ):
        super().__init__()
        self.setObjectName(f"ruleCard{index + 1}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.editor, self.index, self.rule = editor, index, rule
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        title = QLabel(f"<b>Rule {index + 1}</b>")
        top.addWidget(title)
        top.addStretch(1)
        for text, tip, slot in (
            ("▲", "Try this rule earlier", lambda: editor.move_rule(index, index - 1)),
            ("▼", "Try this rule later", lambda: editor.move_rule(index, index + 1)),
            ("✕", "Delete this rule", lambda: editor.remove_rule(index)),
        ):
            button = _tool(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            top.addWidget(button)
        layout.addLayout(top)
        self.condition = condition_widget(rule, editor.fields, self.commit)
        layout.addWidget(self.condition)
        goto = QHBoxLayout()
        goto.addWidget(QLabel("→ then go to"))
        self.next_combo = QComboBox()
        self.next_combo.setObjectName("ruleNext")
        self.next_combo.setToolTip("The state to go to when this rule is true")
        self.next_combo.addItems(targets)
        current = rule.get("Next") if isinstance(rule.get("Next"), str) else ""
        if current not in targets:
            self.next_combo.addItem(str(current))
        self.next_combo.setCurrentText(str(current))
        self.next_combo.activated.connect(lambda _i: self.commit())
        goto.addWidget(self.next_combo, 1)
        layout.addLayout(goto)
        self.sentence = QLabel(rule_sentence(rule))
        self.sentence.setObjectName("ruleSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet(SENTENCE_STYLE)
        layout.addWidget(self.sentence)

    def to_json(self) -> dict[str, Any] | None:
        """The whole rule: condition, Next, and the rule's other fields kept as they were."""
        condition = self.condition.to_json()
        if condition is None:
            return None
        extras = {k: v for k, v in self.rule.items() if k in RULE_EXTRAS}
        return {**condition, "Next": self.next_combo.currentText(), **extras}

    def commit(self) -> None:
        """Write this rule to the document when it changed (one undo step)."""
        rule = self.to_json()
        if rule is None:
            return
        self.sentence.setText(rule_sentence(rule))
        if rule != self.rule:
            self.rule = rule
            self.editor.set_rule(self.index, rule)


class ChoiceRuleEditor(QWidget):
    """The rule builder of the selected Choice state (``choiceRuleEditor``)."""

    def __init__(self, qdoc: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceRuleEditor")
        self.qdoc = qdoc
        self.pointer: str | None = None
        self.fields = Fields()
        self.cards: list[RuleCard] = []
        self._shown: dict[str, Any] | None = None
        self._pushing = False
        outer = QVBoxLayout(self)
        self.title = QLabel("Select a Choice state to see and change its rules.")
        self.title.setObjectName("ruleTitle")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.summary = QLabel("")
        self.summary.setObjectName("choiceSentence")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(SENTENCE_STYLE)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.summary)
        self.rules_area = QScrollArea()
        self.rules_area.setWidgetResizable(True)
        self.rules_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.rules_area, 1)
        bottom = QHBoxLayout()
        self.add_button = QPushButton("Add rule")
        self.add_button.setObjectName("addRuleButton")
        self.add_button.setToolTip("Add a rule, tried after the ones above")
        self.add_button.clicked.connect(self.add_rule)
        bottom.addWidget(self.add_button)
        bottom.addWidget(QLabel("Otherwise go to"))
        self.default_combo = QComboBox()
        self.default_combo.setObjectName("defaultTarget")
        self.default_combo.setToolTip("Where to go when no rule is true")
        self.default_combo.activated.connect(self._default_changed)
        bottom.addWidget(self.default_combo, 1)
        outer.addLayout(bottom)
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        qdoc.changed.connect(self._on_changed)
        qdoc.reset.connect(self._on_reset)
        self._on_reset()

    # ----- following the document -----------------------------------------------------------
    def _on_reset(self) -> None:
        self.fields.load(sample_for(self.qdoc.path), self.qdoc.data)
        self.show_state(None)

    def _on_changed(self, event: DocumentEvent) -> None:
        if self._pushing or self.pointer is None:
            return
        body = self.qdoc.state_body(self.pointer)
        if body != self._shown or event.kind in ("rename", "structure", "text"):
            self._rebuild_timer.start()

    def show_state(self, pointer: str | None) -> None:
        """Show the rules of the Choice at ``pointer`` (anything else: a hint)."""
        self.pointer = pointer
        self.rebuild()

    def rebuild(self) -> None:
        """Build the cards again from the document."""
        body = self.qdoc.state_body(self.pointer) if self.pointer else None
        self._shown = copy.deepcopy(body)
        is_choice = body is not None and body.get("Type") == "Choice"
        for widget in (self.summary, self.add_button, self.default_combo, self.rules_area):
            widget.setEnabled(is_choice)
        container = QWidget()
        column = QVBoxLayout(container)
        self.cards = []
        if body is None or not is_choice or self.pointer is None:
            self.title.setText("Select a Choice state to see and change its rules.")
            self.summary.setText("")
            self.default_combo.clear()
        else:
            name = split_state(self.pointer)[1]
            comment = body.get("Comment")
            extra = f"<br><i>{comment}</i>" if isinstance(comment, str) else ""
            self.title.setText(
                f"<b>{name}</b>: rules are tried from the top; the first true one wins.{extra}"
            )
            self.summary.setText(choice_sentence(body))
            targets = self._targets()
            found = body.get("Choices")
            rules: list[Any] = found if isinstance(found, list) else []
            for index, rule in enumerate(rules):
                card = RuleCard(self, index, rule if isinstance(rule, dict) else {}, targets)
                self.cards.append(card)
                column.addWidget(card)
            self._fill_default(targets, body.get("Default"))
        column.addStretch(1)
        self.rules_area.setWidget(container)

    def _targets(self) -> list[str]:
        if self.pointer is None:
            return []
        scope = split_state(self.pointer)[0]
        holder = self.qdoc.document.get(scope)
        states = holder.get("States") if isinstance(holder, dict) else None
        own = split_state(self.pointer)[1]
        return [n for n in states if n != own] if isinstance(states, dict) else []

    def _fill_default(self, targets: list[str], current: Any) -> None:
        self.default_combo.clear()
        self.default_combo.addItem("(none: the run fails when no rule is true)", None)
        for name in targets:
            self.default_combo.addItem(name, name)
        index = self.default_combo.findData(current) if isinstance(current, str) else 0
        self.default_combo.setCurrentIndex(max(index, 0))

    # ----- edits ----------------------------------------------------------------------------
    def _push(self, command: Any) -> bool:
        self._pushing = True
        try:
            ok = self.qdoc.push(command)
        finally:
            self._pushing = False
        body = self.qdoc.state_body(self.pointer) if self.pointer else None
        self._shown = copy.deepcopy(body)
        if body is not None:
            self.summary.setText(choice_sentence(body))
        return ok

    def set_rule(self, index: int, rule: dict[str, Any]) -> bool:
        """Replace rule ``index`` (one undo step)."""
        if self.pointer is None:
            return False
        return self._push(SetChoiceRule(self.pointer, index, rule))

    def add_rule(self) -> bool:
        """Add a starter rule in the machine's query language."""
        body = self.qdoc.state_body(self.pointer) if self.pointer else None
        if body is None or self.pointer is None:
            return False
        language = body.get("QueryLanguage", self.qdoc.data.get("QueryLanguage", "JSONPath"))
        target = next(iter(self._targets()), "")
        rule = choice_rule(target, language == "JSONata")
        if language != "JSONata":
            rule = {
                "Variable": self.fields.paths[0] if self.fields.paths else "$.field",
                "IsPresent": True,
                "Next": target,
            }
        return self.qdoc.push(AddChoiceRule(self.pointer, rule))

    def remove_rule(self, index: int) -> bool:
        """Delete rule ``index``."""
        return self.pointer is not None and self.qdoc.push(RemoveChoiceRule(self.pointer, index))

    def move_rule(self, index: int, to: int) -> bool:
        """Move rule ``index`` to position ``to`` (rules are tried in order)."""
        if self.pointer is None or not 0 <= to < len(self.cards):
            return False
        return self.qdoc.push(MoveChoiceRule(self.pointer, index, to))

    def _default_changed(self, *_args: object) -> None:
        if self.pointer is None:
            return
        target = self.default_combo.currentData()
        field = self.pointer + "/Default"
        self.qdoc.push(SetField(field, target if isinstance(target, str) else DELETE))
