"""Run every benchmark in this folder, one after the other, and print their figures.

`make peers` first installs the peer tools (Graphviz dot, statelint, asl-validator,
aws-local-stepfunctions) into benchmarks/.peers; each benchmark skips a peer it cannot find.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "bench_asl_parse.py",
    "bench_validate.py",
    "bench_engine.py",
    "bench_layout.py",
    "bench_render.py",
    "bench_designer.py",
    "bench_debugger.py",
]


def main(argv: list[str]) -> int:
    """Run the benchmarks named in ``argv`` (all by default); returns the worst exit code."""
    names = argv or [n for n in ORDER if (HERE / n).exists()]
    worst = 0
    for name in names:
        print(f"\n===== {name} =====", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / name)], cwd=HERE.parent)
        print(f"----- {name}: exit {code}, {time.perf_counter() - start:.1f} s", flush=True)
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
