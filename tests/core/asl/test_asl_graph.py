"""The state graph: nodes, typed edges with links, dangling references, helpers."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.asl.graph import build_graph, catch_label, name_index, scope_subgraph

MACHINE: dict[str, Any] = {
    "StartAt": "Check",
    "States": {
        "Check": {
            "Type": "Choice",
            "Choices": [
                {"Variable": "$.status", "StringEquals": "FAILED", "Next": "Fail"},
                {"Variable": "$.ok", "BooleanEquals": True, "Next": "Work"},
                {"Variable": "$.retry", "IsPresent": True, "Next": "Fail"},
            ],
            "Default": "Work",
        },
        "Work": {
            "Type": "Parallel",
            "Branches": [
                {
                    "StartAt": "A",
                    "States": {
                        "A": {"Type": "Pass", "Next": "B"},
                        "B": {"Type": "Pass", "End": True},
                    },
                },
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "x", "End": True}}},
            ],
            "Catch": [
                {"ErrorEquals": ["States.Timeout", "Custom"], "Next": "Fail"},
                {"ErrorEquals": ["States.ALL"], "Next": "Fail"},
            ],
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
        "Fail": {"Type": "Fail", "Error": "E"},
    },
}


def test_nodes_and_attributes():
    graph = build_graph(MACHINE)
    assert list(graph.nodes) == [
        "/States/Check",
        "/States/Work",
        "/States/Work/Branches/0/States/A",
        "/States/Work/Branches/0/States/B",
        "/States/Work/Branches/1/States/A",
        "/States/Done",
        "/States/Fail",
    ]
    check = graph.nodes["/States/Check"]
    assert (check["name"], check["type"], check["start"], check["terminal"]) == (
        "Check",
        "Choice",
        True,
        False,
    )
    inner = graph.nodes["/States/Work/Branches/1/States/A"]
    assert inner["scope"] == "/States/Work/Branches/1"
    assert inner["parent"] == "/States/Work"
    assert inner["start"] is True
    assert inner["terminal"] is True
    assert graph.nodes["/States/Work/Branches/0/States/B"]["start"] is False
    assert graph.nodes["/States/Fail"]["terminal"] is True
    assert graph.nodes["/States/Done"]["body"] == {"Type": "Succeed"}
    assert graph.graph["dangling"] == []
    assert [s.pointer for s in graph.graph["scopes"]] == [
        "",
        "/States/Work/Branches/0",
        "/States/Work/Branches/1",
    ]


def test_choice_links_merge_on_one_edge_in_document_order():
    graph = build_graph(MACHINE)
    edge = graph.edges["/States/Check", "/States/Fail"]
    assert [(lk["kind"], lk["index"], lk["label"]) for lk in edge["links"]] == [
        ("choice", 0, 'status = "FAILED"'),
        ("choice", 2, "retry is present"),
    ]
    assert (edge["kind"], edge["index"], edge["label"]) == ("choice", 0, 'status = "FAILED"')
    assert edge["links"][1]["pointer"] == "/States/Check/Choices/2/Next"
    work = graph.edges["/States/Check", "/States/Work"]["links"]
    assert [(lk["kind"], lk["label"], lk["pointer"]) for lk in work] == [
        ("choice", "ok is true", "/States/Check/Choices/1/Next"),
        ("default", "otherwise", "/States/Check/Default"),
    ]


def test_next_catch_and_contain_edges():
    graph = build_graph(MACHINE)
    nxt = graph.edges["/States/Work", "/States/Done"]
    assert (nxt["kind"], nxt["label"], nxt["links"][0]["pointer"]) == (
        "next",
        "",
        "/States/Work/Next",
    )
    catches = graph.edges["/States/Work", "/States/Fail"]["links"]
    assert [(c["label"], c["errors"], c["index"]) for c in catches] == [
        ("on States.Timeout, Custom", ["States.Timeout", "Custom"], 0),
        ("on any error", ["States.ALL"], 1),
    ]
    contain = {
        target: data["index"]
        for _, target, data in graph.out_edges("/States/Work", data=True)
        if data["kind"] == "contain"
    }
    assert contain == {
        "/States/Work/Branches/0/States/A": 0,
        "/States/Work/Branches/0/States/B": 0,
        "/States/Work/Branches/1/States/A": 1,
    }
    inner = graph.edges["/States/Work/Branches/0/States/A", "/States/Work/Branches/0/States/B"]
    assert inner["kind"] == "next"


def test_dangling_references_are_listed_per_scope():
    definition = {
        "StartAt": "Nowhere",
        "States": {
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.a", "IsNull": True, "Next": "Gone"}],
                "Default": "Inner",
            },
            "P": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Next": "C"}}}
                ],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Lost"}],
                "End": True,
            },
        },
    }
    graph = build_graph(definition)
    assert graph.graph["dangling"] == [
        ("", "Nowhere", "start", "/StartAt"),
        ("/States/C", "Gone", "choice", "/States/C/Choices/0/Next"),
        ("/States/C", "Inner", "default", "/States/C/Default"),
        ("/States/P", "Lost", "catch", "/States/P/Catch/0/Next"),
        (
            "/States/P/Branches/0/States/Inner",
            "C",
            "next",
            "/States/P/Branches/0/States/Inner/Next",
        ),
    ]
    assert graph.number_of_edges() == 1  # only the contain edge P -> Inner


def test_name_index_and_scope_subgraph():
    graph = build_graph(MACHINE)
    index = name_index(graph)
    assert index["A"] == ["/States/Work/Branches/0/States/A", "/States/Work/Branches/1/States/A"]
    assert index["Done"] == ["/States/Done"]
    top = scope_subgraph(graph, "")
    assert set(top.nodes) == {"/States/Check", "/States/Work", "/States/Done", "/States/Fail"}
    assert all(data["kind"] != "contain" for *_, data in top.edges(data=True))
    assert top.has_edge("/States/Work", "/States/Done")
    branch = scope_subgraph(graph, "/States/Work/Branches/0")
    assert list(branch.edges) == [
        ("/States/Work/Branches/0/States/A", "/States/Work/Branches/0/States/B")
    ]


@pytest.mark.parametrize(
    "definition",
    [
        {},
        {"StartAt": [], "States": {"A": {"Type": "Pass", "Next": ["x"]}}},
        {"States": {"C": {"Type": "Choice", "Choices": "x", "Default": 3}}},
        {"States": {"C": {"Type": "Choice", "Choices": [None, {"Next": "C"}]}}},
        {"States": {"T": {"Type": "Task", "Catch": [{"Next": "T"}, 5], "Next": "T"}}},
        [],
    ],
)
def test_malformed_definitions_build_a_graph(definition: Any):
    graph = build_graph(definition)
    assert isinstance(graph.graph["dangling"], list)
    for _, _, data in graph.edges(data=True):
        assert data["links"]


def test_self_loop_choice_without_rule_text():
    graph = build_graph({"States": {"C": {"Type": "Choice", "Choices": [{"Next": "C"}]}}})
    assert graph.edges["/States/C", "/States/C"]["label"] == "(unreadable rule)"


@pytest.mark.parametrize(
    ("errors", "expected"),
    [
        (["States.ALL"], "on any error"),
        (["A", "B"], "on A, B"),
        ([], "on error"),
        ("x", "on error"),
    ],
)
def test_catch_label(errors: Any, expected: str):
    assert catch_label(errors) == expected


def test_map_contain_edges_use_index_zero_and_legacy_iterator():
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "Iterator": {
                    "StartAt": "X",
                    "States": {"X": {"Type": "Pass", "Next": "Y"}, "Y": {"Type": "Succeed"}},
                },
                "End": True,
            }
        },
    }
    graph = build_graph(definition)
    contain = graph.edges["/States/M", "/States/M/Iterator/States/X"]
    assert (contain["kind"], contain["index"], contain["label"]) == ("contain", 0, "")
    assert contain["links"][0]["pointer"] == "/States/M/Iterator"
    assert graph.has_edge("/States/M/Iterator/States/X", "/States/M/Iterator/States/Y")
    assert graph.nodes["/States/M"]["terminal"] is True
