"""The benchmark machine generator: exact sizes, determinism, and well-formed, realistic shape."""

from __future__ import annotations

from collections import Counter
from importlib import util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def _load(name: str, path: Path) -> ModuleType:
    """Import a sibling helper by path (test folders are not packages)."""
    spec = util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shape = _load("examples_shape_rules", Path(__file__).resolve().parent / "shape_rules.py")
gen = shape.load_module("gen_machines", shape.REPO / "benchmarks" / "gen_machines.py")
CASES = [(n, seed) for n in (2, 5, 13, 40, 94, 200, 1000) for seed in (0, 1, 7)]


@pytest.mark.parametrize(("n", "seed"), CASES)
def test_generated_machine_is_well_formed(n, seed):
    definition = gen.generate(n, seed)
    assert shape.all_problems(definition) == []
    count = len(shape.all_names(definition))
    assert abs(count - n) <= max(1, n // 10)
    assert shape.max_depth(definition) <= 3


@pytest.mark.parametrize("n", [1, 3, 17, 500])
def test_generation_is_deterministic_per_seed(n):
    assert gen.generate(n, seed=3) == gen.generate(n, seed=3)


def test_different_seeds_give_different_machines():
    assert gen.generate(300, seed=1) != gen.generate(300, seed=2)


def test_large_machine_has_the_real_world_mix():
    definition = gen.generate(1000, seed=0)
    kinds = Counter(state["Type"] for _, state in shape.iter_states(definition))
    assert kinds["Task"] > sum(kinds.values()) / 2
    for kind in ("Choice", "Wait", "Parallel", "Map", "Fail", "Succeed"):
        assert kinds[kind] > 0, kind
    assert shape.max_depth(definition) >= 2
    tasks = [s for _, s in shape.iter_states(definition) if s["Type"] == "Task"]
    assert any("Retry" in s for s in tasks)
    assert any("Catch" in s for s in tasks)
    parallels = [s for _, s in shape.iter_states(definition) if s["Type"] == "Parallel"]
    assert all(2 <= len(s["Branches"]) <= 5 for s in parallels)
    choices = [s for _, s in shape.iter_states(definition) if s["Type"] == "Choice"]
    assert all(2 <= len(s["Choices"]) <= 4 and "Default" in s for s in choices)


def test_polling_loops_go_back_to_their_wait():
    definition = gen.generate(500, seed=4)
    loops = 0
    for _, _, scope in shape.iter_scopes(definition):
        for state in scope["States"].values():
            if state["Type"] == "Choice":
                loops += any(scope["States"][r["Next"]]["Type"] == "Wait" for r in state["Choices"])
    assert loops > 0


def test_rejects_a_size_below_one():
    with pytest.raises(ValueError, match="at least 1"):
        gen.generate(0)


def test_main_writes_machines(tmp_path, monkeypatch):
    monkeypatch.setattr(gen, "__file__", str(tmp_path / "gen_machines.py"))
    assert gen.main(["30"]) == 0
    written = tmp_path / "out" / "generated-30.asl.json"
    data = shape.read_json(written)
    assert len(shape.all_names(data)) == 30
    assert written.read_text(encoding="utf-8") == shape.canonical(data)


def test_states_share_no_mutable_parts():
    definition = gen.generate(300, seed=5)
    seen: dict[int, str] = {}

    def walk(value: Any, owner: str) -> None:
        if isinstance(value, dict | list):
            assert seen.setdefault(id(value), owner) == owner, owner
            for item in value.values() if isinstance(value, dict) else value:
                walk(item, owner)

    for name, state in shape.iter_states(definition):
        for key, value in state.items():
            if key not in ("Branches", "ItemProcessor"):
                walk(value, name)
