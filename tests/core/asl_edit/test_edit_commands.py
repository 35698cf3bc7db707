"""Each editing command: do gives the expected data, undo restores it exactly, redo repeats it."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from aslstudio.asl.commands import (
    DELETE,
    AddBranch,
    AddChoiceRule,
    AddState,
    Connect,
    DeleteState,
    EditCommand,
    MoveChoiceRule,
    MoveStateToScope,
    PasteStates,
    RemoveBranch,
    RemoveChoiceRule,
    RenameState,
    ReplaceDefinition,
    SetChoiceRule,
    SetField,
)
from aslstudio.asl.editing import EditableDocument, EditError
from aslstudio.asl.edittree import copy_states, references_to
from aslstudio.asl.serialize import same_data
from aslstudio.validate.api import validate_definition
from aslstudio.validate.diagnostics import Severity

RULE_1 = {"Variable": "$.x", "NumericEquals": 1, "Next": "Work"}
RULE_2 = {"Variable": "$.x", "NumericEquals": 2, "Next": "Fan"}

MACHINE: dict[str, Any] = {
    "Comment": "editing fixture",
    "StartAt": "Start",
    "States": {
        "Start": {"Type": "Pass", "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [RULE_1, RULE_2], "Default": "Done"},
        "Work": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "f", "Payload.$": "$"},
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
        "Failed": {"Type": "Fail", "Error": "Broken", "Cause": "it broke"},
    },
}
FAN_BRANCH = "/States/Fan/Branches/0"
PROCESSOR = "/States/Loop/ItemProcessor"


def make_doc(definition: dict[str, Any] | None = None) -> EditableDocument:
    return EditableDocument.new(copy.deepcopy(definition or MACHINE))


def expected(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(MACHINE)
    change(data)
    return data


def errors(data: dict[str, Any]) -> list[str]:
    found = validate_definition(data)
    return [d.code for d in found if d.severity is Severity.ERROR]


def check_round_trip(command: EditCommand, after: dict[str, Any]) -> EditableDocument:
    """do -> ``after`` exactly; undo -> the original exactly; redo -> ``after`` again."""
    doc = make_doc()
    doc.execute(command)
    assert same_data(doc.data, after), json.dumps(doc.data, indent=1)
    doc.undo()
    assert same_data(doc.data, MACHINE)
    assert doc.data == MACHINE
    assert list(doc.data["States"]) == list(MACHINE["States"])
    doc.redo()
    assert same_data(doc.data, after)
    return doc


def _rename_work(d: dict[str, Any]) -> None:
    states = d["States"]
    d["States"] = {("Do work" if k == "Work" else k): v for k, v in states.items()}
    d["States"]["Check"]["Choices"][0]["Next"] = "Do work"


def _rename_start(d: dict[str, Any]) -> None:
    d["StartAt"] = "Begin"
    d["States"] = {("Begin" if k == "Start" else k): v for k, v in d["States"].items()}


def _rename_done(d: dict[str, Any]) -> None:
    d["States"] = {("Finish" if k == "Done" else k): v for k, v in d["States"].items()}
    for name in ("Work", "Loop"):
        d["States"][name]["Next"] = "Finish"
    d["States"]["Check"]["Default"] = "Finish"


def _rename_failed(d: dict[str, Any]) -> None:
    d["States"] = {("Oops" if k == "Failed" else k): v for k, v in d["States"].items()}
    d["States"]["Work"]["Catch"][0]["Next"] = "Oops"


def _rename_b2(d: dict[str, Any]) -> None:
    branch = d["States"]["Fan"]["Branches"][0]
    branch["States"] = {("Second" if k == "B2" else k): v for k, v in branch["States"].items()}
    branch["States"]["B1"]["Next"] = "Second"


def _rename_m1(d: dict[str, Any]) -> None:
    proc = d["States"]["Loop"]["ItemProcessor"]
    proc["StartAt"] = "First item step"
    proc["States"] = {("First item step" if k == "M1" else k): v for k, v in proc["States"].items()}


RENAMES = [
    ("/States/Work", "Do work", _rename_work),  # a Choice rule's Next
    ("/States/Start", "Begin", _rename_start),  # StartAt
    ("/States/Done", "Finish", _rename_done),  # Next and Default
    ("/States/Failed", "Oops", _rename_failed),  # Catch Next
    (FAN_BRANCH + "/States/B2", "Second", _rename_b2),  # inside a Parallel branch
    (PROCESSOR + "/States/M1", "First item step", _rename_m1),  # Map processor StartAt
]


@pytest.mark.parametrize(("pointer", "new", "change"), RENAMES, ids=[r[1] for r in RENAMES])
def test_rename_follows_every_reference(pointer: str, new: str, change: Any):
    doc = check_round_trip(RenameState(pointer, new), expected(change))
    assert doc.undo_text.startswith("Rename state ")
    assert errors(doc.data) == []


@pytest.mark.parametrize(
    ("new", "message"),
    [("Done", "already exists"), ("B1", "already exists"), ("", "non-empty"), ("x" * 81, "80")],
)
def test_rename_refuses_bad_names(new: str, message: str):
    doc = make_doc()
    with pytest.raises(EditError, match=message):
        doc.execute(RenameState("/States/Work", new))
    assert same_data(doc.data, MACHINE)
    assert not doc.can_undo


def _add_after_work(d: dict[str, Any]) -> None:
    items = list(d["States"].items())
    items.insert(3, ("Wait a bit", {"Type": "Wait", "Seconds": 5, "End": True}))
    d["States"] = dict(items)


def test_add_state_keeps_insertion_position():
    body = {"Type": "Wait", "Seconds": 5, "End": True}
    check_round_trip(AddState("", "Wait a bit", body, after="Work"), expected(_add_after_work))


def test_add_state_into_empty_scope_becomes_start():
    doc = make_doc({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}})
    with pytest.raises(EditError, match="not a Parallel"):
        doc.execute(AddBranch("/States/A"))
    empty = {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": True, "Branches": []}}}
    doc = make_doc(empty)
    doc.execute(AddBranch("/States/P", {"States": {}}))
    doc.execute(AddState("/States/P/Branches/0", "Inner", {"Type": "Pass", "End": True}))
    assert doc.data["States"]["P"]["Branches"][0] == {
        "States": {"Inner": {"Type": "Pass", "End": True}},
        "StartAt": "Inner",
    }


@pytest.mark.parametrize(
    ("scope", "name", "after", "message"),
    [
        ("", "Done", None, "already exists"),
        ("", "New", "Nope", "no state 'Nope'"),
        ("/States/Work", "New", None, "not the machine"),
        ("/Nowhere", "New", None, "not the machine"),
    ],
)
def test_add_state_refusals(scope: str, name: str, after: str | None, message: str):
    doc = make_doc()
    with pytest.raises(EditError, match=message):
        doc.execute(AddState(scope, name, {"Type": "Pass", "End": True}, after=after))
    assert same_data(doc.data, MACHINE)


def _delete_start_reconnect(d: dict[str, Any]) -> None:
    del d["States"]["Start"]
    d["StartAt"] = "Check"


def _delete_work_reconnect(d: dict[str, Any]) -> None:
    del d["States"]["Work"]
    d["States"]["Check"]["Choices"][0]["Next"] = "Done"


def _delete_work_dangling(d: dict[str, Any]) -> None:
    del d["States"]["Work"]


def _delete_done_reconnect(d: dict[str, Any]) -> None:
    del d["States"]["Done"]
    for name in ("Work", "Loop"):
        del d["States"][name]["Next"]
    d["States"]["Work"]["End"] = True
    d["States"]["Loop"]["End"] = True
    # Work's Next sat after Catch: End takes its place at the end; Loop likewise.


def _delete_b1_reconnect(d: dict[str, Any]) -> None:
    branch = d["States"]["Fan"]["Branches"][0]
    del branch["States"]["B1"]
    branch["StartAt"] = "B2"


DELETES = [
    ("/States/Start", True, _delete_start_reconnect, []),
    ("/States/Work", True, _delete_work_reconnect, []),
    ("/States/Work", False, _delete_work_dangling, ["/States/Check/Choices/0/Next"]),
    ("/States/Done", True, _delete_done_reconnect, ["/States/Check/Default"]),
    (FAN_BRANCH + "/States/B1", True, _delete_b1_reconnect, []),
]


@pytest.mark.parametrize(("pointer", "reconnect", "change", "dangling"), DELETES)
def test_delete_state(pointer: str, reconnect: bool, change: Any, dangling: list[str]):
    command = DeleteState(pointer, reconnect=reconnect)
    check_round_trip(command, expected(change))
    assert [ref.pointer for ref in command.dangling] == dangling


def test_delete_without_reconnect_leaves_references_for_the_validator():
    doc = make_doc()
    doc.execute(DeleteState("/States/Check", reconnect=False))
    assert doc.data["States"]["Start"]["Next"] == "Check"
    assert errors(doc.data), "the dangling Next must be reported"


def test_delete_with_reconnect_keeps_machine_valid():
    doc = make_doc()
    for pointer in ("/States/Start", "/States/Loop", FAN_BRANCH + "/States/B1"):
        doc.execute(DeleteState(pointer, reconnect=True))
    assert errors(doc.data) == []
    assert doc.data["States"]["Fan"]["Next"] == "Done"


def _field(pointer_tokens: list[str | int], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        target: Any = d
        for token in pointer_tokens[:-1]:
            target = target[token]
        if value is DELETE:
            del target[pointer_tokens[-1]]
        else:
            target[pointer_tokens[-1]] = value

    return change


SET_FIELDS = [
    ("/States/Work/Resource", "arn:x", ["States", "Work", "Resource"]),  # replaced in place
    ("/States/Work/Comment", "new", ["States", "Work", "Comment"]),  # appended
    (
        "/States/Work/Parameters/FunctionName",
        DELETE,
        ["States", "Work", "Parameters", "FunctionName"],
    ),
    (
        "/States/Check/Choices/1/NumericEquals",
        3,
        ["States", "Check", "Choices", 1, "NumericEquals"],
    ),
    ("/Comment", DELETE, ["Comment"]),
]


@pytest.mark.parametrize(("pointer", "value", "tokens"), SET_FIELDS)
def test_set_field(pointer: str, value: Any, tokens: list[str | int]):
    check_round_trip(SetField(pointer, value), expected(_field(tokens, value)))


def test_set_field_keeps_key_position():
    doc = make_doc()
    doc.execute(SetField("/States/Work/Resource", "arn:other"))
    assert list(doc.data["States"]["Work"]) == list(MACHINE["States"]["Work"])


@pytest.mark.parametrize(
    ("pointer", "kind", "name"),
    [
        ("/States/Work/Parameters/FunctionName", "state", "Work"),
        (FAN_BRANCH + "/States/B1/Comment", "state", "B1"),
        ("/States/Work/Next", "structure", ""),
        ("/Comment", "structure", ""),
    ],
)
def test_set_field_event(pointer: str, kind: str, name: str):
    doc = make_doc()
    event = doc.execute(SetField(pointer, "x"))
    assert (event.kind, event.name) == (kind, name)


def test_set_field_refuses_missing_parent():
    doc = make_doc()
    with pytest.raises(EditError, match="nothing at /States/Nope"):
        doc.execute(SetField("/States/Nope/Comment", "x"))
    with pytest.raises(EditError, match="nothing at /Nope"):
        doc.execute(SetField("/Nope", DELETE))


def _connect_start_to_done(d: dict[str, Any]) -> None:
    d["States"]["Start"]["Next"] = "Done"


def _connect_b2_next(d: dict[str, Any]) -> None:
    branch = d["States"]["Fan"]["Branches"][0]
    branch["States"]["B2"] = {"Type": "Pass", "Next": "B1"}  # Next takes End's place


def _connect_choice(d: dict[str, Any]) -> None:
    rule = {"Variable": "$.field", "StringEquals": "", "Next": "Failed"}
    d["States"]["Check"]["Choices"].append(rule)


def _connect_default(d: dict[str, Any]) -> None:
    d["States"]["Check"]["Default"] = "Failed"


def _connect_catch(d: dict[str, Any]) -> None:
    d["States"]["Loop"]["Catch"] = [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]


def _connect_catch_append(d: dict[str, Any]) -> None:
    d["States"]["Work"]["Catch"].append({"ErrorEquals": ["States.ALL"], "Next": "Done"})


CONNECTS = [
    ("/States/Start", "Done", "next", _connect_start_to_done),
    (FAN_BRANCH + "/States/B2", "B1", "next", _connect_b2_next),
    ("/States/Check", "Failed", "choice", _connect_choice),
    ("/States/Check", "Failed", "default", _connect_default),
    ("/States/Loop", "Failed", "catch", _connect_catch),
    ("/States/Work", "Done", "catch", _connect_catch_append),
]


@pytest.mark.parametrize(("source", "target", "kind", "change"), CONNECTS)
def test_connect(source: str, target: str, kind: Any, change: Any):
    check_round_trip(Connect(source, target, kind), expected(change))


def test_connect_choice_in_jsonata_machine_writes_a_condition():
    data = copy.deepcopy(MACHINE) | {"QueryLanguage": "JSONata"}
    doc = make_doc(data)
    doc.execute(Connect("/States/Check", "Failed", "choice"))
    assert set(doc.data["States"]["Check"]["Choices"][-1]) == {"Condition", "Next"}


@pytest.mark.parametrize(
    ("source", "target", "kind", "message"),
    [
        ("/States/Check", "Done", "next", "has no Next"),
        ("/States/Done", "Start", "next", "ends the machine"),
        ("/States/Start", "Done", "choice", "only a Choice"),
        ("/States/Start", "Done", "default", "only a Choice"),
        ("/States/Start", "Done", "catch", "only Task, Parallel and Map"),
        ("/States/Start", "B1", "next", "same scope"),
        ("/States/Start", "Done", "sideways", "unknown connection kind"),
    ],
)
def test_connect_refusals(source: str, target: str, kind: Any, message: str):
    doc = make_doc()
    with pytest.raises(EditError, match=message):
        doc.execute(Connect(source, target, kind))
    assert same_data(doc.data, MACHINE)


NEW_RULE = {"Variable": "$.y", "IsPresent": True, "Next": "Done"}


def _rules(rules: list[Any]) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        d["States"]["Check"]["Choices"] = copy.deepcopy(rules)

    return change


RULE_EDITS = [
    (SetChoiceRule("/States/Check", 1, NEW_RULE), [RULE_1, NEW_RULE]),
    (AddChoiceRule("/States/Check", NEW_RULE), [RULE_1, RULE_2, NEW_RULE]),
    (AddChoiceRule("/States/Check", NEW_RULE, index=0), [NEW_RULE, RULE_1, RULE_2]),
    (RemoveChoiceRule("/States/Check", 0), [RULE_2]),
    (MoveChoiceRule("/States/Check", 0, 1), [RULE_2, RULE_1]),
    (MoveChoiceRule("/States/Check", 1, 0), [RULE_2, RULE_1]),
]


@pytest.mark.parametrize(("command", "rules"), RULE_EDITS, ids=lambda x: getattr(x, "text", ""))
def test_choice_rule_edits(command: EditCommand, rules: list[Any]):
    check_round_trip(command, expected(_rules(rules)))


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (SetChoiceRule("/States/Check", 5, NEW_RULE), "no rule 6"),
        (RemoveChoiceRule("/States/Work", 0), "not a Choice"),
        (MoveChoiceRule("/States/Check", 0, 2), "no rule 3"),
        (SetChoiceRule("/States/Check", 0, [1]), "must be an object"),  # type: ignore[arg-type]
    ],
)
def test_choice_rule_refusals(command: EditCommand, message: str):
    doc = make_doc()
    with pytest.raises(EditError, match=message):
        doc.execute(command)
    assert same_data(doc.data, MACHINE)


def test_replace_definition_is_one_step():
    new = {"StartAt": "Only", "States": {"Only": {"Type": "Succeed"}}}
    doc = check_round_trip(ReplaceDefinition(new), new)
    assert doc.undo_text == "Edit the definition as code"
    with pytest.raises(EditError, match="must be an object"):
        doc.execute(ReplaceDefinition([1]))  # type: ignore[arg-type]


def test_replace_definition_from_bad_text_says_where():
    doc = make_doc()
    with pytest.raises(EditError, match=r":2:\d+: "):
        doc.execute(ReplaceDefinition(text='{"StartAt": "A",\n "States": }'))
    assert same_data(doc.data, MACHINE)


def test_add_and_remove_branch():
    doc = make_doc()
    doc.execute(AddBranch("/States/Fan"))
    branches = doc.data["States"]["Fan"]["Branches"]
    assert len(branches) == 2
    assert branches[1] == {"StartAt": "Branch", "States": {"Branch": {"Type": "Pass", "End": True}}}
    assert errors(doc.data) == []
    doc.execute(RemoveBranch("/States/Fan", 0))
    assert doc.data["States"]["Fan"]["Branches"] == [
        {"StartAt": "Branch", "States": {"Branch": {"Type": "Pass", "End": True}}}
    ]
    assert "B1" not in json.dumps(doc.data)
    doc.undo()
    doc.undo()
    assert same_data(doc.data, MACHINE)
    with pytest.raises(EditError, match="no branch 3"):
        doc.execute(RemoveBranch("/States/Fan", 2))
    with pytest.raises(EditError, match="already has states named B1"):
        doc.execute(AddBranch("/States/Fan", {"StartAt": "B1", "States": {"B1": {"Type": "Pass"}}}))


@pytest.mark.parametrize(
    ("command", "text"),
    [
        (SetField("/States/Work/Parameters/FunctionName", "g"), "Set FunctionName of Work"),
        (SetField(FAN_BRANCH + "/States/B1/Next", DELETE), "Remove Next of B1"),
        (SetField("/Comment", "c"), "Set Comment"),
        (RenameState("/States/Work", "Job"), "Rename state Work to Job"),
        (DeleteState("/States/Work"), "Delete state Work"),
        (Connect("/States/Work", "Failed", "catch"), "Catch errors of Work in Failed"),
        (MoveChoiceRule("/States/Check", 0, 1), "Move rule 1 of Check"),
    ],
)
def test_undo_menu_texts(command: EditCommand, text: str):
    doc = make_doc()
    doc.execute(command)
    assert doc.undo_text == text


def test_commands_report_where_the_state_went():
    add = AddState(FAN_BRANCH, "B3", {"Type": "Pass", "End": True}, after="B2")
    move = MoveStateToScope("/States/Work", PROCESSOR)
    doc = make_doc()
    doc.execute(add)
    doc.execute(move)
    assert doc.get(add.pointer) == {"Type": "Pass", "End": True}
    assert doc.get(move.new_pointer)["Type"] == "Task"


def test_rename_to_a_name_with_pointer_characters():
    doc = make_doc()
    event = doc.execute(RenameState("/States/Work", "Work/step~1"))
    assert event.pointer == "/States/Work~1step~01"
    assert doc.get(event.pointer)["Type"] == "Task"
    assert doc.data["States"]["Check"]["Choices"][0]["Next"] == "Work/step~1"
    doc.execute(RenameState(event.pointer, "Work"))
    assert same_data(doc.data, MACHINE)


def test_move_refuses_a_name_clash_in_a_malformed_machine():
    data = copy.deepcopy(MACHINE)
    data["States"]["Fan"]["Branches"][0]["States"]["Work"] = {"Type": "Pass", "End": True}
    doc = make_doc(data)
    with pytest.raises(EditError, match="already has a state named 'Work'"):
        doc.execute(MoveStateToScope("/States/Work", FAN_BRANCH))
    assert same_data(doc.data, data)


@pytest.mark.parametrize(
    ("pointer", "want"),
    [
        ("/States/Done", ["/States/Check/Default", "/States/Work/Next", "/States/Loop/Next"]),
        ("/States/Start", ["/StartAt"]),
        (FAN_BRANCH + "/States/B2", [FAN_BRANCH + "/States/B1/Next"]),
        ("/States/Failed", ["/States/Work/Catch/0/Next"]),
        ("/States/Nowhere/States/X", []),
    ],
)
def test_references_to(pointer: str, want: list[str]):
    assert [ref.pointer for ref in references_to(MACHINE, pointer)] == want


def test_copy_states_for_the_clipboard_then_paste():
    copied = copy_states(MACHINE, ["/States/Work", FAN_BRANCH + "/States/B1", "/States/Nope"])
    assert list(copied) == ["Work", "B1"]
    assert copied["Work"] == MACHINE["States"]["Work"]
    assert copied["Work"] is not MACHINE["States"]["Work"]
    doc = make_doc()
    command = PasteStates("", copied)
    doc.execute(command)
    assert command.names == {"Work": "Work (copy)", "B1": "B1 (copy)"}


def test_add_rule_to_a_choice_without_choices_creates_the_list():
    data = copy.deepcopy(MACHINE)
    del data["States"]["Check"]["Choices"]
    doc = make_doc(data)
    doc.execute(AddChoiceRule("/States/Check", NEW_RULE))
    assert doc.data["States"]["Check"] == {
        "Type": "Choice",
        "Default": "Done",
        "Choices": [NEW_RULE],
    }
    doc.undo()
    assert same_data(doc.data, data)
