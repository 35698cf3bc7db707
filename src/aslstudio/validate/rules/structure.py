"""R2xx: references and structure: dangling or scope-leaving transitions, names, ends, loops."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from aslstudio.asl import pointer as jp
from aslstudio.asl.scopes import Scope, StateRef
from aslstudio.validate.context import RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.helpers import did_you_mean, quoted
from aslstudio.validate.registry import rule

FLOW_TYPES = frozenset({"Task", "Pass", "Wait", "Parallel", "Map"})
TERMINAL_TYPES = frozenset({"Succeed", "Fail"})
KNOWN_TYPES = FLOW_TYPES | TERMINAL_TYPES | {"Choice"}


@dataclass(frozen=True, slots=True)
class Transition:
    """One place where a state names another: its field, target and where it is written."""

    source: StateRef | None  # None for a scope's StartAt
    field: str
    target: str
    pointer: str


def transitions(ref: StateRef) -> Iterator[Transition]:
    """Every Next / Default / Choices[i].Next / Catch[i].Next a state writes, in document order."""
    body = ref.body
    if isinstance(body.get("Next"), str):
        yield Transition(ref, "Next", body["Next"], jp.join(ref.pointer, "Next"))
    for list_key in ("Choices", "Catch"):
        items = body.get(list_key)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("Next"), str):
                where = jp.join(ref.pointer, list_key, index, "Next")
                yield Transition(ref, f"{list_key}[{index}].Next", item["Next"], where)
    if isinstance(body.get("Default"), str):
        yield Transition(ref, "Default", body["Default"], jp.join(ref.pointer, "Default"))


def _scopes(ctx: RuleContext) -> dict[str, Scope]:
    return ctx.memo("scopes", lambda: {scope.pointer: scope for scope in ctx.scopes})


def _all_transitions(ctx: RuleContext) -> list[tuple[Scope, Transition]]:
    def compute() -> list[tuple[Scope, Transition]]:
        scopes = _scopes(ctx)
        found: list[tuple[Scope, Transition]] = []
        for scope in ctx.scopes:
            if isinstance(scope.start_at, str):
                where = jp.join(scope.pointer, "StartAt")
                found.append((scope, Transition(None, "StartAt", scope.start_at, where)))
        for ref in ctx.states:
            holder = scopes.get(ref.scope)
            if holder is not None:
                found.extend((holder, t) for t in transitions(ref))
        return found

    return ctx.memo("transitions", compute)


def _what(t: Transition) -> str:
    return "StartAt" if t.source is None else f'"{t.field}" of state "{t.source.name}"'


@rule("R201", Severity.ERROR, "A transition names a state that does not exist")
def dangling(ctx: RuleContext) -> Iterable[Diagnostic]:
    """StartAt, Next, Default, Choices[i].Next or Catch[i].Next naming no state at all."""
    for scope, t in _all_transitions(ctx):
        if t.target in scope.states or t.target in ctx.names:
            continue
        where = ctx.scope_name(scope.pointer)
        hint = did_you_mean(t.target, scope.states) or (
            f"The states in {where} are {quoted(scope.states)}." if scope.states else ""
        )
        yield ctx.diag(
            "R201",
            t.source,
            t.pointer,
            f'{_what(t)} goes to "{t.target}", but no state has that name.',
            (hint + " " if hint else "") + "Rename the target or add the missing state.",
        )


@rule("R202", Severity.ERROR, "A transition leaves its scope")
def leaves_scope(ctx: RuleContext) -> Iterable[Diagnostic]:
    """The target exists, but in another branch / processor / level than the state naming it."""
    for scope, t in _all_transitions(ctx):
        if t.target in scope.states or t.target not in ctx.names:
            continue
        elsewhere = ctx.names[t.target][0]
        here = ctx.scope_name(scope.pointer)
        there = ctx.scope_name(elsewhere.scope)
        yield ctx.diag(
            "R202",
            t.source,
            t.pointer,
            f'{_what(t)} goes to "{t.target}", which is in {there}, not in {here}.',
            f"A state can only go to states of its own scope ({here}). Move the state, or end "
            "this branch and continue after the Parallel/Map state.",
        )


@rule("R203", Severity.ERROR, "Two states have the same name")
def duplicate_names(ctx: RuleContext) -> Iterable[Diagnostic]:
    """State names must be unique in the whole machine, nested branches and processors included."""
    for name, refs in ctx.names.items():
        for ref in refs[1:]:
            first = ctx.scope_name(refs[0].scope)
            yield ctx.diag(
                "R203",
                ref,
                ref.pointer,
                f'The state name "{name}" is already used in {first}; names must be unique '
                "in the whole state machine, including nested branches and Map processors.",
                "Rename one of the two states (and the transitions that point to it).",
            )


@rule("R204", Severity.ERROR, "A state has both Next and End")
def next_and_end(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A state either goes on (Next) or ends its scope (End), never both."""
    for ref in ctx.states:
        if ref.body.get("End") is True and "Next" in ref.body:
            yield ctx.diag(
                "R204",
                ref,
                jp.join(ref.pointer, "End"),
                f'State "{ref.name}" has both "Next" and "End": true.',
                'Keep "Next" to go on, or "End": true to finish here, not both.',
            )


