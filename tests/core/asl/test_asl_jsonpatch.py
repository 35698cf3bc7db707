"""Minimal-diff JSON saving: only edited parts of a hand-formatted file change."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aslstudio.asl._jsonpatch import patch_json, same_data, value_spans
from aslstudio.asl.parse import parse_text
from aslstudio.asl.serialize import dumps

HAND_WRITTEN = """{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Retry": [ { "ErrorEquals": ["States.ALL"], "MaxAttempts": 3 } ],
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}],
      "Next": "B"
    },
    "B": {"Type": "Pass", "End": true},
    "F": { "Type": "Fail" }
  }
}
"""


def _changed_lines(before: str, after: str) -> list[str]:
    old = before.splitlines()
    return [line for line in after.splitlines() if line not in old]


def _edit(change) -> tuple[str, dict[str, Any]]:
    doc = parse_text(HAND_WRITTEN)
    data = copy.deepcopy(doc.data)
    change(data)
    text = dumps(doc, data)
    assert same_data(json.loads(text), data)
    return text, data


def test_value_change_touches_one_line():
    text, _ = _edit(lambda d: d["States"]["A"]["Retry"][0]["ErrorEquals"].append("Custom"))
    assert _changed_lines(HAND_WRITTEN, text) == [
        '      "Retry": [ { "ErrorEquals": ["States.ALL", "Custom"], "MaxAttempts": 3 } ],'
    ]
    assert len(text.splitlines()) == len(HAND_WRITTEN.splitlines())


def test_added_and_removed_members_keep_neighbours():
    def change(data):
        del data["States"]["A"]["Resource"]
        data["States"]["A"]["Comment"] = "hello"
        data["States"]["B"]["Result"] = {"a": [1, 2]}

    text, _ = _edit(change)
    assert '"Resource"' not in text
    assert '      "Next": "B",\n      "Comment": "hello"\n    },' in text
    assert '"B": {"Type": "Pass", "End": true, "Result": {"a": [1, 2]}},' in text
    assert '"F": { "Type": "Fail" }' in text


def test_new_state_follows_its_siblings_style_and_last_member_removal():
    def change(data):
        data["States"]["C"] = {"Type": "Succeed"}
        del data["States"]["F"]

    text, _ = _edit(change)
    assert text.endswith(
        '    "B": {"Type": "Pass", "End": true},\n    "C": {"Type": "Succeed"}\n  }\n}\n'
    )


def test_new_first_member_and_reordered_object():
    def change(data):
        data["States"]["B"] = {"End": True, "Type": "Pass"}
        states = data.pop("States")
        start = data.pop("StartAt")
        data.update({"Comment": "first", "StartAt": start, "States": states})

    text, _ = _edit(change)
    assert text.startswith('{\n  "Comment": "first",\n  "StartAt": "A",\n')
    assert '"B": {"End": true, "Type": "Pass"},' in text


def test_crlf_and_tabs_are_kept_in_new_text():
    source = '{\r\n\t"a": {\r\n\t\t"x": 1\r\n\t}\r\n}\r\n'
    doc = parse_text(source)
    text = dumps(doc, {"a": {"x": 1, "y": {"z": [1]}}})
    expected = (
        '{\n\t"a": {\n\t\t"x": 1,\n\t\t"y": {\n\t\t\t"z": [\n\t\t\t\t1\n\t\t\t]\n\t\t}\n\t}\n}\n'
    )
    assert text == expected.replace("\n", "\r\n")


def test_value_spans():
    text = '{"a": [1, {"b": "x"}], "c": null}'
    spans = value_spans(text)
    assert text[spans["/a"].start : spans["/a"].end] == '[1, {"b": "x"}]'
    assert text[spans["/a/1/b"].start : spans["/a/1/b"].end] == '"x"'
    assert spans["/c"].key == text.index('"c"')
    assert (spans[""].start, spans[""].end) == (0, len(text))


# Property: for any document laid out with a random mix of inline and indented containers,
# and any sequence of edits, the patched text parses back to exactly the new data.
LEAF = st.none() | st.booleans() | st.integers(-5, 5) | st.text("abé~/", max_size=3)
TREE = st.recursive(
    LEAF,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text("abc~/", max_size=2), inner, max_size=3)
    ),
    max_leaves=12,
)


def _layout(value: Any, depth: int, inline_bits: list[bool]) -> str:
    inline = inline_bits[depth % len(inline_bits)]
    if not isinstance(value, dict | list) or not value or inline:
        return json.dumps(value, ensure_ascii=False)
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(k, ensure_ascii=False)}: {_layout(v, depth + 1, inline_bits)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [inner + _layout(v, depth + 1, inline_bits) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def _mutate(data: Any, choices: list[int], leaf: Any) -> Any:
    """Apply one edit picked by ``choices``: set, delete, add or move a member, or set an item."""
    node = data
    for pick in choices[:-1]:
        children = list(node.values()) if isinstance(node, dict) else node
        containers = [c for c in children if isinstance(c, dict | list) and c]
        if not containers:
            break
        node = containers[pick % len(containers)]
    action = choices[-1] % 4
    if isinstance(node, dict):
        keys = list(node)
        if action == 0 or not keys:
            node[f"n{len(keys)}"] = leaf
        elif action == 1:
            del node[keys[choices[0] % len(keys)]]
        elif action == 2:
            node[keys[choices[0] % len(keys)]] = leaf
        else:
            moved = keys[0]
            node[moved] = node.pop(moved)
    elif isinstance(node, list):
        if action == 0 or not node:
            node.append(leaf)
        elif action == 1:
            node.pop()
        else:
            node[choices[0] % len(node)] = leaf
    return data


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text("abc~/", max_size=2), TREE, min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=1, max_size=4),
    st.lists(st.lists(st.integers(0, 7), min_size=1, max_size=4), min_size=1, max_size=3),
    TREE,
)
def test_patch_round_trips(data, inline_bits, edits, leaf):
    inline_bits[0] = False  # the top level is laid out on several lines
    text = _layout(data, 0, inline_bits) + "\n"
    new = copy.deepcopy(data)
    for choices in edits:
        new = _mutate(new, choices, copy.deepcopy(leaf))
    patched = patch_json(text, data, new, 2, "\n")
    assert same_data(json.loads(patched), new)
