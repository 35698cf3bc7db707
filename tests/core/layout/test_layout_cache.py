"""The per-scope layout cache: after any edit, a cached layout is exactly the uncached one, and
only the scopes whose inputs changed are laid out again."""

from __future__ import annotations

import copy
import dataclasses
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aslstudio.asl.scopes import iter_scopes
from aslstudio.layout import Geometry, LayoutCache, StateInfo, layout_definition

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples").glob("*/*.asl.json"))
Definition = dict[str, Any]


def _picture(geo: Geometry) -> dict[str, Any]:
    """Everything in a geometry except how long it took."""
    data = dataclasses.asdict(geo)
    data.pop("timings")
    return data


def _scopes(definition: Definition) -> Iterator[dict[str, Any]]:
    """Every scope object (the machine, each branch, each item processor)."""
    stack: list[Any] = [definition]
    while stack:
        scope = stack.pop()
        states = scope.get("States") if isinstance(scope, dict) else None
        if not isinstance(states, dict) or not states:
            continue
        yield scope
        for body in states.values():
            stack.extend(body.get("Branches", []))
            stack.extend(body[k] for k in ("ItemProcessor", "Iterator") if k in body)


def _rename(scope: dict[str, Any], rng: random.Random) -> None:
    old = rng.choice(sorted(scope["States"]))
    new = f"{old} renamed {rng.randrange(1000)}"
    scope["States"] = {new if k == old else k: v for k, v in scope["States"].items()}
    if scope.get("StartAt") == old:
        scope["StartAt"] = new
    for body in scope["States"].values():
        for holder in [body, *body.get("Choices", []), *body.get("Catch", [])]:
            for field in ("Next", "Default"):
                if holder.get(field) == old:
                    holder[field] = new


def _add_state(scope: dict[str, Any], rng: random.Random) -> None:
    """A Pass state spliced in after a state that has a Next."""
    with_next = [n for n, b in scope["States"].items() if "Next" in b]
    name = f"Added {rng.randrange(1000)}"
    if not with_next:
        scope["States"][name] = {"Type": "Pass", "End": True}
        return
    before = scope["States"][rng.choice(sorted(with_next))]
    scope["States"][name] = {"Type": "Pass", "Next": before["Next"]}
    before["Next"] = name


def _relabel(scope: dict[str, Any], rng: random.Random) -> None:
    """A Choice rule's value (its edge label), else a Task's resource (its box width)."""
    for body in scope["States"].values():
        if body.get("Type") == "Choice" and body.get("Choices"):
            target = rng.choice(sorted(scope["States"]))
            value = f"v{rng.randrange(99)}"
            body["Choices"][0] = {"Variable": "$.x", "StringEquals": value, "Next": target}
            return
    body = scope["States"][rng.choice(sorted(scope["States"]))]
    body["Resource"] = f"arn:aws:states:::lambda:invoke{'x' * rng.randrange(30)}"


def _drop_link(scope: dict[str, Any], rng: random.Random) -> None:
    """A state that went on now ends."""
    with_next = sorted(n for n, b in scope["States"].items() if "Next" in b)
    if with_next:
        body = scope["States"][rng.choice(with_next)]
        del body["Next"]
        body["End"] = True


EDITS: list[Callable[[dict[str, Any], random.Random], None]] = [
    _rename,
    _add_state,
    _relabel,
    _drop_link,
]


def _check_edits(definition: Definition, seed: int, steps: int) -> LayoutCache:
    """Random edits one after another; each cached layout must equal the uncached one."""
    rng = random.Random(seed)  # noqa: S311 - reproducible edits, not cryptography
    cache = LayoutCache()
    current = copy.deepcopy(definition)
    collapsed: frozenset[str] = frozenset()
    previous = layout_definition(current, cache=cache)
    assert _picture(previous) == _picture(layout_definition(current))
    for _ in range(steps):
        if previous.containers and rng.random() < 0.2:
            collapsed = collapsed ^ {rng.choice(sorted(previous.containers))}
        else:
            rng.choice(EDITS)(rng.choice(list(_scopes(current))), rng)
        cached = layout_definition(current, collapsed=collapsed, previous=previous, cache=cache)
        fresh = layout_definition(current, collapsed=collapsed, previous=previous)
        assert _picture(cached) == _picture(fresh)
        previous = cached
    return cache


def _load(path: Path) -> Definition:
    import json

    data: Definition = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_cached_equals_uncached_after_random_edits(path: Path) -> None:
    cache = _check_edits(_load(path), seed=len(path.name), steps=6)
    assert cache.stats.frame_misses > 0


@pytest.mark.parametrize(("size", "seed"), [(60, 1), (150, 4)])
def test_generated_cached_equals_uncached_after_random_edits(
    gen: Any, size: int, seed: int
) -> None:
    cache = _check_edits(gen.generate(size, seed), seed=seed, steps=5)
    assert cache.stats.frame_hits > 0


@pytest.mark.parametrize(
    ("edit", "relaid"),
    [(_add_state, {2}), (_drop_link, {2}), (_rename, {1, 2}), (_relabel, {1, 2})],
)
def test_an_edit_in_one_branch_lays_out_only_that_branch_and_its_ancestors(
    edit: Callable[[dict[str, Any], random.Random], None], relaid: set[int]
) -> None:
    """The branch always; the machine around it only when the branch's lane changed size."""
    definition = _load(ROOT / "examples/nutrition-validation/nutrition-validation.asl.json")
    scopes = [s.pointer for s in iter_scopes(definition)]
    assert len(scopes) > 3
    cache = LayoutCache()
    first = layout_definition(definition, cache=cache)
    again = layout_definition(definition, previous=first, cache=cache)
    steady = layout_definition(definition, previous=again, cache=cache)
    before = dataclasses.replace(cache.stats)
    assert _picture(steady) == _picture(again)
    branch = next(s for s in _scopes(definition) if s is not definition)
    edit(branch, random.Random(3))  # noqa: S311 - reproducible edits, not cryptography
    edited = layout_definition(definition, previous=steady, cache=cache)
    assert _picture(edited) == _picture(layout_definition(definition, previous=steady))
    misses = cache.stats.frame_misses - before.frame_misses
    hits = cache.stats.frame_hits - before.frame_hits
    assert misses in relaid
    assert hits == len(scopes) - misses


def test_changing_the_returned_geometry_does_not_change_the_cache() -> None:
    definition = _load(ROOT / "examples/nutrition-validation/nutrition-validation.asl.json")
    cache = LayoutCache()
    geo = layout_definition(definition, cache=cache)
    for box in geo.containers.values():
        box.x += 500.0
        box.lanes.clear()
    for edge in geo.edges:
        edge.points.append((0.0, 0.0))
    assert _picture(layout_definition(definition, cache=cache)) == _picture(
        layout_definition(definition)
    )
    assert cache.stats.frame_hits == len(cache)


def test_the_cache_keeps_at_most_its_limit() -> None:
    definition = _load(ROOT / "examples/nutrition-validation/nutrition-validation.asl.json")
    cache = LayoutCache(max_frames=3, max_rankings=2)
    geo = layout_definition(definition, cache=cache)
    assert len(cache) == 3
    assert _picture(layout_definition(definition, cache=cache)) == _picture(geo)
    cache.clear()
    assert len(cache) == 0
    assert cache.stats.frame_hits == 0


@st.composite
def machines(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    """Small scopes with loops, shared targets, labels and nested Parallel/Map."""
    names = [f"N{depth}_{i}" for i in range(draw(st.integers(1, 6)))]
    kinds = ("Task", "Pass", "Choice", "Succeed", "Fail", "Parallel", "Map")
    states: dict[str, Any] = {}
    for name in names:
        kind = draw(st.sampled_from(kinds if depth < 2 else kinds[:5]))
        body: dict[str, Any] = {"Type": kind}
        if kind == "Choice":
            body["Choices"] = [
                {"Variable": "$.n", "NumericEquals": i, "Next": draw(st.sampled_from(names))}
                for i in range(draw(st.integers(1, 2)))
            ]
            body["Default"] = draw(st.sampled_from(names))
        elif kind not in ("Succeed", "Fail"):
            if draw(st.booleans()):
                body["Next"] = draw(st.sampled_from(names))
            else:
                body["End"] = True
        if kind == "Parallel":
            body["Branches"] = [draw(machines(depth + 1)) for _ in range(draw(st.integers(1, 2)))]
        if kind == "Map":
            body["ItemProcessor"] = draw(machines(depth + 1))
        states[name] = body
    return {"StartAt": names[0], "States": states}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(machines(), st.integers(0, 10_000))
def test_random_machines_cached_equals_uncached(definition: Definition, seed: int) -> None:
    _check_edits(definition, seed=seed, steps=3)


def _mirrored(geo: Geometry) -> Geometry:
    """The same boxes with x reflected: an old drawing whose left-to-right order is reversed."""
    flipped = copy.deepcopy(geo)
    for box in flipped.states.values():
        box.x = -box.x - box.width
    return flipped


def test_the_old_drawings_order_is_part_of_the_key(gen: Any) -> None:
    definition = gen.generate(80, 2)
    cache = LayoutCache()
    plain = layout_definition(definition, cache=cache)
    for previous in (plain, _mirrored(plain), plain, _mirrored(plain)):
        cached = layout_definition(definition, previous=previous, cache=cache)
        assert _picture(cached) == _picture(layout_definition(definition, previous=previous))
    assert cache.stats.frame_hits > 0


def _double(text: str) -> tuple[float, float]:
    return 20.0 * len(text), 40.0 if text else 0.0


def _square(info: StateInfo) -> tuple[float, float]:
    return 90.0 + 3 * len(info.name), 90.0


def test_other_measures_are_part_of_the_key() -> None:
    definition = _load(ROOT / "examples/nutrition-validation/nutrition-validation.asl.json")
    cache = LayoutCache()
    runs: list[dict[str, Any]] = [
        {},
        {"label_measure": _double},
        {"measure": _square},
        {"measure": _square, "label_measure": _double},
        {},
    ]
    pictures = []
    for options in runs:
        cached = layout_definition(definition, cache=cache, **options)
        assert _picture(cached) == _picture(layout_definition(definition, **options))
        pictures.append(_picture(cached))
    assert pictures[0] != pictures[1] != pictures[2]
    assert pictures[0] == pictures[4]


def test_big_entries_are_dropped_to_stay_within_the_budgets(gen: Any) -> None:
    definition = gen.generate(120, 6)
    roomy = LayoutCache()
    picture = _picture(layout_definition(definition, cache=roomy))
    sizes = roomy._frames.total
    tight = LayoutCache(frame_items=sizes // 3, memo_items=200)
    assert _picture(layout_definition(definition, cache=tight)) == picture
    assert tight._frames.total <= sizes // 3
    assert len(tight) < len(roomy)
    assert tight._ranks.total <= 200
    assert tight._orders.total <= 200
    assert _picture(layout_definition(definition, cache=tight)) == picture


def test_a_copy_shares_the_entries_but_not_the_counters() -> None:
    definition = _load(ROOT / "examples/nutrition-validation/nutrition-validation.asl.json")
    cache = LayoutCache()
    geo = layout_definition(definition, cache=cache)
    twin = cache.copy()
    assert len(twin) == len(cache) > 0
    assert twin.stats.frame_misses == 0
    assert _picture(layout_definition(definition, cache=twin)) == _picture(geo)
    assert twin.stats.frame_hits == len(twin)
    _rename(definition, random.Random(1))  # noqa: S311 - reproducible edits, not cryptography
    layout_definition(definition, cache=twin)
    assert len(twin) == len(cache) + 1
