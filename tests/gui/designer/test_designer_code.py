"""The code view: valid edits become one undo step, invalid ones show line:col, selection sync."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtGui import QTextCursor

from aslstudio.asl.commands import SetField
from aslstudio.ui.designer_window import DesignerWindow

YAML_MACHINE = """\
# Greets someone.
StartAt: Greet
States:
  Greet:
    Type: Pass   # no work, just data
    Next: Done
  Done:
    Type: Succeed
"""


def _open_code(designer: DesignerWindow, path: Path) -> Any:
    assert designer.open_file(path)
    designer.code_dock.raise_()
    designer.code_view.refresh()
    return designer.code_view


def test_valid_edit_is_one_undo_step_after_a_pause(designer, hello, qtbot):
    view = _open_code(designer, hello)
    assert view.editor.toPlainText() == hello.read_text(encoding="utf-8")
    steps = designer.qdoc.undo_stack.count()
    text = view.editor.toPlainText().replace('"Done"', '"Finished"')
    view.editor.setPlainText(text)
    assert view.pending
    qtbot.waitUntil(lambda: "Finished" in designer.qdoc.data["States"], timeout=3000)
    assert designer.qdoc.undo_stack.count() == steps + 1
    assert designer.scene is not None
    assert "/States/Finished" in designer.scene.state_items
    designer.qdoc.undo()
    assert "Done" in designer.qdoc.data["States"]
    assert view.editor.toPlainText() == hello.read_text(encoding="utf-8")


def test_invalid_edit_shows_line_and_column_and_keeps_graph_and_text(designer, hello):
    view = _open_code(designer, hello)
    broken = view.editor.toPlainText().replace('"Type": "Succeed"', '"Type": "Succeed",,')
    view.editor.setPlainText(broken)
    assert not view.apply_text()
    assert view.error is not None
    line = next(i for i, t in enumerate(broken.splitlines(), 1) if ",," in t)
    assert view.error.line == line
    assert view.status.text().startswith(f"Line {line}, column ")
    assert view.editor.toPlainText() == broken
    assert view.editor.extraSelections()
    assert designer.scene is not None
    assert "/States/Done" in designer.scene.state_items
    assert not designer.qdoc.dirty
    fixed = broken.replace(",,", "")
    view.editor.setPlainText(fixed)
    assert not view.apply_text()  # same data as before: nothing to change
    assert view.error is None
    assert view.editor.extraSelections() == []


def test_edits_elsewhere_refresh_the_text(designer, hello):
    view = _open_code(designer, hello)
    designer.qdoc.push(SetField("/States/Done/Comment", "All done"))
    assert '"Comment": "All done"' in view.editor.toPlainText()


def test_selection_reveals_state_in_code_and_back(designer, hello, qtbot):
    view = _open_code(designer, hello)
    designer.select_state("/States/Done")
    cursor = view.editor.textCursor()
    line = view.editor.document().findBlockByNumber(cursor.blockNumber()).text()
    assert '"Done": {' in line
    target = next(
        i
        for i, t in enumerate(view.editor.toPlainText().splitlines())
        if "Say Hello" in t and "{" in t
    )
    block = view.editor.document().findBlockByNumber(target + 2)
    cursor = QTextCursor(block)
    view.editor.setTextCursor(cursor)
    view._follow_cursor()  # what the cursor-move timer runs while the editor has the focus
    assert designer.selected == "/States/Say Hello"


def test_yaml_code_edit_keeps_comments_on_save(designer, tmp_path, qtbot):
    path = tmp_path / "greet.asl.yaml"
    path.write_text(YAML_MACHINE, encoding="utf-8")
    view = _open_code(designer, path)
    assert view.highlighter.lexer.name == "YAML"
    view.editor.setPlainText(
        YAML_MACHINE.replace("Type: Succeed", "Type: Succeed\n    Comment: end")
    )
    assert view.apply_text()
    assert designer.files.save()
    saved = path.read_text(encoding="utf-8")
    assert "# no work, just data" in saved
    assert "Comment: end" in saved


def test_problem_click_moves_code_cursor(designer, hello):
    view = _open_code(designer, hello)
    designer.qdoc.push(SetField("/States/Say Hello/Next", "Nowhere"))
    diagnostics = designer.validator.validate_now()
    diag = next(d for d in diagnostics if d.state == "Say Hello")
    designer.go_to_problem(diag)
    assert view.editor.textCursor().blockNumber() + 1 == diag.line
    assert json.loads(view.editor.toPlainText())["States"]["Say Hello"]["Next"] == "Nowhere"
