"""Moving states between scopes and pasting copied states: exact results, undo, references."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from aslstudio.asl.commands import MoveStateToScope, PasteStates
from aslstudio.asl.editing import EditableDocument, EditError
from aslstudio.asl.serialize import same_data
from aslstudio.validate.api import validate_definition
from aslstudio.validate.diagnostics import Severity

MACHINE: dict[str, Any] = {
    "StartAt": "Start",
    "States": {
        "Start": {"Type": "Pass", "Next": "Check"},
        "Check": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "Work"}],
            "Default": "Fan",
        },
        "Work": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
            "Next": "Done",
        },
        "Fan": {
            "Type": "Parallel",
            "Branches": [
                {
                    "StartAt": "B1",
                    "States": {
                        "B1": {"Type": "Pass", "Next": "B2"},
                        "B2": {"Type": "Pass", "End": True},
                    },
                }
            ],
            "Next": "Loop",
        },
        "Loop": {
            "Type": "Map",
            "ItemProcessor": {
                "StartAt": "M1",
                "States": {"M1": {"Type": "Pass", "Next": "M2"}, "M2": {"Type": "Succeed"}},
            },
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
        "Failed": {"Type": "Fail", "Error": "Broken"},
    },
}
BRANCH = "/States/Fan/Branches/0"
PROCESSOR = "/States/Loop/ItemProcessor"


def make_doc() -> EditableDocument:
    return EditableDocument.new(copy.deepcopy(MACHINE))


def error_codes(data: dict[str, Any]) -> list[str]:
    return [d.code for d in validate_definition(data) if d.severity is Severity.ERROR]


def test_move_top_level_state_into_parallel_branch():
    doc = make_doc()
    command = MoveStateToScope("/States/Work", BRANCH)
    doc.execute(command)
    want = copy.deepcopy(MACHINE)
    work = want["States"].pop("Work")
    del want["States"]["Check"]["Choices"][0]["Next"]
    work["Catch"] = [{"ErrorEquals": ["States.ALL"]}]
    del work["Next"]
    work["End"] = True
    want["States"]["Fan"]["Branches"][0]["States"]["Work"] = work
    assert same_data(doc.data, want)
    assert [(r.pointer, r.target) for r in command.cleared] == [
        ("/States/Check/Choices/0/Next", "Work"),
        ("/States/Work/Next", "Done"),
        ("/States/Work/Catch/0/Next", "Failed"),
    ]
    doc.undo()
    assert same_data(doc.data, MACHINE)
    doc.redo()
    assert same_data(doc.data, want)


def test_move_state_out_of_map_processor():
    doc = make_doc()
    command = MoveStateToScope(PROCESSOR + "/States/M2", "")
    doc.execute(command)
    want = copy.deepcopy(MACHINE)
    processor = want["States"]["Loop"]["ItemProcessor"]
    want["States"]["M2"] = processor["States"].pop("M2")
    processor["States"]["M1"] = {"Type": "Pass", "End": True}
    assert same_data(doc.data, want)
    assert [r.pointer for r in command.cleared] == [PROCESSOR + "/States/M1/Next"]
    assert "M2" in {d.state for d in validate_definition(doc.data)}, "M2 is now unreachable"
    doc.undo()
    assert same_data(doc.data, MACHINE)


def test_moving_a_scope_start_clears_start_at():
    doc = make_doc()
    command = MoveStateToScope(BRANCH + "/States/B1", PROCESSOR)
    doc.execute(command)
    branch = doc.data["States"]["Fan"]["Branches"][0]
    assert "StartAt" not in branch
    assert doc.data["States"]["Loop"]["ItemProcessor"]["States"]["B1"] == {
        "Type": "Pass",
        "End": True,
    }
    assert {r.kind for r in command.cleared} == {"start", "next"}
    doc.undo()
    assert same_data(doc.data, MACHINE)


def test_move_into_an_empty_branch_makes_it_the_start():
    data = copy.deepcopy(MACHINE)
    data["States"]["Fan"]["Branches"].append({"States": {}})
    doc = EditableDocument.new(data)
    doc.execute(MoveStateToScope(BRANCH + "/States/B2", "/States/Fan/Branches/1"))
    assert doc.data["States"]["Fan"]["Branches"][1] == {
        "States": {"B2": {"Type": "Pass", "End": True}},
        "StartAt": "B2",
    }


@pytest.mark.parametrize(
    ("pointer", "target", "message"),
    [
        ("/States/Fan", BRANCH, "its own branches"),
        ("/States/Work", "", "already in that scope"),
        ("/States/Work", "/States/Work", "not the machine"),
        ("/States/Nope", BRANCH, "no state 'Nope'"),
    ],
)
def test_move_refusals(pointer: str, target: str, message: str):
    doc = make_doc()
    with pytest.raises(EditError, match=message):
        doc.execute(MoveStateToScope(pointer, target))
    assert same_data(doc.data, MACHINE)


def test_paste_renames_collisions_and_keeps_outside_references():
    doc = make_doc()
    command = PasteStates("", {"Start": {"Type": "Pass", "Next": "Check"}})
    doc.execute(command)
    assert command.names == {"Start": "Start (copy)"}
    assert doc.data["States"]["Start (copy)"] == {"Type": "Pass", "Next": "Check"}
    second = PasteStates("", {"Start": {"Type": "Pass", "Next": "Check"}})
    doc.execute(second)
    assert second.names == {"Start": "Start (copy 2)"}
    assert list(doc.data["States"])[-2:] == ["Start (copy)", "Start (copy 2)"]
    doc.undo()
    doc.undo()
    assert same_data(doc.data, MACHINE)


def test_paste_keeps_internal_references_consistent():
    doc = make_doc()
    copied = {"Work": copy.deepcopy(MACHINE["States"]["Work"]), "Done": {"Type": "Succeed"}}
    doc.execute(PasteStates("", copied))
    work = doc.data["States"]["Work (copy)"]
    assert work["Next"] == "Done (copy)"  # among the pasted states: follows the new name
    assert work["Catch"][0]["Next"] == "Failed"  # to a state that was not copied: kept
    assert copied["Work"]["Next"] == "Done", "the clipboard must not be changed"


def test_paste_renames_nested_states_of_a_container():
    doc = make_doc()
    command = PasteStates(PROCESSOR, {"Fan": copy.deepcopy(MACHINE["States"]["Fan"])})
    doc.execute(command)
    assert command.names == {"Fan": "Fan (copy)", "B1": "B1 (copy)", "B2": "B2 (copy)"}
    pasted = doc.data["States"]["Loop"]["ItemProcessor"]["States"]["Fan (copy)"]
    branch = pasted["Branches"][0]
    assert branch["StartAt"] == "B1 (copy)"
    assert list(branch["States"]) == ["B1 (copy)", "B2 (copy)"]
    assert branch["States"]["B1 (copy)"]["Next"] == "B2 (copy)"
    assert MACHINE["States"]["Fan"]["Branches"][0]["StartAt"] == "B1"


def test_paste_into_empty_scope_sets_start():
    data = copy.deepcopy(MACHINE)
    data["States"]["Fan"]["Branches"].append({"States": {}})
    doc = EditableDocument.new(data)
    doc.execute(
        PasteStates(
            "/States/Fan/Branches/1",
            {"X": {"Type": "Pass", "Next": "Y"}, "Y": {"Type": "Pass", "End": True}},
        )
    )
    assert doc.data["States"]["Fan"]["Branches"][1]["StartAt"] == "X"
    assert error_codes(doc.data) == []


def test_paste_refuses_non_states():
    doc = make_doc()
    with pytest.raises(EditError, match="only states"):
        doc.execute(PasteStates("", {"A": 1}))
    assert same_data(doc.data, MACHINE)
