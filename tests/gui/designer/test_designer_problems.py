"""Live validation: the problems panel lists diagnostics, marks states and selects on click."""

from __future__ import annotations

from PySide6.QtCore import Qt

from aslstudio.asl.commands import DELETE, SetField
from aslstudio.ui.problems import COLUMNS, ErrorMarkItem


def test_edit_with_error_lists_and_marks_then_undo_clears(designer, hello, qtbot):
    assert designer.open_file(hello)
    panel = designer.problems_panel
    assert panel.model().rowCount() == 0
    designer.qdoc.push(SetField("/States/Say Hello/Next", "Nowhere"))
    qtbot.waitUntil(lambda: panel.model().rowCount() > 0, timeout=3000)
    codes = [d.code for d in designer.diagnostics]
    assert any(d.state == "Say Hello" and d.severity == "error" for d in designer.diagnostics)
    assert "/States/Say Hello" in designer.marked_states()
    model = panel.model()
    row = next(i for i, d in enumerate(designer.diagnostics) if d.state == "Say Hello")
    assert model.data(model.index(row, 3)) == "Say Hello"
    assert model.data(model.index(row, 1)) in codes
    assert "error" in model.data(model.index(row, 0))
    tip = model.data(model.index(row, 2), Qt.ItemDataRole.ToolTipRole)
    assert "What to do" in tip
    assert model.columnCount() == len(COLUMNS)
    designer.qdoc.undo()
    qtbot.waitUntil(lambda: panel.model().rowCount() == 0, timeout=3000)
    assert designer.marked_states() == set()


def test_click_on_problem_selects_state(designer, hello, qtbot):
    assert designer.open_file(hello)
    designer.qdoc.push(SetField("/States/Say Hello/Next", "Nowhere"))
    designer.validator.validate_now()
    panel = designer.problems_panel
    row = next(i for i, d in enumerate(designer.diagnostics) if d.state == "Say Hello")
    rect = panel.visualRect(panel.model().index(row, 2))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert designer.selected == "/States/Say Hello"
    assert designer.scene is not None
    assert designer.scene.state_items["/States/Say Hello"].isSelected()


def test_marks_survive_redraw_and_carry_messages(designer, hello):
    assert designer.open_file(hello)
    designer.qdoc.push(SetField("/States/Done/Type", "Sucseed"))
    designer.validator.validate_now()
    designer.relayout()
    assert designer.scene is not None
    item = designer.scene.state_items["/States/Done"]
    marks = [c for c in item.childItems() if isinstance(c, ErrorMarkItem)]
    assert len(marks) == 1
    assert "error" in marks[0].toolTip()


def test_warnings_do_not_mark(designer, hello):
    assert designer.open_file(hello)
    designer.qdoc.push(SetField("/States/Say Hello/Comment", DELETE))
    designer.validator.validate_now()
    assert all(d.severity != "error" for d in designer.diagnostics)
    assert designer.marked_states() == set()


def test_problem_in_a_rule_opens_the_rule_builder(designer, tmp_path):
    from pathlib import Path

    broken = (
        Path(__file__).resolve().parents[2] / "fixtures/broken/R302-rule-without-operator.asl.json"
    )
    path = tmp_path / "r302.asl.json"
    path.write_text(broken.read_text(encoding="utf-8"), encoding="utf-8")
    assert designer.open_file(path)
    diagnostics = designer.validator.validate_now()
    diag = next(d for d in diagnostics if "/Choices/0" in d.pointer)
    designer.go_to_problem(diag)
    assert designer.selected == "/States/Route"
    assert designer.rule_editor.pointer == "/States/Route"
    assert not designer.rule_editor.cards[0].problems.isHidden()
