"""The graph view of a definition: one node per state (id = its JSON pointer), typed edges.

Edges carry ``links``: every reference from the source to the target, in document order, because a
DiGraph holds one edge per pair (a Choice rule and the Default may both name the same state).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal, TypedDict

import networkx as nx

from aslstudio.asl.describe import describe_rule
from aslstudio.asl.pointer import join
from aslstudio.asl.scopes import Scope, StateRef, child_scopes, iter_scopes, iter_states

LinkKind = Literal["next", "choice", "default", "catch", "contain"]
TERMINAL_TYPES = frozenset({"Succeed", "Fail"})
ANY_ERROR = "States.ALL"


class Link(TypedDict):
    """One reference from a state to another, as stored in an edge's ``links`` list."""

    kind: LinkKind
    index: int | None
    label: str
    errors: list[str]
    pointer: str


# (source node id or scope pointer for StartAt, target name, kind, pointer of the reference)
Dangling = tuple[str, str, str, str]


def catch_label(errors: Any) -> str:
    """``on States.Timeout, MyError``; ``States.ALL`` reads as ``any error``."""
    if not isinstance(errors, list) or not errors:
        return "on error"
    names = [
        "any error" if e == ANY_ERROR else str(e)
        for e in errors
        if isinstance(e, str | int | float)
    ]
    return "on " + ", ".join(names) if names else "on error"


def _link(
    kind: LinkKind,
    pointer: str,
    index: int | None = None,
    label: str = "",
    errors: list[str] | None = None,
) -> Link:
    return {
        "kind": kind,
        "index": index,
        "label": label,
        "errors": errors or [],
        "pointer": pointer,
    }


def _choice_links(ref: StateRef) -> Iterator[tuple[Any, Link]]:
    choices = ref.body.get("Choices")
    if isinstance(choices, list):
        for index, rule in enumerate(choices):
            if isinstance(rule, Mapping) and "Next" in rule:
                where = join(ref.pointer, "Choices", index, "Next")
                yield rule["Next"], _link("choice", where, index, describe_rule(rule))
    if "Default" in ref.body:
        yield ref.body["Default"], _link("default", join(ref.pointer, "Default"), None, "otherwise")


def _catch_links(ref: StateRef) -> Iterator[tuple[Any, Link]]:
    catchers = ref.body.get("Catch")
    if not isinstance(catchers, list):
        return
    for index, catcher in enumerate(catchers):
        if isinstance(catcher, Mapping) and "Next" in catcher:
            raw = catcher.get("ErrorEquals")
            errors = [e for e in raw if isinstance(e, str)] if isinstance(raw, list) else []
            where = join(ref.pointer, "Catch", index, "Next")
            yield catcher["Next"], _link("catch", where, index, catch_label(raw), errors)


def state_links(ref: StateRef) -> Iterator[tuple[Any, Link]]:
    """The transitions written in one state: (target name as written, link), in document order."""
    if ref.type == "Choice":
        yield from _choice_links(ref)
    elif "Next" in ref.body:
        yield ref.body["Next"], _link("next", join(ref.pointer, "Next"))
    yield from _catch_links(ref)


def _add_link(graph: nx.DiGraph[str], source: str, target: str, link: Link) -> None:
    if graph.has_edge(source, target):
        graph.edges[source, target]["links"].append(link)
    else:
        graph.add_edge(
            source,
            target,
            links=[link],
            kind=link["kind"],
            label=link["label"],
            index=link["index"],
        )


def _is_terminal(ref: StateRef) -> bool:
    return ref.body.get("End") is True or ref.type in TERMINAL_TYPES


def _add_nodes(graph: nx.DiGraph[str], refs: list[StateRef], scopes: dict[str, Scope]) -> None:
    for ref in refs:
        scope = scopes.get(ref.scope)
        if scope is not None and scope.states.get(ref.name) != ref.pointer:
            continue  # a duplicate name in one scope: the first one wins
        graph.add_node(
            ref.pointer,
            name=ref.name,
            type=ref.type,
            scope=ref.scope,
            parent=ref.parent,
            start=scope is not None and scope.start_at == ref.name,
            terminal=_is_terminal(ref),
            body=ref.body,
        )


def _add_contain_edges(graph: nx.DiGraph[str], ref: StateRef, scopes: dict[str, Scope]) -> None:
    for pointer, _holder, kind, index in child_scopes(ref.pointer, ref.body):
        scope = scopes.get(pointer)
        if scope is None:
            continue
        label = f"branch {index + 1}" if kind == "branch" else ""
        for target in scope.states.values():
            link = _link("contain", pointer, index, label)
            _add_link(graph, ref.pointer, target, link)


def build_graph(definition: Mapping[str, Any]) -> nx.DiGraph[str]:
    """The state graph: nodes per state, typed edges with ``links``; dangling references listed."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    scope_list = list(iter_scopes(definition))
    scopes = {scope.pointer: scope for scope in scope_list}
    refs = list(iter_states(definition))
    dangling: list[Dangling] = []
    graph.graph["scopes"] = scope_list
    graph.graph["dangling"] = dangling
    _add_nodes(graph, refs, scopes)
    for scope in scope_list:
        if scope.start_at is not None and scope.start_at not in scope.states:
            dangling.append(
                (scope.pointer, scope.start_at, "start", join(scope.pointer, "StartAt"))
            )
    for ref in refs:
        if ref.pointer not in graph:
            continue
        names = scopes[ref.scope].states if ref.scope in scopes else {}
        for target_name, link in state_links(ref):
            target = names.get(target_name) if isinstance(target_name, str) else None
            if target is None:
                dangling.append((ref.pointer, str(target_name), link["kind"], link["pointer"]))
            else:
                _add_link(graph, ref.pointer, target, link)
        _add_contain_edges(graph, ref, scopes)
    return graph


def name_index(graph: nx.DiGraph[str]) -> dict[str, list[str]]:
    """State name -> node ids having that name (names repeat across branches), in graph order."""
    index: dict[str, list[str]] = {}
    for node, attrs in graph.nodes(data=True):
        index.setdefault(attrs["name"], []).append(node)
    return index


def scope_subgraph(graph: nx.DiGraph[str], scope_pointer: str) -> nx.DiGraph[str]:
    """The states of one scope and the transitions (not ``contain`` edges) among them."""
    sub: nx.DiGraph[str] = nx.DiGraph()
    sub.graph.update(graph.graph)
    members = [n for n, attrs in graph.nodes(data=True) if attrs["scope"] == scope_pointer]
    sub.add_nodes_from((n, graph.nodes[n]) for n in members)
    for source, target, attrs in graph.subgraph(members).edges(data=True):
        links = [link for link in attrs["links"] if link["kind"] != "contain"]
        if links:
            first = links[0]
            sub.add_edge(
                source,
                target,
                links=links,
                kind=first["kind"],
                label=first["label"],
                index=first["index"],
            )
    return sub
