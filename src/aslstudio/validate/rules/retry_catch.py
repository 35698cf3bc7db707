"""R4xx: Retry and Catch — States.ALL last and alone, known States.* error names."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from aslstudio.asl import pointer as jp
from aslstudio.asl.scopes import StateRef
from aslstudio.engine import errors as names
from aslstudio.validate.context import RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.helpers import did_you_mean
from aslstudio.validate.registry import rule

# HTTP Task errors carry the status: States.Http.StatusCode.429, States.Http.Socket, ...
HTTP_ERRORS = "States.Http."
_WORD = {"Retry": "retrier", "Catch": "catcher"}


def handlers(ref: StateRef) -> Iterator[tuple[str, str, int, int, list[Any]]]:
    """``(field, pointer, index, count, ErrorEquals)`` for every retrier and catcher of a state."""
    for field in ("Retry", "Catch"):
        items = ref.body.get(field)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("ErrorEquals"), list):
                yield (
                    field,
                    jp.join(ref.pointer, field, index),
                    index,
                    len(items),
                    item["ErrorEquals"],
                )


@rule("R401", Severity.ERROR, "States.ALL is not in the last retrier or catcher")
def all_not_last(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A retrier/catcher that matches States.ALL must come last; later ones could never apply."""
    for ref in ctx.states:
        for field, where, index, count, errors in handlers(ref):
            if names.ALL in errors and index < count - 1:
                yield ctx.diag(
                    "R401",
                    ref,
                    jp.join(where, "ErrorEquals"),
                    f'In state "{ref.name}", {field} {_WORD[field]} {index + 1} of {count} matches '
                    "States.ALL, so the ones after it could never apply.",
                    f"Move the States.ALL {_WORD[field]} to the end of {field}.",
                )


@rule("R402", Severity.ERROR, "States.ALL is not alone in ErrorEquals")
def all_not_alone(ctx: RuleContext) -> Iterable[Diagnostic]:
    """``"ErrorEquals": ["States.ALL"]`` must name no other error."""
    for ref in ctx.states:
        for field, where, index, _count, errors in handlers(ref):
            if names.ALL in errors and len(errors) > 1:
                others = ", ".join(str(e) for e in errors if e != names.ALL)
                yield ctx.diag(
                    "R402",
                    ref,
                    jp.join(where, "ErrorEquals"),
                    f'In state "{ref.name}", {field} {_WORD[field]} {index + 1} lists States.ALL '
                    f"together with {others}; States.ALL must be the only name in its list.",
                    "Keep only States.ALL (it already matches every error), or drop it.",
                )


@rule("R403", Severity.ERROR, "ErrorEquals is empty")
def empty_error_equals(ctx: RuleContext) -> Iterable[Diagnostic]:
    """A retrier or catcher that names no error can never apply."""
    for ref in ctx.states:
        for field, where, index, _count, errors in handlers(ref):
            if not errors:
                yield ctx.diag(
                    "R403",
                    ref,
                    jp.join(where, "ErrorEquals"),
                    f'In state "{ref.name}", {field} {_WORD[field]} {index + 1} has an empty '
                    '"ErrorEquals" list, so it never applies.',
                    'Name at least one error, e.g. ["States.TaskFailed"] or ["States.ALL"].',
                )


def raised_by_fail_states(ctx: RuleContext) -> frozenset[str]:
    """The literal ``Error`` names the machine's own Fail states raise."""
    raised = (ref.body.get("Error") for ref in ctx.of_type("Fail"))
    return frozenset(error for error in raised if isinstance(error, str))


@rule("R404", Severity.WARNING, "Unknown States.* error name")
def unknown_states_error(ctx: RuleContext) -> Iterable[Diagnostic]:
    """Names starting with ``States.`` are reserved; a misspelt one never matches."""
    # AWS lets a Fail state raise a "States."-prefixed name of its own (a Parallel branch that
    # ends the others early with "States.QuorumMet"); a catcher for that name does match.
    own = raised_by_fail_states(ctx)
    for ref in ctx.states:
        for field, where, _index, _count, errors in handlers(ref):
            for pos, error in enumerate(errors):
                if (
                    isinstance(error, str)
                    and error.startswith("States.")
                    and error not in names.PREDEFINED
                    and error not in own
                    and not error.startswith(HTTP_ERRORS)
                ):
                    yield ctx.diag(
                        "R404",
                        ref,
                        jp.join(where, "ErrorEquals", pos),
                        f'In state "{ref.name}", {field} names "{error}", which is not an error '
                        "Step Functions raises, so it never matches.",
                        did_you_mean(error, names.PREDEFINED)
                        or 'The "States." prefix is reserved; name your own errors without it.',
                    )
