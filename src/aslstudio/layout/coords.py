"""Horizontal coordinates by Brandes and Köpf: four vertical alignments, compaction, balancing.

Nodes have a left and a right extent around their anchor x (an edge-label slot lies to the
right of its edge), so separation is ``right(u) + gap + left(v)`` for neighbours u, v in a layer.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from aslstudio.layout.ranking import RankEdge, optimal_ranks

Layers = list[list[int]]


@dataclass(slots=True)
class Extents:
    """Per-node geometry the coordinate assignment needs."""

    left: list[float]
    right: list[float]
    dummy: list[bool]
    node_gap: float = 40.0
    dummy_gap: float = 14.0

    def sep(self, u: int, v: int, mirrored: bool) -> float:
        """Minimum distance between the anchors of u (left) and v (right) in one layer."""
        gap = self.dummy_gap if self.dummy[u] or self.dummy[v] else self.node_gap
        if mirrored:
            return self.left[u] + gap + self.right[v]
        return self.right[u] + gap + self.left[v]


def _type1_conflicts(
    layers: Layers, pred: Sequence[Sequence[int]], dummy: Sequence[bool]
) -> set[tuple[int, int]]:
    """Non-inner segments that cross an inner (dummy-dummy) segment; those lose alignment."""
    conflicts: set[tuple[int, int]] = set()
    for r in range(1, len(layers)):
        prev, layer = layers[r - 1], layers[r]
        pos = {v: i for i, v in enumerate(prev)}
        k0 = 0
        scan = 0
        last = len(layer) - 1
        for i, v in enumerate(layer):
            inner = next((u for u in pred[v] if dummy[u]), None) if dummy[v] else None
            k1 = pos[inner] if inner is not None else len(prev)
            if inner is None and i != last:
                continue
            for w in layer[scan : i + 1]:
                for u in pred[w]:
                    pu = pos[u]
                    if (pu < k0 or pu > k1) and not (dummy[u] and dummy[w]):
                        conflicts.add((u, w))
            scan = i + 1
            k0 = k1
    return conflicts


@dataclass(slots=True)
class _Weights:
    """Segment weights and, per node, its heaviest segment downwards and upwards."""

    of: Mapping[tuple[int, int], int]
    down: dict[int, int]
    up: dict[int, int]

    @classmethod
    def build(cls, weight: Mapping[tuple[int, int], int]) -> _Weights:
        """Index the heaviest segment of every node in both directions."""
        down: dict[int, int] = {}
        up: dict[int, int] = {}
        for (u, v), w in weight.items():
            down[u] = max(down.get(u, 0), w)
            up[v] = max(up.get(v, 0), w)
        return cls(weight, down, up)

    def preferred(self, v: int, ws: Sequence[int], upward: bool) -> list[int]:
        """Neighbours whose segment to v is the heaviest at both ends (the main path first)."""
        if not self.of:
            return list(ws)
        found = []
        for w in ws:
            u, x = (w, v) if upward else (v, w)
            k = self.of.get((u, x), 1)
            if k >= self.down.get(u, 1) and k >= self.up.get(x, 1):
                found.append(w)
        return found


def _align(
    layers: Layers,
    neighbours: Sequence[Sequence[int]],
    conflicts: set[tuple[int, int]],
    upward: bool,
    weight: _Weights,
) -> tuple[list[int], list[int]]:
    """Vertical alignment: each node joins the block of its median neighbour when allowed."""
    n = len(neighbours)
    root = list(range(n))
    align = list(range(n))
    pos = [0] * n
    for layer in layers:
        for i, v in enumerate(layer):
            pos[v] = i
    for layer in layers:
        prev_index = -1
        for v in layer:
            ws = sorted(weight.preferred(v, neighbours[v], upward), key=pos.__getitem__)
            if not ws:
                continue
            mid = (len(ws) - 1) / 2
            for k in range(int(mid), int(mid + 0.5) + 1):
                w = ws[k]
                pair = (w, v) if upward else (v, w)
                if align[v] == v and prev_index < pos[w] and pair not in conflicts:
                    align[w] = v
                    root[v] = root[w]
                    align[v] = root[v]
                    prev_index = pos[w]
    return root, align


def _compact(layers: Layers, root: list[int], ext: Extents, mirrored: bool) -> list[float]:
    """Place blocks as far left as separation allows, then pull them right where free."""
    block_succ: dict[int, dict[int, float]] = {}
    block_pred: dict[int, dict[int, float]] = {}
    order: list[int] = []
    seen: set[int] = set()
    for layer in layers:
        for i, v in enumerate(layer):
            rv = root[v]
            if rv not in seen:
                seen.add(rv)
                order.append(rv)
            if i:
                u = layer[i - 1]
                ru = root[u]
                s = ext.sep(u, v, mirrored)
                edges = block_succ.setdefault(ru, {})
                edges[rv] = max(edges.get(rv, 0.0), s)
                block_pred.setdefault(rv, {})[ru] = edges[rv]
    topo = _topological(order, block_succ, block_pred)
    xs: dict[int, float] = {}
    for b in topo:
        xs[b] = max((xs[p] + s for p, s in block_pred.get(b, {}).items()), default=0.0)
    for b in reversed(topo):
        succs = block_succ.get(b)
        if succs:
            xs[b] = max(xs[b], min(xs[w] - s for w, s in succs.items()))
    return [xs[root[v]] for v in range(len(root))]


def _topological(
    order: list[int], succ: dict[int, dict[int, float]], pred: dict[int, dict[int, float]]
) -> list[int]:
    indeg = {b: len(pred.get(b, {})) for b in order}
    ready = [b for b in order if indeg[b] == 0]
    ready.reverse()
    out: list[int] = []
    while ready:
        b = ready.pop()
        out.append(b)
        for w in succ.get(b, {}):
            indeg[w] -= 1
            if indeg[w] == 0:
                ready.append(w)
    return out


def assign_x(
    layers: Layers,
    pred: Sequence[Sequence[int]],
    succ: Sequence[Sequence[int]],
    ext: Extents,
    weight: Mapping[tuple[int, int], int] | None = None,
) -> list[float]:
    """Anchor x of every node: the balanced median of the four Brandes-Köpf layouts."""
    n = len(pred)
    if n == 0:
        return []
    conflicts = _type1_conflicts(layers, pred, ext.dummy)
    weights = _Weights.build(weight or {})
    results: list[list[float]] = []
    for upward in (True, False):
        vertical = layers if upward else layers[::-1]
        neighbours = pred if upward else succ
        for mirrored in (False, True):
            adjusted = [layer[::-1] for layer in vertical] if mirrored else vertical
            root, _ = _align(adjusted, neighbours, conflicts, upward, weights)
            xs = _compact(adjusted, root, ext, mirrored)
            if mirrored:
                xs = [-x for x in xs]
            results.append(xs)
    return _balance(results, ext)


def _balance(results: list[list[float]], ext: Extents) -> list[float]:
    spans = []
    for xs in results:
        lo = min(x - ext.left[v] for v, x in enumerate(xs))
        hi = max(x + ext.right[v] for v, x in enumerate(xs))
        spans.append((hi - lo, lo, hi))
    best = min(range(len(results)), key=lambda i: spans[i][0])
    _w, best_lo, best_hi = spans[best]
    aligned = []
    for i, xs in enumerate(results):
        # left-biased layouts align their left sides, right-biased ones their right sides
        delta = best_lo - spans[i][1] if i % 2 == 0 else best_hi - spans[i][2]
        aligned.append([x + delta for x in xs])
    out = []
    for v in range(len(results[0])):
        vals = sorted(xs[v] for xs in aligned)
        out.append((vals[1] + vals[2]) / 2)
    return out


# Largest auxiliary graph (nodes) placed by network simplex; bigger scopes use Brandes-Köpf.
SIMPLEX_LIMIT = 2000
MAIN_WEIGHT = 4  # segment weight of Next edges
MAIN_FACTOR = 4
_OMEGA = {0: 1, 1: 2, 2: 8}  # dot's factors for real-real, real-dummy and dummy-dummy segments


def _omega(weight: int, dummies: int) -> int:
    """Cost per px of horizontal offset along a segment. Next edges (the spine) count most and
    their long edges stay straight (dot's factors); Choice/Default edges may bend where long;
    Catch and loop segments (weight 1) bend freely so they never drag the main path aside."""
    if weight >= MAIN_WEIGHT:
        return weight * MAIN_FACTOR * _OMEGA[dummies]
    if weight > 1:
        return weight * min(_OMEGA[dummies], 2)
    return 1


def simplex_x(
    layers: Layers,
    ext: Extents,
    weight: Mapping[tuple[int, int], int],
    ranker: Callable[[int, Sequence[RankEdge]], list[int]] = optimal_ranks,
) -> list[float] | None:
    """dot's x placement: minimise sum of w x omega x |x_u - x_v| over segments, keeping every
    layer's separations, as ranks of an auxiliary graph (network simplex); None when too big."""
    n = len(ext.left)
    if n + len(weight) > SIMPLEX_LIMIT:
        return None
    edges: list[RankEdge] = []
    aux = n
    for (u, v), w in weight.items():
        omega = _omega(w, int(ext.dummy[u]) + int(ext.dummy[v]))
        edges.append((aux, u, omega, 0))
        edges.append((aux, v, omega, 0))
        aux += 1
    for layer in layers:
        for a, b in itertools.pairwise(layer):
            edges.append((a, b, 0, math.ceil(ext.sep(a, b, False))))
    ranks = ranker(aux, edges)
    return [float(r) for r in ranks[:n]]
