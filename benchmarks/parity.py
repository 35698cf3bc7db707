"""Parity check: statelint and asl-validator against ``aslstudio validate`` on the same files.

Run ``sh benchmarks/install_peers.sh`` first (it installs both peers into benchmarks/.peers/).
Prints a table (file, statelint, asl-validator, ours) and lists every file a peer flags as
broken that we pass without any error, so each difference is either fixed or explained in
docs/validation-rules.md.

    .venv/bin/python benchmarks/parity.py [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from aslstudio.asl.parse import load_file
from aslstudio.validate import Severity, validate_path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "benchmarks" / ".peers"
STATELINT = PEERS / "py" / "bin" / "statelint"
ASL_VALIDATOR = PEERS / "node" / "node_modules" / ".bin" / "asl-validator"


@dataclass
class Verdict:
    """One tool's opinion of one file: passed or not, and its first message."""

    ok: bool
    detail: str

    def cell(self) -> str:
        """Short text for the table."""
        return "ok" if self.ok else f"FAIL {self.detail}"[:70]


def files() -> list[Path]:
    """The examples and our fixtures, in a stable order."""
    found = sorted(ROOT.glob("examples/*/*.asl.json")) + sorted(ROOT.glob("examples/*/*.asl.yaml"))
    for folder in ("broken", "realworld"):
        found += sorted((ROOT / "tests" / "fixtures" / folder).iterdir())
    return found


def _as_json(path: Path, scratch: Path) -> Path:
    """statelint reads JSON only: give it a JSON copy of a YAML file."""
    if path.suffix not in (".yaml", ".yml"):
        return path
    try:
        data = load_file(path).data
    except Exception:  # noqa: BLE001 - an unparsable YAML file stays as it is
        return path
    copy = scratch / (path.stem + ".json")
    copy.write_text(json.dumps(data), encoding="utf-8")
    return copy


def _run(command: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, env=env, errors="replace"
    )
    return done.returncode, (done.stdout + done.stderr).strip()


def statelint(path: Path, scratch: Path) -> Verdict:
    """statelint's verdict (exit 0 = valid)."""
    env = {**os.environ, "PYTHONPATH": str(PEERS / "py")}
    code, text = _run([sys.executable, str(STATELINT), str(_as_json(path, scratch))], env)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and "error" not in ln[:12]]
    return Verdict(code == 0, lines[0] if lines else text[:80])


def asl_validator(path: Path) -> Verdict:
    """asl-validator's verdict (exit 0 = valid)."""
    flag = "--yaml-path" if path.suffix in (".yaml", ".yml") else "--json-path"
    code, text = _run([str(ASL_VALIDATOR), flag, str(path)])
    lines = [ln.strip() for ln in text.splitlines()[1:] if ln.strip()]
    return Verdict(code == 0, lines[0] if lines else text[:80])


def ours(path: Path) -> Verdict:
    """Our verdict: ok when there is no error (warnings and notes allowed)."""
    found = validate_path(path)
    errors = sorted({d.code for d in found if d.severity is Severity.ERROR})
    warnings = sorted({d.code for d in found if d.severity is Severity.WARNING})
    if errors:
        return Verdict(False, " ".join(errors))
    return Verdict(True, ("warns " + " ".join(warnings)) if warnings else "")


def main(argv: list[str] | None = None) -> int:
    """Run the three validators over every file and print the comparison."""
    parser = argparse.ArgumentParser(description="statelint / asl-validator / aslstudio parity")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    if not STATELINT.exists() or not ASL_VALIDATOR.exists():
        print("peers missing: run `sh benchmarks/install_peers.sh` first", file=sys.stderr)
        return 2
    paths = files()
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=2) as pool:
        sl = list(pool.map(lambda p: statelint(p, Path(tmp)), paths))
        av = list(pool.map(asl_validator, paths))
    us = [ours(p) for p in paths]
    names = [p.relative_to(ROOT).as_posix() for p in paths]
    rows = list(zip(names, sl, av, us, strict=True))
    _print_table(rows, args.markdown)
    return _print_summary(rows)


def _print_table(rows: list[tuple[str, Verdict, Verdict, Verdict]], markdown: bool) -> None:
    if markdown:
        print("| file | statelint | asl-validator | aslstudio |")
        print("|---|---|---|---|")
        for name, a, b, c in rows:
            cells = [x.cell().replace("|", "\\|") for x in (a, b, c)]
            ours_cell = cells[2] + (f" ({c.detail})" if c.ok and c.detail else "")
            print(f"| {Path(name).name} | {cells[0]} | {cells[1]} | {ours_cell} |")
        return
    for name, a, b, c in rows:
        print(f"{Path(name).name:48} | {a.cell():40.40} | {b.cell():40.40} | {c.cell()}")


def _print_summary(rows: list[tuple[str, Verdict, Verdict, Verdict]]) -> int:
    groups = {"examples": "examples/", "broken": "/broken/", "realworld": "/realworld/"}
    print()
    for label, marker in groups.items():
        part = [r for r in rows if marker in r[0]]
        if part:
            flagged = [
                sum(not r[1].ok for r in part),
                sum(not r[2].ok for r in part),
                sum(not r[3].ok for r in part),
            ]
            print(
                f"{label:10} {len(part):3} files flagged: statelint {flagged[0]}, "
                f"asl-validator {flagged[1]}, aslstudio {flagged[2]}"
            )
    missed = [r for r in rows if (not r[1].ok or not r[2].ok) and r[3].ok]
    print("\nFlagged by a peer, passed by us (each is explained in docs/validation-rules.md):")
    for name, a, b, c in missed:
        peer = a.detail if not a.ok else b.detail
        print(f"  {name}: {peer[:110]}  -> ours: {c.detail or 'no diagnostic'}")
    if not missed:
        print("  none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
