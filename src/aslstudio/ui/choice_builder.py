"""The Choice rule builder for people who own the rules but not the JSON.

Each rule is a card: rows ``⟨field⟩ ⟨operator in words⟩ ⟨value or other field⟩`` inside AND / OR /
NOT groups, then ``→ ⟨next state⟩``, with the rule as a plain sentence. Every change is one
undoable SetChoiceRule (or Add/Remove/Move rule, Default) command; the JSON written is plain ASL.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
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
from aslstudio.asl.editing import DocumentEvent
from aslstudio.asl.edittree import split_state
from aslstudio.asl.templates import choice_rule
from aslstudio.ui.choice_ops import (
    RULE_EXTRAS,
    choice_sentence,
    rule_sentence,
    sample_for,
)
from aslstudio.ui.qt_document import QtDocument
from aslstudio.ui.resources import set_tone
from aslstudio.ui.rule_rows import Fields, RawRuleEdit, condition_widget, tool_button
from aslstudio.validate import Diagnostic


def _problem_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("ruleProblems")
    label.setWordWrap(True)
    set_tone(label, "problem")
    label.hide()
    return label


def _show(label: QLabel, lines: list[str]) -> None:
    label.setText("\n".join(lines))
    label.setVisible(bool(lines))


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
            button = tool_button(text)
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
        set_tone(self.sentence, "sentence")
        layout.addWidget(self.sentence)
        self.problems = _problem_label()
        layout.addWidget(self.problems)

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
        self.diagnostics: list[Diagnostic] = []
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
        set_tone(self.summary, "sentence")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.summary)
        self.state_problems = _problem_label()
        outer.addWidget(self.state_problems)
        self.rules_area = QScrollArea()
        self.rules_area.setWidgetResizable(True)
        self.rules_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
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
        self._show_problems()

    def reveal_rule(self, index: int) -> None:
        """Scroll to rule ``index`` (e.g. from a click in the problems panel)."""
        if 0 <= index < len(self.cards):
            self.rules_area.ensureWidgetVisible(self.cards[index])

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Show the validator's messages under the rules they are about."""
        self.diagnostics = list(diagnostics)
        self._show_problems()

    def _show_problems(self) -> None:
        """Each rule's problems under its card; the Choice's own (e.g. Default) at the top."""
        per_rule: dict[int, list[str]] = {}
        own: list[str] = []
        pointer = self.pointer
        if pointer is not None:
            base = f"{pointer}/Choices/"
            for diag in self.diagnostics:
                text = f"{diag.message} {diag.hint}".strip()
                token = diag.pointer[len(base) :].split("/")[0]
                if diag.pointer.startswith(base) and token.isdigit():
                    per_rule.setdefault(int(token), []).append(text)
                elif diag.pointer == pointer or diag.pointer.startswith(pointer + "/"):
                    own.append(text)
        for position, card in enumerate(self.cards):
            _show(card.problems, per_rule.get(position, []))
        _show(self.state_problems, own)

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
        ok = self._push(SetChoiceRule(self.pointer, index, rule))
        raw = 0 <= index < len(self.cards) and isinstance(self.cards[index].condition, RawRuleEdit)
        if ok and raw:
            self._rebuild_timer.start()  # a fixed rule may now be shown as rows
        return ok

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
