"""The rule registry: every semantic rule, keyed by its stable code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aslstudio.validate.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from aslstudio.validate.context import RuleContext

Check = Callable[["RuleContext"], Iterable[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One validation rule: its code, default severity, a short title and the check to run."""

    code: str
    severity: Severity
    title: str
    check: Check

    @property
    def family(self) -> str:
        """The family letter and hundred of the code, e.g. ``R2`` for R201."""
        return self.code[:2]


RULES: dict[str, Rule] = {}


def _no_check(_ctx: RuleContext) -> Iterable[Diagnostic]:
    return ()


def register(code: str, severity: Severity, title: str, check: Check = _no_check) -> Rule:
    """Add a rule to :data:`RULES`; a code may be registered only once."""
    if code in RULES:
        raise ValueError(f"rule {code} is registered twice")
    made = Rule(code, severity, title, check)
    RULES[code] = made
    return made


def rule(code: str, severity: Severity, title: str) -> Callable[[Check], Check]:
    """Decorator form of :func:`register` for a check function."""

    def wrap(check: Check) -> Check:
        register(code, severity, title, check)
        return check

    return wrap
