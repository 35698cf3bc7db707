"""`aslstudio layout FILE --json`: the DESIGN.md shape, collapse, one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aslstudio.cli import main

MACHINE: dict[str, Any] = {
    "StartAt": "Check",
    "States": {
        "Check": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Fan"}],
            "Default": "Failed",
        },
        "Fan": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": True}}},
            ],
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
        "Failed": {"Type": "Fail", "Error": "NotOk"},
    },
}


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    path = tmp_path / "m.asl.json"
    path.write_text(json.dumps(MACHINE), encoding="utf-8")
    return path


def test_json_has_the_documented_shape(machine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", str(machine), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["states"]) == {"Check", "Fan", "A", "B", "Done", "Failed"}
    assert set(data["containers"]) == {"Fan"}
    for box in [*data["states"].values(), *data["containers"].values()]:
        assert set(box) >= {"x", "y", "width", "height"}
        assert box["width"] > 0
    kinds = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert ("Check", "Fan", "choice") in kinds
    assert ("Check", "Failed", "default") in kinds
    assert ("Fan", "A", "branch") in kinds
    assert ("B", "Fan", "join") in kinds
    assert ("#start", "Check", "start") in kinds
    assert ("Done", "#end", "end") in kinds
    labels = {e["label"] for e in data["edges"] if e["kind"] == "default"}
    assert labels == {"otherwise"}
    assert all(len(e["points"]) >= 2 for e in data["edges"])
    assert data["timings"]["layout_ms"] >= 0


def test_collapse_hides_the_branches(machine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", str(machine), "--json", "--collapse", "Fan"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["states"]) == {"Check", "Fan", "Done", "Failed"}


def test_summary_without_json(machine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", str(machine)]) == 0
    out = capsys.readouterr().out
    assert "6 states, 1 containers" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "m.asl.json"),  # missing file
        ('{"StartAt": "A", "States": {,}}', "m.asl.json:1:"),
        (b"\x00\x01binary", "m.asl.json"),
    ],
)
def test_unreadable_files_give_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes | None, needle: str
) -> None:
    path = tmp_path / "m.asl.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    assert main(["layout", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert needle in lines[0]
    assert "Traceback" not in captured.err


def test_same_picture_in_separate_processes(tmp_path: Path) -> None:
    """No set or hash order leaks into the geometry: two interpreters, two hash seeds."""
    import os
    import subprocess
    import sys

    states: dict[str, Any] = {f"S{i}": {"Type": "Pass", "Next": f"S{i + 1}"} for i in range(30)}
    states["S30"] = {
        "Type": "Choice",
        "Choices": [{"Variable": "$.again", "BooleanEquals": True, "Next": "S3"}],
        "Default": "Fan",
    }
    states["Fan"] = MACHINE["States"]["Fan"]
    states["Done"] = {"Type": "Succeed"}
    for i in range(0, 30, 3):
        states[f"S{i}"]["Catch"] = [{"ErrorEquals": ["States.ALL"], "Next": "Done"}]
    path = tmp_path / "big.asl.json"
    path.write_text(json.dumps({"StartAt": "S0", "States": states}), encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "aslstudio", "layout", str(path), "--json"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        data = json.loads(done.stdout)
        data.pop("timings")
        outputs.append(data)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]["states"]) == 35
