"""The editable document: undo stack, macros, dirty flag, observer events, saving text and files."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from aslstudio.asl.commands import AddState, RenameState, ReplaceDefinition, SetField
from aslstudio.asl.editing import DocumentEvent, EditableDocument, EditError
from aslstudio.asl.parse import parse_text
from aslstudio.asl.serialize import same_data

FOUR_SPACES = """{
    "Comment": "four spaces",
    "StartAt": "A",
    "States": {
        "A": {
            "Type": "Pass",
            "Next": "B"
        },
        "B": {
            "Type": "Succeed"
        }
    }
}
"""

YAML_TEXT = """# Machine header comment
Comment: yaml machine
StartAt: A
States:
  # the first state
  A:
    Type: Pass   # passes input through
    Next: B
  B:
    Type: Succeed
"""


def pass_state() -> dict[str, object]:
    return {"Type": "Pass", "End": True}


def recorder(doc: EditableDocument) -> list[DocumentEvent]:
    events: list[DocumentEvent] = []
    doc.subscribe(events.append)
    return events


def test_dirty_flag_follows_the_stack_and_saves(tmp_path: Path):
    path = tmp_path / "m.asl.json"
    path.write_text(FOUR_SPACES)
    doc = EditableDocument.from_file(path)
    seen = [doc.dirty]
    doc.execute(SetField("/Comment", "changed"))
    seen.append(doc.dirty)
    doc.undo()
    seen.append(doc.dirty)
    doc.redo()
    seen.append(doc.dirty)
    doc.save()
    seen.append(doc.dirty)
    assert doc.clean_index == 1
    doc.undo()
    seen.append(doc.dirty)
    doc.execute(SetField("/Comment", "other"))  # the saved state can no longer be reached
    seen.append(doc.clean_index is None)
    doc.undo()
    seen.append(doc.dirty)
    assert seen == [False, True, False, True, False, True, True, True]


def test_undo_redo_texts_and_limits():
    doc = EditableDocument.new()
    assert (doc.can_undo, doc.can_redo, doc.undo_text, doc.redo_text) == (False, False, "", "")
    assert doc.undo() is None
    doc.execute(AddState("", "Second", pass_state(), after="Pass"))
    assert (doc.can_undo, doc.undo_text) == (True, "Add state Second")
    doc.undo()
    assert (doc.can_redo, doc.redo_text) == (True, "Add state Second")
    assert doc.redo() is not None
    assert doc.redo() is None


def test_macro_is_one_undo_step_and_one_event():
    doc = EditableDocument.new()
    events = recorder(doc)
    doc.begin_macro("Add and rename")
    doc.execute(AddState("", "Second", pass_state()))
    doc.execute(RenameState("/States/Second", "Third"))
    assert events == [], "events wait for the end of the compound edit"
    doc.end_macro()
    assert len(events) == 1
    assert events[0].kind == "structure"
    assert doc.undo_text == "Add and rename"
    doc.undo()
    assert list(doc.data["States"]) == ["Pass"]
    assert not doc.can_undo
    doc.redo()
    assert list(doc.data["States"]) == ["Pass", "Third"]
    assert len(events) == 3


def test_nested_macros_and_refusals_while_open():
    doc = EditableDocument.new()
    with doc.macro("outer"):
        doc.execute(SetField("/Comment", "a"))
        with doc.macro("inner"):
            doc.execute(SetField("/Comment", "b"))
        with pytest.raises(EditError, match="while the compound edit"):
            doc.undo()
        assert not doc.can_undo
    assert doc.undo_text == "outer"
    doc.undo()
    assert doc.data["Comment"] == "A new state machine"
    with pytest.raises(EditError, match="no compound edit"):
        doc.end_macro()


def test_failing_macro_block_is_taken_back():
    doc = EditableDocument.new()
    original = copy.deepcopy(doc.data)

    def add_twice() -> None:
        with doc.macro("bad"):
            doc.execute(AddState("", "Second", pass_state()))
            doc.execute(AddState("", "Second", pass_state()))

    with pytest.raises(EditError, match="already exists"):
        add_twice()
    assert same_data(doc.data, original)
    assert not doc.can_undo
    doc.begin_macro("empty")
    assert doc.end_macro() is None
    assert not doc.can_undo


def test_observer_gets_one_event_per_change_and_can_unsubscribe():
    doc = EditableDocument.new()
    events = recorder(doc)
    doc.execute(RenameState("/States/Pass", "First"))
    doc.execute(SetField("/States/First/Comment", "hello"))
    doc.undo()
    doc.undo()
    doc.redo()
    assert [e.kind for e in events] == ["rename", "state", "state", "rename", "rename"]
    assert (events[0].old_name, events[0].new_name, events[0].pointer) == (
        "Pass",
        "First",
        "/States/First",
    )
    assert (events[3].old_name, events[3].new_name, events[3].pointer) == (
        "First",
        "Pass",
        "/States/Pass",
    )
    assert events[1].field == "/States/First/Comment"
    gone: list[DocumentEvent] = []
    unsubscribe = doc.subscribe(gone.append)
    unsubscribe()
    unsubscribe()  # a second call is harmless
    doc.undo()
    assert gone == []
    assert len(events) == 6


def test_refused_command_changes_nothing_and_sends_nothing():
    doc = EditableDocument.new()
    events = recorder(doc)
    before = doc.revision
    with pytest.raises(EditError):
        doc.execute(RenameState("/States/Pass", ""))
    assert (events, doc.revision, doc.can_undo) == ([], before, False)


def test_apply_and_revert_leave_the_stack_alone():
    doc = EditableDocument.new()
    events = recorder(doc)
    command = SetField("/Comment", "via adapter")
    doc.apply(command)
    assert doc.data["Comment"] == "via adapter"
    assert not doc.can_undo
    doc.revert(command)
    assert doc.data["Comment"] == "A new state machine"
    assert len(events) == 2


@pytest.mark.parametrize("example", sorted(Path("examples").glob("*/*.asl.json")), ids=str)
def test_untouched_example_saves_byte_identical(example: Path, tmp_path: Path):
    target = tmp_path / example.name
    shutil.copyfile(example, target)
    doc = EditableDocument.from_file(target)
    assert doc.save_text() == example.read_text(encoding="utf-8")
    doc.save()
    assert target.read_bytes() == example.read_bytes()


def test_edit_then_undo_saves_byte_identical(tmp_path: Path):
    path = tmp_path / "m.asl.json"
    path.write_text(FOUR_SPACES)
    doc = EditableDocument.from_file(path)
    doc.execute(RenameState("/States/A", "Start"))
    doc.undo()
    assert doc.save_text() == FOUR_SPACES


def test_edited_json_keeps_four_space_indent_and_key_order(tmp_path: Path):
    path = tmp_path / "m.asl.json"
    path.write_text(FOUR_SPACES)
    doc = EditableDocument.from_file(path)
    doc.execute(RenameState("/States/A", "Start"))
    doc.save()
    text = path.read_text()
    assert '\n    "StartAt": "Start",\n' in text
    assert '\n        "Start": {\n            "Type": "Pass",\n            "Next": "B"\n' in text
    assert list(json.loads(text)) == ["Comment", "StartAt", "States"]
    assert not doc.dirty


def test_yaml_comments_survive_an_edit_and_save(tmp_path: Path):
    path = tmp_path / "m.asl.yaml"
    path.write_text(YAML_TEXT)
    doc = EditableDocument.from_file(path)
    doc.execute(SetField("/States/B/Comment", "the end"))
    doc.save()
    text = path.read_text()
    for comment in ("# Machine header comment", "# the first state", "# passes input through"):
        assert comment in text
    assert parse_text(text, "x.yaml").data["States"]["B"] == {
        "Type": "Succeed",
        "Comment": "the end",
    }


def test_save_as_other_format_and_without_path(tmp_path: Path):
    doc = EditableDocument.new()
    with pytest.raises(EditError, match="choose where to save"):
        doc.save()
    doc.execute(SetField("/Comment", "to yaml"))
    target = doc.save(tmp_path / "out.asl.yaml")
    assert (doc.fmt, doc.path, doc.dirty) == ("yaml", target, False)
    assert parse_text(target.read_text(), str(target)).data == doc.data
    assert target.read_text().startswith("Comment: to yaml\n")


def test_new_document_text_is_canonical_json():
    doc = EditableDocument.new()
    assert json.loads(doc.save_text()) == doc.data
    assert doc.save_text().startswith('{\n  "Comment"')


def test_code_view_text_replaces_definition_and_is_saved_verbatim():
    doc = EditableDocument.from_text(YAML_TEXT, "m.asl.yaml")
    typed = YAML_TEXT.replace("Type: Succeed", "Type: Succeed  # done here")
    doc.execute(ReplaceDefinition(text=typed))
    assert doc.save_text() == typed
    assert doc.current_parsed().text == typed
    doc.undo()
    assert doc.save_text() == YAML_TEXT


def test_current_parsed_follows_edits_with_positions():
    doc = EditableDocument.from_text(FOUR_SPACES, "m.asl.json")
    assert doc.current_parsed().text == FOUR_SPACES
    doc.execute(AddState("", "Later", pass_state()))
    parsed = doc.current_parsed()
    assert parsed is doc.current_parsed(), "cached until the next change"
    position = parsed.source_map.key("/States/Later")
    assert position is not None
    assert parsed.text.splitlines()[position.line - 1].strip().startswith('"Later"')


def test_save_into_a_missing_folder_is_a_one_line_error(tmp_path: Path):
    doc = EditableDocument.new()
    with pytest.raises(EditError, match=r"cannot save: .*No such file"):
        doc.save(tmp_path / "missing" / "m.asl.json")
    assert doc.path is None
    assert not doc.dirty


def test_macro_on_one_state_merges_into_one_state_event():
    doc = EditableDocument.new()
    events = recorder(doc)
    with doc.macro("Describe Pass"):
        doc.execute(SetField("/States/Pass/Comment", "a"))
        doc.execute(SetField("/States/Pass/InputPath", "$.x"))
    assert events == [DocumentEvent("state", "/States/Pass", "Pass")]
    doc.undo()
    assert events[-1] == DocumentEvent("state", "/States/Pass", "Pass")


def test_abort_macro_takes_back_its_commands_without_events():
    doc = EditableDocument.new()
    original = copy.deepcopy(doc.data)
    events = recorder(doc)
    doc.begin_macro("try")
    doc.execute(AddState("", "Second", pass_state()))
    doc.execute(SetField("/Comment", "tried"))
    doc.abort_macro()
    assert same_data(doc.data, original)
    assert (events, doc.can_undo, doc.dirty) == ([], False, False)
    with pytest.raises(EditError, match="no compound edit"):
        doc.abort_macro()
