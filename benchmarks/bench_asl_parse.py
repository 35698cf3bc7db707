"""Parse/serialize benchmark for the asl package: load, graph, unchanged and edited save.

Measures, best of N runs, in process: `load_file` (JSON and the same machine as YAML),
`build_graph`, `dumps` of unchanged data (must return the text as is) and of edited data,
for the 94-state example and generated machines of 1,000 and 3,000 states; and, for scale,
`json.loads` on the same text (the floor: C, no positions).

Run: `.venv/bin/python benchmarks/bench_asl_parse.py [--runs 5] [--sizes 1000,3000]`
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from gen_machines import generate  # noqa: E402

from aslstudio.asl.graph import build_graph  # noqa: E402
from aslstudio.asl.parse import load_file  # noqa: E402
from aslstudio.asl.serialize import dump_yaml_tree, dumps, yaml_dumper  # noqa: E402


def best_ms(func: Callable[[], Any], runs: int) -> float:
    """The fastest of ``runs`` calls, in milliseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _yaml_text(data: Any) -> str:
    return dump_yaml_tree(data, yaml_dumper())


def bench(name: str, path: Path, runs: int) -> None:
    """Print one row of timings for the machine in ``path``."""
    text = path.read_text(encoding="utf-8")
    doc = load_file(path)
    edited = copy.deepcopy(doc.data)
    edited["Comment"] = "edited"
    yaml_path = path.with_suffix(".yaml")
    yaml_path.write_text(_yaml_text(doc.data), encoding="utf-8")
    timings = {
        "json.loads": best_ms(lambda: json.loads(text), runs),
        "load json": best_ms(lambda: load_file(path), runs),
        "load yaml": best_ms(lambda: load_file(yaml_path), max(1, runs // 2)),
        "graph": best_ms(lambda: build_graph(doc.data), runs),
        "dumps same": best_ms(lambda: dumps(doc, doc.data), runs),
        "dumps edit": best_ms(lambda: dumps(doc, edited), runs),
    }
    row = "  ".join(f"{key} {value:7.1f} ms" for key, value in timings.items())
    print(f"{name:<24} {len(text) / 1e3:7.0f} KB  {row}")


def main() -> int:
    """Run the benchmark over the 94-state example and generated machines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,3000")
    args = parser.parse_args()
    example = ROOT / "examples" / "nutrition-validation" / "nutrition-validation.asl.json"
    with tempfile.TemporaryDirectory() as folder:
        if example.exists():
            copy_path = Path(folder) / example.name
            copy_path.write_bytes(example.read_bytes())
            bench("nutrition-validation", copy_path, args.runs)
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = Path(folder) / f"generated-{size}.asl.json"
            path.write_text(json.dumps(generate(size, seed=1), indent=2) + "\n", encoding="utf-8")
            bench(f"generated-{size}", path, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
