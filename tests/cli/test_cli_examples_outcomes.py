"""`aslstudio run` on every example and test case ends as examples/expected-outcomes.json says.

The --json contract (DESIGN.md): the last stdout line is one JSON object with ``status`` and
``output`` (succeeded) or ``error`` and ``cause`` (failed); exit 0 succeeded, 1 failed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aslstudio.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OUTCOMES: dict[str, dict[str, Any]] = json.loads(
    (EXAMPLES / "expected-outcomes.json").read_text(encoding="utf-8")
)
CASES = [(name, case) for name, cases in OUTCOMES.items() for case in cases]


def _argv(name: str, case: str) -> list[str]:
    folder = EXAMPLES / name
    want = OUTCOMES[name][case]
    return [
        "run",
        str(folder / f"{name}.asl.json"),
        "--input",
        str(folder / want["input"]),
        "--test-case",
        case,
        "--json",
    ]


def _expected(name: str, case: str) -> dict[str, Any]:
    want = OUTCOMES[name][case]
    return {key: value for key, value in want.items() if key != "input"}


@pytest.mark.parametrize(("name", "case"), CASES, ids=[f"{n}/{c}" for n, c in CASES])
def test_run_ends_as_expected(name: str, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    want = _expected(name, case)
    code = main(_argv(name, case))
    out, err = capsys.readouterr()
    assert json.loads(out.strip().splitlines()[-1]) == want, err
    assert code == (0 if want["status"] == "SUCCEEDED" else 1)


def test_one_example_through_the_script() -> None:
    name, case = "nutrition-validation", "InvalidRecord"
    done = subprocess.run(
        [str(Path(sys.executable).with_name("aslstudio")), *_argv(name, case)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == _expected(name, case)
