"""The inspector: one form per state type, typed fields, JSON editors, flow, rename, messages."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from aslstudio.asl.commands import SetField
from aslstudio.ui.designer_window import DesignerWindow
from aslstudio.ui.inspector_fields import FORMS, HELP

SMALL: dict[str, Any] = {
    "StartAt": "Load",
    "States": {
        "Load": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "load", "Payload.$": "$"},
            "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Broken"}],
            "Next": "Pause",
        },
        "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Done"},
        "Done": {"Type": "Succeed"},
        "Broken": {"Type": "Fail", "Error": "LoadFailed", "Cause": "could not load"},
    },
}


@pytest.fixture
def small_window(designer: DesignerWindow, tmp_path: Any) -> DesignerWindow:
    import json

    path = tmp_path / "small.asl.json"
    path.write_text(json.dumps(SMALL, indent=2), encoding="utf-8")
    (tmp_path / "small.input.json").write_text('{"name": "World", "n": 3}', encoding="utf-8")
    assert designer.open_file(path)
    designer.select_state("/States/Load")
    return designer


def _editor(window: DesignerWindow, key: str) -> Any:
    return window.inspector.editors[key]


def test_form_fields_follow_the_state_type(small_window):
    keys = set(small_window.inspector.editors)
    assert {"Resource", "Parameters", "Retry", "Catch", "TimeoutSeconds", "Next"} <= keys
    assert "Arguments" not in keys  # JSONata-only
    small_window.select_state("/States/Broken")
    assert {"Error", "Cause"} <= set(small_window.inspector.editors)
    assert "Next" not in small_window.inspector.editors


def test_every_field_has_a_plain_sentence():
    for specs in FORMS.values():
        for spec in specs:
            assert HELP.get(spec.key), spec.key
            assert HELP[spec.key].endswith(".")


def test_number_field_commits_or_explains(small_window):
    edit = _editor(small_window, "TimeoutSeconds")
    assert isinstance(edit, QLineEdit)
    assert edit.toolTip() == HELP["TimeoutSeconds"]
    edit.setText("soon")
    edit.editingFinished.emit()
    assert "not a whole number" in small_window.inspector.messages["TimeoutSeconds"].text()
    assert "TimeoutSeconds" not in small_window.qdoc.data["States"]["Load"]
    edit = _editor(small_window, "TimeoutSeconds")
    edit.setText("120")
    edit.editingFinished.emit()
    assert small_window.qdoc.data["States"]["Load"]["TimeoutSeconds"] == 120
    small_window.qdoc.undo()
    assert "TimeoutSeconds" not in small_window.qdoc.data["States"]["Load"]


def _leave(widget: Any) -> None:
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut))


def test_json_editor_checks_and_applies_on_leaving(small_window):
    edit = _editor(small_window, "Parameters")
    assert isinstance(edit, QPlainTextEdit)
    edit.setPlainText('{"FunctionName": "load",,}')
    message = small_window.inspector.messages["Parameters"]
    assert message.text().startswith("line 1, column ")
    _leave(edit)
    assert small_window.qdoc.data["States"]["Load"]["Parameters"]["Payload.$"] == "$"
    assert small_window.qdoc.undo_stack.count() == 0
    edit.setPlainText('{"FunctionName": "load-v2"}')
    assert message.text() == ""
    _leave(edit)
    assert small_window.qdoc.data["States"]["Load"]["Parameters"] == {"FunctionName": "load-v2"}
    assert small_window.qdoc.undo_stack.count() == 1


def test_retry_and_catch_read_in_words(small_window):
    retry = small_window.inspector.note("Retry").text()
    catch = small_window.inspector.note("Catch").text()
    assert retry.startswith("On States.Timeout: retry ×2")
    assert catch == "On States.ALL: go to «Broken»."


def test_next_can_end_the_machine_in_one_step(small_window, qtbot):
    small_window.select_state("/States/Pause")
    combo = _editor(small_window, "Next")
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Done"
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    body = small_window.qdoc.data["States"]["Pause"]
    assert body.get("End") is True
    assert "Next" not in body
    small_window.qdoc.undo()
    assert small_window.qdoc.data["States"]["Pause"]["Next"] == "Done"
    qtbot.waitUntil(lambda: _editor(small_window, "Next").currentText() == "Done")


def test_rename_from_the_form_keeps_selection(small_window):
    edit = _editor(small_window, "(name)")
    edit.setText("Load record")
    edit.editingFinished.emit()
    assert small_window.qdoc.data["StartAt"] == "Load record"
    assert small_window.selected == "/States/Load record"
    assert small_window.inspector.pointer == "/States/Load record"


def test_query_language_switch_changes_the_form(small_window, qtbot):
    combo = _editor(small_window, "QueryLanguage")
    index = combo.findText("JSONata")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert small_window.qdoc.data["States"]["Load"]["QueryLanguage"] == "JSONata"
    qtbot.waitUntil(lambda: "Arguments" in small_window.inspector.editors)
    assert "Parameters" not in small_window.inspector.editors


def test_validator_messages_appear_under_the_field(small_window):
    small_window.qdoc.push(SetField("/States/Load/Next", "Nowhere"))
    small_window.validator.validate_now()
    text = small_window.inspector.messages["Next"].text()
    assert "error" in text
    assert "Nowhere" in text


def test_path_preview_uses_the_sample_input(small_window):
    edit = _editor(small_window, "InputPath")
    edit.setText("$.name")
    preview = small_window.inspector.note("InputPath")
    assert preview.text() == 'In the sample input: "World"'
    edit.setText("$.missing")
    assert preview.text().startswith("Not in the machine's sample input")
    result = _editor(small_window, "ResultPath")
    result.setText("$.loaded")
    assert small_window.inspector.note("ResultPath").text() == (
        "The result is added to the input as loaded."
    )
