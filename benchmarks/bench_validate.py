"""Validation benchmark: the 94-state example and a generated 1,000-state machine.

For each file it prints the in-process time of ``validate_path`` (parse + schema + rules,
median of N runs, after one warm-up) with its parts, the time of the whole command
(``aslstudio validate FILE`` in a new process, median of a few runs), and the same for
statelint and asl-validator when they are installed (``sh benchmarks/install_peers.sh``).

Run: ``.venv/bin/python benchmarks/bench_validate.py [--runs 20] [--sizes 1000,3000]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from aslstudio.asl.parse import load_file  # noqa: E402
from aslstudio.validate import validate_definition, validate_path  # noqa: E402
from aslstudio.validate.api import _rule_diagnostics  # noqa: E402
from aslstudio.validate.schema import schema_diagnostics  # noqa: E402

EXAMPLE = ROOT / "examples" / "nutrition-validation" / "nutrition-validation.asl.json"
PEERS = ROOT / "benchmarks" / ".peers"
STATELINT = PEERS / "py" / "bin" / "statelint"
ASL_VALIDATOR = PEERS / "node" / "node_modules" / ".bin" / "asl-validator"
ASLSTUDIO = [sys.executable, "-m", "aslstudio", "validate"]


def _generate(n_states: int) -> dict[str, Any]:
    try:
        from gen_machines import generate  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # the shared generator is absent: a plain chain with a Choice loop
        return _chain(n_states)
    result: dict[str, Any] = generate(n_states, seed=0)
    return result


def _chain(n_states: int) -> dict[str, Any]:
    states: dict[str, Any] = {}
    for i in range(n_states - 1):
        states[f"Step {i}"] = {"Type": "Pass", "Result": {"i": i}, "Next": f"Step {i + 1}"}
    states[f"Step {n_states - 1}"] = {"Type": "Succeed"}
    return {"StartAt": "Step 0", "States": states}


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action`` in milliseconds, after one warm-up call."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def command_ms(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of a whole command in milliseconds."""

    def once() -> None:
        subprocess.run(command, capture_output=True, check=False, env=env, timeout=300)

    return median_ms(once, runs)


def bench_file(path: Path, label: str, runs: int, command_runs: int) -> None:
    """Print the in-process and whole-command figures for one file."""
    doc = load_file(path)
    states = _count_states(doc.data)
    found = validate_path(path)
    total = median_ms(lambda: validate_path(path), runs)
    parse = median_ms(lambda: load_file(path), runs)
    schema = median_ms(lambda: schema_diagnostics(doc.data), runs)
    rules = median_ms(lambda: _rule_diagnostics(doc.data), runs)
    whole = median_ms(lambda: validate_definition(doc.data, source_map=doc.source_map), runs)
    size_kb = path.stat().st_size / 1024
    print(f"\n{label}: {states} states, {size_kb:.0f} KB, {len(found)} diagnostics")
    print(f"  in process, validate_path (parse+schema+rules): {total:8.1f} ms  (median of {runs})")
    print(
        f"    parse {parse:.1f} ms, schema {schema:.1f} ms, rules {rules:.1f} ms, "
        f"schema+rules+positions {whole:.1f} ms"
    )
    commands: list[tuple[str, list[str], dict[str, str] | None]] = [
        ("aslstudio validate", [*ASLSTUDIO, str(path)], None)
    ]
    if STATELINT.exists():
        peer_env = {**os.environ, "PYTHONPATH": str(PEERS / "py")}
        commands.append(("statelint", [sys.executable, str(STATELINT), str(path)], peer_env))
    if ASL_VALIDATOR.exists():
        commands.append(("asl-validator", [str(ASL_VALIDATOR), "--json-path", str(path)], None))
    for name, command, env in commands:
        figure = command_ms(command, command_runs, env)
        print(f"  whole command {name + ':':19} {figure:8.1f} ms  (median of {command_runs})")


def _count_states(data: Any) -> int:
    from aslstudio.asl.scopes import iter_states

    return sum(1 for _ in iter_states(data)) if isinstance(data, dict) else 0


def main(argv: list[str] | None = None) -> int:
    """Benchmark the example and the generated machines; print the figures."""
    parser = argparse.ArgumentParser(description="validation benchmark")
    parser.add_argument("--runs", type=int, default=20, help="in-process runs per figure")
    parser.add_argument("--command-runs", type=int, default=5, help="runs per whole command")
    parser.add_argument("--sizes", default="1000", help="generated machine sizes, e.g. 1000,3000")
    args = parser.parse_args(argv)
    if EXAMPLE.exists():
        bench_file(EXAMPLE, "94-state example (nutrition-validation)", args.runs, args.command_runs)
    else:
        print(f"(no {EXAMPLE.relative_to(ROOT)} yet)")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = Path(tmp) / f"generated-{size}.asl.json"
            path.write_text(json.dumps(_generate(size), indent=2), encoding="utf-8")
            runs = max(3, args.runs // 4)
            bench_file(path, f"generated machine ({size} states)", runs, args.command_runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
