"""Palette templates: each entry gives a valid machine; names stay unique; Lambda as the console."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.asl.commands import AddState, PasteStates, SetField
from aslstudio.asl.editing import EditableDocument
from aslstudio.asl.templates import (
    LAMBDA_RETRY_ERRORS,
    MAX_NAME_LENGTH,
    PALETTE,
    fragment,
    new_machine,
    state_names,
    state_template,
    unique_name,
)
from aslstudio.validate.api import validate_definition
from aslstudio.validate.diagnostics import Severity


def problems(data: dict[str, Any]) -> list[str]:
    return [
        f"{d.code} {d.message}" for d in validate_definition(data) if d.severity is Severity.ERROR
    ]


def test_new_machine_is_valid_and_fresh():
    first = new_machine()
    assert problems(first) == []
    first["States"].clear()
    assert new_machine()["States"], "each call returns a new object"


@pytest.mark.parametrize("language", ["JSONPath", "JSONata"])
@pytest.mark.parametrize("kind", sorted(PALETTE))
def test_every_template_with_a_next_state_is_valid(kind: str, language: str):
    doc = EditableDocument.new({"QueryLanguage": language, **new_machine()})
    body = state_template(kind, doc.data, next_state="Pass")
    name = unique_name(doc.data, PALETTE[kind])
    doc.execute(AddState("", name, body))
    doc.execute(AddState("", "Go", {"Type": "Pass", "Next": name}))
    doc.execute(SetField("/StartAt", "Go"))
    assert problems(doc.data) == []


@pytest.mark.parametrize("kind", sorted(PALETTE))
def test_every_palette_fragment_alone_is_a_valid_machine(kind: str):
    doc = EditableDocument.new()
    states = fragment(kind, doc.data)
    assert next(iter(states)) == unique_name(doc.data, PALETTE[kind])
    command = PasteStates("", states)
    doc.execute(command)
    assert command.names == {name: name for name in command.names}, "no collisions to rename"
    doc.execute(SetField("/StartAt", next(iter(states))))
    assert problems(doc.data) == []


def test_lambda_template_matches_the_console_shape():
    body = state_template("lambda", new_machine())
    assert body["Resource"] == "arn:aws:states:::lambda:invoke"
    assert body["Parameters"]["Payload.$"] == "$"
    assert "FunctionName" in body["Parameters"]
    assert body["Retry"][0]["ErrorEquals"] == list(LAMBDA_RETRY_ERRORS)
    assert body["End"] is True


def test_choice_template_targets_next_state_in_rule_and_default():
    body = state_template("choice", new_machine(), next_state="Pass")
    assert body["Default"] == "Pass"
    assert [rule["Next"] for rule in body["Choices"]] == ["Pass"]


@pytest.mark.parametrize(
    ("taken", "base", "want"),
    [
        ([], "Wait", "Wait"),
        (["Wait"], "Wait", "Wait (1)"),
        (["Wait", "Wait (1)"], "Wait", "Wait (2)"),
        (["Inner"], "Inner", "Inner (1)"),  # a nested state's name counts too
        ([], "", "State"),
    ],
)
def test_unique_name(taken: list[str], base: str, want: str):
    definition = {
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "Inner", "States": {"Inner": {"Type": "Succeed"}}}],
                "End": True,
            }
        },
    }
    extra = [name for name in taken if name != "Inner"]
    assert unique_name(definition, base, extra) == want


def test_unique_name_stays_within_the_length_limit():
    long = "x" * 100
    first = unique_name({}, long)
    assert len(first) == MAX_NAME_LENGTH
    second = unique_name({"States": {first: {"Type": "Pass"}}}, long)
    assert second.endswith(" (1)")
    assert len(second) == MAX_NAME_LENGTH


def test_nested_template_names_avoid_existing_names():
    definition = {"StartAt": "Branch 1", "States": {"Branch 1": {"Type": "Succeed"}}}
    body = state_template("parallel", definition)
    assert body["Branches"][0]["StartAt"] == "Branch 1 (1)"
    assert state_names({"States": {"P": body}}) == {"P", "Branch 1 (1)"}


def test_unknown_palette_entry_is_refused():
    with pytest.raises(ValueError, match="unknown palette entry 'robot'"):
        state_template("robot", new_machine())
    with pytest.raises(ValueError, match="unknown palette entry"):
        fragment("robot", new_machine())