def _is_open(ref: StateRef) -> bool:
    return ref.type in FLOW_TYPES and ref.body.get("End") is not True and "Next" not in ref.body


@rule("R205", Severity.ERROR, "A state has neither Next nor End")
def no_next_or_end(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Task, Pass, Wait, Parallel and Map states must say where to go next or that they end."""
    for ref in ctx.states:
        if _is_open(ref):
            yield ctx.diag(
                "R205",
                ref,
                ref.pointer,
                f'State "{ref.name}" ({ref.type}) has neither "Next" nor "End": true, so the '
                "machine would not know where to go after it.",
                'Add "Next": "<state name>", or "End": true if this is the last step.',
            )


@dataclass
class _Flow:
    reachable: dict[str, set[str]]  # scope pointer -> reachable state pointers
    stuck: dict[str, list[str]]  # scope pointer -> reachable states that cannot reach an exit


def _successors(scope: Scope, ref: StateRef) -> tuple[list[str], bool]:
    """Pointers of the states ``ref`` may go to in its scope, and whether it may leave it."""
    targets: list[str] = []
    # Unknown types and open states are reported elsewhere; count them as exits here.
    exits = (
        ref.body.get("End") is True
        or ref.type in TERMINAL_TYPES
        or ref.type not in KNOWN_TYPES
        or _is_open(ref)
    )
    for t in transitions(ref):
        target = scope.states.get(t.target)
        if target is None:
            exits = True  # reported as R201/R202; do not pile up follow-on problems
        else:
            targets.append(target)
    return targets, exits


def _analyse_scope(ctx: RuleContext, scope: Scope) -> tuple[set[str], list[str]]:
    refs = [ctx.by_pointer[p] for p in scope.states.values() if p in ctx.by_pointer]
    edges: dict[str, list[str]] = {}
    reverse: dict[str, list[str]] = {ref.pointer: [] for ref in refs}
    exits: list[str] = []
    for ref in refs:
        targets, leaves = _successors(scope, ref)
        edges[ref.pointer] = targets
        for target in targets:
            reverse.setdefault(target, []).append(ref.pointer)
        if leaves:
            exits.append(ref.pointer)
    start = scope.states.get(scope.start_at) if isinstance(scope.start_at, str) else None
    reachable = _closure([start] if start else [], edges)
    can_finish = _closure(exits, reverse)
    stuck = [
        ref.pointer for ref in refs if ref.pointer in reachable and ref.pointer not in can_finish
    ]
    return reachable if start else {ref.pointer for ref in refs}, stuck


def _closure(seeds: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(seeds)
    queue = deque(seeds)
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _flow(ctx: RuleContext) -> _Flow:
    def compute() -> _Flow:
        flow = _Flow({}, {})
        for scope in ctx.scopes:
            flow.reachable[scope.pointer], flow.stuck[scope.pointer] = _analyse_scope(ctx, scope)
        return flow

    return ctx.memo("flow", compute)


@rule("R206", Severity.ERROR, "Some states can never reach an end (an endless loop)")
def endless_loop(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A scope where a reachable state cannot reach any End, Succeed or Fail."""
    for scope_pointer, stuck in _flow(ctx).stuck.items():
        if not stuck:
            continue
        refs = [ctx.by_pointer[p] for p in stuck]
        yield ctx.diag(
            "R206",
            refs[0],
            refs[0].pointer,
            f"Once the machine reaches {quoted(r.name for r in refs)} in "
            f"{ctx.scope_name(scope_pointer)}, no path leads to an end: it would loop forever.",
            "Give the loop a way out: a Choice rule or Default that goes to a Succeed/Fail state "
            'or to a state with "End": true.',
        )


@rule("R207", Severity.WARNING, "A state can never be reached")
def unreachable(ctx: RuleContext) -> Iterable[Diagnostic]:
    """States that no path from StartAt leads to: dead weight, and often a missing transition."""
    flow = _flow(ctx)
    for scope in ctx.scopes:
        reachable = flow.reachable.get(scope.pointer, set())
        for pointer in scope.states.values():
            ref = ctx.by_pointer.get(pointer)
            if ref is None or pointer in reachable:
                continue
            yield ctx.diag(
                "R207",
                ref,
                ref.pointer,
                f'State "{ref.name}" can never be reached: no path from StartAt '
                f'"{scope.start_at}" leads to it.',
                "Point a Next, Default, Choice rule or Catch to it, or delete it. "
                "AWS's own checks may refuse to deploy a machine with unreachable states.",
            )


MAX_NAME = 80


@rule("R208", Severity.ERROR, "A state name is longer than 80 characters")
def long_name(ctx: RuleContext) -> Iterable[Diagnostic]:
    """AWS records state names of at most 80 characters in the execution history."""
    for ref in ctx.states:
        if len(ref.name) > MAX_NAME:
            yield ctx.diag(
                "R208",
                ref,
                ref.pointer,
                f'State "{ref.name}" has a name of {len(ref.name)} characters; Step '
                f"Functions accepts state names of at most {MAX_NAME}.",
                "Shorten the name (and the transitions that point to it); put details in Comment.",
            )
