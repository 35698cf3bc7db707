"""Every example machine parses, round-trips byte for byte, and its graph has no dangling links."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from aslstudio.asl.describe import describe_resource, describe_rule
from aslstudio.asl.graph import build_graph
from aslstudio.asl.parse import load_file
from aslstudio.asl.scopes import iter_states
from aslstudio.asl.serialize import dumps

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*/*.asl.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example(path: Path):
    doc = load_file(path)
    assert dumps(doc, copy.deepcopy(doc.data)) == doc.text
    assert doc.duplicate_keys == []
    graph = build_graph(doc.data)
    assert graph.graph["dangling"] == []
    states = list(iter_states(doc.data))
    assert graph.number_of_nodes() == len(states)
    for ref in states:
        assert doc.source_map.key(ref.pointer) is not None
        if ref.type == "Task":
            words = describe_resource(ref.body.get("Resource"), ref.body.get("Parameters"))
            assert not words.startswith("arn:"), words
        for rule in ref.body.get("Choices", []):
            assert describe_rule(rule) != "(unreadable rule)"


def test_the_large_example_has_its_94_states():
    path = next((p for p in EXAMPLES if p.stem.startswith("nutrition-validation")), None)
    if path is None:
        pytest.skip("example not present")
    assert build_graph(load_file(path).data).number_of_nodes() == 94
