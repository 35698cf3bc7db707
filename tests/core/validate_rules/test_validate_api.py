"""The validate_* API: positions, ordering, de-duplication, file problems, no false alarms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aslstudio.asl.parse import parse_text
from aslstudio.validate import (
    Severity,
    validate_definition,
    validate_document,
    validate_path,
    validate_text,
)

FN = "arn:aws:lambda:us-east-1:123456789012:function:work"


def codes(found: list[Any]) -> list[str]:
    """Codes of a diagnostics list, in order."""
    return [d.code for d in found]


def one_pass(**fields: Any) -> dict[str, Any]:
    """A one-state machine whose Pass state carries ``fields``."""
    return {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True, **fields}}}


def test_text_positions_point_at_the_reference() -> None:
    text = (
        '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Pass", "Next": "Bx"},\n'
        '    "B": {"Type": "Succeed"}\n  }\n}\n'
    )
    found = validate_text(text, "m.asl.json")
    dangling = next(d for d in found if d.code == "R201")
    assert (dangling.file, dangling.line) == ("m.asl.json", 4)
    assert dangling.col == text.splitlines()[3].index('"Next"') + 1
    assert 'Did you mean "B"?' in dangling.hint
    assert dangling.state == "A"


def test_syntax_error_is_one_f002_with_its_position() -> None:
    found = validate_text('{\n  "StartAt": "A",\n  "States": {\n', "bad.asl.json")
    assert codes(found) == ["F002"]
    assert found[0].line >= 3
    assert found[0].severity is Severity.ERROR


def test_yaml_text_is_validated_with_positions() -> None:
    text = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Nowhere\n"
    found = validate_text(text, "m.asl.yaml")
    assert codes(found) == ["R201"]
    assert found[0].line == 5


@pytest.mark.parametrize(
    "text",
    ["", "   ", "[]", "42", "null", '"x"', "{", '{"StartAt": 1, "States": []}', "\x00\x01", "{}"],
)
def test_junk_text_never_raises(text: str) -> None:
    found = validate_text(text)
    assert found
    assert any(d.severity is Severity.ERROR for d in found)


def test_deep_nesting_gives_a_diagnostic_not_a_crash() -> None:
    deep = "[" * 20000 + "]" * 20000
    text = (
        '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": ' + deep + ', "End": true}}}'
    )
    found = validate_text(text)
    assert found  # either refused by the parser or flagged by the schema; never a RecursionError


def test_deep_definition_data_never_raises() -> None:
    value: Any = "leaf"
    for _ in range(5000):
        value = {"a": value}
    found = validate_definition(one_pass(Result=value))
    assert all(d.code != "F004" for d in found)


def test_missing_file_and_directory_are_f001(tmp_path: Path) -> None:
    assert codes(validate_path(tmp_path / "nope.asl.json")) == ["F001"]
    assert codes(validate_path(tmp_path)) == ["F001"]


def test_duplicate_keys_warn_and_duplicate_state_names_are_errors() -> None:
    text = (
        '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "End": true},\n'
        '"A": {"Type": "Pass", "End": true}}}'
    )
    found = validate_document(parse_text(text, "d.asl.json"))
    dups = [d for d in found if d.code == "F003"]
    assert {d.severity for d in dups} == {Severity.WARNING, Severity.ERROR}
    state_dup = next(d for d in dups if d.severity is Severity.ERROR)
    assert (state_dup.state, state_dup.line) == ("A", 2)


def test_duplicate_field_names_the_innermost_state() -> None:
    # DESIGN.md: every validate message names file:line:col, the state and a rule code.
    text = (
        '{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [\n'
        '{"StartAt": "In", "States": {"In": {"Type": "Pass", "End": true, "End": true}}}]}},\n'
        '"Comment": "a", "Comment": "b"}'
    )
    found = validate_document(parse_text(text, "d.asl.json"))
    dups = {d.line: d for d in found if d.code == "F003"}
    assert (dups[2].state, dups[2].pointer) == ("In", "/States/P/Branches/0/States/In/End")
    assert dups[3].state is None  # a top-level field belongs to no state
    assert dups[2].to_text().startswith("d.asl.json:2:")
    assert " F003 [In] " in dups[2].to_text()


def test_sorted_by_position_and_deduplicated() -> None:
    text = json.dumps(
        {
            "StartAt": "A",
            "States": {
                "A": {"Type": "Pass", "Next": "X"},
                "B": {"Type": "Pass", "Next": "X"},
            },
        },
        indent=2,
    )
    found = validate_text(text)
    positions = [(d.line, d.col) for d in found]
    assert positions == sorted(positions)
    assert len({(d.code, d.pointer) for d in found}) == len(found)


def test_schema_error_hides_a_rule_finding_at_the_same_place() -> None:
    machine = {
        "StartAt": "C",
        "States": {
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.n", "NumericEquals": "3", "Next": "D"}],
                "Default": "D",
            },
            "D": {"Type": "Succeed"},
        },
    }
    found = validate_definition(machine)
    at_value = [d.code for d in found if d.pointer == "/States/C/Choices/0/NumericEquals"]
    assert len(at_value) == 1
    assert at_value[0].startswith("S")


def test_one_p701_per_distinct_placeholder() -> None:
    machine = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "${Fn}",
                "TimeoutSeconds": "${Timeout}",
                "Parameters": {"a": "${Fn}", "b": "x-${Stage}-${Fn}"},
                "End": True,
            }
        },
    }
    found = validate_definition(machine)
    notes = [d for d in found if d.code == "P701"]
    assert sorted(d.message.split(" ", 1)[0] for d in notes) == ["${Fn}", "${Stage}", "${Timeout}"]
    assert all(d.severity is Severity.INFO and d.state == "T" for d in notes)
    assert not [d for d in found if d.severity is not Severity.INFO]


NO_FALSE_ALARMS: list[tuple[str, dict[str, Any]]] = [
    ("jayway dot before index", one_pass(InputPath="$.Snapshots.[0].State")),
    ("jayway root index", one_pass(Parameters={"first.$": "$.[0]"})),
    ("jayway root filter", one_pass(Parameters={"x.$": "$.[?(@.OU > 0)]"})),
    ("ResultPath null", one_pass(ResultPath=None)),
    ("OutputPath null", one_pass(OutputPath=None)),
    (
        "context paths",
        one_pass(Parameters={"v.$": "$$.Map.Item.Value", "i.$": "$$.Execution.Input"}),
    ),
    ("execution input", one_pass(Parameters={"input.$": "$$.Execution.Input"})),
    ("arrays of .$ objects", one_pass(Parameters={"l": [{"a.$": "$.a"}, {"b.$": "$.b"}]})),
    ("variable reference", one_pass(Parameters={"v.$": "$myVar.field"})),
    (
        "integer BackoffRate",
        {
            "StartAt": "T",
            "States": {
                "T": {
                    "Type": "Task",
                    "Resource": FN,
                    "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 2}],
                    "End": True,
                }
            },
        },
    ),
    (
        "legacy Iterator with Parameters",
        {
            "StartAt": "M",
            "States": {
                "M": {
                    "Type": "Map",
                    "Parameters": {"item.$": "$$.Map.Item.Value"},
                    "Iterator": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": True}}},
                    "End": True,
                }
            },
        },
    ),
    (
        "placeholder standing for a number",
        {
            "StartAt": "W",
            "States": {"W": {"Type": "Wait", "Seconds": "${Delay}", "End": True}},
        },
    ),
]


@pytest.mark.parametrize(("label", "machine"), NO_FALSE_ALARMS, ids=[c[0] for c in NO_FALSE_ALARMS])
def test_no_false_alarms(label: str, machine: dict[str, Any]) -> None:
    found = validate_definition(machine)
    assert [d.to_text() for d in found if d.severity is not Severity.INFO] == [], label
