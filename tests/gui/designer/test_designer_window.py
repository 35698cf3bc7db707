"""The designer window: actions, undo/redo through the Qt stack, save round trips, prompts."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QAction

from aslstudio.asl.commands import SetField
from aslstudio.asl.editing import EditableDocument
from aslstudio.ui.designer_chrome import shortcut_texts
from aslstudio.ui.designer_window import DesignerWindow, create_designer

REQUIRED_ACTIONS = [
    "actionNew",
    "actionOpen",
    "actionSave",
    "actionSaveAs",
    "actionUndo",
    "actionRedo",
    "actionDelete",
    "actionRename",
    "actionFind",
    "actionZoomFit",
    "actionAutoLayout",
]
REQUIRED_WIDGETS = [
    "canvasView",
    "statePalette",
    "inspector",
    "codeEditor",
    "problemsPanel",
    "choiceRuleEditor",
]


@pytest.mark.parametrize("name", REQUIRED_ACTIONS)
def test_actions_have_stable_names(designer: DesignerWindow, name: str) -> None:
    assert designer.findChild(QAction, name) is not None


@pytest.mark.parametrize("name", REQUIRED_WIDGETS)
def test_panels_have_stable_names(designer: DesignerWindow, name: str) -> None:
    from PySide6.QtWidgets import QWidget

    assert designer.findChild(QWidget, name) is not None


def test_platform_shortcuts(designer: DesignerWindow) -> None:
    keys = shortcut_texts(designer)
    assert keys["actionSave"] == "Ctrl+S"
    assert keys["actionUndo"] == "Ctrl+Z"
    assert keys["actionRename"] == "F2"
    assert keys["actionDelete"] == "Del"


def test_rename_undo_redo_and_save_round_trip(designer, hello, qtbot):
    assert designer.open_file(hello)
    designer.select_state("/States/Say Hello")
    assert designer.rename_selected("Greet")
    assert designer.selected == "/States/Greet"
    assert designer.qdoc.data["StartAt"] == "Greet"
    assert designer.isWindowModified()
    undo = designer.findChild(QAction, "actionUndo")
    assert "Rename state Say Hello to Greet" in undo.text()
    undo.trigger()
    assert designer.qdoc.data["StartAt"] == "Say Hello"
    assert designer.selected == "/States/Say Hello"
    assert not designer.qdoc.dirty
    designer.findChild(QAction, "actionRedo").trigger()
    assert designer.selected == "/States/Greet"
    assert designer.scene is not None
    assert "/States/Greet" in designer.scene.state_items
    designer.findChild(QAction, "actionSave").trigger()
    assert not designer.qdoc.dirty
    saved = json.loads(hello.read_text(encoding="utf-8"))
    assert saved["StartAt"] == "Greet"
    assert list(saved["States"]) == ["Greet", "Done"]
    reopened = EditableDocument.from_file(hello)
    assert reopened.data == designer.qdoc.data


def test_unchanged_save_keeps_bytes(designer, hello):
    before = hello.read_bytes()
    assert designer.open_file(hello)
    assert designer.files.save()
    assert hello.read_bytes() == before


def test_save_as_yaml_then_reopen(designer, hello, tmp_path):
    assert designer.open_file(hello)
    designer.qdoc.push(SetField("/States/Say Hello/Comment", "Says hello"))
    target = tmp_path / "copy.asl.yaml"
    designer.files.prompter.save_as_name = str(target)
    designer.findChild(QAction, "actionSaveAs").trigger()
    assert designer.qdoc.path == target
    assert "Says hello" in target.read_text(encoding="utf-8")
    assert designer.windowTitle().startswith("ASL Studio — copy.asl.yaml")
    other = EditableDocument.from_file(target)
    assert other.data["States"]["Say Hello"]["Comment"] == "Says hello"
    assert str(target.resolve()) in designer.files.recent_files()


@pytest.mark.parametrize(
    ("answer", "closed", "file_changed"),
    [("cancel", False, False), ("discard", True, False), ("save", True, True)],
)
def test_close_with_unsaved_changes_asks(designer, hello, answer, closed, file_changed):
    before = hello.read_text(encoding="utf-8")
    assert designer.open_file(hello)
    designer.qdoc.push(SetField("/States/Say Hello/Comment", "edited"))
    designer.files.prompter.save_answer = answer
    assert designer.close() is closed
    assert designer.files.prompter.asked == [f"save:{hello.name}"]
    assert (hello.read_text(encoding="utf-8") != before) is file_changed


def test_open_another_file_asks_first(designer, hello, nutrition):
    assert designer.open_file(hello)
    designer.qdoc.push(SetField("/States/Say Hello/Comment", "edited"))
    designer.files.prompter.save_answer = "cancel"
    assert not designer.open_file(nutrition)
    assert designer.qdoc.path == hello
    designer.files.prompter.save_answer = "discard"
    assert designer.open_file(nutrition)
    assert designer.qdoc.path == nutrition
    assert not designer.qdoc.dirty


def test_unreadable_file_shows_message_and_keeps_document(designer, hello, tmp_path):
    assert designer.open_file(hello)
    broken = tmp_path / "broken.asl.json"
    broken.write_text('{"StartAt": "A", "States": {', encoding="utf-8")
    assert not designer.open_file(broken)
    assert "broken.asl.json:1:" in designer.banner.text()
    assert designer.qdoc.path == hello


def test_refused_edit_changes_nothing(designer, hello):
    assert designer.open_file(hello)
    designer.select_state("/States/Say Hello")
    assert not designer.rename_selected("Done")
    assert "already exists" in designer.statusBar().currentMessage()
    assert not designer.qdoc.undo_stack.canUndo()


def test_new_machine_and_window_state_kept(designer, settings, qtbot):
    assert designer.new_machine()
    assert designer.qdoc.path is None
    assert designer.windowTitle().startswith("ASL Studio — Untitled")
    designer.problems_dock.hide()
    assert designer.close()
    again = DesignerWindow(settings=settings)
    qtbot.addWidget(again)
    assert again.problems_dock.isHidden()


def test_field_edit_that_keeps_the_box_does_not_relayout(designer, hello):
    assert designer.open_file(hello)
    scene = designer.scene
    assert scene is not None
    designer.qdoc.push(SetField("/States/Say Hello/Comment", "Greets by name"))
    assert designer.scene is scene  # same scene: only the item's words changed
    assert "Greets by name" in scene.state_items["/States/Say Hello"].toolTip()
    designer.qdoc.push(SetField("/States/Done/Type", "Fail"))
    assert designer.scene is not scene  # the kind changed: drawn again


def test_hidden_code_view_catches_up_when_shown(designer, hello):
    assert designer.open_file(hello)
    view = designer.code_view
    view.set_active(False)
    designer.qdoc.push(SetField("/States/Done/Comment", "later"))
    assert "later" not in view.editor.toPlainText()
    view.set_active(True)
    assert '"Comment": "later"' in view.editor.toPlainText()


@pytest.mark.parametrize("name", ["actionDelete", "actionCopy", "actionPaste"])
def test_state_shortcuts_only_act_on_the_canvas(designer, name):
    from PySide6.QtCore import Qt

    action = designer.findChild(QAction, name)
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert action in designer.canvas.actions()
    assert action not in designer.actions()


def test_create_designer_opens_the_file(qtbot, settings, hello):
    window = create_designer(hello, settings=settings)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.qdoc.path == hello
    assert window.scene is not None


def test_new_from_template_is_an_untitled_copy(designer, hello):
    designer.files.prompter.open_name = str(hello)
    assert designer.findChild(QAction, "actionNewFromTemplate") is not None
    assert designer.new_from_template()
    assert designer.qdoc.path is None
    assert designer.qdoc.data == EditableDocument.from_file(hello).data
    assert designer.windowTitle().startswith("ASL Studio — Untitled")
    designer.files.prompter.open_name = None
    assert not designer.new_from_template()
