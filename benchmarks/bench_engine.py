"""Simulator speed, side by side with aws-local-stepfunctions (npm). Not a test.

Run `sh benchmarks/install_peers.sh` first (installs the peer into benchmarks/.peers/node), then
`.venv/bin/python benchmarks/bench_engine.py [--profile NAME]`.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from aslstudio.engine.execution import Execution, ExecutionOptions
from aslstudio.engine.mocks import MockConfig

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEER_RUNNER = HERE / "bench_engine_peer.cjs"
POLYFILLS = HERE / "node_polyfills.cjs"
PEER_DIR = HERE / ".peers" / "node" / "node_modules" / "aws-local-stepfunctions"
NUTRITION = ROOT / "examples" / "nutrition-validation"


def counter_loop(n: int = 20_000) -> dict[str, Any]:
    """Pass with States.MathAdd + Choice, n iterations."""
    definition = {
        "StartAt": "Init",
        "States": {
            "Init": {"Type": "Pass", "Result": {"n": 0}, "Next": "Add"},
            "Add": {
                "Type": "Pass",
                "Parameters": {"n.$": "States.MathAdd($.n, 1)"},
                "Next": "Check",
            },
            "Check": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.n", "NumericLessThan": n, "Next": "Add"}],
                "Default": "Done",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    return {"definition": definition, "input": {}}


def inline_map(n: int = 20_000) -> dict[str, Any]:
    """An inline Map over n items with an ItemSelector."""
    definition = {
        "StartAt": "Map",
        "States": {
            "Map": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemSelector": {"v.$": "$$.Map.Item.Value", "tag.$": "$.tag"},
                "ItemProcessor": {
                    "StartAt": "Item",
                    "States": {"Item": {"Type": "Pass", "OutputPath": "$.v", "End": True}},
                },
                "ResultPath": "$.out",
                "OutputPath": "$.tag",
                "End": True,
            }
        },
    }
    return {"definition": definition, "input": {"items": list(range(n)), "tag": "t"}}


def chain(states: int = 200, rounds: int = 100) -> dict[str, Any]:
    """A chain of Pass states with InputPath/Parameters/ResultPath/OutputPath, looped."""
    body: dict[str, Any] = {}
    for i in range(states):
        body[f"S{i}"] = {
            "Type": "Pass",
            "InputPath": "$.data",
            "Parameters": {"v.$": "$.v", "step": i},
            "ResultPath": "$.data",
            "OutputPath": "$",
            "Next": f"S{i + 1}" if i + 1 < states else "Count",
        }
    body["Count"] = {
        "Type": "Pass",
        "Parameters": {"data.$": "$.data", "round.$": "States.MathAdd($.round, 1)"},
        "Next": "Again",
    }
    body["Again"] = {
        "Type": "Choice",
        "Choices": [{"Variable": "$.round", "NumericLessThan": rounds, "Next": "S0"}],
        "Default": "End",
    }
    body["End"] = {"Type": "Succeed"}
    return {
        "definition": {"StartAt": "S0", "States": body},
        "input": {"data": {"v": 1}, "round": 0},
    }


def nutrition() -> dict[str, Any] | None:
    """The 94-state example with its HappyPath mocks (first response of each mocked state)."""
    if not NUTRITION.is_dir():
        return None
    name = NUTRITION.name
    definition = json.loads((NUTRITION / f"{name}.asl.json").read_text())
    data = json.loads((NUTRITION / f"{name}.input.json").read_text())
    mocks = json.loads((NUTRITION / f"{name}.mocks.json").read_text())
    case = mocks["StateMachines"][name]["TestCases"]["HappyPath"]
    handlers = {}
    for state, response in case.items():
        entries = mocks["MockedResponses"][response]
        first = entries[min(entries, key=lambda k: int(k.split("-")[0]))]
        if "Return" in first:
            handlers[state] = first["Return"]
    return {
        "definition": definition,
        "input": data,
        "handlers": handlers,
        "mocks": mocks,
        "name": name,
    }


def run_ours(job: dict[str, Any]) -> tuple[float, int, str]:
    """Seconds, transitions and status for one run of our engine."""
    source = None
    if "mocks" in job:
        source = MockConfig(job["mocks"]).source(job["name"], "HappyPath")
    options = ExecutionOptions(max_steps=10**8, state_machine_name=job.get("name", "Bench"))
    start = time.perf_counter()
    execution = Execution(job["definition"], job["input"], source, options)
    status = execution.run()
    seconds = time.perf_counter() - start
    return seconds, len(execution.records), status


def peer_context(data: Any, machine: str) -> dict[str, Any]:
    """The context object handed to the peer (it has no execution ARN of its own)."""
    arn = f"arn:aws:states:us-east-1:123456789012:execution:{machine}:bench"
    return {
        "Execution": {
            "Id": arn,
            "Input": data,
            "Name": "bench",
            "StartTime": "2026-01-01T00:00:00Z",
        },
        "State": {"EnteredTime": "2026-01-01T00:00:00Z", "Name": "state", "RetryCount": 0},
        "StateMachine": {"Id": arn.replace(":execution:", ":stateMachine:"), "Name": machine},
    }


def run_peer(job: dict[str, Any]) -> tuple[float | None, str]:
    """Seconds and status for one run of aws-local-stepfunctions (None when not installed)."""
    if not PEER_DIR.is_dir():
        return None, "not installed (run benchmarks/install_peers.sh)"
    payload: dict[str, Any] = {k: job[k] for k in ("definition", "input", "handlers") if k in job}
    payload["context"] = peer_context(job["input"], job.get("name", "Bench"))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(payload, handle)
    try:
        done = subprocess.run(
            ["node", "--require", str(POLYFILLS), str(PEER_RUNNER), handle.name],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    finally:
        Path(handle.name).unlink()
    if done.returncode != 0 or not done.stdout.strip():
        return None, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return float(result["seconds"]), str(result["status"])


def scenarios() -> dict[str, dict[str, Any]]:
    """Name -> job."""
    jobs = {
        "counter loop (20,000 iterations)": counter_loop(),
        "inline Map (20,000 items)": inline_map(),
        "200-state chain x100": chain(),
    }
    nutrition_job = nutrition()
    if nutrition_job is not None:
        jobs["nutrition-validation (94 states, mocks)"] = nutrition_job
    return jobs


def main() -> int:
    """Run every scenario with both engines and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", metavar="PREFIX", help="cProfile the scenario starting so")
    parser.add_argument("--no-peer", action="store_true", help="only run our engine")
    args = parser.parse_args()
    jobs = scenarios()
    if args.profile:
        name = next(n for n in jobs if n.startswith(args.profile))
        profiler = cProfile.Profile()
        profiler.runcall(run_ours, jobs[name])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return 0
    heads = ("transitions", "ours s", "ours t/s", "peer s", "peer t/s", "ratio")
    widths = (11, 8, 10, 8, 10, 6)
    print(f"{'scenario':42} " + " ".join(f"{h:>{w}}" for h, w in zip(heads, widths, strict=True)))
    for name, job in jobs.items():
        run_ours(job)  # warm caches (compiled paths, templates)
        seconds, transitions, status = min(run_ours(job) for _ in range(3))
        peer_s, peer_status = (None, "skipped") if args.no_peer else run_peer(job)
        ours_rate = transitions / seconds
        line = f"{name:42} {transitions:>11} {seconds:>8.3f} {ours_rate:>10.0f}"
        if peer_s is not None:
            line += f" {peer_s:>8.3f} {transitions / peer_s:>10.0f} {peer_s / seconds:>6.2f}"
        else:
            line += f"  peer: {peer_status}"
        print(line + ("" if status == "SUCCEEDED" else f"  (ours: {status})"))
        if peer_s is not None and peer_status != "SUCCEEDED":
            print(f"    peer status: {peer_status}")
    print("ratio = peer time / our time (above 1: we are faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
