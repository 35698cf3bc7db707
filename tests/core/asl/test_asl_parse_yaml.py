"""YAML parsing: plain data, positions, duplicates, safe loading and precise errors."""

from __future__ import annotations

import pytest

from aslstudio.asl.document import Position
from aslstudio.asl.errors import ParseError
from aslstudio.asl.parse import parse_text

TEXT = """\
# An example machine
Comment: demo   # trailing comment
StartAt: A
States:
  A:
    Type: Pass
    Result:
      - 1
      - {deep: [true, null]}
    Next: B
  B:
    Type: Wait
    Timestamp: 2024-01-01T00:00:00Z
    Seconds: 1.5
    End: true
"""


def test_plain_data_types_and_order():
    doc = parse_text(TEXT, "m.asl.yaml")
    assert doc.fmt == "yaml"
    assert doc.data == {
        "Comment": "demo",
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Result": [1, {"deep": [True, None]}], "Next": "B"},
            "B": {
                "Type": "Wait",
                "Timestamp": "2024-01-01T00:00:00Z",
                "Seconds": 1.5,
                "End": True,
            },
        },
    }
    assert list(doc.data["States"]["B"]) == ["Type", "Timestamp", "Seconds", "End"]
    # exact builtin types, not ruamel subclasses
    stack = [doc.data]
    while stack:
        item = stack.pop()
        assert type(item) in (dict, list, str, int, float, bool, type(None))
        if isinstance(item, dict):
            assert all(type(k) is str for k in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    assert doc.yaml_tree is not None


@pytest.mark.parametrize(
    ("pointer", "key", "value"),
    [
        ("/Comment", (2, 1), (2, 10)),
        ("/StartAt", (3, 1), (3, 10)),
        ("/States/A", (5, 3), None),
        ("/States/A/Type", (6, 5), (6, 11)),
        ("/States/A/Result/0", None, (8, 9)),
        ("/States/A/Result/1", None, (9, 9)),
        ("/States/A/Result/1/deep", (9, 10), (9, 16)),
        ("/States/B/End", (15, 5), (15, 10)),
    ],
)
def test_positions(pointer, key, value):
    doc = parse_text(TEXT, "m.asl.yaml")
    assert doc.source_map.key(pointer) == (Position(*key) if key else None)
    if value is not None:
        assert doc.source_map.value(pointer) == Position(*value)
    assert doc.source_map.locate(pointer) != Position(1, 1)


def test_duplicate_keys_are_reported_and_the_last_one_wins():
    text = "StartAt: A\nStates:\n  A:\n    Type: Pass\n  B: {Type: Succeed}\n  A: {Type: Fail}\n"
    doc = parse_text(text, "d.asl.yaml")
    assert doc.data["States"] == {"B": {"Type": "Succeed"}, "A": {"Type": "Fail"}}
    [dup] = doc.duplicate_keys
    assert (dup.pointer, dup.key, dup.first, dup.position) == (
        "/States/A",
        "A",
        Position(3, 3),
        Position(6, 3),
    )


def test_fmt_argument_overrides_the_suffix():
    assert parse_text("a: 1\n", "x.json", fmt="yaml").data == {"a": 1}
    assert parse_text('{"a": 1}', "x.yaml", fmt="json").fmt == "json"
    assert parse_text("{a: 1}\n", "X.YML").data == {"a": 1}


def test_python_tags_never_build_objects():
    doc = parse_text("a: !!python/object/apply:os.system [echo hi]\nb: !Ref Thing\n", "t.yaml")
    assert doc.data["b"] == "Thing"
    assert not callable(doc.data["a"])


ERRORS = [
    ("a: [1, 2\n", 2, 1, "expected ',' or ']'"),
    ("a: b: c\n", 1, 5, "mapping values are not allowed here"),
    ("a: 1\n---\nb: 2\n", 2, 1, "expected a single document"),
    ("- 1\n- 2\n", 1, 1, "the top level must be a YAML mapping"),
    ("just text\n", 1, 1, "not a string"),
    ("a: 'unterminated\n", 2, 1, "quoted scalar"),
    ("# only a comment\n", 1, 1, "not empty"),
    ("a:\n\tb: 1\n", 2, 1, "a tab cannot indent YAML; use spaces"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, "bad indentation"),
]


@pytest.mark.parametrize(("text", "line", "col", "message"), ERRORS)
def test_errors_are_precise(text, line, col, message):
    with pytest.raises(ParseError) as info:
        parse_text(text, "bad.asl.yaml")
    err = info.value
    assert message in err.message
    assert (err.line, err.col) == (line, col)
    assert "\n" not in str(err)


def test_deep_yaml_is_a_parse_error():
    with pytest.raises(ParseError, match="nested more than"):
        parse_text("a: " + "[" * 20000 + "]" * 20000 + "\n", "deep.yaml")


def test_alias_bomb_is_refused():
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(ParseError, match="too much data"):
        parse_text("\n".join(lines) + "\n", "bomb.yaml")


def test_yaml_specials_become_plain_json_values():
    text = "a: &t true\nb: *t\nc: 1.50\nd: !!set {x, y}\n1: z\ng: 2024-01-01\n"
    doc = parse_text(text, "x.yaml")
    assert doc.data == {
        "a": True,
        "b": True,
        "c": 1.5,
        "d": ["x", "y"],
        "1": "z",
        "g": "2024-01-01",
    }
    assert type(doc.data["b"]) is bool
