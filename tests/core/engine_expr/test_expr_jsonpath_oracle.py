"""Our JSONPath evaluator agrees with jsonpath-ng on the dialect both understand.

jsonpath-ng cannot read AWS's Jayway forms (``$.a.[0]``, Jayway filter semantics), so the
engine has its own parser; jsonpath-ng stays as an independent oracle for the common core.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonpath_ng.parser import parse as oracle_parse

from aslstudio.engine.paths import PathNotFound, compile_path

KEYS = st.sampled_from(["a", "b", "c"])
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text("xyz", max_size=3))
DOCS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=12,
)
DEFINITE_STEPS = st.one_of(KEYS.map(lambda k: f".{k}"), st.integers(0, 2).map(lambda i: f"[{i}]"))
WILD_STEPS = st.sampled_from(["[*]", ".*"])


def _canon(values: list[Any]) -> list[str]:
    return sorted(json.dumps(v, sort_keys=True) for v in values)


@settings(max_examples=300, deadline=None)
@given(doc=DOCS, steps=st.lists(DEFINITE_STEPS, min_size=1, max_size=4))
def test_definite_paths_agree(doc: Any, steps: list[str]) -> None:
    text = "$" + "".join(steps)
    expected = [m.value for m in oracle_parse(text).find(doc)]
    try:
        ours = compile_path(text).find(doc)
    except PathNotFound:
        assert expected == []
    else:
        assert expected == [ours]


@settings(max_examples=300, deadline=None)
@given(
    doc=DOCS,
    head=st.lists(DEFINITE_STEPS, max_size=2),
    wild=WILD_STEPS,
    tail=st.lists(KEYS.map(lambda k: f".{k}"), max_size=1),
)
def test_wildcard_paths_agree(doc: Any, head: list[str], wild: str, tail: list[str]) -> None:
    text = "$" + "".join(head) + wild + "".join(tail)
    expected = [m.value for m in oracle_parse(text).find(doc)]
    ours = compile_path(text).find(doc)
    assert isinstance(ours, list)
    assert _canon(ours) == _canon(expected)
