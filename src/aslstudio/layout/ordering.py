"""Crossing reduction in layers: DFS initial order, median sweeps, transposition, BJM counting."""

from __future__ import annotations

from collections.abc import Sequence

Layers = list[list[int]]


def count_layer_crossings(
    upper: Sequence[int], lower: Sequence[int], succ: Sequence[Sequence[int]]
) -> int:
    """Crossings between two adjacent layers (Barth, Jünger and Mutzel's accumulator tree)."""
    if len(upper) < 2 or len(lower) < 2:
        return 0
    pos = {v: i for i, v in enumerate(lower)}
    targets: list[int] = []
    for u in upper:
        targets.extend(sorted(pos[v] for v in succ[u] if v in pos))
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


def count_crossings(layers: Layers, succ: Sequence[Sequence[int]]) -> int:
    """Total crossings of a layered graph whose edges all join adjacent layers."""
    pairs = range(len(layers) - 1)
    return sum(count_layer_crossings(layers[i], layers[i + 1], succ) for i in pairs)


def _median(values: list[float]) -> float:
    values.sort()
    m = len(values) // 2
    if len(values) % 2:
        return values[m]
    if len(values) == 2:
        return (values[0] + values[1]) / 2
    left = values[m - 1] - values[0]
    right = values[-1] - values[m]
    if left + right == 0:
        return (values[m - 1] + values[m]) / 2
    return (values[m - 1] * right + values[m] * left) / (left + right)


def _reorder(layer: list[int], fixed_pos: dict[int, int], adj: Sequence[Sequence[int]]) -> None:
    """Sort one layer by the weighted median of its neighbours; nodes without any stay put."""
    keyed: list[tuple[float, int, int]] = []
    free_slots: list[int] = []
    for slot, v in enumerate(layer):
        ns = [float(fixed_pos[w]) for w in adj[v] if w in fixed_pos]
        if ns:
            keyed.append((_median(ns), slot, v))
            free_slots.append(slot)
    keyed.sort()
    for slot, (_m, _s, v) in zip(free_slots, keyed, strict=True):
        layer[slot] = v


def _pair_crossings(
    a: int, b: int, adj: Sequence[Sequence[int]], pos: dict[int, int]
) -> tuple[int, int]:
    """Crossings between the edges of a and b (a left of b) and with b left of a."""
    pa = [pos[w] for w in adj[a] if w in pos]
    pb = [pos[w] for w in adj[b] if w in pos]
    ab = ba = 0
    for x in pa:
        for y in pb:
            if x > y:
                ab += 1
            elif y > x:
                ba += 1
    return ab, ba


def _transpose(
    layers: Layers,
    pred: Sequence[Sequence[int]],
    succ: Sequence[Sequence[int]],
    locked: Sequence[bool],
) -> None:
    """Swap adjacent nodes while that lowers the crossings with both neighbouring layers."""
    for _round in range(4):
        improved = False
        for r, layer in enumerate(layers):
            above = {v: i for i, v in enumerate(layers[r - 1])} if r > 0 else {}
            below = {v: i for i, v in enumerate(layers[r + 1])} if r + 1 < len(layers) else {}
            for i in range(len(layer) - 1):
                a, b = layer[i], layer[i + 1]
                if locked[a] and locked[b]:
                    continue
                up_ab, up_ba = _pair_crossings(a, b, pred, above)
                dn_ab, dn_ba = _pair_crossings(a, b, succ, below)
                if up_ba + dn_ba < up_ab + dn_ab:
                    layer[i], layer[i + 1] = b, a
                    improved = True
        if not improved:
            return


def reduce_crossings(
    layers: Layers,
    pred: Sequence[Sequence[int]],
    succ: Sequence[Sequence[int]],
    locked: Sequence[bool],
    sweeps: int = 8,
) -> tuple[Layers, int]:
    """Alternate down/up median sweeps with transposition; return the best order and its count."""
    best = [list(layer) for layer in layers]
    best_count = count_crossings(best, succ)
    current = [list(layer) for layer in layers]
    for sweep in range(sweeps):
        if best_count == 0:
            break
        if sweep % 2 == 0:
            for r in range(1, len(current)):
                prev = {v: i for i, v in enumerate(current[r - 1])}
                _reorder(current[r], prev, pred)
        else:
            for r in range(len(current) - 2, -1, -1):
                nxt = {v: i for i, v in enumerate(current[r + 1])}
                _reorder(current[r], nxt, succ)
        _transpose(current, pred, succ, locked)
        count = count_crossings(current, succ)
        if count < best_count:
            best = [list(layer) for layer in current]
            best_count = count
    return best, best_count
