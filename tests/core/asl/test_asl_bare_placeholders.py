"""JSON templates with unquoted ``${Name}`` values: parsing, positions, saving, canonical form."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from aslstudio.asl import _jsonpos
from aslstudio.asl.commands import RenameState, SetField
from aslstudio.asl.editing import EditableDocument
from aslstudio.asl.errors import ParseError
from aslstudio.asl.parse import load_file, parse_text
from aslstudio.asl.placeholders import quote_bare_placeholders
from aslstudio.asl.serialize import canonical_text, dumps
from aslstudio.engine.definition import fill_bare, substitute

TEMPLATE = """{
  "Comment": "waits ${Secs} seconds",
  "StartAt": "W",
  "States": {
    "W": {
      "Type": "Wait",
      "Seconds": ${Secs},
      "Next": "P"
    },
    "P": {
      "Type": "Pass",
      "Result": [
        ${A},
        "${A}",
        ${B}
      ],
      "End": true
    }
  }
}
"""


def _offset(text: str, line: int, col: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + col - 1


def test_bare_values_read_as_strings_with_their_pointers() -> None:
    doc = parse_text(TEMPLATE, "t.asl.json")
    assert doc.data["States"]["W"]["Seconds"] == "${Secs}"
    assert doc.data["States"]["P"]["Result"] == ["${A}", "${A}", "${B}"]
    found = [(item.name, item.pointer) for item in doc.bare_placeholders]
    assert found == [
        ("${Secs}", "/States/W/Seconds"),
        ("${A}", "/States/P/Result/0"),
        ("${B}", "/States/P/Result/2"),
    ]
    for item in doc.bare_placeholders:  # each position points at the token in the original
        start = _offset(TEMPLATE, item.line, item.col)
        assert TEMPLATE[start : start + len(item.name)] == item.name


ONE_LINE = '{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": ${S}, "Next": "X"}, "X": {"Type": "Succeed"}}}'  # noqa: E501


@pytest.mark.parametrize("text", [TEMPLATE, ONE_LINE])
def test_every_position_is_one_of_the_original_text(text: str) -> None:
    doc = parse_text(text, "t.asl.json")
    quoted, _found = quote_bare_placeholders(text)
    reference = parse_text(quoted.replace("${", "$_{"), "q.asl.json")  # same shape, real JSON
    assert doc.source_map.values.keys() == reference.source_map.values.keys()
    for pointer, pos in doc.source_map.values.items():
        start = _offset(text, pos.line, pos.col)
        value = doc.data if not pointer else _at(doc.data, pointer)
        if isinstance(value, str) and value.startswith("${"):
            expected = text[start] in '"$'
        else:
            expected = text[start] == json.dumps(value)[0]
        assert expected, (pointer, pos)
    for pointer, pos in doc.source_map.keys.items():
        start = _offset(text, pos.line, pos.col)
        assert text[start] == '"', pointer


def _at(data: Any, pointer: str) -> Any:
    for part in pointer.split("/")[1:]:
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{\n  "StartAt": "A",\n  "States": {,}\n}\n', (3, 14)),  # other syntax error kept
        ('{\n  "Seconds": ${S},\n  "X": [1 2]\n}\n', (3, 11)),  # a real error after one
        ('{"A": ${S}, "X": [1 2]}', (1, 21)),  # on the same line: the column of the file
        ("{\n  ${Key}: 1\n}\n", (2, 3)),  # a placeholder as a member name is no value
        ("${Whole}\n", (1, 1)),  # the top level is not a value position inside an object
    ],
)
def test_other_syntax_errors_stay_as_they_are(text: str, where: tuple[int, int]) -> None:
    with pytest.raises(ParseError) as caught:
        parse_text(text, "t.asl.json")
    assert (caught.value.line, caught.value.col) == where
    quoted, _found = quote_bare_placeholders(text)
    with pytest.raises(json.JSONDecodeError) as raw:
        json.loads(quoted)
    plain = _jsonpos.decode_error(quoted, raw.value, "t.asl.json")  # the error without templates
    assert (caught.value.message, caught.value.line) == (plain.message, plain.line)


def test_placeholders_inside_strings_are_left_alone() -> None:
    quoted, found = quote_bare_placeholders('{"a": "x ${B} \\" ${C}", "b": ${D}}')
    assert [item.name for item in found] == ["${D}"]
    assert json.loads(quoted) == {"a": 'x ${B} " ${C}', "b": "${D}"}


def test_duplicate_key_positions_are_in_the_original_text() -> None:
    text = '{"StartAt": ${S}, "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}'
    doc = parse_text(text, "t.asl.json")
    (dup,) = doc.duplicate_keys
    assert (dup.first.col, dup.position.col) == (2, text.index('"StartAt"', 5) + 1)


def test_untouched_template_saves_byte_identical() -> None:
    doc = parse_text(TEMPLATE, "t.asl.json")
    assert dumps(doc, copy.deepcopy(doc.data)) == TEMPLATE
    assert canonical_text(doc) == TEMPLATE  # canonical already: fmt --check passes


def _edited(change: Any) -> str:
    doc = parse_text(TEMPLATE, "t.asl.json")
    data = copy.deepcopy(doc.data)
    change(data)
    text = dumps(doc, data)
    assert parse_text(text, "t.asl.json").data == data  # always reads back to the edit
    return text


def test_edit_elsewhere_keeps_bare_tokens_bare() -> None:
    text = _edited(lambda d: d["States"]["P"].update(Comment="new"))
    assert '"Seconds": ${Secs},' in text
    assert "        ${A},\n" in text
    assert '"${A}",' in text
    assert "        ${B}\n" in text
    assert text.replace('      "End": true,\n      "Comment": "new"', '      "End": true') == (
        TEMPLATE
    )


def test_edited_placeholder_value_takes_the_new_value() -> None:
    text = _edited(lambda d: d["States"]["W"].update(Seconds=5))
    assert '"Seconds": 5,' in text
    assert "        ${A},\n" in text


def test_renamed_state_keeps_its_bare_placeholder() -> None:
    def rename(data: Any) -> None:
        data["States"] = {("Wait" if k == "W" else k): v for k, v in data["States"].items()}
        data["StartAt"] = "Wait"

    text = _edited(rename)
    assert '"Seconds": ${Secs},' in text


def test_a_new_quoted_placeholder_stays_quoted() -> None:
    text = _edited(lambda d: d["States"]["P"].update(Comment="${A}"))
    assert '"Comment": "${A}"' in text
    assert "        ${A},\n" in text


def test_reformatted_template_keeps_bare_tokens_bare() -> None:
    doc = parse_text(ONE_LINE, "t.asl.json")
    canonical = canonical_text(doc)
    assert '"Seconds": ${S},' in canonical
    assert parse_text(canonical, "t.asl.json").data == doc.data


@pytest.mark.parametrize(
    ("table", "seconds", "result"),
    [
        ({"Secs": 30, "A": True, "B": None}, 30, [True, True, None]),
        ({"Secs": "30", "A": "true", "B": "[1]"}, 30, [True, "true", [1]]),  # bare: text pasted
        ({"Secs": "soon"}, "soon", ["${A}", "${A}", "${B}"]),  # not JSON text: kept a string
    ],
)
def test_bare_placeholders_fill_with_typed_values(
    table: dict[str, Any], seconds: Any, result: list[Any]
) -> None:
    doc = parse_text(TEMPLATE, "t.asl.json")
    bare = [(item.pointer, item.name) for item in doc.bare_placeholders]
    filled = substitute(fill_bare(doc.data, bare, table), table)
    assert filled["States"]["W"]["Seconds"] == seconds
    assert filled["States"]["P"]["Result"] == result
    assert doc.data["States"]["W"]["Seconds"] == "${Secs}"  # the parsed document is untouched


def test_designer_edits_save_and_reopen_a_template(tmp_path: Path) -> None:
    path = tmp_path / "t.asl.json"
    path.write_text(TEMPLATE)
    doc = EditableDocument(load_file(path), path)
    doc.execute(RenameState("/States/W", "Pause"))
    doc.execute(SetField("/States/P/Comment", "done"))
    doc.save()
    text = path.read_text()
    assert '"Seconds": ${Secs},' in text
    assert "        ${B}\n" in text
    assert load_file(path).data == doc.data
    assert [item.pointer for item in load_file(path).bare_placeholders] == [
        "/States/Pause/Seconds",
        "/States/P/Result/0",
        "/States/P/Result/2",
    ]
