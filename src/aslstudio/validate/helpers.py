"""Value helpers shared by the rules: placeholders, numbers, walking values, name suggestions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, TypeGuard

from aslstudio.asl import pointer as jp

# `${Name}` DefinitionSubstitutions placeholders (SAM, CDK, Terraform, CloudFormation Fn::Sub).
PLACEHOLDER = re.compile(r"\$\{[^{}\s]+\}")


def has_placeholder(value: Any) -> bool:
    """Whether ``value`` is a string that contains a ``${Name}`` placeholder."""
    return isinstance(value, str) and "${" in value and PLACEHOLDER.search(value) is not None


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` is a string that is exactly one placeholder (standing for any value)."""
    return isinstance(value, str) and PLACEHOLDER.fullmatch(value.strip()) is not None


def is_number(value: Any) -> TypeGuard[int | float]:
    """Whether ``value`` is a JSON number (booleans are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_jsonata(value: Any) -> bool:
    """Whether ``value`` is a JSONata template string ``{% ... %}``."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return len(text) >= 4 and text.startswith("{%") and text.endswith("%}")


def jsonata_body(value: str) -> str:
    """The expression inside ``{% ... %}``."""
    return value.strip()[2:-2]


def walk(value: Any, pointer: str) -> Iterator[tuple[str, str | None, Any]]:
    """Every value inside ``value`` as ``(pointer, key, value)``; iterative, so any depth is safe.

    ``key`` is the member name for object members and None for array items and the root.
    """
    stack: list[tuple[str, str | None, Any]] = [(pointer, None, value)]
    while stack:
        where, key, item = stack.pop()
        yield where, key, item
        if isinstance(item, dict):
            stack.extend((jp.join(where, k), k, v) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((jp.join(where, i), None, v) for i, v in reversed(list(enumerate(item))))


def containers(value: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any] | list[Any]]]:
    """Every object and array inside ``value`` with its pointer (leaves get no pointer: faster)."""
    stack: list[tuple[str, Any]] = [(pointer, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            yield where, item
            stack.extend(
                (jp.join(where, k), v) for k, v in item.items() if isinstance(v, dict | list)
            )
        elif isinstance(item, list):
            yield where, item
            stack.extend(
                (jp.join(where, i), v) for i, v in enumerate(item) if isinstance(v, dict | list)
            )


def strings(value: Any) -> Iterator[str]:
    """Every string inside ``value`` (keys included), without pointers: a fast scan."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield from (k for k in item if isinstance(k, str))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def walk_strings(value: Any, pointer: str) -> Iterator[tuple[str, str | None, str]]:
    """Every string value inside ``value`` as ``(pointer, key, text)``."""
    for where, key, item in walk(value, pointer):
        if isinstance(item, str):
            yield where, key, item


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def suggest(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Up to three candidates closest to ``name`` by edit distance (case-insensitive)."""
    allowed = max(1, min(limit, len(name) // 3 + 1))
    scored = []
    lowered = name.lower()
    for candidate in set(candidates):
        distance = edit_distance(lowered, candidate.lower(), allowed)
        if distance <= allowed:
            scored.append((distance, candidate))
    return [c for _, c in sorted(scored)[:3]]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A ``Did you mean "X"?`` sentence, or empty when nothing is close."""
    close = suggest(name, candidates)
    if not close:
        return ""
    return "Did you mean " + " or ".join(f'"{c}"' for c in close) + "?"


def quoted(names: Iterable[str], most: int = 6) -> str:
    """Names as ``"a", "b", "c"`` (and how many more)."""
    items = list(names)
    shown = ", ".join(f'"{n}"' for n in items[:most])
    if len(items) > most:
        shown += f" and {len(items) - most} more"
    return shown
