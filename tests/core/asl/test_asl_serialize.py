"""Serializer: untouched files round-trip byte for byte; edits keep order, indentation, comments."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from aslstudio.asl.parse import load_file, parse_text
from aslstudio.asl.serialize import (
    canonical_json,
    canonical_text,
    detect_json_style,
    dumps,
    same_data,
    write_atomic,
)

JSON_VARIANTS = {
    "two_spaces": '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Succeed"}\n  }\n}\n',
    "four_spaces": '{\n    "StartAt": "A",\n    "States": {\n        "A": {\n'
    '            "Type": "Succeed"\n        }\n    }\n}\n',
    "tabs": '{\n\t"StartAt": "A",\n\t"States": {\n\t\t"A": {\n'
    '\t\t\t"Type": "Succeed"\n\t\t}\n\t}\n}\n',
    "crlf": '{\r\n  "StartAt": "A",\r\n  "States": {\r\n'
    '    "A": {"Type": "Succeed"}\r\n  }\r\n}\r\n',
    "no_final_newline": '{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Succeed"}}\n}',
    "one_line": '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}',
    "minified": '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}',
}


def _edit(data: dict[str, Any]) -> dict[str, Any]:
    edited = copy.deepcopy(data)
    edited["States"]["A"]["Comment"] = "déjà vu"
    edited["Comment"] = "added"
    return edited


@pytest.mark.parametrize("name", sorted(JSON_VARIANTS))
def test_untouched_json_round_trips_byte_for_byte(name: str, tmp_path: Path):
    path = tmp_path / f"{name}.asl.json"
    path.write_bytes(JSON_VARIANTS[name].encode())
    doc = load_file(path)
    text = dumps(doc, copy.deepcopy(doc.data))
    write_atomic(path, text)
    assert path.read_bytes() == JSON_VARIANTS[name].encode()


@pytest.mark.parametrize(
    ("name", "indent_line", "newline", "final"),
    [
        ("two_spaces", '\n  "Comment": "added"', "\n", True),
        ("four_spaces", '\n    "Comment": "added"', "\n", True),
        ("tabs", '\n\t"Comment": "added"', "\n", True),
        ("crlf", '\r\n  "Comment": "added"', "\r\n", True),
        ("no_final_newline", '\n  "Comment": "added"', "\n", False),
        ("one_line", ', "Comment": "added"}', "", False),
        ("minified", ',"Comment":"added"}', "", False),
    ],
)
def test_edited_json_keeps_style_and_order(name, indent_line, newline, final):
    doc = parse_text(JSON_VARIANTS[name])
    text = dumps(doc, _edit(doc.data))
    assert indent_line in text
    assert "déjà vu" in text  # ensure_ascii=False
    assert text.endswith("\n") is final
    if newline == "\n":
        assert "\r" not in text
    reparsed = json.loads(text)
    assert list(reparsed) == ["StartAt", "States", "Comment"]
    assert list(reparsed["States"]["A"]) == ["Type", "Comment"]


def test_bom_comes_back_only_on_request_of_the_original():
    doc = parse_text('\ufeff{"a": 1}')
    assert dumps(doc, {"a": 1}) == '\ufeff{"a": 1}'
    assert dumps(doc, {"a": 2}).startswith('\ufeff{"a": 2')


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ({"a": 1, "b": 2}, {"a": 1, "b": 2}, True),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, False),
        ({"a": 1}, {"a": 1.0}, False),
        ({"a": 1}, {"a": True}, False),
        ({"a": [1, {"b": None}]}, {"a": [1, {"b": None}]}, True),
        ({"a": [1, 2]}, {"a": [1]}, False),
        ({"a": "x"}, {"a": "y"}, False),
    ],
)
def test_same_data(left, right, same):
    assert same_data(left, right) is same


def test_key_reorder_counts_as_a_change():
    doc = parse_text('{"a": 1, "b": 2}')
    assert dumps(doc, {"b": 2, "a": 1}) == '{"b": 2, "a": 1}'


def test_detect_style():
    assert detect_json_style(JSON_VARIANTS["four_spaces"]).indent == 4
    assert detect_json_style(JSON_VARIANTS["tabs"]).indent == "\t"
    assert detect_json_style(JSON_VARIANTS["crlf"]).newline == "\r\n"
    assert detect_json_style(JSON_VARIANTS["minified"]).compact is True


def test_canonical_json():
    data = {"b": 1, "a": ["é", {}]}
    assert canonical_json(data) == '{\n  "b": 1,\n  "a": [\n    "é",\n    {}\n  ]\n}\n'


YAML_TEXT = """\
# Nutrition checks, owned by the data team
StartAt: Check   # entry point
States:
  Check:
    Type: Choice   # branch on the status
    Choices:
      - Variable: $.status
        StringEquals: FAILED   # the upstream flag
        Next: Fail
    Default: Done
  Done:
    Type: Succeed
  Fail:
    Type: Fail
    Error: Bad   # shown to operators
