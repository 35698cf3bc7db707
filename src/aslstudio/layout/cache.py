"""Reuse of layout work across calls: finished scope frames and solved rankings, keyed by inputs.

A scope's frame is a pure function of what its layered layout is given (node sizes, links and
their labels, container boxes and lane places, the left-to-right order of the previous drawing),
so a :class:`LayoutCache` keeps frames under a fingerprint of exactly those inputs. After an
edit only the scopes whose inputs changed (the edited scope and, when its size changed, its
ancestors) are laid out again; the result is identical to a layout without the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from aslstudio.layout.ordering import Adjacency, reduce_crossings
from aslstudio.layout.ranking import RankEdge, optimal_ranks

DEFAULT_FRAMES = 4096  # finished scope frames kept (least recently used dropped first)
DEFAULT_RANKINGS = 1024  # solved ranking problems kept (and as many layer orders)
# Size budgets, so editing a huge machine for hours cannot grow the cache without end: about
# 1 kB per frame item (box or edge) and 0.1 kB per memo item (ranking edge or order entry).
FRAME_ITEMS = 60_000  # ≈ 7 times every frame of a 3,000-state machine
MEMO_ITEMS = 300_000

V = TypeVar("V")


class _Lru(Generic[V]):
    """Least-recently-used values with a count limit and a budget on their summed sizes."""

    def __init__(self, max_count: int, budget: int) -> None:
        self.max_count = max_count
        self.budget = budget
        self.total = 0
        self.items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        found = self.items.get(key)
        if found is None:
            return None
        self.items.move_to_end(key)
        return found[0]

    def put(self, key: Hashable, value: V, size: int) -> None:
        old = self.items.pop(key, None)
        if old is not None:
            self.total -= old[1]
        self.items[key] = (value, size)
        self.total += size
        while self.items and (len(self.items) > self.max_count or self.total > self.budget):
            _key, (_value, dropped) = self.items.popitem(last=False)
            self.total -= dropped

    def copy(self) -> _Lru[V]:
        twin: _Lru[V] = _Lru(self.max_count, self.budget)
        twin.items = self.items.copy()
        twin.total = self.total
        return twin


@dataclass(slots=True)
class CacheStats:
    """Counters of one cache: scope frames reused / laid out, rankings reused / solved."""

    frame_hits: int = 0
    frame_misses: int = 0
    rank_hits: int = 0
    rank_misses: int = 0
    order_hits: int = 0
    order_misses: int = 0


class LayoutCache:
    """Scope frames, rankings and layer orders of earlier layouts, reused when inputs match."""

    def __init__(
        self,
        max_frames: int = DEFAULT_FRAMES,
        max_rankings: int = DEFAULT_RANKINGS,
        *,
        frame_items: int = FRAME_ITEMS,
        memo_items: int = MEMO_ITEMS,
    ) -> None:
        """An empty cache holding at most ``max_frames`` frames of ``frame_items`` boxes and
        edges in all, and ``max_rankings`` rankings and orders of ``memo_items`` entries."""
        self.max_frames = max_frames
        self.max_rankings = max_rankings
        self.frame_items = frame_items
        self.memo_items = memo_items
        self.stats = CacheStats()
        self._lock = threading.Lock()  # one cache may be shared by windows on other threads
        self._frames: _Lru[Any] = _Lru(max_frames, frame_items)
        self._ranks: _Lru[tuple[int, ...]] = _Lru(max_rankings, memo_items)
        self._orders: _Lru[tuple[tuple[tuple[int, ...], ...], int]] = _Lru(max_rankings, memo_items)

    def __len__(self) -> int:
        """How many scope frames are held."""
        return len(self._frames.items)

    def clear(self) -> None:
        """Forget everything (the counters too)."""
        with self._lock:
            self._frames = _Lru(self.max_frames, self.frame_items)
            self._ranks = _Lru(self.max_rankings, self.memo_items)
            self._orders = _Lru(self.max_rankings, self.memo_items)
            self.stats = CacheStats()

    def copy(self) -> LayoutCache:
        """A second cache with the same (shared, never mutated) entries and fresh counters."""
        twin = LayoutCache(
            self.max_frames,
            self.max_rankings,
            frame_items=self.frame_items,
            memo_items=self.memo_items,
        )
        with self._lock:
            twin._frames = self._frames.copy()
            twin._ranks = self._ranks.copy()
            twin._orders = self._orders.copy()
        return twin

    def frame(self, key: Hashable) -> Any | None:
        """The frame stored under ``key``, or None; a hit makes it the most recently used."""
        with self._lock:
            found = self._frames.get(key)
            if found is None:
                self.stats.frame_misses += 1
            else:
                self.stats.frame_hits += 1
            return found

    def store_frame(self, key: Hashable, frame: Any, size: int = 1) -> None:
        """Keep ``frame`` (never mutated afterwards) under ``key``; ``size`` counts its boxes
        and edges. The least recently used frames go when the count or the budget is exceeded."""
        with self._lock:
            self._frames.put(key, frame, size)

    def ranks(self, n: int, edges: Sequence[RankEdge]) -> list[int]:
        """:func:`optimal_ranks` of the same problem, solved once and then looked up."""
        key = (n, tuple(edges))
        with self._lock:
            found = self._ranks.get(key)
            if found is not None:
                self.stats.rank_hits += 1
                return list(found)
            self.stats.rank_misses += 1
        solved = optimal_ranks(n, edges)
        with self._lock:
            self._ranks.put(key, tuple(solved), len(edges) + 1)
        return solved

    def order(
        self, layers: Adjacency, pred: Adjacency, succ: Adjacency
    ) -> tuple[list[list[int]], int]:
        """:func:`reduce_crossings` of the same layers and links, computed once, then looked up."""
        key = (_frozen(layers), _frozen(pred), _frozen(succ))
        with self._lock:
            found = self._orders.get(key)
            if found is not None:
                self.stats.order_hits += 1
                return [list(layer) for layer in found[0]], found[1]
            self.stats.order_misses += 1
        best, count = reduce_crossings([list(layer) for layer in layers], pred, succ)
        with self._lock:
            self._orders.put(key, (_frozen(best), count), 2 * len(pred) + 1)
        return best, count


def _frozen(rows: Adjacency) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(row) for row in rows)
