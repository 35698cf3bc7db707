"""General evaluator for parsed Jayway JSONPath segments (wildcards, slices, scans, filters).

Only indefinite paths and filters come here; simple reference paths are walked by the fast
path in ``paths.py``. Semantics follow Jayway as AWS uses it: missing properties are skipped in
indefinite paths, a filter on an object tests the object itself, comparisons between
different types are false.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from aslstudio.engine import jsonpath_parse as jp

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

Segment = jp.Segment


def is_number(value: Any) -> bool:
    """True for JSON numbers (Python bool excluded)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def utf16_key(text: str) -> bytes:
    """Sort key ordering strings by UTF-16 code units, as Java's String.compareTo does."""
    return text.encode("utf-16-be", "surrogatepass")


# -- segment application: node -> iterator of selected children ----------------------------


def _apply_key(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    if isinstance(node, dict) and segment[1] in node:
        yield node[segment[1]]


def _apply_index(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    if isinstance(node, list):
        index = segment[1]
        if -len(node) <= index < len(node):
            yield node[index]


def _apply_wild(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        yield from node.values()
    elif isinstance(node, list):
        yield from node


def _apply_slice(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    if isinstance(node, list):
        yield from node[slice(segment[1], segment[2], segment[3])]


def _apply_keys(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        yield from (node[name] for name in segment[1] if name in node)


def _apply_indexes(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    if isinstance(node, list):
        size = len(node)
        yield from (node[i] for i in segment[1] if -size <= i < size)


def _apply_filter(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    expression = segment[1]
    if isinstance(node, list):
        yield from (item for item in node if filter_holds(expression, item, root))
    elif isinstance(node, dict) and filter_holds(expression, node, root):
        yield node


def _scan_filter(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    """Jayway's ``..[?(...)]``: an object is tested itself; an array only when the filter
    holds for the array as ``@`` (then its elements are filtered)."""
    expression = segment[1]
    if not filter_holds(expression, node, root):
        return
    if isinstance(node, dict):
        yield node
    else:
        yield from (item for item in node if filter_holds(expression, item, root))


def _apply_scan(segment: Segment, node: Any, root: Any) -> Iterator[Any]:
    """Deep scan in pre-order (a node before its descendants), as Jayway walks."""
    inner = segment[1]
    apply = _scan_filter if inner[0] == jp.FILTER else APPLY[inner[0]]
    stack = [node]
    while stack:
        current = stack.pop()
        if not isinstance(current, dict | list):
            continue
        yield from apply(inner, current, root)
        children = current.values() if isinstance(current, dict) else current
        stack.extend(reversed([c for c in children if isinstance(c, dict | list)]))


APPLY: dict[str, Callable[[Segment, Any, Any], Iterator[Any]]] = {
    jp.KEY: _apply_key,
    jp.INDEX: _apply_index,
    jp.WILD: _apply_wild,
    jp.SLICE: _apply_slice,
    jp.KEYS: _apply_keys,
    jp.INDEXES: _apply_indexes,
    jp.FILTER: _apply_filter,
    jp.SCAN: _apply_scan,
}


def collect(segments: tuple[Segment, ...], node: Any, root: Any) -> list[Any]:
    """Every value the segments select from ``node``, in document order."""
    current = [node]
    for segment in segments:
        apply = APPLY[segment[0]]
        current = [value for item in current for value in apply(segment, item, root)]
        if not current:
            break
    return current


def walk_definite(segments: tuple[Segment, ...], node: Any) -> Any:
    """Follow key/index segments; return MISSING when a step selects nothing."""
    for segment in segments:
        kind = segment[0]
        if kind == jp.KEY:
            if not isinstance(node, dict) or segment[1] not in node:
                return MISSING
            node = node[segment[1]]
        elif kind == jp.INDEX:
            index = segment[1]
            if not isinstance(node, list) or not -len(node) <= index < len(node):
                return MISSING
            node = node[index]
        elif kind == jp.KEYS:
            if not isinstance(node, dict):
                return MISSING
            node = {name: node[name] for name in segment[1] if name in node}
        else:  # pragma: no cover - callers only pass definite segments
            raise AssertionError(kind)
    return node


def is_definite(segments: tuple[Segment, ...]) -> bool:
    """Jayway's notion: only names and single indexes; a name union is definite as the leaf."""
    last = len(segments) - 1
    return all(
        s[0] in (jp.KEY, jp.INDEX) or (s[0] == jp.KEYS and i == last)
        for i, s in enumerate(segments)
    )


# -- filters -------------------------------------------------------------------------------


def _operand(node: tuple[Any, ...], current: Any, root: Any) -> Any:
    kind = node[0]
    if kind == jp.LIT:
        return node[1]
    base = current if kind == jp.REL else root
    segments = node[1]
    if is_definite(segments):
        return walk_definite(segments, base)
    return collect(segments, base, root)


def _exists(node: tuple[Any, ...], current: Any, root: Any) -> bool:
    """``[?(@.k)]``: a definite path exists (even holding null or []); an indefinite one
    selects at least one value."""
    value = _operand(node, current, root)
    if node[0] == jp.LIT or not is_definite(node[1]):
        return bool(value)
    return value is not MISSING


def _json_equal(left: Any, right: Any) -> bool:
    if is_number(left) and is_number(right):
        return bool(left == right)
    if type(left) is not type(right):
        return False
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_json_equal, left, right))
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(_json_equal(left[k], right[k]) for k in left)
    return bool(left == right)


def _ordered(left: Any, right: Any, accept: Callable[[int], bool]) -> bool:
    if is_number(left) and is_number(right):
        return accept((left > right) - (left < right))
    if isinstance(left, str) and isinstance(right, str):
        lk, rk = utf16_key(left), utf16_key(right)
        return accept((lk > rk) - (lk < rk))
    return False


@lru_cache(maxsize=256)
def _regex(pattern: str, flags: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if "i" in flags else 0)


def _matches(left: Any, right: tuple[Any, ...]) -> bool:
    return isinstance(left, str) and _regex(right[1], right[2]).fullmatch(left) is not None


def _member(left: Any, right: Any) -> bool:
    return isinstance(right, list) and any(_json_equal(left, item) for item in right)


def _subset(left: Any, right: Any) -> bool:
    return isinstance(left, list) and all(_member(item, right) for item in left)


def _any_of(left: Any, right: Any) -> bool:
    return isinstance(left, list) and any(_member(item, right) for item in left)


def _none_of(left: Any, right: Any) -> bool:
    return isinstance(left, list) and isinstance(right, list) and not _any_of(left, right)


def _size(left: Any, right: Any) -> bool:
    return isinstance(left, str | list) and is_number(right) and len(left) == right


def _empty(left: Any, right: Any) -> bool:
    return isinstance(left, str | list) and isinstance(right, bool) and (not left) == right


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": _json_equal,
    "!=": lambda a, b: not _json_equal(a, b),
    "<": lambda a, b: _ordered(a, b, lambda c: c < 0),
    "<=": lambda a, b: _ordered(a, b, lambda c: c <= 0),
    ">": lambda a, b: _ordered(a, b, lambda c: c > 0),
    ">=": lambda a, b: _ordered(a, b, lambda c: c >= 0),
    "in": _member,
    "nin": lambda a, b: not _member(a, b),
    "subsetof": _subset,
    "anyof": _any_of,
    "noneof": _none_of,
    "size": _size,
    "empty": _empty,
}


def filter_holds(expression: tuple[Any, ...], current: Any, root: Any) -> bool:
    """Whether a filter expression holds for ``current`` (``@``) within document ``root``."""
    kind = expression[0]
    if kind == jp.AND:
        return filter_holds(expression[1], current, root) and filter_holds(
            expression[2], current, root
        )
    if kind == jp.OR:
        return filter_holds(expression[1], current, root) or filter_holds(
            expression[2], current, root
        )
    if kind == jp.NOT:
        return not filter_holds(expression[1], current, root)
    if kind == jp.EXISTS:
        return _exists(expression[1], current, root)
    op, left_node, right_node = expression[1], expression[2], expression[3]
    left = _operand(left_node, current, root)
    if op == "=~":
        return _matches(left, right_node)
    right = _operand(right_node, current, root)
    if op != "!=" and (left is MISSING or right is MISSING):
        return False
    return _COMPARE[op](left, right)
