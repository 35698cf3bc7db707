"""Crossing reduction in layers: DFS initial order, median sweeps, transposition, BJM counting.

Every node sits in exactly one layer, so one position array (index within its layer) serves all
layers; edges join adjacent layers only (long edges were split into dummies before).
"""

from __future__ import annotations

from collections.abc import Sequence

Layers = list[list[int]]
Adjacency = Sequence[Sequence[int]]


def count_layer_crossings(
    upper: Sequence[int], lower: Sequence[int], succ: Adjacency, pos: Sequence[int]
) -> int:
    """Crossings between two adjacent layers (Barth, Jünger and Mutzel's accumulator tree)."""
    if len(upper) < 2 or len(lower) < 2:
        return 0
    targets: list[int] = []
    for u in upper:
        out = succ[u]
        if len(out) == 1:
            targets.append(pos[out[0]])
        elif out:
            targets.extend(sorted(pos[v] for v in out))
    if len(targets) < 2:
        return 0
    first = 1
    while first < len(lower):
        first *= 2
    tree = [0] * (2 * first)
    first -= 1
    crossings = 0
    for t in targets:
        index = t + first
        tree[index] += 1
        while index > 0:
            if index % 2:
                crossings += tree[index + 1]
            index = (index - 1) // 2
            tree[index] += 1
    return crossings


def positions(layers: Layers, n: int) -> list[int]:
    """Index of every node within its layer."""
    pos = [0] * n
    for layer in layers:
        for i, v in enumerate(layer):
            pos[v] = i
    return pos


def count_crossings(layers: Layers, succ: Adjacency, pos: Sequence[int] | None = None) -> int:
    """Total crossings of a layered graph whose edges all join adjacent layers."""
    if pos is None:
        pos = positions(layers, len(succ))
    return sum(
        count_layer_crossings(layers[i], layers[i + 1], succ, pos) for i in range(len(layers) - 1)
    )


def _median(values: list[int]) -> float:
    if len(values) == 1:
        return float(values[0])
    values.sort()
    m = len(values) // 2
    if len(values) % 2:
        return float(values[m])
    if len(values) == 2:
        return (values[0] + values[1]) / 2
    left = values[m - 1] - values[0]
    right = values[-1] - values[m]
    if left + right == 0:
        return (values[m - 1] + values[m]) / 2
    return (values[m - 1] * right + values[m] * left) / (left + right)


def _reorder(layer: list[int], adj: Adjacency, pos: list[int]) -> None:
    """Sort one layer by the weighted median of its neighbours; nodes without any stay put."""
    keyed: list[tuple[float, int, int]] = []
    free_slots: list[int] = []
    for slot, v in enumerate(layer):
        ns = adj[v]
        if ns:
            keyed.append((_median([pos[w] for w in ns]), slot, v))
            free_slots.append(slot)
    keyed.sort()
    for slot, (_m, _s, v) in zip(free_slots, keyed, strict=True):
        layer[slot] = v
    for i, v in enumerate(layer):
        pos[v] = i


def _pair(a: int, b: int, adj: Adjacency, pos: Sequence[int]) -> int:
    """Crossings saved by putting b before a (negative: it costs crossings)."""
    gain = 0
    for w in adj[a]:
        pw = pos[w]
        for z in adj[b]:
            pz = pos[z]
            if pw > pz:
                gain += 1
            elif pz > pw:
                gain -= 1
    return gain


def _transpose(layers: Layers, pred: Adjacency, succ: Adjacency, pos: list[int]) -> None:
    """Swap adjacent nodes while that lowers the crossings with both neighbouring layers."""
    dirty = [True] * len(layers)
    for _round in range(6):
        improved = False
        for r, layer in enumerate(layers):
            if not dirty[r] or len(layer) < 2:
                continue
            dirty[r] = False
            for i in range(len(layer) - 1):
                a, b = layer[i], layer[i + 1]
                if _pair(a, b, pred, pos) + _pair(a, b, succ, pos) > 0:
                    layer[i], layer[i + 1] = b, a
                    pos[a], pos[b] = i + 1, i
                    improved = True
                    dirty[r] = True
                    if r:
                        dirty[r - 1] = True
                    if r + 1 < len(layers):
                        dirty[r + 1] = True
        if not improved:
            return


def reduce_crossings(
    layers: Layers, pred: Adjacency, succ: Adjacency, sweeps: int = 10
) -> tuple[Layers, int]:
    """Alternate down/up median sweeps with transposition; return the best order and its count."""
    n = len(pred)
    pos = positions(layers, n)
    best = [list(layer) for layer in layers]
    best_count = count_crossings(best, succ, pos)
    current = [list(layer) for layer in layers]
    stale = 0
    for sweep in range(sweeps):
        if best_count == 0 or stale >= 4:
            break
        if sweep % 2 == 0:
            for r in range(1, len(current)):
                _reorder(current[r], pred, pos)
        else:
            for r in range(len(current) - 2, -1, -1):
                _reorder(current[r], succ, pos)
        _transpose(current, pred, succ, pos)
        count = count_crossings(current, succ, pos)
        if count < best_count:
            best = [list(layer) for layer in current]
            best_count = count
            stale = 0
        else:
            stale += 1
    return best, best_count
