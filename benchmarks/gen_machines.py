"""Generate realistic, valid ASL state machines of a chosen size for benchmarks and layout tests.

``generate(n, seed)`` returns a definition with exactly ``n`` states in total (nested ones
included, for ``n >= 1``), deterministic per seed. The shape follows what real teams write:
mostly Lambda task chains with Retry and a Catch to a few shared failure handlers per scope,
Choice states with 2-4 rules and a Default, polling loops (start job, wait, check, Choice
back to the Wait), Parallel states with 2-5 branches and Map states with an ItemProcessor,
nested up to three scopes deep. Every state is reachable, every path ends, names are unique
across the machine and every transition stays inside its own scope.

Run as a script to write machines of 200, 500, 1000 and 3000 states to ``benchmarks/out/``.
Only the standard library is used, so tests may load this file by path.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

State = dict[str, Any]
Block = list[tuple[str, State]]

ACCOUNT = "123456789012"
REGION = "us-east-1"
MAX_DEPTH = 3
SIZES = (200, 500, 1000, 3000)

_VERBS = (
    "Validate", "Enrich", "Load", "Transform", "Check", "Score", "Normalize", "Publish",
    "Fetch", "Store", "Reconcile", "Classify", "Resolve", "Archive", "Notify", "Compute",
)  # fmt: skip
_NOUNS = (
    "Order", "Invoice", "Customer", "Payment", "Shipment", "Record", "Profile", "Report",
    "Batch", "Ledger", "Claim", "Asset", "Quote", "Account", "Catalog", "Metric",
)  # fmt: skip
_LAMBDA_RETRY: State = {
    "ErrorEquals": [
        "Lambda.ServiceException",
        "Lambda.AWSLambdaException",
        "Lambda.SdkClientException",
        "Lambda.TooManyRequestsException",
    ],
    "IntervalSeconds": 2,
    "MaxAttempts": 6,
    "BackoffRate": 2,
}


class _Builder:
    """Holds the random source and the name counter while one machine is built."""

    def __init__(self, seed: int) -> None:
        """Start a build with its own deterministic random source."""
        self.rng = random.Random(seed)
        self.counter = 0

    def name(self, verb: str | None = None, noun: str | None = None) -> str:
        """Return a fresh state name, unique across the machine thanks to a running number."""
        self.counter += 1
        verb = verb or self.rng.choice(_VERBS)
        noun = noun or self.rng.choice(_NOUNS)
        return f"{verb}{noun}{self.counter}"

    def task(self, name: str) -> State:
        """Return a Task state that calls a Lambda function (sometimes another service)."""
        roll = self.rng.random()
        if roll < 0.1:
            return {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": {
                    "TableName": "pipeline-records",
                    "Item": {"pk": {"S.$": "$.ctx.id"}, "status": {"S": "STORED"}},
                },
                "ResultPath": None,
            }
        if roll < 0.18:
            return {
                "Type": "Task",
                "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {
                    "TopicArn": f"arn:aws:sns:{REGION}:{ACCOUNT}:pipeline-events",
                    "Message.$": "States.Format('{} finished', $.ctx.id)",
                },
                "ResultPath": None,
            }
        fn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name.lower()}"
        return {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": fn, "Payload.$": "$"},
            "ResultSelector": {"value.$": "$.Payload"},
            "ResultPath": "$.last",
            "Retry": [{**_LAMBDA_RETRY, "ErrorEquals": list(_LAMBDA_RETRY["ErrorEquals"])}],
            "TimeoutSeconds": self.rng.choice((30, 60, 300)),
        }

    # ---- blocks: each returns exactly `size` states, entering at the first, leaving to `nxt`

    def chain(self, size: int, nxt: str, depth: int) -> Block:
        """Return `size` Tasks in a row, the last one going to `nxt`."""
        names = [self.name() for _ in range(size)]
        out: Block = []
        for i, name in enumerate(names):
            state = self.task(name)
            state["Next"] = names[i + 1] if i + 1 < size else nxt
            out.append((name, state))
        return out

    def choice(self, size: int, nxt: str, depth: int) -> Block:
        """Return a Choice with 2-4 rules, each leading to a short chain, Default to `nxt`."""
        rules = min(self.rng.randint(2, 4), size - 1)
        lengths = _split(self.rng, size - 1, rules)
        head = self.name("Route")
        body: Block = []
        choices: list[State] = []
        for i, length in enumerate(lengths):
            arm = self.chain(length, nxt, depth)
            choices.append(self.rule(i, arm[0][0]))
            body.extend(arm)
        state: State = {"Type": "Choice", "Choices": choices, "Default": nxt}
        return [(head, state), *body]

    def rule(self, index: int, target: str) -> State:
        """Return one Choice rule of a varied but valid shape."""
        kind = index % 4
        if kind == 0:
            return {"Variable": "$.ctx.route", "StringEquals": f"route-{index}", "Next": target}
        if kind == 1:
            limit = self.rng.randint(10, 1000)
            return {"Variable": "$.ctx.amount", "NumericGreaterThan": limit, "Next": target}
        if kind == 2:
            return {
                "And": [
                    {"Variable": "$.ctx.flag", "IsPresent": True},
                    {"Variable": "$.ctx.flag", "BooleanEquals": True},
                ],
                "Next": target,
            }
        return {"Not": {"Variable": "$.ctx.region", "StringEquals": REGION}, "Next": target}

    def poll(self, size: int, nxt: str, depth: int) -> Block:
        """Return a polling loop: start job, Wait, check status, Choice back to the Wait."""
        noun = self.rng.choice(_NOUNS)
        start, wait = self.name("Start", noun), self.name("WaitFor", noun)
        check = self.name("GetStatusOf", noun)
        decide, failed = self.name("Is", noun + "Done"), self.name(noun, "JobFailed")
        start_state = self.task(start)
        start_state["Next"] = wait
        check_state = self.task(check)
        check_state.update(
            {"ResultSelector": {"status.$": "$.Payload.status"}, "ResultPath": "$.job"}
        )
        check_state["Next"] = decide
        return [
            (start, start_state),
            (wait, {"Type": "Wait", "Seconds": self.rng.choice((5, 10, 30)), "Next": check}),
            (check, check_state),
            (
                decide,
                {
                    "Type": "Choice",
                    "Choices": [
                        {"Variable": "$.job.status", "StringEquals": "SUCCEEDED", "Next": nxt},
                        {"Variable": "$.job.status", "StringEquals": "RUNNING", "Next": wait},
                    ],
                    "Default": failed,
                },
            ),
            (failed, {"Type": "Fail", "Error": f"{noun}JobFailed", "Cause": "The job failed"}),
        ]

    def parallel(self, size: int, nxt: str, depth: int) -> Block:
        """Return a Parallel state with 2-5 branches sharing `size - 1` states."""
        count = min(self.rng.randint(2, 5), size - 1)
        name = self.name("RunParallel")
        branches = [self.scope(b, depth + 1) for b in _split(self.rng, size - 1, count)]
        state: State = {"Type": "Parallel", "Branches": branches, "ResultPath": None, "Next": nxt}
        return [(name, state)]

    def map(self, size: int, nxt: str, depth: int) -> Block:
        """Return a Map state whose ItemProcessor holds `size - 1` states."""
        name = self.name("ForEach")
        processor = self.scope(size - 1, depth + 1)
        processor["ProcessorConfig"] = {"Mode": "INLINE"}
        state: State = {
            "Type": "Map",
            "ItemsPath": "$.ctx.items",
            "ItemSelector": {"ctx.$": "$.ctx", "item.$": "$$.Map.Item.Value"},
            "MaxConcurrency": self.rng.choice((1, 5, 10, 40)),
            "ItemProcessor": processor,
            "ResultPath": None,
            "Next": nxt,
        }
        return [(name, state)]

    # ---- scopes

    def scope(self, budget: int, depth: int) -> State:
        """Return {"StartAt", "States"} holding exactly `budget` states (nested included)."""
        handlers = _handler_count(budget, depth)
        handler_block, entries = self.handlers(handlers, depth)
        body_budget = budget - len(handler_block) - handlers - 1
        terminal = self.terminal(depth, budget)
        blocks: list[Block] = [[terminal]]
        nxt = terminal[0]
        while body_budget > 0:
            block = self.pick_block(body_budget, budget, depth, nxt)
            blocks.append(block)
            body_budget -= _count(block)
            nxt = block[0][0]
        if handlers:
            blocks.append(self.chain(handlers, nxt, depth))
        ordered = [item for block in reversed(blocks) for item in block] + handler_block
        states = dict(ordered)
        self.add_catches(states, entries)
        return {"StartAt": ordered[0][0], "States": states}

    def pick_block(self, remaining: int, budget: int, depth: int, nxt: str) -> Block:
        """Choose a block kind and size that fit in `remaining` states and build it."""
        kinds: list[tuple[Callable[[int, str, int], Block], float, int, int]] = [
            (self.chain, 5.0, 1, min(4, remaining)),
            (self.choice, 1.5, 3, min(10, remaining)),
            (self.poll, 1.0, 5, 5),
        ]
        if depth < MAX_DEPTH:
            cap = max(8, budget // 4)
            kinds.append((self.parallel, 1.2, 3, min(cap, remaining)))
            kinds.append((self.map, 0.8, 2, min(cap // 2, remaining)))
        fitting = [k for k in kinds if k[2] <= remaining and k[2] <= k[3]]
        make, _, low, high = self.rng.choices(fitting, weights=[k[1] for k in fitting])[0]
        return make(self.rng.randint(low, high), nxt, depth)

    def terminal(self, depth: int, budget: int) -> tuple[str, State]:
        """Return the state that ends a scope: Succeed at the top, an End state inside."""
        if depth == 0:
            return self.name("Pipeline", "Succeeded"), {"Type": "Succeed"}
        name = self.name("Summarize")
        if budget > 1 and self.rng.random() < 0.5:
            state = self.task(name)
            state["End"] = True
            return name, state
        return name, {"Type": "Pass", "Parameters": {"done": True, "id.$": "$.ctx.id"}, "End": True}

    def handlers(self, count: int, depth: int) -> tuple[Block, list[str]]:
        """Return `count` shared failure handlers and the state names a Catch should target."""
        out: Block = []
        entries: list[str] = []
        for _ in range(count):
            noun = self.rng.choice(_NOUNS)
            fail = self.name(noun, "Failed")
            fail_state: State = {
                "Type": "Fail",
                "Error": f"{noun}Failed",
                "CausePath": "$.error.Cause",
            }
            if depth == 0:
                record = self.name("Record", noun + "Failure")
                record_state: State = {
                    "Type": "Pass",
                    "Result": {"failed": True},
                    "ResultPath": "$.failure",
                    "Next": fail,
                }
                out.append((record, record_state))
            entries.append(out[-1][0] if depth == 0 else fail)
            out.append((fail, fail_state))
        return out, entries

    def add_catches(self, states: dict[str, State], entries: list[str]) -> None:
        """Give catchable states a Catch to a shared handler; every handler gets one at least."""
        if not entries:
            return
        catchable = [n for n, s in states.items() if s["Type"] in ("Task", "Parallel", "Map")]
        for i, name in enumerate(catchable):
            if i >= len(entries) and self.rng.random() < 0.35:
                continue
            target = entries[i] if i < len(entries) else self.rng.choice(entries)
            catch: State = {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": target}
            states[name]["Catch"] = [catch]


def _handler_count(budget: int, depth: int) -> int:
    """Return how many shared failure handlers a scope of `budget` states gets."""
    if depth == 0:
        return (budget >= 12) + (budget >= 80) + (budget >= 400)
    return 1 if budget >= 10 else 0


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split `total` into `parts` positive integers at random."""
    if parts <= 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def _count(block: Block) -> int:
    """Return how many states a block holds, nested ones included."""
    return sum(count_states(state) for _, state in block)