"""


def test_untouched_yaml_round_trips_byte_for_byte(tmp_path: Path):
    path = tmp_path / "m.asl.yaml"
    path.write_bytes(YAML_TEXT.encode())
    doc = load_file(path)
    write_atomic(path, dumps(doc, copy.deepcopy(doc.data)))
    assert path.read_bytes() == YAML_TEXT.encode()


def test_edited_yaml_keeps_comments_order_and_indent():
    doc = parse_text(YAML_TEXT, "m.asl.yaml")
    data = copy.deepcopy(doc.data)
    data["States"]["Check"]["Choices"][0]["StringEquals"] = "ERROR"
    data["States"]["Fail"]["Cause"] = "see logs"
    del data["States"]["Done"]
    data["States"]["Check"]["Default"] = "Fail"
    text = dumps(doc, data)
    for comment in (
        "# Nutrition checks, owned by the data team",
        "# entry point",
        "# branch on the status",
        "# the upstream flag",
        "# shown to operators",
    ):
        assert comment in text
    assert "      - Variable: $.status\n" in text  # the sequence indentation was kept
    assert "Done:" not in text
    assert parse_text(text, "again.yaml").data == data
    assert list(parse_text(text, "again.yaml").data["States"]["Fail"]) == ["Type", "Error", "Cause"]
    assert doc.data["States"]["Check"]["Default"] == "Done"  # the document itself is unchanged


def test_yaml_reorder_and_new_nested_values():
    doc = parse_text("a: 1  # one\nb:\n  - x\nc: {k: v}\n", "m.yaml")
    data = {"c": {"k": "v", "n": [1, {"z": True}]}, "a": 1, "b": ["x", "y"], "d": None}
    text = dumps(doc, data)
    assert "# one" in text
    reparsed = parse_text(text, "again.yaml").data
    assert reparsed == data
    assert list(reparsed) == ["c", "a", "b", "d"]


def test_yaml_crlf_kept_on_edit():
    doc = parse_text("a: 1\r\nb: 2\r\n", "m.yaml")
    assert dumps(doc, {"a": 1, "b": 3}) == "a: 1\r\nb: 3\r\n"


def test_canonical_yaml_is_stable():
    doc = parse_text("a:   1  # keep me\nlist:\n- x\n- y\nm:\n    k: v\n", "m.yaml")
    once = canonical_text(doc)
    assert once == "a: 1    # keep me\nlist:\n  - x\n  - y\nm:\n  k: v\n"
    assert canonical_text(parse_text(once, "m.yaml")) == once


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path):
    path = tmp_path / "m.asl.json"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, "new ✓\n")
    assert path.read_text(encoding="utf-8") == "new ✓\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["m.asl.json"]


def test_write_atomic_leaves_no_temp_file_on_failure(tmp_path: Path):
    target = tmp_path / "folder"
    target.mkdir()
    with pytest.raises(OSError):
        write_atomic(target, "x")  # cannot replace a directory by a file
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]


def test_write_atomic_writes_through_a_symlink(tmp_path: Path):
    real = tmp_path / "real.asl.json"
    real.write_text("old")
    link = tmp_path / "link.asl.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
