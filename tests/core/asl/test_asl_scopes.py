"""Scopes and state iteration over nested and malformed definitions."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.asl.scopes import iter_scopes, iter_states

NESTED: dict[str, Any] = {
    "StartAt": "P",
    "States": {
        "P": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}},
                {
                    "StartAt": "M",
                    "States": {
                        "M": {
                            "Type": "Map",
                            "ItemProcessor": {
                                "StartAt": "X",
                                "States": {"X": {"Type": "Succeed"}},
                            },
                            "End": True,
                        }
                    },
                },
            ],
            "Next": "L",
        },
        "L": {
            "Type": "Map",
            "Iterator": {"StartAt": "Y", "States": {"Y": {"Type": "Pass", "End": True}}},
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
    },
}


def test_states_in_document_order_depth_first():
    got = [(s.name, s.pointer, s.scope, s.parent) for s in iter_states(NESTED)]
    assert got == [
        ("P", "/States/P", "", None),
        ("A", "/States/P/Branches/0/States/A", "/States/P/Branches/0", "/States/P"),
        ("M", "/States/P/Branches/1/States/M", "/States/P/Branches/1", "/States/P"),
        (
            "X",
            "/States/P/Branches/1/States/M/ItemProcessor/States/X",
            "/States/P/Branches/1/States/M/ItemProcessor",
            "/States/P/Branches/1/States/M",
        ),
        ("L", "/States/L", "", None),
        ("Y", "/States/L/Iterator/States/Y", "/States/L/Iterator", "/States/L"),
        ("Done", "/States/Done", "", None),
    ]


def test_scopes_pre_order_with_kinds_and_indexes():
    got = [(s.pointer, s.kind, s.index, s.parent, s.start_at) for s in iter_scopes(NESTED)]
    assert got == [
        ("", "machine", 0, None, "P"),
        ("/States/P/Branches/0", "branch", 0, "/States/P", "A"),
        ("/States/P/Branches/1", "branch", 1, "/States/P", "M"),
        (
            "/States/P/Branches/1/States/M/ItemProcessor",
            "processor",
            0,
            "/States/P/Branches/1/States/M",
            "X",
        ),
        ("/States/L/Iterator", "processor", 0, "/States/L", "Y"),
    ]
    machine = next(iter_scopes(NESTED))
    assert list(machine.states) == ["P", "L", "Done"]
    assert machine.states["Done"] == "/States/Done"


def test_pointer_escapes_names_and_type_falls_back_to_empty():
    definition = {"StartAt": "a/b", "States": {"a/b": {"Type": 3}, "c~d": {"End": True}}}
    refs = list(iter_states(definition))
    assert [(r.pointer, r.type) for r in refs] == [("/States/a~1b", ""), ("/States/c~0d", "")]


@pytest.mark.parametrize(
    "definition",
    [
        {},
        {"States": []},
        {"States": "nope", "StartAt": 5},
        {"States": {"A": "not an object", "B": None}},
        {"States": {"P": {"Type": "Parallel", "Branches": "x"}}},
        {"States": {"P": {"Type": "Parallel", "Branches": [1, None, {"States": 7}]}}},
        {"States": {"M": {"Type": "Map", "ItemProcessor": []}}},
        [],
        "text",
    ],
)
def test_malformed_input_never_raises(definition: Any):
    states = list(iter_states(definition))
    scopes = list(iter_scopes(definition))
    assert all(s.type == "" or isinstance(s.type, str) for s in states)
    assert len(scopes) <= 3


def test_malformed_parts_are_skipped_but_readable_parts_kept():
    definition = {
        "StartAt": 5,
        "States": {
            "Bad": "x",
            "P": {"Type": "Parallel", "Branches": [1, {"StartAt": "In", "States": {"In": {}}}]},
        },
    }
    scopes = list(iter_scopes(definition))
    assert [s.pointer for s in scopes] == ["", "/States/P/Branches/1"]
    assert scopes[0].start_at is None
    assert scopes[1].index == 1
    assert [s.name for s in iter_states(definition)] == ["P", "In"]


def test_deep_nesting_does_not_hit_recursion_limit():
    inner: dict[str, Any] = {"StartAt": "Leaf", "States": {"Leaf": {"Type": "Succeed"}}}
    for _ in range(3000):
        inner = {
            "StartAt": "P",
            "States": {"P": {"Type": "Parallel", "Branches": [inner], "End": True}},
        }
    states = list(iter_states(inner))
    assert len(states) == 3001
    assert states[-1].name == "Leaf"
    assert states[-1].pointer.count("/Branches/0") == 3000


def test_refs_and_scopes_are_hashable_and_compare_by_value():
    refs = list(iter_states(NESTED))
    scopes = list(iter_scopes(NESTED))
    assert len(set(refs)) == len(refs)
    assert len({s: s.kind for s in scopes}) == len(scopes)
    assert list(iter_states(NESTED)) == refs
