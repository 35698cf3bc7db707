"""One scope laid out as a layered (Sugiyama) drawing: ranks, dummies, order, coordinates."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aslstudio.layout.coords import Extents, assign_x, simplex_x
from aslstudio.layout.ordering import reduce_crossings
from aslstudio.layout.ranking import RankEdge, back_edges, optimal_ranks

if TYPE_CHECKING:
    from aslstudio.layout.cache import LayoutCache

Ranker = Callable[[int, Sequence[RankEdge]], list[int]]
ROW_GAP = 20.0  # vertical gap above and below every row
LABEL_PAD = 6.0  # distance from an edge line to its label


@dataclass(slots=True)
class ScopeGraph:
    """Input: the sized nodes of one scope (0 = start marker) and its links in ASL order."""

    widths: list[float]
    heights: list[float]
    edges: list[tuple[int, int]]
    weights: list[int]
    labels: list[tuple[float, float]]  # label size per edge, (0, 0) when it has none
    source: int = 0
    sink: int | None = None
    right_extra: list[float] = field(default_factory=list)  # room for self-loops
    hint: list[float | None] = field(default_factory=list)  # previous centre x (stability)
    groups: list[int] = field(default_factory=list)  # edges share trunks only within a group


@dataclass(slots=True)
class Layered:
    """Output: every layered node (real ones first, then dummies) placed, and each edge's chain."""

    rank: list[int]
    x: list[float]  # anchor x: centre of real nodes, line position of dummies
    left: list[float]
    right: list[float]
    height: list[float]
    row_top: list[float]
    row_height: list[float]
    chains: list[list[int]]  # per edge, top-to-bottom node sequence ([] for self-loops)
    reversed: list[bool]
    label_node: list[int]  # per edge, the dummy that carries its label, or -1
    pred: list[list[int]]
    succ: list[list[int]]
    weight: dict[tuple[int, int], int] = field(default_factory=dict)  # per unit segment
    loop: set[int] = field(default_factory=set)  # dummies of loop edges drawn back up
    width: float = 0.0
    total_height: float = 0.0
    crossings: int = 0

    def top(self, v: int) -> float:
        """Top y of a node (nodes are top-aligned in their row)."""
        return self.row_top[self.rank[v]]


def _ranks(g: ScopeGraph, dag: list[tuple[int, int]], ranker: Ranker) -> list[int]:
    n = len(g.widths)
    rank_edges: list[RankEdge] = [(a, b, g.weights[i], 2) for i, (a, b) in enumerate(dag) if a != b]
    ranks = ranker(n, rank_edges)
    others = [r for v, r in enumerate(ranks) if v not in (g.source, g.sink)]
    low = min(others, default=0)
    ranks = [r - low + 2 for r in ranks]
    ranks[g.source] = 0
    if g.sink is not None:
        ranks[g.sink] = max(others, default=low) - low + 4
    return ranks


def _dummy(out: Layered, rank: int) -> int:
    d = len(out.rank)
    out.rank.append(rank)
    out.left.append(1.0)
    out.right.append(1.0)
    out.height.append(0.0)
    out.pred.append([])
    out.succ.append([])
    return d


def _chain(
    out: Layered, a: int, b: int, label: bool, trunk: dict[int, int] | None
) -> tuple[list[int], int]:
    """Nodes from a down to b: own dummies until it can join the trunk of edges into b."""
    chain = [a]
    label_node = -1
    for r in range(out.rank[a] + 1, out.rank[b]):
        own_label = label and r == out.rank[a] + 1
        if trunk is not None and not own_label and r in trunk:
            chain.extend(trunk[rr] for rr in range(r, out.rank[b]))
            break
        d = _dummy(out, r)
        chain.append(d)
        if own_label:
            label_node = d
        elif trunk is not None:
            trunk[r] = d
    chain.append(b)
    return chain, label_node


