"""The Parallel state: every branch gets the same input; outputs keep branch order."""

from __future__ import annotations

from aslstudio.engine import dataflow as df
from aslstudio.engine import errors
from aslstudio.engine.runtime import ContainerRun, Transition, Visit


def run(v: Visit) -> ContainerRun:
    """Compute the branch input and start the branches' container."""
    if v.sdef.jsonata:
        args = v.body.get("Arguments")
        payload = (
            v.raw if args is None else df.render(args, df.bindings(v), "Arguments", rng=v.rt.rng)
        )
        v.record.stages["afterArguments"] = payload
    else:
        payload = df.parameters(v, df.effective_input(v))
    scopes = v.rt.program.children[v.sdef.name]
    v.event("ParallelStateStarted", None)
    return ContainerRun("Parallel", scopes, [payload] * len(scopes))


def finish(v: Visit, run_: ContainerRun) -> Transition:
    """End the Parallel: the first failing branch's error, else the outputs in branch order."""
    if run_.exceeded():
        v.event("ParallelStateFailed", None)
        error, cause = run_.first_error or (errors.BRANCH_FAILED, "")
        raise errors.StatesError(error, cause)
    v.event("ParallelStateSucceeded", None)
    result = run_.results
    if v.sdef.jsonata:
        output, assigned = df.finish_jsonata(v, result, result)
    else:
        output, assigned = df.finish_jsonpath(v, result)
    return Transition(output, v.body.get("Next"), assigned)
