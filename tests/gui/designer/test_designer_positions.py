"""Manual positions: drag a state, undo/redo, the foo.layout.json sidecar, rename, Auto layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from aslstudio.asl.positions import sidecar_path
from aslstudio.ui.designer_window import DesignerWindow

MACHINE: dict[str, Any] = {
    "StartAt": "Load",
    "States": {
        "Load": {"Type": "Pass", "Next": "Checks"},
        "Checks": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "Sugar", "States": {"Sugar": {"Type": "Pass", "End": True}}},
                {"StartAt": "Salt", "States": {"Salt": {"Type": "Pass", "End": True}}},
            ],
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
        "Broken": {"Type": "Fail", "Error": "Bad"},
    },
}
LOAD, BROKEN, CHECKS = "/States/Load", "/States/Broken", "/States/Checks"
SUGAR = "/States/Checks/Branches/0/States/Sugar"


@pytest.fixture
def machine_path(tmp_path: Path) -> Path:
    path = tmp_path / "orders.asl.json"
    path.write_text(json.dumps(MACHINE, indent=2) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def opened(designer: DesignerWindow, machine_path: Path) -> DesignerWindow:
    assert designer.open_file(machine_path)
    return designer


def _pos(window: DesignerWindow, state_id: str) -> tuple[float, float]:
    assert window.scene is not None
    at = window.scene.state_items[state_id].pos()
    return (at.x(), at.y())


def _auto(window: DesignerWindow, state_id: str) -> tuple[float, float]:
    assert window.auto_geometry is not None
    box = window.auto_geometry.states[state_id]
    return (box.x, box.y)


def drag(qtbot: Any, window: DesignerWindow, state_id: str, dx: int, dy: int) -> None:
    """Press on a state, move in steps, release dx, dy viewport pixels away."""
    assert window.scene is not None
    item = window.scene.state_items[state_id]
    window.canvas.centre_on_item(item)
    viewport = window.canvas.viewport()
    start = window.canvas.mapFromScene(item.sceneBoundingRect().topLeft() + QPointF(30, 12))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(dx * step // 5, dy * step // 5))
    end = start + QPoint(dx, dy)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    qtbot.wait(20)  # the drop is reported once the view has handled the release


def test_drag_moves_state_in_one_undo_step_without_touching_the_definition(qtbot, opened):
    before_data = json.dumps(opened.qdoc.data)
    revision = opened.qdoc.document.revision
    auto = _auto(opened, BROKEN)
    zoom = opened.canvas.zoom()
    drag(qtbot, opened, BROKEN, 120, 80)
    moved = _pos(opened, BROKEN)
    assert moved[0] == pytest.approx(auto[0] + 120 / zoom, abs=2)
    assert moved[1] == pytest.approx(auto[1] + 80 / zoom, abs=2)
    assert opened.layout_positions.positions == {"Broken": moved}
    assert opened.qdoc.undo_stack.count() == 1
    assert opened.qdoc.undo_stack.undoText() == "Move state Broken"
    assert json.dumps(opened.qdoc.data) == before_data
    assert opened.qdoc.document.revision == revision  # no definition event, no re-validation
    assert opened.isWindowModified()


def test_position_is_kept_after_an_edit_lays_the_machine_out_again(qtbot, opened):
    drag(qtbot, opened, BROKEN, 150, -60)
    placed = _pos(opened, BROKEN)
    assert opened.add_state("wait", after="/States/Load")  # a new state: a new layout
    assert "/States/Wait" in opened.scene.state_items
    assert _pos(opened, BROKEN) == placed
    assert _auto(opened, BROKEN) != placed


def test_undo_and_redo_of_a_move(qtbot, opened):
    auto = _auto(opened, LOAD)
    drag(qtbot, opened, LOAD, 200, 0)
    placed = _pos(opened, LOAD)
    assert placed != auto
    opened.qdoc.undo()
    assert _pos(opened, LOAD) == auto
    assert opened.layout_positions.positions == {}
    assert not opened.isWindowModified()
    opened.qdoc.redo()
    assert _pos(opened, LOAD) == placed


def test_a_click_without_dragging_moves_nothing(qtbot, opened):
    assert opened.scene is not None
    item = opened.scene.state_items[LOAD]
    opened.canvas.centre_on_item(item)
    at = opened.canvas.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(opened.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.wait(20)
    assert opened.qdoc.undo_stack.count() == 0
    assert opened.selected == LOAD


def test_moving_the_parallel_carries_its_branches(qtbot, opened):
    inside = _pos(opened, SUGAR)
    box = _pos(opened, CHECKS)
    drag(qtbot, opened, CHECKS, -90, 70)
    new_box = _pos(opened, CHECKS)
    shift = (new_box[0] - box[0], new_box[1] - box[1])
    assert shift != (0.0, 0.0)
    now = _pos(opened, SUGAR)
    assert now == pytest.approx((inside[0] + shift[0], inside[1] + shift[1]))
    assert set(opened.layout_positions.positions) == {"Checks"}


def test_edges_of_a_moved_state_end_on_its_border(qtbot, opened):
    drag(qtbot, opened, LOAD, 260, 40)
    assert opened.scene is not None
    box = opened.scene.state_items[LOAD].sceneBoundingRect().adjusted(6, 6, -6, -6)
    edges = [e for e in opened.geometry_.edges if LOAD in (e.source, e.target)]
    assert {e.kind for e in edges} == {"start", "next"}
    for edge in edges:
        end = edge.points[0] if edge.source == LOAD else edge.points[-1]
        assert box.left() - 0.5 <= end[0] <= box.right() + 0.5, (edge.kind, end, box)
        assert box.top() - 0.5 <= end[1] <= box.bottom() + 0.5, (edge.kind, end, box)


def test_save_writes_the_sidecar_and_leaves_the_asl_bytes_alone(qtbot, opened, machine_path):
    original = machine_path.read_bytes()
    stamp = machine_path.stat().st_mtime_ns
    drag(qtbot, opened, BROKEN, 100, 100)
    placed = _pos(opened, BROKEN)
    assert opened.files.save()
    assert machine_path.read_bytes() == original
    assert machine_path.stat().st_mtime_ns == stamp  # not even rewritten
    sidecar = machine_path.with_name("orders.layout.json")
    saved = json.loads(sidecar.read_text(encoding="utf-8"))
    assert saved == {"version": 1, "positions": {"Broken": list(placed)}}
    assert not opened.isWindowModified()
    assert not opened.qdoc.dirty


def test_reopening_restores_the_positions(qtbot, opened, machine_path, designer):
    drag(qtbot, opened, BROKEN, 90, 120)
    placed = _pos(opened, BROKEN)
    assert opened.files.save()
    assert designer.new_machine()
    assert designer.layout_positions.positions == {}
    assert designer.open_file(machine_path)
    assert _pos(designer, BROKEN) == placed
    assert designer.qdoc.undo_stack.count() == 0


def test_rename_keeps_the_position_and_undo_gives_the_name_back(qtbot, opened):
    drag(qtbot, opened, BROKEN, 80, 60)
    placed = _pos(opened, BROKEN)
    opened.select_state(BROKEN)
    assert opened.rename_selected("Rejected")
    assert _pos(opened, "/States/Rejected") == placed
    assert opened.layout_positions.positions == {"Rejected": placed}
    opened.qdoc.undo()
    assert _pos(opened, BROKEN) == placed
    assert opened.layout_positions.positions == {"Broken": placed}


def test_auto_layout_resets_positions_in_one_undo_step(qtbot, opened):
    drag(qtbot, opened, BROKEN, 100, 40)
    drag(qtbot, opened, LOAD, -70, 30)
    placed = (_pos(opened, BROKEN), _pos(opened, LOAD))
    action = opened.named_actions["actionAutoLayout"]
    assert action.text() == "&Auto layout"
    action.trigger()
    assert opened.layout_positions.positions == {}
    assert _pos(opened, BROKEN) == _auto(opened, BROKEN)
    assert _pos(opened, LOAD) == _auto(opened, LOAD)
    assert opened.qdoc.undo_stack.undoText() == "Auto layout"
    opened.qdoc.undo()
    assert (_pos(opened, BROKEN), _pos(opened, LOAD)) == placed


def test_positions_of_unknown_states_are_ignored(designer, machine_path):
    sidecar_path(machine_path).write_text(
        json.dumps({"version": 1, "positions": {"Gone": [5, 5], "Done": [700, 40]}}),
        encoding="utf-8",
    )
    assert designer.open_file(machine_path)
    assert _pos(designer, "/States/Done") == (700.0, 40.0)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"version": 1, "positions": {', "orders.layout.json:1:"),
        (b'{"version": 2, "positions": {}}', "version must be 1"),
        (b'{"version": 1, "positions": {"Done": [1]}}', 'positions["Done"] must be [x, y]'),
        (b'{"version": 1, "positions": {"Done": [1, NaN]}}', "NaN is not a number"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b"[1, 2]", "top level must be an object"),
    ],
)
def test_a_malformed_sidecar_is_ignored_with_a_message(designer, machine_path, content, words):
    sidecar_path(machine_path).write_bytes(content)
    assert designer.open_file(machine_path)
    message = designer.statusBar().currentMessage()
    assert words in message
    assert "manual positions ignored" in message
    assert designer.layout_positions.positions == {}
    assert _pos(designer, "/States/Done") == _auto(designer, "/States/Done")
    assert designer.files.save()  # nothing moved: the user's file is left as it was
    assert sidecar_path(machine_path).read_bytes() == content


def test_save_as_writes_the_sidecar_beside_the_new_file(qtbot, opened, tmp_path):
    drag(qtbot, opened, LOAD, 60, 90)
    placed = _pos(opened, LOAD)
    target = tmp_path / "copy.asl.yaml"
    assert opened.save_to(target)
    saved = json.loads((tmp_path / "copy.layout.json").read_text(encoding="utf-8"))
    assert saved["positions"] == {"Load": list(placed)}


def test_no_sidecar_is_created_when_nothing_was_moved(opened, machine_path):
    opened.select_state(LOAD)
    assert opened.rename_selected("Start")
    assert opened.files.save()
    assert "Start" in json.loads(machine_path.read_text(encoding="utf-8"))["States"]
    assert not sidecar_path(machine_path).exists()


def test_dragging_several_selected_states_is_one_step(qtbot, opened):
    assert opened.scene is not None
    before = {sid: _pos(opened, sid) for sid in (LOAD, BROKEN)}
    for sid in (LOAD, BROKEN):
        opened.scene.state_items[sid].setSelected(True)
    drag(qtbot, opened, BROKEN, 50, 70)
    assert set(opened.layout_positions.positions) == {"Load", "Broken"}
    shifts = {
        (round(_pos(opened, sid)[0] - x), round(_pos(opened, sid)[1] - y))
        for sid, (x, y) in before.items()
    }
    assert len(shifts) == 1  # both moved by the same amount
    assert opened.qdoc.undo_stack.undoText() == "Move 2 states"
    opened.qdoc.undo()
    assert {sid: _pos(opened, sid) for sid in (LOAD, BROKEN)} == before


def test_edges_fade_while_dragging_and_come_back_on_the_drop(qtbot, opened):
    assert opened.scene is not None
    item = opened.scene.state_items[BROKEN]
    viewport = opened.canvas.viewport()
    start = opened.canvas.mapFromScene(item.sceneBoundingRect().topLeft() + QPointF(30, 12))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 4):
        QTest.mouseMove(viewport, start + QPoint(20 * step, 0))
    qtbot.wait(20)
    assert {edge.opacity() for edge in opened.scene.edge_items} == {0.25}
    end = start + QPoint(60, 0)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    qtbot.wait(20)
    assert opened.scene.state_items[BROKEN] is not item  # drawn again after the drop
    assert {edge.opacity() for edge in opened.scene.edge_items} == {1.0}
