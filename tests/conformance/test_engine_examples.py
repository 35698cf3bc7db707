"""Every example runs with its mocks and ends as its README's test-case table says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aslstudio.engine.execution import Execution, ExecutionOptions
from aslstudio.engine.mocks import MockConfig

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|(.*)\|\s*$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _expectations(readme: Path, cases: list[str]) -> dict[str, dict[str, Any]]:
    """Read the README's table: case -> {status, error, input} (columns found by header)."""
    out: dict[str, dict[str, Any]] = {}
    header: list[str] = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("| Case"):
            header = [h.lower() for h in _cells(line)]
            continue
        match = ROW.match(line)
        if not header or not match or match.group(1) not in cases:
            continue
        row = dict(zip(header, _cells(line), strict=False))
        status = next((c.strip("`") for h, c in row.items() if "status" in h), "")
        last = _cells(line)[-1]
        error = re.search(r"error `([^`]+)`", last)
        named_input = re.search(r"`([^`]+\.json)`", row.get("input", ""))
        out[match.group(1)] = {
            "status": status,
            "error": error.group(1) if error else None,
            "input": named_input.group(1) if named_input else None,
        }
    return out


def _params() -> list[Any]:
    params = []
    for folder in sorted(p for p in EXAMPLES.glob("*") if p.is_dir()):
        mocks = folder / f"{folder.name}.mocks.json"
        readme = folder / "README.md"
        if not mocks.is_file() or not readme.is_file():
            continue
        config = json.loads(mocks.read_text(encoding="utf-8"))
        cases = list(config["StateMachines"][folder.name]["TestCases"])
        for case, expect in _expectations(readme, cases).items():
            params.append(pytest.param(folder, case, expect, id=f"{folder.name}/{case}"))
    return params


@pytest.mark.parametrize(("folder", "case", "expect"), _params())
def test_example(folder: Path, case: str, expect: dict[str, Any]) -> None:
    name = folder.name
    definition = json.loads((folder / f"{name}.asl.json").read_text(encoding="utf-8"))
    input_path = folder / f"{name}.input.json"
    if expect["input"]:
        input_path = folder / f"{name}.inputs" / expect["input"]
    data = json.loads(input_path.read_text(encoding="utf-8"))
    config = MockConfig(json.loads((folder / f"{name}.mocks.json").read_text(encoding="utf-8")))
    options = ExecutionOptions(state_machine_name=name)
    execution = Execution(definition, data, config.source(name, case), options)
    assert execution.run() == expect["status"], (execution.error, execution.cause)
    if expect["error"]:
        assert execution.error == expect["error"]


def test_examples_found() -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("no examples folder")
    assert len(_params()) >= 8
