"""Property tests: ResultPath/find round-trip, StringMatches vs a reference, literal escapes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from aslstudio.engine.choice import string_matches
from aslstudio.engine.intrinsics import escape_string, evaluate_intrinsic, parse_intrinsic
from aslstudio.engine.paths import compile_path, set_result_path

names = st.text(alphabet="abcXYZ_ -1", min_size=1, max_size=6)
json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(names, inner, max_size=3),
    max_leaves=8,
)


def _path_text(keys: list[str]) -> str:
    return "$" + "".join("['" + key.replace("'", "\\'") + "']" for key in keys)


@settings(max_examples=150, deadline=None)
@given(
    base=st.dictionaries(names, json_values, max_size=4),
    keys=st.lists(names, min_size=1, max_size=4),
    value=json_values,
)
def test_result_path_then_find_returns_the_value(base, keys, value):
    # Only paths whose prefixes are objects (or absent) can be set.
    node = base
    for key in keys[:-1]:
        if not isinstance(node, dict):
            return
        node = node.get(key, {})
    if not isinstance(node, dict):
        return
    path = _path_text(keys)
    updated = set_result_path(base, path, value)
    assert compile_path(path).find(updated) == value
    dotted = "$." + ".".join(keys)
    if all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k) for k in keys):
        assert compile_path(dotted).find(updated) == value


def _reference_match(text: str, pattern: str) -> bool:
    """Obviously-correct (exponential in the worst case) matcher used as the oracle."""
    tokens: list[str | None] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            tokens.append(pattern[i + 1])
            i += 2
        else:
            tokens.append(None if pattern[i] == "*" else pattern[i])
            i += 1

    def match(ti: int, pi: int) -> bool:
        if pi == len(tokens):
            return ti == len(text)
        token = tokens[pi]
        if token is None:
            return any(match(k, pi + 1) for k in range(ti, len(text) + 1))
        return ti < len(text) and text[ti] == token and match(ti + 1, pi + 1)

    return match(0, 0)


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab*\\", max_size=8), pattern=st.text(alphabet="ab*\\", max_size=6))
def test_string_matches_agrees_with_reference(text, pattern):
    assert string_matches(text, pattern) == _reference_match(text, pattern)


def test_string_matches_has_no_backtracking_blowup():
    pattern = "*a" * 30 + "*b"
    text = "a" * 20_000
    assert string_matches(text, pattern) is False
    assert string_matches(text + "b", pattern) is True


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=20))
def test_string_literal_escaping_round_trips(value):
    text = f"States.Array({escape_string(value)})"
    assert evaluate_intrinsic(text, {}) == [value]
    call = parse_intrinsic(f"States.Format({escape_string(value)})")
    assert evaluate_intrinsic(call, {}) == value  # escaped braces are never placeholders
