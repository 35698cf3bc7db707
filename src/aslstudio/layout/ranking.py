"""Cycle breaking (DFS in ASL order) and layer assignment (longest path, then network simplex)."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import networkx as nx

# (source, target, weight, minimum length) of an acyclic layering edge.
RankEdge = tuple[int, int, int, int]


def back_edges(n: int, edges: Sequence[tuple[int, int]], roots: Sequence[int]) -> list[bool]:
    """Edges that close a cycle in a DFS visiting ``roots`` first and out-edges in list order."""
    out: list[list[int]] = [[] for _ in range(n)]
    for index, (u, v) in enumerate(edges):
        if u != v:
            out[u].append(index)
    state = [0] * n  # 0 unseen, 1 on the DFS stack, 2 finished
    back = [False] * len(edges)
    for root in [*roots, *range(n)]:
        if state[root]:
            continue
        state[root] = 1
        stack: list[tuple[int, int]] = [(root, 0)]
        while stack:
            u, k = stack[-1]
            if k < len(out[u]):
                stack[-1] = (u, k + 1)
                e = out[u][k]
                v = edges[e][1]
                if state[v] == 1:
                    back[e] = True
                elif state[v] == 0:
                    state[v] = 1
                    stack.append((v, 0))
            else:
                state[u] = 2
                stack.pop()
    return back


def longest_path_ranks(n: int, edges: Sequence[RankEdge]) -> list[int]:
    """Each node as high as its predecessors allow (Kahn order); the edges must be acyclic."""
    out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    indeg = [0] * n
    for u, v, _w, m in edges:
        out[u].append((v, m))
        indeg[v] += 1
    rank = [0] * n
    queue = deque(i for i in range(n) if indeg[i] == 0)
    while queue:
        u = queue.popleft()
        for v, m in out[u]:
            rank[v] = max(rank[v], rank[u] + m)
            indeg[v] -= 1
            if indeg[v] == 0:
                queue.append(v)
    return rank


def _merge(edges: Sequence[RankEdge]) -> dict[tuple[int, int], tuple[int, int]]:
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for u, v, w, m in edges:
        old = merged.get((u, v))
        merged[(u, v)] = (w, m) if old is None else (old[0] + w, max(old[1], m))
    return merged


def _is_out_forest(n: int, merged: dict[tuple[int, int], tuple[int, int]]) -> bool:
    indeg = [0] * n
    for _u, v in merged:
        indeg[v] += 1
        if indeg[v] > 1:
            return False
    return True


def _potentials(
    n: int, merged: dict[tuple[int, int], tuple[int, int]], flow: dict[int, dict[int, int]]
) -> list[int]:
    """Ranks from shortest distances in the residual network of an optimal flow (SPFA)."""
    arcs: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for (u, v), (_w, m) in merged.items():
        arcs[u].append((v, -m))
        if flow[u][v] > 0:
            arcs[v].append((u, m))
    dist = [0] * n
    queue = deque(range(n))
    queued = [True] * n
    while queue:
        u = queue.popleft()
        queued[u] = False
        du = dist[u]
        for v, cost in arcs[u]:
            if du + cost < dist[v]:
                dist[v] = du + cost
                if not queued[v]:
                    queued[v] = True
                    queue.append(v)
    low = max(dist)
    return [low - d for d in dist]


def optimal_ranks(n: int, edges: Sequence[RankEdge]) -> list[int]:
    """Ranks minimising sum of weight x length with length >= minlen (Gansner et al.'s objective).

    Solved as the dual min-cost flow (cost -minlen per edge, demand = weight in - weight out)
    with networkx's network simplex; the ranks are the potentials of the optimal flow.
    """
    merged = _merge(edges)
    if not merged or _is_out_forest(n, merged):
        return longest_path_ranks(n, edges)
    graph: nx.DiGraph[int] = nx.DiGraph()
    demand = [0] * n
    for (u, v), (w, _m) in merged.items():
        demand[u] -= w
        demand[v] += w
    for node in range(n):
        graph.add_node(node, demand=demand[node])
    for (u, v), (_w, m) in merged.items():
        graph.add_edge(u, v, weight=-m)
    try:
        _cost, flow = nx.network_simplex(graph)
    except (nx.NetworkXException, ValueError):
        return longest_path_ranks(n, edges)
    ranks = _potentials(n, merged, flow)
    low = min(ranks)
    return [r - low for r in ranks]
