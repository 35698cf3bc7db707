"""Plain-JSON structural checks of ASL definitions, shared by the example and generator tests.

Written against the ASL specification with nothing but dicts and lists, so these tests do not
depend on the project's parser or validator (both are written in parallel).
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

Scope = dict[str, Any]
TERMINAL_TYPES = frozenset({"Succeed", "Fail"})
NEEDS_NEXT_OR_END = frozenset({"Task", "Pass", "Wait", "Parallel", "Map"})
CATCHABLE = frozenset({"Task", "Parallel", "Map"})
REPO = Path(__file__).resolve().parents[3]


def load_module(name: str, path: Path) -> ModuleType:
    """Import a Python file by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_json(path: Path) -> Any:
    """Parse a JSON file, failing the test with the file name when it is not valid JSON."""
    return json.loads(path.read_text(encoding="utf-8"))


def child_scopes(state: dict[str, Any]) -> list[Scope]:
    """Return the nested scopes of a Parallel (Branches) or Map (ItemProcessor/Iterator)."""
    scopes: list[Scope] = list(state.get("Branches", []))
    scopes += [state[key] for key in ("ItemProcessor", "Iterator") if key in state]
    return scopes


def iter_scopes(
    scope: Scope, label: str = "<top>", depth: int = 0
) -> Iterator[tuple[str, int, Scope]]:
    """Yield (label, depth, scope) for a scope and every scope nested in it."""
    yield label, depth, scope
    for name, state in scope["States"].items():
        for i, child in enumerate(child_scopes(state)):
            yield from iter_scopes(child, f"{name}[{i}]", depth + 1)


def iter_states(definition: Scope) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (name, state) for every state of a machine, nested ones included."""
    for _, _, scope in iter_scopes(definition):
        yield from scope["States"].items()


def all_names(definition: Scope) -> list[str]:
    """Return every state name of a machine, nested ones included, duplicates kept."""
    return [name for name, _ in iter_states(definition)]


def transitions(state: dict[str, Any]) -> list[str]:
    """Return the names a state may move to: Next, Choice rule Nexts, Default, Catch Nexts."""
    targets = [state["Next"]] if "Next" in state else []
    targets += [rule["Next"] for rule in state.get("Choices", [])]
    targets += [state["Default"]] if "Default" in state else []
    targets += [catcher["Next"] for catcher in state.get("Catch", [])]
    return targets


def reference_problems(definition: Scope) -> list[str]:
    """Return every StartAt/Next/Default/Catch target that is not a state of its own scope."""
    problems = []
    for label, _, scope in iter_scopes(definition):
        names = scope["States"]
        if scope.get("StartAt") not in names:
            problems.append(f"{label}: StartAt {scope.get('StartAt')!r} not in scope")
        for name, state in names.items():
            problems += [
                f"{label}/{name}: target {t!r} not in scope"
                for t in transitions(state)
                if t not in names
            ]
    return problems


def ending_problems(definition: Scope) -> list[str]:
    """Return states whose way of ending is malformed (Next and End, neither, End on a Choice)."""
    problems = []
    for name, state in iter_states(definition):
        kind = state["Type"]
        has_next, has_end = "Next" in state, state.get("End") is True
        if kind in NEEDS_NEXT_OR_END and has_next == has_end:
            problems.append(f"{name}: {kind} needs exactly one of Next and End")
        if kind not in NEEDS_NEXT_OR_END and (has_next or "End" in state):
            problems.append(f"{name}: {kind} may not have Next or End")
        if kind == "Choice" and not state.get("Choices"):
            problems.append(f"{name}: Choice without rules")
    return problems


def _reach(scope: Scope, start: str) -> set[str]:
    """Return the names reachable from `start` inside one scope."""
    if start not in scope["States"]:
        return set()
    seen, todo = {start}, [start]
    while todo:
        for target in transitions(scope["States"][todo.pop()]):
            if target in scope["States"] and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _ends(state: dict[str, Any]) -> bool:
    """Return True when a state ends its scope's path (Succeed, Fail or End)."""
    return state["Type"] in TERMINAL_TYPES or state.get("End") is True


def flow_problems(definition: Scope) -> list[str]:
    """Return unreachable states and states from which no path reaches an end."""
    problems = []
    for label, _, scope in iter_scopes(definition):
        states = scope["States"]
        reachable = _reach(scope, scope["StartAt"])
        problems += [f"{label}/{n}: unreachable" for n in states if n not in reachable]
        for name in states:
            if not any(_ends(states[n]) for n in _reach(scope, name)):
                problems.append(f"{label}/{name}: no path to an end")
    return problems


def all_problems(definition: Scope) -> list[str]:
    """Return every structural problem found in a definition (empty when it is well formed)."""
    names = all_names(definition)
    dupes = sorted({n for n in names if names.count(n) > 1})
    return (
        [f"duplicate state name {n!r}" for n in dupes]
        + reference_problems(definition)
        + ending_problems(definition)
        + flow_problems(definition)
    )


def max_depth(definition: Scope) -> int:
    """Return how deeply scopes nest (0 for a machine without Parallel or Map)."""
    return max(depth for _, depth, _ in iter_scopes(definition))


def canonical(data: Any) -> str:
    """Return the canonical text of a JSON document in this project (2-space, UTF-8, newline)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
