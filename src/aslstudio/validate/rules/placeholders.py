"""P7xx: DefinitionSubstitutions placeholders (``${Name}``), reported as information."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from aslstudio.asl import pointer as jp
from aslstudio.validate.context import RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.helpers import PLACEHOLDER, strings, walk
from aslstudio.validate.registry import rule


def _state_at(ctx: RuleContext, pointer: str) -> str | None:
    current = pointer
    while current:
        ref = ctx.by_pointer.get(current)
        if ref is not None:
            return ref.name
        current = jp.parent(current)
    return None


@rule("P701", Severity.INFO, "A ${Name} placeholder will be filled in at deploy time")
def placeholders(ctx: RuleContext) -> Iterable[Diagnostic]:
    """One note per distinct placeholder, at its first use (SAM, CDK, Terraform substitutions)."""
    if not any("${" in text for text in strings(ctx.definition)):
        return  # the common case, found without building a pointer for every value
    seen: set[str] = set()
    for where, key, value in walk(ctx.definition, ""):
        for text in (key, value):
            if not isinstance(text, str) or "${" not in text:
                continue
            for match in PLACEHOLDER.findall(text):
                if match in seen:
                    continue
                seen.add(match)
                state = _state_at(ctx, where)
                diag = ctx.diag(
                    "P701",
                    None,
                    where,
                    f"{match} is a placeholder; it will be filled in from DefinitionSubstitutions "
                    "(SAM, CDK, Terraform or CloudFormation) when the machine is deployed.",
                    f"To simulate the machine, give {match} a value in a substitutions file "
                    "(NAME.substitutions.json beside the machine, or --substitutions).",
                )
                yield diag if state is None else replace(diag, state=state)
