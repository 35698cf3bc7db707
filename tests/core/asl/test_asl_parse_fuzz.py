"""Property tests: positions agree with the data; arbitrary text only ever gives ParseError."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aslstudio.asl.errors import ParseError
from aslstudio.asl.parse import parse_text
from aslstudio.asl.pointer import join

SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
)
KEYS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)
VALUES = st.recursive(
    SCALARS | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)
DOCS = st.dictionaries(KEYS, VALUES, max_size=5)


def _pointers(data: Any) -> list[tuple[str, bool, Any]]:
    """Every pointer in ``data``, whether it is an object member, and its value."""
    found: list[tuple[str, bool, Any]] = [("", False, data)]
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict | list):
            children = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in children:
                found.append((join(pointer, key), isinstance(value, dict), child))
                stack.append((join(pointer, key), child))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS, st.sampled_from([None, 1, 2, 4, "\t"]), st.booleans())
def test_every_value_and_key_has_a_position(data, indent, ascii_only):
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    doc = parse_text(text)
    assert doc.data == data
    lines = text.split("\n")
    decoder = json.JSONDecoder()
    for pointer, is_member, value in _pointers(data):
        value_pos = doc.source_map.value(pointer)
        assert value_pos is not None, pointer
        line = lines[value_pos.line - 1]
        if isinstance(value, dict | list):
            assert line[value_pos.col - 1] == ("{" if isinstance(value, dict) else "[")
        else:
            assert decoder.raw_decode(line, value_pos.col - 1)[0] == value
        if is_member:
            key_pos = doc.source_map.key(pointer)
            assert key_pos is not None
            name, _end = decoder.raw_decode(lines[key_pos.line - 1], key_pos.col - 1)
            assert join("", name) == pointer[pointer.rfind("/") :]
            assert (key_pos.line, key_pos.col) < (value_pos.line, value_pos.col)


JSONISH = st.text(alphabet="{}[]:,\"\\ \n\t-01.5eEtrufalsn'xé", max_size=40)


@settings(max_examples=300, deadline=None)
@given(JSONISH)
def test_arbitrary_json_text_gives_data_or_parse_error(text):
    try:
        doc = parse_text(text, "f.json")
    except ParseError as err:
        problem: ParseError | None = err
    else:
        problem = None
        assert doc.data == json.loads(text)
    if problem is not None:
        assert problem.line >= 1
        assert problem.col >= 1
        assert "\n" not in problem.message


YAMLISH = st.text(alphabet="{}[]:,-?#&*!|>'\"%@` \n\tabc01.", max_size=40)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_arbitrary_yaml_text_gives_data_or_parse_error(text):
    try:
        doc = parse_text(text, "f.yaml")
    except ParseError as err:
        problem: ParseError | None = err
    else:
        problem = None
        assert isinstance(doc.data, dict)
    if problem is not None:
        assert problem.line >= 1
        assert "\n" not in problem.message
