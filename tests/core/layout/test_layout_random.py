"""Property test: random small machines (loops, shared handlers, nested Parallel/Map, self-loops)
always give a drawing that keeps every invariant, the same drawing twice."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aslstudio.layout import layout_definition
from aslstudio.layout.quality import check

KINDS = ("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map")


@st.composite
def scopes(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    """A scope of 1-7 states whose transitions point anywhere inside it."""
    count = draw(st.integers(1, 7))
    names = [f"S{depth}_{i}" for i in range(count)]
    states: dict[str, Any] = {}
    for name in names:
        kind = draw(st.sampled_from(KINDS if depth < 2 else KINDS[:6]))
        body: dict[str, Any] = {"Type": kind}
        target = st.sampled_from(names)
        if kind == "Choice":
            rules = draw(st.lists(target, min_size=1, max_size=3))
            body["Choices"] = [
                {"Variable": f"$.v{i}", "NumericEquals": i, "Next": t} for i, t in enumerate(rules)
            ]
            body["Default"] = draw(target)
        elif kind not in ("Succeed", "Fail"):
            if draw(st.booleans()):
                body["Next"] = draw(target)
            else:
                body["End"] = True
            if kind in ("Task", "Parallel", "Map") and draw(st.booleans()):
                body["Catch"] = [{"ErrorEquals": ["States.ALL"], "Next": draw(target)}]
        if kind == "Parallel":
            body["Branches"] = [draw(scopes(depth + 1)) for _ in range(draw(st.integers(1, 3)))]
        if kind == "Map":
            body["ItemProcessor"] = draw(scopes(depth + 1))
        states[name] = body
    return {"StartAt": draw(st.sampled_from(names)), "States": states}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scopes())
def test_random_machines_keep_every_invariant(definition: dict[str, Any]) -> None:
    geo = layout_definition(definition)
    assert check(geo) == []
    again = layout_definition(definition)
    assert [(e.source, e.target, e.points) for e in again.edges] == [
        (e.source, e.target, e.points) for e in geo.edges
    ]
