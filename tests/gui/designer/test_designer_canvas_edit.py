"""Editing on the canvas: palette add (double-click and drop), delete, connect by handle, menu."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMenu

from aslstudio.ui.canvas_tools import HandleItem
from aslstudio.ui.designer_window import DesignerWindow
from aslstudio.ui.palette import KIND_ROLE, MIME_TYPE

MACHINE: dict[str, Any] = {
    "StartAt": "A",
    "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Succeed"},
        "Route": {"Type": "Choice", "Choices": [], "Default": "B"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True},
        "C": {"Type": "Pass", "End": True},
    },
}


@pytest.fixture
def machine(designer: DesignerWindow, tmp_path: Path) -> DesignerWindow:
    path = tmp_path / "m.asl.json"
    path.write_text(json.dumps(MACHINE, indent=2), encoding="utf-8")
    assert designer.open_file(path)
    return designer


def _viewport_point(window: DesignerWindow, state_id: str) -> QPoint:
    assert window.scene is not None
    item = window.scene.state_items[state_id]
    window.canvas.centre_on_item(item)
    return window.canvas.mapFromScene(item.sceneBoundingRect().center())


def _palette_item(window: DesignerWindow, kind: str) -> Any:
    palette = window.state_palette
    return next(
        palette.item(r) for r in range(palette.count()) if palette.item(r).data(KIND_ROLE) == kind
    )


def test_double_click_adds_after_selection_in_one_step(designer, hello):
    assert designer.open_file(hello)
    designer.select_state("/States/Say Hello")
    palette = designer.state_palette
    assert palette.kinds() == [
        "lambda",
        "choice",
        "parallel",
        "map",
        "wait",
        "pass",
        "succeed",
        "fail",
    ]
    palette.itemDoubleClicked.emit(_palette_item(designer, "wait"))
    states = designer.qdoc.data["States"]
    assert list(states) == ["Say Hello", "Wait", "Done"]
    assert states["Say Hello"]["Next"] == "Wait"
    assert states["Wait"]["Next"] == "Done"
    assert designer.selected == "/States/Wait"
    assert designer.inspector.pointer == "/States/Wait"
    designer.qdoc.undo()
    assert list(designer.qdoc.data["States"]) == ["Say Hello", "Done"]
    assert designer.qdoc.data["States"]["Say Hello"]["Next"] == "Done"


@pytest.mark.parametrize(
    ("answer", "next_after"), [(True, "Done"), (False, "Pass"), (None, "Pass")]
)
def test_delete_offers_to_reconnect_predecessors(designer, hello, answer, next_after):
    assert designer.open_file(hello)
    designer.add_state("pass", after="/States/Say Hello")
    assert designer.selected == "/States/Pass"
    designer.files.prompter.reconnect_answer = answer
    assert designer.delete_selected() is (answer is not None)
    assert designer.files.prompter.asked == ["reconnect:Pass->Done"]
    assert designer.qdoc.data["States"]["Say Hello"]["Next"] == next_after
    if answer is False:
        assert "Say Hello still point to it" in designer.statusBar().currentMessage()


def _drop(window: DesignerWindow, kind: str, point: QPoint) -> None:
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(kind.encode()))
    event = QDropEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers drop events only during a real drag; hand the event to the filter directly.
    assert window.drop_handler.eventFilter(window.canvas.viewport(), event)


def test_drop_on_a_state_adds_after_it_and_on_empty_canvas_at_the_end(machine):
    _drop(machine, "lambda", _viewport_point(machine, "/States/A"))
    states = machine.qdoc.data["States"]
    assert states["A"]["Next"] == "Lambda Invoke"
    assert states["Lambda Invoke"]["Next"] == "B"
    machine.canvas.fit_all()
    _drop(machine, "fail", QPoint(2, 2))
    assert list(machine.qdoc.data["States"])[-1] == "Fail"


@pytest.mark.parametrize(
    ("source", "alt", "check"),
    [
        ("A", False, lambda s: s["A"]["Next"] == "C"),
        ("Route", False, lambda s: s["Route"]["Choices"][-1]["Next"] == "C"),
        (
            "Work",
            True,
            lambda s: s["Work"]["Catch"] == [{"ErrorEquals": ["States.ALL"], "Next": "C"}],
        ),
        ("Work", False, lambda s: s["Work"]["Next"] == "C" and "End" not in s["Work"]),
    ],
)
def test_drag_from_handle_connects(machine, qtbot, source, alt, check):
    machine.select_state(f"/States/{source}")
    assert machine.scene is not None
    item = machine.scene.state_items[f"/States/{source}"]
    handles = [c for c in item.childItems() if isinstance(c, HandleItem)]
    assert len(handles) == 1
    machine.canvas.centre_on_item(item)
    start = machine.canvas.mapFromScene(handles[0].scenePos())
    target = _viewport_point(machine, "/States/C")
    start = machine.canvas.mapFromScene(handles[0].scenePos())
    viewport = machine.canvas.viewport()
    modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(viewport, target)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, target)
    assert check(machine.qdoc.data["States"])
    assert machine.qdoc.undo_stack.count() == 1


def test_connect_across_scopes_is_refused_with_words(designer, nutrition):
    assert designer.open_file(nutrition)
    assert not designer.connect_states(
        "/States/Any Rule Failed?", "/States/Validate Rules/Branches/0/States/Is Energy Declared?"
    )
    assert designer.qdoc.undo_stack.count() == 0


def test_state_menu_offers_rename_delete_and_add(machine):
    menu = QMenu()
    machine._fill_state_menu(menu, "/States/A")
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert any("Rename" in t for t in texts)
    assert any("Delete" in t for t in texts)
    add = next(a.menu() for a in menu.actions() if a.text() == "Add after this state")
    assert isinstance(add, QMenu)
    assert len(add.actions()) == 8
    add.actions()[5].trigger()  # Pass
    assert machine.qdoc.data["States"]["A"]["Next"] == "Pass"


def test_file_dropped_on_window_opens(designer, hello):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(hello))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    designer.dropEvent(event)
    assert designer.qdoc.path == hello


def test_copy_paste_a_state_in_one_step(designer, hello):
    assert designer.open_file(hello)
    designer.select_state("/States/Say Hello")
    assert designer.copy_selected()
    assert designer.paste()
    states = designer.qdoc.data["States"]
    assert len(states) == 3
    pasted = designer.selected
    assert pasted is not None
    assert pasted != "/States/Say Hello"
    assert states[pasted.rsplit("/", 1)[1]]["Type"] == "Pass"
    designer.qdoc.undo()
    assert len(designer.qdoc.data["States"]) == 2


def test_paste_of_junk_text_is_refused_with_words(designer, hello):
    from PySide6.QtWidgets import QApplication

    assert designer.open_file(hello)
    QApplication.clipboard().setText("not states")
    assert not designer.paste()
    assert "no states" in designer.statusBar().currentMessage()


PARALLEL: dict[str, Any] = {
    "StartAt": "Split",
    "States": {
        "Split": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": True}}},
                {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": True}}},
            ],
            "Next": "Extra",
        },
        "Extra": {"Type": "Pass", "End": True},
    },
}


def test_move_into_a_branch_and_out(designer, tmp_path):
    path = tmp_path / "p.asl.json"
    path.write_text(json.dumps(PARALLEL, indent=2), encoding="utf-8")
    assert designer.open_file(path)
    menu = QMenu()
    designer._fill_state_menu(menu, "/States/Extra")
    move = next(a.menu() for a in menu.actions() if a.text() == "Move into")
    assert isinstance(move, QMenu)
    labels = [a.text() for a in move.actions()]
    assert labels == ["Split › branch 1", "Split › branch 2"]
    move.actions()[1].trigger()
    branch = designer.qdoc.data["States"]["Split"]["Branches"][1]["States"]
    assert "Extra" in branch
    assert designer.selected == "/States/Split/Branches/1/States/Extra"
    assert designer.qdoc.data["States"]["Split"].get("End") is True  # dangling Next cleared
    assert designer.move_selected("")
    assert "Extra" in designer.qdoc.data["States"]
