"""The Choice rule builder: the analyst scenario on the 94-state example, groups, order, JSONata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox

from aslstudio.asl.editing import EditableDocument
from aslstudio.asl.scopes import iter_states
from aslstudio.ui.rule_rows import ConditionEdit, GroupBox, LeafRow, RawRuleEdit
from aslstudio.validate import validate_path

SUGARS = "Sugars Above High Threshold?"
SERVINGS = "Servings Per Pack Valid?"


def _pointer(data: Any, name: str) -> str:
    return next(ref.pointer for ref in iter_states(data) if ref.name == name)


def _choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _rule_at(path: Path, name: str, index: int = 0) -> Any:
    data = EditableDocument.from_file(path).data
    pointer = _pointer(data, name)
    body = EditableDocument.from_file(path).get(pointer)
    return body["Choices"][index]


def test_analyst_changes_a_rule_saves_reopens_and_validates(designer, nutrition, qtbot, settings):
    assert designer.open_file(nutrition)
    designer.select_state(_pointer(designer.qdoc.data, SUGARS))
    editor = designer.rule_editor
    assert len(editor.cards) == 1
    row = editor.cards[0].condition
    assert isinstance(row, LeafRow)
    assert row.current_operator().key == "NumericGreaterThan"
    assert row.mode.currentData() is True  # compares with another field today
    _choose(row.operator, "NumericGreaterThanEquals")
    _choose(row.mode, False)
    row.value.clear()
    qtbot.keyClicks(row.value, "22.5")
    qtbot.keyClick(row.value, Qt.Key.Key_Return)
    expected = {
        "Variable": "$.record.nutrients.sugarsGrams",
        "NumericGreaterThanEquals": 22.5,
        "Next": "Check High Sugar Warning",
    }
    body = designer.qdoc.state_body(editor.pointer)
    assert body is not None
    assert body["Choices"][0] == expected
    sentence = editor.cards[0].sentence.text()
    assert sentence == (
        "If record.nutrients.sugarsGrams is at least 22.5, go to «Check High Sugar Warning»."
    )
    assert "Otherwise, go to «Check Sugar Claims»." in editor.summary.text()
    designer.findChild(QAction, "actionSave").trigger()
    assert not designer.qdoc.dirty
    assert _rule_at(nutrition, SUGARS) == expected
    assert [d for d in validate_path(nutrition) if d.severity == "error"] == []
    text = nutrition.read_text(encoding="utf-8")
    assert '"NumericGreaterThanEquals": 22.5' in text
    designer.files.new()
    assert designer.open_file(nutrition)
    designer.select_state(_pointer(designer.qdoc.data, SUGARS))
    row = designer.rule_editor.cards[0].condition
    assert row.current_operator().words == "is at least"
    assert row.value.text() == "22.5"


def test_wrong_number_is_explained_and_not_written(designer, nutrition, qtbot):
    assert designer.open_file(nutrition)
    designer.select_state(_pointer(designer.qdoc.data, SUGARS))
    row = designer.rule_editor.cards[0].condition
    _choose(row.mode, False)
    steps = designer.qdoc.undo_stack.count()
    row.value.setText("lots")
    row.value.editingFinished.emit()
    assert "not a number" in row.message.text()
    assert designer.qdoc.undo_stack.count() == steps
    body = designer.qdoc.state_body(designer.rule_editor.pointer)
    assert body is not None
    assert "NumericGreaterThanPath" in body["Choices"][0]


def test_group_add_condition_reorder_default_and_undo(designer, nutrition, qtbot):
    assert designer.open_file(nutrition)
    pointer = _pointer(designer.qdoc.data, SERVINGS)
    designer.select_state(pointer)
    editor = designer.rule_editor
    group = editor.cards[0].condition
    assert isinstance(group, GroupBox)
    assert group.combinator.currentData() == "Not"
    group.add_child({"Variable": "$.record.serving.servingsPerPack", "IsNull": True})
    rule = designer.qdoc.document.get(pointer)["Choices"][0]
    assert next(iter(rule)) == "And"
    assert rule["And"][1] == {"Variable": "$.record.serving.servingsPerPack", "IsNull": True}
    qtbot.waitUntil(lambda: isinstance(editor.cards[0].condition, GroupBox))
    assert editor.move_rule(1, 0)
    rules = designer.qdoc.document.get(pointer)["Choices"]
    assert rules[0]["NumericGreaterThan"] == 0
    _choose(editor.default_combo, "Check Per Serving Values")
    assert designer.qdoc.document.get(pointer)["Default"] == "Check Per Serving Values"
    for _ in range(3):
        designer.qdoc.undo()
    original = EditableDocument.from_file(nutrition).get(pointer)
    assert designer.qdoc.document.get(pointer) == original
    qtbot.waitUntil(lambda: editor.cards[0].condition.combinator.currentData() == "Not")


def test_next_target_and_add_remove_rule(designer, nutrition, qtbot):
    assert designer.open_file(nutrition)
    pointer = _pointer(designer.qdoc.data, SUGARS)
    designer.select_state(pointer)
    editor = designer.rule_editor
    combo = editor.cards[0].next_combo
    combo.setCurrentText("Check Sugar Claims")
    combo.activated.emit(combo.currentIndex())
    assert designer.qdoc.document.get(pointer)["Choices"][0]["Next"] == "Check Sugar Claims"
    assert editor.add_rule()
    qtbot.waitUntil(lambda: len(editor.cards) == 2)
    added = designer.qdoc.document.get(pointer)["Choices"][1]
    assert added["IsPresent"] is True
    assert added["Variable"].startswith("$")
    assert editor.remove_rule(1)
    qtbot.waitUntil(lambda: len(editor.cards) == 1)


JSONATA = {
    "QueryLanguage": "JSONata",
    "StartAt": "Old enough?",
    "States": {
        "Old enough?": {
            "Type": "Choice",
            "Choices": [{"Condition": "{% $states.input.age >= 18 %}", "Next": "Yes"}],
            "Default": "No",
        },
        "Yes": {"Type": "Succeed"},
        "No": {"Type": "Fail", "Error": "TooYoung"},
    },
}


def test_jsonata_condition_mode_checks_syntax(designer, tmp_path, qtbot):
    path = tmp_path / "age.asl.json"
    path.write_text(json.dumps(JSONATA, indent=2), encoding="utf-8")
    assert designer.open_file(path)
    designer.select_state("/States/Old enough?")
    edit = designer.rule_editor.cards[0].condition
    assert isinstance(edit, ConditionEdit)
    assert edit.edit.text() == "$states.input.age >= 18"
    edit.edit.setText("$states.input.age >= ")
    assert "Syntax" in edit.message.text()
    edit.edit.editingFinished.emit()
    assert not designer.qdoc.dirty
    edit.edit.setText("$states.input.age >= 21")
    assert edit.message.text() == ""
    edit.edit.editingFinished.emit()
    rule = designer.qdoc.document.get("/States/Old enough?")["Choices"][0]
    assert rule == {"Condition": "{% $states.input.age >= 21 %}", "Next": "Yes"}
    assert designer.rule_editor.add_rule()
    rules = designer.qdoc.document.get("/States/Old enough?")["Choices"]
    assert "Condition" in rules[1]


def test_not_a_choice_shows_a_hint(designer, hello):
    assert designer.open_file(hello)
    designer.select_state("/States/Say Hello")
    assert designer.rule_editor.cards == []
    assert "Select a Choice state" in designer.rule_editor.title.text()
    assert not designer.rule_editor.add_button.isEnabled()


@pytest.mark.parametrize("name", [SUGARS, SERVINGS, "Date Mark Present?", "Is Record Complete?"])
def test_every_example_rule_round_trips_through_the_builder(designer, nutrition, name):
    assert designer.open_file(nutrition)
    pointer = _pointer(designer.qdoc.data, name)
    designer.select_state(pointer)
    rules = designer.qdoc.document.get(pointer)["Choices"]
    assert [card.to_json() for card in designer.rule_editor.cards] == rules


BROKEN = Path(__file__).resolve().parents[2] / "fixtures" / "broken"


@pytest.mark.parametrize(
    "name",
    [
        "R302-rule-without-operator.asl.json",
        "R303-rule-with-two-operators.asl.json",
        "R306-comparison-without-variable.asl.json",
    ],
)
def test_rules_the_rows_cannot_show_are_kept_as_json(designer, tmp_path, name):
    path = tmp_path / name
    path.write_text((BROKEN / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert designer.open_file(path)
    pointer = next(ref.pointer for ref in iter_states(designer.qdoc.data) if ref.type == "Choice")
    designer.select_state(pointer)
    rules = designer.qdoc.document.get(pointer)["Choices"]
    assert [card.to_json() for card in designer.rule_editor.cards] == rules
    assert any(
        isinstance(w, RawRuleEdit)
        for card in designer.rule_editor.cards
        for w in [card.condition, *card.condition.findChildren(RawRuleEdit)]
    )


def test_validator_messages_show_under_the_rule(designer, tmp_path):
    name = "R302-rule-without-operator.asl.json"
    path = tmp_path / name
    path.write_text((BROKEN / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert designer.open_file(path)
    designer.select_state("/States/Route")
    designer.validator.validate_now()
    problems = designer.rule_editor.cards[0].problems
    assert not problems.isHidden()
    assert problems.text()
    assert designer.rule_editor.state_problems.isHidden()


def test_fixing_a_raw_rule_turns_it_into_rows(designer, tmp_path, qtbot):
    name = "R302-rule-without-operator.asl.json"
    path = tmp_path / name
    path.write_text((BROKEN / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert designer.open_file(path)
    designer.select_state("/States/Route")
    raw = designer.rule_editor.cards[0].condition
    assert isinstance(raw, RawRuleEdit)
    raw.edit.setPlainText('{"Variable": "$.ok", "BooleanEquals": true}')
    raw.changed()
    rule = designer.qdoc.document.get("/States/Route")["Choices"][0]
    assert rule == {"Variable": "$.ok", "BooleanEquals": True, "Next": "Done"}
    qtbot.waitUntil(lambda: isinstance(designer.rule_editor.cards[0].condition, LeafRow))
