"""Task sources (handlers, mock errors), distributed Map I/O on a local folder, deep data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from aslstudio.engine.execution import Execution
from aslstudio.engine.handlers import HandlersError, HandlersSource
from aslstudio.engine.mocks import MockConfig, MockConfigError

INVOKE = "arn:aws:states:::lambda:invoke"


def _task(resource: str = INVOKE, **extra: Any) -> dict[str, Any]:
    return {
        "StartAt": "T",
        "States": {"T": {"Type": "Task", "Resource": resource, "End": True, **extra}},
    }


def test_python_handler_wraps_lambda_invoke(tmp_path: Path):
    (tmp_path / "h3b_handler_mod.py").write_text("def double(e):\n    return {'v': e['n'] * 2}\n")
    (tmp_path / "h.json").write_text(
        json.dumps({"arn:aws:states:::lambda:*": {"python": "h3b_handler_mod:double"}})
    )
    source = HandlersSource.load(tmp_path / "h.json")
    execution = Execution(
        _task(Parameters={"Payload.$": "$"}, OutputPath="$.Payload"), {"n": 4}, source
    )
    try:
        assert execution.run() == "SUCCEEDED"
    finally:
        sys.modules.pop("h3b_handler_mod", None)
        sys.path.remove(str(tmp_path.resolve()))
    assert execution.output == {"v": 8}


def test_python_handler_cannot_touch_execution_data(tmp_path: Path):
    (tmp_path / "h3b_mutating_mod.py").write_text(
        "def grab(e):\n    e['hacked'] = True\n    return {'s': {1, 2}} if e.get('bad') else e\n"
    )
    source = HandlersSource(
        {"arn:aws:states:::sqs:*": {"python": "h3b_mutating_mod:grab"}}, tmp_path
    )
    definition = _task("arn:aws:states:::sqs:sendMessage", ResultPath="$.r")
    try:
        ok = Execution(definition, {"a": 1}, source)
        assert ok.run() == "SUCCEEDED"
        assert ok.output == {"a": 1, "r": {"a": 1, "hacked": True}}
        assert ok.records[0].stage("input") == {"a": 1}
        bad = Execution(definition, {"bad": True}, source)
        assert bad.run() == "FAILED"
        assert "not JSON" in (bad.cause or "")
    finally:
        sys.modules.pop("h3b_mutating_mod", None)
        sys.path.remove(str(tmp_path.resolve()))


def test_command_handler_and_failure(tmp_path: Path):
    script = tmp_path / "echo.py"
    script.write_text(
        "import json, sys\nd = json.load(sys.stdin)\n"
        "print(json.dumps({'Error': 'Bad', 'Cause': 'odd'} if d['n'] % 2 else {'ok': d['n']}))\n"
    )
    config = {"arn:aws:states:::sqs:*": {"command": [sys.executable, str(script)]}}
    source = HandlersSource(config, tmp_path)
    ok = Execution(_task("arn:aws:states:::sqs:sendMessage"), {"n": 2}, source)
    assert ok.run() == "SUCCEEDED"
    assert ok.output == {"ok": 2}
    bad = Execution(_task("arn:aws:states:::sqs:sendMessage"), {"n": 1}, source)
    assert bad.run() == "FAILED"
    assert (bad.error, bad.cause) == ("Bad", "odd")


@pytest.mark.parametrize(
    "config",
    [[], {"x": {"python": "nocolon"}}, {"x": {"command": []}}, {"x": "string"}],
)
def test_bad_handlers_file(config):
    with pytest.raises(HandlersError):
        HandlersSource(config, Path())


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "StateMachines"),
        ({"StateMachines": {"M": {"TestCases": {"C": {"T": "Nope"}}}}}, "Nope"),
        ({"StateMachines": {}, "MockedResponses": {"R": {"x": {"Return": 1}}}}, "'x'"),
        ({"StateMachines": {}, "MockedResponses": {"R": {"0": {}}}}, "Return"),
    ],
)
def test_bad_mock_config(config, message):
    with pytest.raises(MockConfigError, match=message):
        MockConfig(config).source("M", "C")


def test_mock_exhausted_is_clear():
    config = MockConfig(
        {
            "StateMachines": {"M": {"TestCases": {"C": {"T": "R"}}}},
            "MockedResponses": {"R": {"0": {"Return": 1}}},
        }
    )
    loop = {
        "StartAt": "T",
        "States": {"T": {"Type": "Task", "Resource": INVOKE, "Next": "T"}},
    }
    execution = Execution(loop, {}, config.source("M", "C"))
    assert execution.run() == "FAILED"
    assert "no entry for invocation 1" in (execution.cause or "")


@pytest.mark.parametrize(
    ("name", "content", "config", "expected"),
    [
        ("items.json", '[{"a": 1}, {"a": 2}]', {"InputType": "JSON"}, [{"a": 1}, {"a": 2}]),
        ("items.jsonl", '{"a": 1}\n{"a": 2}\n', {"InputType": "JSONL"}, [{"a": 1}, {"a": 2}]),
        (
            "items.csv",
            "a,b\n1,x\n2,y\n",
            {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
            [{"a": "1", "b": "x"}, {"a": "2", "b": "y"}],
        ),
    ],
)
def test_item_reader_local_folder(tmp_path: Path, name, content, config, expected):
    (tmp_path / "bucket").mkdir()
    (tmp_path / "bucket" / name).write_text(content)
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": config,
                    "Parameters": {"Bucket": "bucket", "Key": name},
                },
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "X",
                    "States": {"X": {"Type": "Pass", "End": True}},
                },
                "End": True,
            }
        },
    }
    execution = Execution(definition, {}, s3_root=tmp_path)
    assert execution.run() == "SUCCEEDED", execution.cause
    assert execution.output == expected


def test_item_batcher_and_result_writer(tmp_path: Path):
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"tag": "t"}},
                "ResultWriter": {
                    "Resource": "arn:aws:states:::s3:putObject",
                    "Parameters": {"Bucket": "out", "Prefix": "runs"},
                },
                "Label": "Batch",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "X",
                    "States": {"X": {"Type": "Pass", "End": True}},
                },
                "End": True,
            }
        },
    }
    execution = Execution(definition, [1, 2, 3], s3_root=tmp_path)
    assert execution.run() == "SUCCEEDED", execution.cause
    details = execution.output["ResultWriterDetails"]
    manifest = tmp_path / "out" / details["Key"]
    assert manifest.is_file()
    succeeded = json.loads((manifest.parent / "SUCCEEDED_0.json").read_text())
    assert [s["Output"] for s in succeeded] == [
        {"Items": [1, 2], "BatchInput": {"tag": "t"}},
        {"Items": [3], "BatchInput": {"tag": "t"}},
    ]


def test_item_reader_without_s3_root_fails_clearly():
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:getObject",
                    "Parameters": {"Bucket": "b", "Key": "k"},
                },
                "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": True}}},
                "End": True,
            }
        },
    }
    execution = Execution(definition, {})
    assert execution.run() == "FAILED"
    assert execution.error == "States.ItemReaderFailed"


def test_deep_data_does_not_crash():
    data: Any = "leaf"
    for _ in range(5000):
        data = [data]
    execution = Execution(
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}, {"x": 1}
    )
    execution.run()
    deep = Execution({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}, data)
    assert deep.run() in ("SUCCEEDED", "FAILED")
    if deep.status == "FAILED":
        assert deep.error == "States.Runtime"


def test_unfilled_placeholder_is_named():
    execution = Execution(_task("arn:aws:lambda:${Region}:1:function:f"), {})
    assert execution.run() == "FAILED"
    assert "${Region}" in (execution.cause or "")


def test_outer_variable_cannot_be_assigned_inside_map():
    definition = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "M"},
            "M": {
                "Type": "Map",
                "ItemProcessor": {
                    "StartAt": "X",
                    "States": {"X": {"Type": "Pass", "Assign": {"x": 2}, "End": True}},
                },
                "End": True,
            },
        },
    }
    execution = Execution(definition, [1])
    assert execution.run() == "FAILED"
    assert "outer scope" in (execution.cause or "")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("InputPath", ["$"]),
        ("OutputPath", {"a": 1}),
        ("ResultPath", 5),
        ("Retry", [{"ErrorEquals": ["States.ALL"], "MaxAttempts": "x"}]),
        ("MaxConcurrency", "many"),
    ],
)
def test_malformed_fields_fail_the_run_not_the_process(field, value):
    state: dict[str, Any] = {
        "Type": "Map",
        "ItemProcessor": {
            "StartAt": "F",
            "States": {
                "F": {"Type": "Fail", "Error": "Boom"}
                if field == "Retry"
                else {"Type": "Pass", "End": True}
            },
        },
        "End": True,
        field: value,
    }
    execution = Execution({"StartAt": "S", "States": {"S": state}}, [1])
    assert execution.run() == "FAILED"
    assert execution.error == "States.Runtime"
    assert execution.cause
