"""Positions survive a rename typed in the code view and a crash (kept with the autosave)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from aslstudio.asl.positions import read_sidecar
from aslstudio.ui.designer_window import DesignerWindow
from aslstudio.ui.files import Prompter, positions_recovery_for, recovery_path_for
from aslstudio.ui.positions import SetPositions, state_shapes, text_rename

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
PLACED = (640.0, 420.0)


def _edited(**renames: str) -> dict[str, Any]:
    text = json.dumps(MACHINE)
    for old, new in renames.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    return dict(json.loads(text))


def _moved_sugar_out() -> dict[str, Any]:
    data = _edited()
    del data["States"]["Checks"]["Branches"][0]
    data["States"]["Checks"]["Branches"].append(
        {"StartAt": "Sweet", "States": {"Sweet": {"Type": "Pass", "End": True}}}
    )
    return data


def _changed_body() -> dict[str, Any]:
    data = _edited(Broken="Rejected")
    data["States"]["Rejected"]["Error"] = "Other"
    return data


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (_edited(Broken="Rejected"), ("Broken", "Rejected")),
        (_edited(Done="Finished"), ("Done", "Finished")),  # its predecessor's Next changes too
        (_edited(Sugar="Sweet"), ("Sugar", "Sweet")),
        (_changed_body(), None),
        (_edited(Broken="Rejected", Done="Finished"), None),
        (_edited(), None),
        (_moved_sugar_out(), None),  # Salt's branch moved: Sweet is in another scope
    ],
)
def test_text_rename(after: dict[str, Any], expected: tuple[str, str] | None) -> None:
    assert text_rename(state_shapes(MACHINE), state_shapes(after)) == expected


@pytest.fixture
def machine_path(tmp_path: Path) -> Path:
    path = tmp_path / "orders.asl.json"
    path.write_text(json.dumps(MACHINE, indent=2) + "\n", encoding="utf-8")
    return path


def _place(window: DesignerWindow, name: str) -> None:
    window.layout_positions.set_positions({name: PLACED})
    window.qdoc.undo_stack.setClean()


def _type_code(window: DesignerWindow, data: dict[str, Any]) -> None:
    window.code_dock.raise_()
    window.code_view.refresh()
    window.code_view.editor.setPlainText(json.dumps(data, indent=2) + "\n")
    assert window.code_view.apply_text()


@pytest.mark.parametrize(
    ("renames", "name", "after"),
    [
        ({"Broken": "Rejected"}, "Broken", {"Rejected": PLACED}),
        ({"Sugar": "Sweet"}, "Sugar", {"Sweet": PLACED}),
        ({"Broken": "Rejected", "Done": "Finished"}, "Broken", {"Broken": PLACED}),
    ],
)
def test_rename_typed_in_code_keeps_the_position(designer, machine_path, renames, name, after):
    assert designer.open_file(machine_path)
    _place(designer, name)
    _type_code(designer, _edited(**renames))
    assert designer.layout_positions.positions == after
    designer.qdoc.undo()
    assert designer.layout_positions.positions == {name: PLACED}
    designer.qdoc.redo()
    assert designer.layout_positions.positions == after


def test_carried_position_is_drawn_there(designer, machine_path):
    assert designer.open_file(machine_path)
    _place(designer, "Broken")
    assert designer.scene is not None
    at = designer.scene.state_items["/States/Broken"].pos()
    _type_code(designer, _edited(Broken="Rejected"))
    assert designer.scene is not None
    moved = designer.scene.state_items["/States/Rejected"].pos()
    assert (moved.x(), moved.y()) == (at.x(), at.y())


class _Quiet(Prompter):
    """The crashed window's prompts: never a dialog (its close is refused)."""

    def save_changes(self, parent: Any, name: str) -> Any:
        return "cancel"


def _crashed_with_moves(qtbot: Any, settings: QSettings, path: Path, edit: bool) -> None:
    """A window that moved a state (and maybe renamed one), autosaved, and was left behind."""
    first = DesignerWindow(settings=settings)
    first.files.prompter = _Quiet()
    qtbot.addWidget(first)
    assert first.open_file(path)
    if edit:
        _type_code(first, _edited(Done="Finished"))
    first.layout_undo.push(SetPositions(first.layout_positions, {"Broken": PLACED}, "Move"))
    recovery = first.files.autosave_now()
    assert recovery is not None
    kept = read_sidecar(positions_recovery_for(recovery))
    assert kept == {"Broken": PLACED}


@pytest.mark.parametrize("edit", [True, False])
@pytest.mark.parametrize("accept", [True, False])
def test_recovery_brings_back_unsaved_positions(
    qtbot, designer, settings, machine_path, edit, accept
):
    _crashed_with_moves(qtbot, settings, machine_path, edit)
    recovery = recovery_path_for(machine_path, settings)
    designer.files.prompter.recover_answer = accept
    assert designer.open_file(machine_path)
    assert designer.files.prompter.asked == [f"recover:{machine_path.name}"]
    names = set(designer.qdoc.data["States"])
    if accept:
        assert designer.layout_positions.positions == {"Broken": PLACED}
        assert ("Finished" in names) == edit
        assert designer.qdoc.dirty
        designer.qdoc.undo()  # one step takes the whole restore back
        assert designer.layout_positions.positions == {}
        assert "Done" in designer.qdoc.data["States"]
    else:
        assert designer.layout_positions.positions == {}
        assert "Done" in names
        assert not recovery.exists()
        assert not positions_recovery_for(recovery).exists()


def test_save_removes_the_kept_positions(designer, machine_path, settings):
    assert designer.open_file(machine_path)
    designer.layout_undo.push(SetPositions(designer.layout_positions, {"Load": PLACED}, "Move"))
    recovery = designer.files.autosave_now()
    assert recovery is not None
    assert positions_recovery_for(recovery).is_file()
    assert designer.files.save()
    assert not positions_recovery_for(recovery).exists()