def count_states(state: State) -> int:
    """Return 1 plus the number of states nested inside `state` (Parallel and Map)."""
    inner = [*state.get("Branches", [])]
    for key in ("ItemProcessor", "Iterator"):
        if key in state:
            inner.append(state[key])
    return 1 + sum(count_states(s) for scope in inner for s in scope["States"].values())


def total_states(definition: State) -> int:
    """Return the number of states in a definition, nested ones included."""
    return sum(count_states(s) for s in definition["States"].values())


def generate(n_states: int, seed: int = 0) -> dict[str, Any]:
    """Return a valid ASL definition with `n_states` states in total, deterministic per seed."""
    if n_states < 1:
        raise ValueError("n_states must be at least 1")
    builder = _Builder(seed)
    if n_states == 1:
        scope: State = {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
    else:
        scope = builder.scope(n_states, 0)
    return {
        "Comment": f"Generated machine: {n_states} states, seed {seed}",
        "StartAt": scope["StartAt"],
        "States": scope["States"],
    }


def main(argv: list[str] | None = None) -> int:
    """Write generated machines (200, 500, 1000, 3000 states or the sizes given) to out/."""
    args = sys.argv[1:] if argv is None else argv
    sizes = [int(a) for a in args] if args else list(SIZES)
    out_dir = Path(__file__).resolve().parent / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        definition = generate(size)
        path = out_dir / f"generated-{size}.asl.json"
        path.write_text(
            json.dumps(definition, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"{path}: {total_states(definition)} states")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
