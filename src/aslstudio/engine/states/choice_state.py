"""The Choice state: evaluate the rules (with their explanation) and pick the next state."""

from __future__ import annotations

from aslstudio.engine import dataflow as df
from aslstudio.engine.choice import evaluate_choice
from aslstudio.engine.runtime import Transition, Visit


def run(v: Visit) -> Transition:
    """Choose the next state; the decision trace goes into the step record."""
    body = v.body
    if v.sdef.jsonata:
        env = df.bindings(v)
        decision = evaluate_choice(
            body, v.raw, v.context, v.variables, query_language="JSONata", jsonata_bindings=env
        )
        v.record.choice = decision
        assigned = df.assign_jsonata(decision.assign, env, v.rt.rng)
        rule = body["Choices"][decision.rule_index] if decision.rule_index is not None else body
        output = (
            df.render(rule["Output"], env, "Output", rng=v.rt.rng) if "Output" in rule else v.raw
        )
        return Transition(output, decision.next_state, assigned)
    eff = df.effective_input(v)
    decision = evaluate_choice(body, eff, v.ctx, v.variables, query_language="JSONPath")
    v.record.choice = decision
    assigned = df.assign_jsonpath(v, decision.assign, eff)
    return Transition(df.output_path(v, eff), decision.next_state, assigned)
