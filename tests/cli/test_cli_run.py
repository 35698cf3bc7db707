"""`aslstudio run`: exit codes, --json, --history-out, defaults beside the file, --state."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from aslstudio.cli import main

MACHINE: dict[str, Any] = {
    "StartAt": "Call",
    "States": {
        "Call": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "${FunctionArn}", "Payload.$": "$"},
            "ResultSelector": {"v.$": "$.Payload"},
            "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 1}],
            "Catch": [{"ErrorEquals": ["Caught"], "Next": "Handled"}],
            "End": True,
        },
        "Handled": {"Type": "Pass", "End": True},
    },
}
MOCKS: dict[str, Any] = {
    "StateMachines": {
        "orders": {
            "TestCases": {
                "HappyPath": {"Call": "Ok"},
                "Broken": {"Call": "Down"},
            }
        }
    },
    "MockedResponses": {
        "Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"id": 7}}}},
        "Down": {"0-1": {"Throw": {"Error": "Busy", "Cause": "try later"}}},
    },
}


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    path = tmp_path / "orders.asl.json"
    path.write_text(json.dumps(MACHINE))
    (tmp_path / "orders.mocks.json").write_text(json.dumps(MOCKS))
    (tmp_path / "orders.input.json").write_text(json.dumps({"order": 1}))
    (tmp_path / "orders.substitutions.json").write_text(json.dumps({"FunctionArn": "fn"}))
    return path


def _last_json(text: str) -> Any:
    return json.loads(text.strip().splitlines()[-1])


def test_defaults_beside_the_file(machine: Path, capsys):
    assert main(["run", str(machine), "--json"]) == 0
    assert _last_json(capsys.readouterr().out) == {
        "status": "SUCCEEDED",
        "output": {"v": {"id": 7}},
    }


def test_failed_run_exit_1_and_history(machine: Path, tmp_path: Path, capsys):
    history = tmp_path / "h.json"
    code = main(
        ["run", str(machine), "--test-case", "Broken", "--json", "--history-out", str(history)]
    )
    assert code == 1
    result = _last_json(capsys.readouterr().out)
    assert result == {"status": "FAILED", "error": "Busy", "cause": "try later"}
    events = json.loads(history.read_text())["events"]
    assert [e["type"] for e in events].count("TaskFailed") == 2
    assert events[-1]["type"] == "ExecutionFailed"


def test_input_json_and_text_output(machine: Path, capsys):
    assert main(["run", str(machine), "--input-json", '{"x": [1]}']) == 0
    out = capsys.readouterr().out
    assert "status: SUCCEEDED" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--input-json", "{oops"], "--input-json:1:2"),
        (["--test-case", "Nope"], "no test case 'Nope'"),
        (["--mock-config", "missing.json"], "cannot read the mock config"),
        (["--input", "missing.json"], "cannot read the input"),
        (["--max-steps", "0"], "--max-steps"),
        (["--mock", "{}"], "only apply with --state"),
        (["--state", "Nope"], "no state named 'Nope'"),
        (["--state", "Call", "--mock", "[1]"], "--mock must be a JSON object"),
    ],
)
def test_bad_arguments_exit_2(machine: Path, capsys, extra, message):
    assert main(["run", str(machine), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_and_bad_definition(tmp_path: Path, capsys):
    assert main(["run", str(tmp_path / "none.asl.json")]) == 2
    bad = tmp_path / "bad.asl.json"
    bad.write_text(
        json.dumps({"StartAt": "Nowhere", "States": {"A": {"Type": "Pass", "End": True}}})
    )
    assert main(["run", str(bad)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_mock_names_state(tmp_path: Path, capsys):
    path = tmp_path / "plain.asl.json"
    path.write_text(
        json.dumps(
            {
                "StartAt": "T",
                "States": {
                    "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": True}
                },
            }
        )
    )
    assert main(["run", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert "'T'" in captured.err
    result = _last_json(captured.out)
    assert result["error"] == "States.TaskFailed"
    assert "'T'" in result["cause"]
    assert "--mock-config" in result["cause"]


def test_max_steps(tmp_path: Path, capsys):
    path = tmp_path / "loop.asl.json"
    loop = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "C"},
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.stop", "IsPresent": True, "Next": "D"}],
                "Default": "A",
            },
            "D": {"Type": "Succeed"},
        },
    }
    path.write_text(json.dumps(loop))
    assert main(["run", str(path), "--json", "--max-steps", "50"]) == 1
    assert "limit of 50" in _last_json(capsys.readouterr().out)["cause"]


@pytest.mark.parametrize(
    ("mock", "retries", "status", "next_state"),
    [
        ('{"result": "{\\"Payload\\": 1}"}', 0, "SUCCEEDED", None),
        ('{"errorOutput": {"error": "Busy", "cause": "c"}}', 0, "RETRIABLE", None),
        ('{"errorOutput": {"error": "Busy", "cause": "c"}}', 1, "FAILED", None),
        ('{"errorOutput": {"error": "Caught", "cause": "c"}}', 0, "CAUGHT_ERROR", "Handled"),
    ],
)
def test_state_alone(machine: Path, capsys, mock, retries, status, next_state):
    args = ["run", str(machine), "--state", "Call", "--mock", mock, "--json"]
    args += ["--retrier-retry-count", str(retries)]
    code = main(args)
    result = _last_json(capsys.readouterr().out)
    assert result["status"] == status
    assert code == (0 if status in ("SUCCEEDED", "CAUGHT_ERROR") else 1)
    assert result.get("nextState") == next_state
    data = result["inspectionData"]
    assert data["input"] == {"order": 1}
    assert data["afterParameters"] == {"FunctionName": "fn", "Payload": {"order": 1}}
    if status == "SUCCEEDED":
        assert data["afterResultSelector"] == {"v": 1}
    else:
        assert data["errorDetails"]["cause"] == "c"
    if status == "RETRIABLE":
        assert data["errorDetails"]["retryIndex"] == 0
        assert data["errorDetails"]["retryBackoffIntervalSeconds"] == 1.0
    if status == "CAUGHT_ERROR":
        assert data["errorDetails"]["catchIndex"] == 0


def test_unfilled_substitution_reached(tmp_path: Path, capsys):
    path = tmp_path / "subs.asl.json"
    path.write_text(json.dumps(MACHINE))
    (tmp_path / "subs.mocks.json").write_text(
        json.dumps({**MOCKS, "StateMachines": {"subs": MOCKS["StateMachines"]["orders"]}})
    )
    assert main(["run", str(path), "--json"]) == 1
    assert "${FunctionArn}" in _last_json(capsys.readouterr().out)["cause"]


def test_yaml_definition_and_real_time(tmp_path: Path, capsys):
    path = tmp_path / "w.asl.yaml"
    path.write_text(
        "StartAt: Wait\nStates:\n  Wait:\n    Type: Wait\n    Seconds: 0\n    Next: Done\n"
        "  Done:\n    Type: Pass\n    Result: {ok: true}\n    End: true\n"
    )
    assert main(["run", str(path), "--json", "--real-time"]) == 0
    assert _last_json(capsys.readouterr().out) == {"status": "SUCCEEDED", "output": {"ok": True}}


def test_handlers_file(tmp_path: Path, capsys):
    path = tmp_path / "h.asl.json"
    path.write_text(
        json.dumps(
            {
                "StartAt": "T",
                "States": {
                    "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": True}
                },
            }
        )
    )
    script = tmp_path / "answer.py"
    script.write_text(
        "import json, sys\njson.load(sys.stdin)\nprint(json.dumps({'MessageId': 'm-1'}))\n"
    )
    handlers = tmp_path / "handlers.json"
    handlers.write_text(
        json.dumps({"arn:aws:states:::sns:*": {"command": [sys.executable, str(script)]}})
    )
    assert main(["run", str(path), "--handlers", str(handlers), "--json"]) == 0
    assert _last_json(capsys.readouterr().out)["output"] == {"MessageId": "m-1"}
    handlers.write_text("{not json")
    assert main(["run", str(path), "--handlers", str(handlers)]) == 2
