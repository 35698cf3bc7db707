"""Engine conformance: JSON cases (definition, input, mocks, expected result) run by one test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aslstudio.engine.execution import Execution, ExecutionOptions
from aslstudio.engine.mocks import MockConfig

CASES_DIR = Path(__file__).parent / "engine_cases"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for name, case in json.loads(path.read_text(encoding="utf-8")).items():
            params.append(pytest.param(case, id=f"{path.stem}/{name}"))
    return params


@pytest.mark.parametrize("case", _load())
def test_case(case: dict[str, Any]) -> None:
    assert case["comment"], "every case quotes its source"
    source = None
    if "mocks" in case:
        source = MockConfig(case["mocks"]).source("Case", "T")
    options = ExecutionOptions(state_machine_name="Case", **case.get("options", {}))
    execution = Execution(case["definition"], case["input"], source, options)
    status = execution.run()
    expect = case["expect"]
    assert status == expect["status"], (execution.error, execution.cause)
    if "output" in expect:
        assert execution.output == expect["output"]
    if "error" in expect:
        assert execution.error == expect["error"], execution.cause
    if "cause" in expect:
        assert execution.cause == expect["cause"]
    if "causeContains" in expect:
        assert expect["causeContains"] in (execution.cause or "")
    last = {"TIMED_OUT": "ExecutionTimedOut"}.get(status, f"Execution{status.title()}")
    assert execution.history[-1]["type"] == last