def _normalise(g: ScopeGraph, dag: list[tuple[int, int]], back: list[bool], out: Layered) -> None:
    """Split edges into unit segments with dummies; long edges of one group into the same node
    share a trunk (edge concentration); a labelled edge keeps its own dummy for the label."""
    trunks: dict[tuple[int, int], dict[int, int]] = {}
    chains: list[list[int]] = [[] for _ in dag]
    labels = [-1] * len(dag)
    linked: set[tuple[int, int]] = set()
    groups = g.groups or [0] * len(dag)
    for i in sorted(range(len(dag)), key=lambda e: (out.rank[dag[e][0]], e)):
        a, b = dag[i]
        if a == b:
            continue
        lw, lh = g.labels[i]
        trunk = None if back[i] else trunks.setdefault((b, groups[i]), {})
        chain, label = _chain(out, a, b, lw > 0 and not back[i], trunk)
        if back[i]:
            out.loop.update(chain[1:-1])
            if lw > 0 and len(chain) > 2:
                label = chain[-2]
        for u, v in itertools.pairwise(chain):
            if (u, v) not in linked:
                linked.add((u, v))
                out.succ[u].append(v)
                out.pred[v].append(u)
            weight = 1 if back[i] else g.weights[i]  # loops bend so the main path need not
            out.weight[(u, v)] = max(out.weight.get((u, v), 0), weight)
        if label >= 0 and back[i]:  # loops run left of the main path: label on their left
            out.left[label] = LABEL_PAD + lw
            out.height[label] = lh
        elif label >= 0:
            out.right[label] = LABEL_PAD + lw
            out.height[label] = lh
        chains[i] = chain
        labels[i] = label
    out.chains = chains
    out.label_node = labels


def _initial_order(g: ScopeGraph, out: Layered) -> list[list[int]]:
    """Layers filled in DFS order from the start marker, children in ASL order except that
    loop edges come first: loops then run left of the main path, Catch edges right of it."""
    n_layers = max(out.rank) + 1
    layers: list[list[int]] = [[] for _ in range(n_layers)]
    seen = [False] * len(out.rank)
    for root in [g.source, *range(len(out.rank))]:
        if seen[root]:
            continue
        seen[root] = True
        stack = [root]
        while stack:
            v = stack.pop()
            layers[out.rank[v]].append(v)
            succs = out.succ[v]
            if out.loop:
                succs = sorted(succs, key=lambda w: w not in out.loop)
            for w in reversed(succs):
                if not seen[w]:
                    seen[w] = True
                    stack.append(w)
    if g.hint:
        _apply_hint(g, out, layers)
    return layers


def _apply_hint(g: ScopeGraph, out: Layered, layers: list[list[int]]) -> None:
    """Seed the order from a previous drawing: sort by old x where known, keep the rest stable."""
    n_real = len(g.widths)
    for layer in layers:
        keys: dict[int, float] = {}
        for v in layer:
            old = g.hint[v] if v < n_real and v < len(g.hint) else None
            keys[v] = old if old is not None else float("nan")
        known = [v for v in layer if keys[v] == keys[v]]
        if len(known) < 2:
            continue
        slots = [i for i, v in enumerate(layer) if keys[v] == keys[v]]
        for slot, v in zip(slots, sorted(known, key=lambda u: (keys[u], u)), strict=True):
            layer[slot] = v


def _rows(out: Layered) -> None:
    n_layers = max(out.rank) + 1
    heights = [0.0] * n_layers
    for v, r in enumerate(out.rank):
        heights[r] = max(heights[r], out.height[v])
    tops = []
    y = 0.0
    for r in range(n_layers):
        if r:
            y += ROW_GAP
        tops.append(y)
        y += heights[r]
    out.row_top = tops
    out.row_height = heights
    out.total_height = y


def layout_layers(g: ScopeGraph, cache: LayoutCache | None = None) -> Layered:
    """Run cycle breaking, ranking, normalisation, ordering and x/y assignment on one scope;
    with a ``cache``, rankings and orders solved before are looked up (same answers, faster)."""
    ranker: Ranker = cache.ranks if cache is not None else optimal_ranks
    n = len(g.widths)
    back = back_edges(n, g.edges, [g.source])
    dag = [(b, a) if back[i] else (a, b) for i, (a, b) in enumerate(g.edges)]
    right_extra = g.right_extra or [0.0] * n
    out = Layered(
        rank=_ranks(g, dag, ranker),
        x=[],
        left=[w / 2 for w in g.widths],
        right=[w / 2 + e for w, e in zip(g.widths, right_extra, strict=True)],
        height=list(g.heights),
        row_top=[],
        row_height=[],
        chains=[],
        reversed=back,
        label_node=[],
        pred=[[] for _ in range(n)],
        succ=[[] for _ in range(n)],
    )
    _normalise(g, dag, back, out)
    layers = _initial_order(g, out)
    order = cache.order if cache is not None else reduce_crossings
    layers, out.crossings = order(layers, out.pred, out.succ)
    dummy = [v >= n for v in range(len(out.rank))]
    ext = Extents(left=out.left, right=out.right, dummy=dummy)
    xs = simplex_x(layers, ext, out.weight, ranker) or assign_x(
        layers, out.pred, out.succ, ext, out.weight
    )
    low = min(x - out.left[v] for v, x in enumerate(xs))
    out.x = [x - low for x in xs]
    out.width = max(x + out.right[v] for v, x in enumerate(out.x))
    _rows(out)
    return out
