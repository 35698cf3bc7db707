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
from typing import Any

from aslstudio.layout.ordering import Adjacency, reduce_crossings
from aslstudio.layout.ranking import RankEdge, optimal_ranks

DEFAULT_FRAMES = 4096  # finished scope frames kept (least recently used dropped first)
DEFAULT_RANKINGS = 1024  # solved ranking problems kept (and as many layer orders)


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
        self, max_frames: int = DEFAULT_FRAMES, max_rankings: int = DEFAULT_RANKINGS
    ) -> None:
        """An empty cache holding at most ``max_frames`` frames and ``max_rankings`` rankings."""
        self.max_frames = max_frames
        self.max_rankings = max_rankings
        self.stats = CacheStats()
        self._frames: OrderedDict[Hashable, Any] = OrderedDict()
        self._ranks: OrderedDict[Hashable, tuple[int, ...]] = OrderedDict()
        self._lock = threading.Lock()  # one cache may be shared by windows on other threads
        self._orders: OrderedDict[Hashable, tuple[tuple[tuple[int, ...], ...], int]] = OrderedDict()

    def __len__(self) -> int:
        """How many scope frames are held."""
        return len(self._frames)

    def clear(self) -> None:
        """Forget everything (the counters too)."""
        with self._lock:
            self._frames.clear()
            self._ranks.clear()
            self._orders.clear()
            self.stats = CacheStats()

    def copy(self) -> LayoutCache:
        """A second cache with the same (shared, never mutated) entries and fresh counters."""
        twin = LayoutCache(self.max_frames, self.max_rankings)
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
                return None
            self._frames.move_to_end(key)
            self.stats.frame_hits += 1
            return found

    def store_frame(self, key: Hashable, frame: Any) -> None:
        """Keep ``frame`` (never mutated afterwards) under ``key``, dropping the oldest if full."""
        with self._lock:
            self._frames[key] = frame
            self._frames.move_to_end(key)
            while len(self._frames) > self.max_frames:
                self._frames.popitem(last=False)

    def ranks(self, n: int, edges: Sequence[RankEdge]) -> list[int]:
        """:func:`optimal_ranks` of the same problem, solved once and then looked up."""
        key = (n, tuple(edges))
        with self._lock:
            found = self._ranks.get(key)
            if found is not None:
                self._ranks.move_to_end(key)
                self.stats.rank_hits += 1
                return list(found)
            self.stats.rank_misses += 1
        solved = optimal_ranks(n, edges)
        with self._lock:
            self._ranks[key] = tuple(solved)
            while len(self._ranks) > self.max_rankings:
                self._ranks.popitem(last=False)
        return solved

    def order(
        self,
        layers: Sequence[Sequence[int]],
        pred: Sequence[Sequence[int]],
        succ: Sequence[Sequence[int]],
    ) -> tuple[list[list[int]], int]:
        """:func:`reduce_crossings` of the same layers and links, computed once, then looked up."""
        key = (_frozen(layers), _frozen(pred), _frozen(succ))
        with self._lock:
            found = self._orders.get(key)
            if found is not None:
                self._orders.move_to_end(key)
                self.stats.order_hits += 1
                return [list(layer) for layer in found[0]], found[1]
            self.stats.order_misses += 1
        best, count = reduce_crossings([list(layer) for layer in layers], pred, succ)
        with self._lock:
            self._orders[key] = (_frozen(best), count)
            while len(self._orders) > self.max_rankings:
                self._orders.popitem(last=False)
        return best, count


def _frozen(rows: Adjacency) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(row) for row in rows)
