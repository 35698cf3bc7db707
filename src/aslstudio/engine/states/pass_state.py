"""The Pass state: Result (literal, falsy values included), Parameters, or the input itself."""

from __future__ import annotations

from aslstudio.engine import dataflow as df
from aslstudio.engine.runtime import Transition, Visit


def run(v: Visit) -> Transition:
    """Pass ``Result`` (never evaluated), else Parameters, through the usual data flow."""
    body = v.body
    if v.sdef.jsonata:
        output, assigned = df.finish_jsonata(v, df.MISSING, v.raw)
        return Transition(output, body.get("Next"), assigned)
    eff = df.effective_input(v)
    result = body["Result"] if "Result" in body else df.parameters(v, eff)
    output, assigned = df.finish_jsonpath(v, result)
    return Transition(output, body.get("Next"), assigned)
