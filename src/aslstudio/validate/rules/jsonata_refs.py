"""R511-R512: what a JSONata expression may read — no bare top-level names, errorOutput in Catch.

AWS evaluates a JSONata expression with no context value: the input is ``$states.input`` and
variables are ``$name``. A path whose first step is a bare name (``orderId`` instead of
``$states.input.orderId``) is refused when the machine is created
(UNSUPPORTED_JSONATA_EXPRESSION). The walk below looks only where the context is surely the
top level (operands, arguments, blocks, constructors, conditions) and never inside filters,
later path steps or function bodies, so it cannot flag a name that reads a real context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from aslstudio.asl import pointer as jp
from aslstudio.validate.context import JSONATA, RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.helpers import has_placeholder, is_jsonata, jsonata_body
from aslstudio.validate.registry import rule
from aslstudio.validate.rules.expressions import jsonata_strings

_ERROR_OUTPUT = re.compile(r"\$states\s*\.\s*errorOutput\b")
_CATCH_FIELD = re.compile(r"/Catch/\d+/(Output|Assign)(/|$)")
# node type -> attributes holding sub-expressions evaluated in the same (top-level) context
_SAME_CONTEXT = {
    "binary": ("lhs", "rhs"),
    "condition": ("condition", "then", "else_"),
    "block": ("expressions",),
    "function": ("arguments",),
    "partial": ("arguments",),
    "bind": ("rhs",),
    "apply": ("lhs", "rhs"),
}


def _children(node: Any, names: tuple[str, ...]) -> Iterator[Any]:
    for name in names:
        value = getattr(node, name, None)
        if isinstance(value, list):
            for item in value:
                yield from (item if isinstance(item, list) else [item])
        elif value is not None:
            yield value


def _top_level_names(node: Any) -> Iterator[str]:
    """Bare names read from the (missing) top-level context of an expression tree."""
    stack = [node]
    while stack:
        item = stack.pop()
        kind = getattr(item, "type", None)
        if kind == "name":
            yield str(item.value)
        elif kind == "path":
            steps = getattr(item, "steps", None) or []
            if steps:
                stack.append(steps[0])  # later steps read the result of the first one
        elif kind == "unary":
            stack.extend(_children(item, ("expression", "expressions", "lhs_object")))
        elif kind in _SAME_CONTEXT:
            stack.extend(_children(item, _SAME_CONTEXT[kind]))


@lru_cache(maxsize=4096)
def bare_names(expression: str) -> tuple[str, ...]:
    """The distinct bare top-level names an expression reads (empty when it does not parse)."""
    from jsonata.parser import Parser  # loaded only for JSONata machines

    try:
        tree = Parser().parse(expression)
    except Exception:  # noqa: BLE001 - a syntax error is R507's to report
        return ()
    return tuple(dict.fromkeys(_top_level_names(tree)))


def _expressions(ctx: RuleContext) -> Iterator[tuple[Any, str, str]]:
    for ref in ctx.states:
        if ctx.lang(ref) != JSONATA:
            continue
        for where, text in jsonata_strings(ref):
            if is_jsonata(text) and not has_placeholder(text):
                yield ref, where, jsonata_body(text)


@rule("R511", Severity.ERROR, "A JSONata expression reads a name at the top level")
def bare_top_level_name(ctx: RuleContext) -> Iterable[Diagnostic]:
    """``{% orderId %}`` must be ``{% $states.input.orderId %}`` (or a ``$variable``)."""
    for ref, where, expression in _expressions(ctx):
        for name in bare_names(expression):
            yield ctx.diag(
                "R511",
                ref,
                where,
                f'A JSONata expression in state "{ref.name}" reads "{name}" at the top level; '
                "Step Functions gives expressions no context value, so AWS refuses this.",
                f"Write $states.input.{name} for the state's input, or ${name} for a variable.",
            )


@rule("R512", Severity.ERROR, "$states.errorOutput is read outside a Catch")
def error_output_outside_catch(ctx: RuleContext) -> Iterable[Diagnostic]:
    """``$states.errorOutput`` exists only in a catcher's own Output and Assign."""
    for ref, where, expression in _expressions(ctx):
        inside = where[len(ref.pointer) :]
        if _ERROR_OUTPUT.search(expression) and not _CATCH_FIELD.match(inside):
            field = jp.split(inside)[0] if inside else "this field"
            yield ctx.diag(
                "R512",
                ref,
                where,
                f'State "{ref.name}" reads $states.errorOutput in {field}; it exists only in '
                "the Output and Assign of a Catch.",
                "Move this to the Catch's Output or Assign, or read $states.input / "
                "$states.result here.",
            )
