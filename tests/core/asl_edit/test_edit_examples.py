"""Edits on the 94-state nutrition example: references follow, saves stay small and valid."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from aslstudio.asl.commands import DeleteState, RenameState, SetChoiceRule
from aslstudio.asl.editing import EditableDocument
from aslstudio.asl.scopes import iter_states
from aslstudio.validate.api import validate_path
from aslstudio.validate.diagnostics import Severity

EXAMPLE = Path("examples/nutrition-validation/nutrition-validation.asl.json")
BRANCH_3 = "/States/Run Validation Rules/Branches/3/States"


@pytest.fixture
def copy_of_example(tmp_path: Path) -> Path:
    target = tmp_path / EXAMPLE.name
    shutil.copyfile(EXAMPLE, target)
    return target


def error_codes(path: Path) -> list[str]:
    return [d.code for d in validate_path(path) if d.severity is Severity.ERROR]


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line.startswith(("- ", "+ "))]


def test_rename_a_catch_target_used_fourteen_times(copy_of_example: Path):
    original = copy_of_example.read_text(encoding="utf-8")
    doc = EditableDocument.from_file(copy_of_example)
    doc.execute(RenameState("/States/Handle Processing Failure", "Handle Failure"))
    doc.save()
    saved = copy_of_example.read_text(encoding="utf-8")
    assert "Handle Processing Failure" not in saved
    assert saved.count('"Handle Failure"') == original.count('"Handle Processing Failure"')
    changes = changed_lines(original, saved)
    assert changes
    assert all("Handle Failure" in line or "Handle Processing Failure" in line for line in changes)
    assert error_codes(copy_of_example) == []


def test_analyst_changes_a_rule_saves_reopens_and_validates(copy_of_example: Path):
    original = copy_of_example.read_text(encoding="utf-8")
    choice = BRANCH_3 + "/Salt Above Category Limit?"
    rule = {"Variable": "$.saltCheck.declaredSaltGrams", "NumericGreaterThan": 2.5}
    rule["Next"] = "Salt Rule Failed"
    doc = EditableDocument.from_file(copy_of_example)
    doc.execute(SetChoiceRule(choice, 0, rule))
    doc.save()
    reopened = EditableDocument.from_file(copy_of_example)
    assert reopened.get(choice + "/Choices/0") == rule
    assert error_codes(copy_of_example) == []
    doc.undo()
    assert doc.dirty
    doc.save()
    assert copy_of_example.read_text(encoding="utf-8") == original


def test_delete_with_reconnect_keeps_the_example_valid(copy_of_example: Path):
    doc = EditableDocument.from_file(copy_of_example)
    before = sum(1 for _ in iter_states(doc.data))
    command = DeleteState(BRANCH_3 + "/Reconcile Salt And Sodium", reconnect=True)
    doc.execute(command)
    assert command.dangling == []
    doc.save()
    assert sum(1 for _ in iter_states(doc.data)) == before - 1
    assert error_codes(copy_of_example) == []


def test_deleting_a_choice_with_two_ways_out_reports_what_dangles(copy_of_example: Path):
    doc = EditableDocument.from_file(copy_of_example)
    command = DeleteState(BRANCH_3 + "/Salt Matches Sodium?", reconnect=True)
    doc.execute(command)
    assert [(ref.pointer, ref.kind) for ref in command.dangling] == [
        (BRANCH_3 + "/Reconcile Salt And Sodium/Next", "next")
    ]
    doc.save()
    assert error_codes(copy_of_example) != []
