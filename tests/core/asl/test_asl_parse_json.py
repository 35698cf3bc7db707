"""JSON parsing: data, positions of keys and values, duplicates, precise syntax errors."""

from __future__ import annotations

import json

import pytest

from aslstudio.asl.document import Position
from aslstudio.asl.errors import ParseError
from aslstudio.asl.parse import parse_text

TEXT = """{
  "Comment": "demo",
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Pass",
      "Result": [1, {"deep": [true, null]}],
      "Next": "B/C"
    },
    "B/C": {"Type": "Succeed"}
  }
}
"""


def test_data_and_key_order_match_json_loads():
    doc = parse_text(TEXT, "m.asl.json")
    assert doc.data == json.loads(TEXT)
    assert list(doc.data) == ["Comment", "StartAt", "States"]
    assert doc.fmt == "json"
    assert doc.filename == "m.asl.json"
    assert doc.duplicate_keys == []


@pytest.mark.parametrize(
    ("pointer", "key", "value"),
    [
        ("", None, (1, 1)),
        ("/Comment", (2, 3), (2, 14)),
        ("/States", (4, 3), (4, 13)),
        ("/States/A", (5, 5), (5, 10)),
        ("/States/A/Result", (7, 7), (7, 17)),
        ("/States/A/Result/0", None, (7, 18)),
        ("/States/A/Result/1", None, (7, 21)),
        ("/States/A/Result/1/deep", (7, 22), (7, 30)),
        ("/States/A/Result/1/deep/1", None, (7, 37)),
        ("/States/B~1C", (10, 5), (10, 12)),
        ("/States/B~1C/Type", (10, 13), (10, 21)),
    ],
)
def test_positions(pointer, key, value):
    doc = parse_text(TEXT)
    assert doc.source_map.value(pointer) == Position(*value)
    assert doc.source_map.key(pointer) == (Position(*key) if key else None)


def test_positions_point_at_the_text_they_name():
    doc = parse_text(TEXT)
    lines = TEXT.splitlines()
    for pointer, pos in doc.source_map.keys.items():
        name = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
        assert lines[pos.line - 1][pos.col - 1 :].startswith(json.dumps(name))


def test_escaped_keys_and_unicode_columns():
    text = '{"\\u00e9t\\u00e9": {"a~b": "ü"}, "x": 1}'
    doc = parse_text(text)
    assert doc.data == {"été": {"a~b": "ü"}, "x": 1}
    assert doc.source_map.key("/été/a~0b") == Position(1, text.index('"a~b"') + 1)
    assert doc.source_map.value("/x") == Position(1, text.index("1}") + 1)


def test_crlf_lines():
    doc = parse_text('{\r\n  "a": 1,\r\n  "b": [\r\n    2\r\n  ]\r\n}\r\n')
    assert doc.source_map.key("/b") == Position(3, 3)
    assert doc.source_map.value("/b/0") == Position(4, 5)


def test_duplicate_keys_keep_last_value_with_both_positions():
    text = '{\n  "A": {"x": [1, 2]},\n  "b": 2,\n  "A": {"y": 3}\n}'
    doc = parse_text(text)
    assert doc.data == {"A": {"y": 3}, "b": 2}
    [dup] = doc.duplicate_keys
    assert (dup.pointer, dup.key, dup.first, dup.position) == (
        "/A",
        "A",
        Position(2, 3),
        Position(4, 3),
    )
    assert doc.source_map.value("/A/y") == Position(4, 14)
    assert doc.source_map.value("/A/x") is None  # positions of the discarded value are gone


def test_duplicates_in_nested_objects_are_found_per_object():
    doc = parse_text('{"a": {"k": 1, "k": 2}, "b": {"k": 3}, "k": 4}')
    assert [d.pointer for d in doc.duplicate_keys] == ["/a/k"]


ERRORS = [
    ('{"a": 1,}', 1, 9, "trailing comma before '}'"),
    ('{"a": [1, 2,]}', 1, 13, "trailing comma before ']'"),
    ('{"a" 1}', 1, 6, "expected ':' after the member name"),
    ('{"a": 1\n "b": 2}', 2, 2, "expected ',' or '}' after an object member"),
    ('{"a": [1 2]}', 1, 10, "expected ',' or ']' after an array element"),
    ('{"a": "abc', 1, 7, "unterminated string"),
    ('{"a": "ab\ncd"}', 1, 10, "line break or control character inside a string"),
    ('{"a": "\\q"}', 1, 8, "invalid escape"),
    ("{'a': 1}", 1, 2, "double quotes"),
    ("{\"a\": 'x'}", 1, 7, "double quotes"),
    ('{"a": True}', 1, 7, "'True' is not a JSON value"),
    ('{"a": NaN}', 1, 7, "NaN is not allowed in JSON"),
    ('{"a": -Infinity}', 1, 7, "-Infinity is not allowed"),
    ('{"a": 1} {"b": 2}', 1, 10, "unexpected text after the end of the top-level value"),
    ('{\n  "a": {\n    "b": [1,', 3, 13, "the '[' at line 3, col 10 is never closed"),
    ('{"a": }', 1, 7, "expected a value"),
    (
        "[1, 2]",
        1,
        1,
        "the top level must be a JSON object (a state machine definition), not a list",
    ),
    ('"x"', 1, 1, "not a string"),
    ("42", 1, 1, "not a number"),
    ("null", 1, 1, "not null"),
    ("   \n  ", 1, 1, "the file is empty"),
]


@pytest.mark.parametrize(("text", "line", "col", "message"), ERRORS)
def test_syntax_errors_are_precise(text, line, col, message):
    with pytest.raises(ParseError) as info:
        parse_text(text, "bad.asl.json")
    err = info.value
    assert message in err.message
    assert (err.filename, err.line, err.col) == ("bad.asl.json", line, col)
    assert str(err).startswith(f"bad.asl.json:{line}:{col}: ")
    assert "\n" not in str(err)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 20000 + "]" * 20000,
        '{"a":' * 20000 + "1" + "}" * 20000,
        '{"a": ' + "[" * 20000,
    ],
)
def test_twenty_thousand_levels_give_a_parse_error_not_a_crash(text):
    with pytest.raises(ParseError) as info:
        parse_text(text, "deep.asl.json")
    assert "nested more than 512 levels deep" in info.value.message or "never closed" in str(
        info.value
    )


def test_nesting_within_the_limit_is_accepted():
    depth = 400
    doc = parse_text('{"a":' + "[" * depth + "]" * depth + "}")
    assert doc.source_map.value("/a" + "/0" * (depth - 1)) is not None


def test_bom_is_stripped_and_remembered():
    doc = parse_text('\ufeff{"a": 1}')
    assert doc.bom is True
    assert doc.text == '{"a": 1}'
    assert doc.source_map.key("/a") == Position(1, 2)


def test_duplicate_of_a_scalar_keeps_sibling_positions():
    doc = parse_text('{"a": 1, "ab": {"x": 2}, "a": 3}')
    assert doc.source_map.value("/ab/x") is not None
    assert doc.source_map.value("/a") == Position(1, 31)
