"""A ``\\ud800`` escape with no other half is refused on reading, at its line:col."""

from __future__ import annotations

import pytest

from aslstudio.asl.errors import ParseError
from aslstudio.asl.parse import parse_text

REFUSED = [
    # (file name, text, line, col)
    ("a.asl.json", '{"Comment": "\\ud800", "StartAt": "A"}', 1, 13),
    ("b.asl.json", '{\n  "\\udc00x": 1,\n  "StartAt": "A"\n}', 2, 3),
    ("c.asl.json", '{"C": ["ok", "\\ud83d"]}', 1, 14),
    ("d.asl.yaml", 'StartAt: A\nComment: "x \\ud800"\n', 2, 10),
]


@pytest.mark.parametrize(("name", "text", "line", "col"), REFUSED)
def test_unpaired_surrogate_is_a_parse_error_at_the_string(name, text, line, col):
    with pytest.raises(ParseError) as info:
        parse_text(text, name)
    assert (info.value.line, info.value.col) == (line, col)
    assert "surrogate pair" in info.value.message


@pytest.mark.parametrize(
    "text",
    [
        '{"C": "\\ud83d\\ude00"}',  # a whole pair is one character
        '{"C": "\\\\ud800"}',  # an escaped backslash, then plain letters
        '{"C": "\\u00e9"}',
    ],
)
def test_whole_characters_and_escaped_backslashes_are_fine(text):
    doc = parse_text(text, "ok.asl.json")
    assert doc.data["C"].encode("utf-8")
