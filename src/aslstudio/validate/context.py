"""What every rule reads, computed once per definition: states, scopes, names, query languages."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from aslstudio.asl.scopes import Scope, StateRef, iter_scopes, iter_states
from aslstudio.validate.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    import networkx as nx

JSONPATH = "JSONPath"
JSONATA = "JSONata"
LANGUAGES = (JSONPATH, JSONATA)

T = TypeVar("T")


def _language(value: Any, default: str) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else default


@dataclass
class RuleContext:
    """A definition prepared for the rules: every state and scope, names and query languages."""

    definition: Mapping[str, Any]
    states: list[StateRef]
    scopes: list[Scope]
    top_language: str
    by_pointer: dict[str, StateRef] = field(default_factory=dict)
    names: dict[str, list[StateRef]] = field(default_factory=dict)
    language: dict[str, str] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, definition: Mapping[str, Any]) -> RuleContext:
        """Walk ``definition`` once and index what the rules need."""
        top = _language(definition.get("QueryLanguage"), JSONPATH)
        ctx = cls(definition, list(iter_states(definition)), list(iter_scopes(definition)), top)
        for ref in ctx.states:
            ctx.by_pointer[ref.pointer] = ref
            ctx.names.setdefault(ref.name, []).append(ref)
            # Nested states inherit the machine's language, not their Map/Parallel state's
            # (measured against AWS: a JSONata Map does not make its processor JSONata).
            ctx.language[ref.pointer] = _language(ref.body.get("QueryLanguage"), top)
        return ctx

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a shared result once per definition (several rules read one traversal)."""
        if key not in self._memo:
            self._memo[key] = compute()
        result: T = self._memo[key]
        return result

    @property
    def graph(self) -> nx.DiGraph[str]:
        """The typed state graph of :func:`aslstudio.asl.graph.build_graph`, built on first use."""
        from aslstudio.asl.graph import build_graph  # networkx loads only when asked for

        return self.memo("graph", lambda: build_graph(self.definition))

    def lang(self, ref: StateRef) -> str:
        """The effective query language of a state."""
        return self.language.get(ref.pointer, self.top_language)

    def of_type(self, *types: str) -> Iterator[StateRef]:
        """The states of the given types, in document order."""
        return (ref for ref in self.states if ref.type in types)

    def scope_name(self, scope_pointer: str) -> str:
        """Plain words for a scope: the top level, or which branch / processor of which state."""
        if not scope_pointer:
            return "the top level"
        for scope in self.scopes:
            if scope.pointer == scope_pointer:
                owner = self.by_pointer.get(scope.parent or "")
                owner_name = f'"{owner.name}"' if owner else "a container"
                if scope.kind == "branch":
                    return f"branch {scope.index + 1} of the Parallel state {owner_name}"
                return f"the iterations of the Map state {owner_name}"
        return scope_pointer

    def diag(
        self,
        code: str,
        ref: StateRef | None,
        pointer: str,
        message: str,
        hint: str = "",
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A diagnostic of rule ``code`` (its default severity unless given)."""
        from aslstudio.validate.registry import RULES

        return Diagnostic(
            code=code,
            severity=severity or RULES[code].severity,
            message=message,
            hint=hint,
            pointer=pointer,
            state=ref.name if ref is not None else None,
        )
