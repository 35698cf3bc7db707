"""The examples folder: files present and canonical, machines well formed, mocks consistent."""

from __future__ import annotations

import re
from importlib import util
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def _load(name: str, path: Path) -> ModuleType:
    """Import a sibling helper by path (test folders are not packages)."""
    spec = util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shape = _load("examples_shape_rules_ex", Path(__file__).resolve().parent / "shape_rules.py")
EXAMPLES = shape.REPO / "examples"
NAMES = [
    "hello-world",
    "vending-pass-timer",
    "nutrition-validation",
    "influencer-analytics",
    "video-transcoding",
    "encoder-decider",
    "ebs-snapshots",
    "jsonata-orders",
]
RANGE_KEY = re.compile(r"^(\d+)(?:-(\d+))?$")


def machine(name: str) -> dict[str, Any]:
    """Return the parsed definition of one example."""
    return shape.read_json(EXAMPLES / name / f"{name}.asl.json")  # type: ignore[no-any-return]


def mocks(name: str) -> dict[str, Any]:
    """Return the parsed mock config of one example."""
    return shape.read_json(EXAMPLES / name / f"{name}.mocks.json")  # type: ignore[no-any-return]


def states_of_type(definition: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    """Return every state of one type in a machine, nested ones included, by name."""
    return {n: s for n, s in shape.iter_states(definition) if s["Type"] == kind}


def test_every_example_folder_is_listed_and_none_is_missing():
    folders = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())
    assert folders == sorted(NAMES)
    index = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert all(f"]({name}/)" in index for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_folder_has_the_four_files_and_they_parse(name):
    folder = EXAMPLES / name
    for suffix in (".asl.json", ".input.json", ".mocks.json"):
        shape.read_json(folder / f"{name}{suffix}")
    assert (folder / "README.md").read_text(encoding="utf-8").startswith(f"# {name}\n")


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.json")), ids=lambda p: p.name)
def test_json_files_are_canonical(path):
    text = path.read_text(encoding="utf-8")
    assert text == shape.canonical(shape.read_json(path))


@pytest.mark.parametrize("name", NAMES)
def test_machine_is_well_formed(name):
    assert shape.all_problems(machine(name)) == []


@pytest.mark.parametrize("name", NAMES)
def test_arns_use_the_example_account_and_region(name):
    text = (EXAMPLES / name / f"{name}.asl.json").read_text(encoding="utf-8")
    for arn in re.findall(r"arn:aws:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:", text):
        parts = arn.split(":")
        if parts[3]:  # arn:aws:states:::... has neither region nor account
            assert parts[3:5] == ["us-east-1", "123456789012"], arn


def _answers_a_boolean(state: dict[str, Any]) -> bool:
    """True for a branch's last state: a Pass with a boolean Result or a validator Task."""
    if state["Type"] == "Pass":
        return isinstance(state.get("Result"), bool)
    return state["Type"] == "Task" and str(state.get("OutputPath", "")).startswith("$.Payload.")


def test_nutrition_has_94_states_and_the_documented_succeed():
    definition = machine("nutrition-validation")
    assert len(shape.all_names(definition)) == 94
    succeeds = states_of_type(definition, "Succeed")
    assert [s.get("OutputPath") for s in succeeds.values()] == ["$.params.validation.isValid"]
    parallel = next(iter(states_of_type(definition, "Parallel").values()))
    assert len(parallel["Branches"]) >= 7
    for branch in parallel["Branches"]:
        ends = [s for s in branch["States"].values() if s.get("End")]
        assert ends
        assert all(_answers_a_boolean(s) for s in ends), ends
    assert len(states_of_type(definition, "Task")) == 39  # as its README says
    folder = EXAMPLES / "nutrition-validation" / "nutrition-validation.inputs"
    assert sorted(p.name for p in folder.iterdir()) == ["invalid-sugar.json", "valid-record.json"]


def test_nutrition_aggregates_with_intrinsics_and_emails_before_failing():
    definition = machine("nutrition-validation")
    states = definition["States"]
    text = str(states["Check For Failed Rules"]["Parameters"])
    assert "States.ArrayContains" in text
    send = states["Send Error Email"]
    assert send["Resource"].startswith(("arn:aws:states:::sns:", "arn:aws:states:::aws-sdk:ses"))
    after = states[send["Next"]]
    while after["Type"] == "Task":  # notifications may follow the email
        after = states[after["Next"]]
    assert after["Type"] == "Fail"
    assert states["Store Nutrition Data"]["Resource"] == "arn:aws:states:::dynamodb:putItem"


def test_influencer_runs_eleven_wait_and_task_pairs():
    definition = machine("influencer-analytics")
    parallels = list(states_of_type(definition, "Parallel").values())
    assert len(parallels) == 1
    branches = parallels[0]["Branches"]
    assert len(branches) == 11
    for branch in branches:
        first = branch["States"][branch["StartAt"]]
        assert [s["Type"] for s in branch["States"].values()] == ["Wait", "Task"]
        assert first["Type"] == "Wait"
        assert branch["States"][first["Next"]].get("End") is True


def test_encoder_choice_and_ecs_retry_and_poll_loop():
    definition = machine("encoder-decider")
    states = definition["States"]
    first = states[definition["StartAt"]]
    assert first["Type"] == "Choice"
    conditions = first["Choices"][0]["And"]
    assert {(c["Variable"], c["NumericLessThanEquals"]) for c in conditions} == {
        ("$.asset.size", 2000000000),
        ("$.asset.duration_ms", 10000),
    }
    ecs = next(s for s in states.values() if s.get("Resource") == "arn:aws:states:::ecs:runTask")
    retry = ecs["Retry"][0]
    assert retry["ErrorEquals"] == ["NoResourceInCluster"]
    assert (retry["IntervalSeconds"], retry["MaxAttempts"], retry["BackoffRate"]) == (5, 720, 1)
    waits = [n for n, s in states.items() if s["Type"] == "Wait" and "SecondsPath" in s]
    assert len(waits) == 1
    loops = [
        rule
        for s in states.values()
        if s["Type"] == "Choice"
        for rule in s["Choices"]
        if rule.get("Next") == waits[0]
    ]
    assert [rule.get("StringEquals") for rule in loops] == ["RUNNING"]


def test_ebs_uses_sdk_calls_a_jayway_path_and_a_map():
    definition = machine("ebs-snapshots")
    resources = {s.get("Resource") for _, s in shape.iter_states(definition)}
    for action in ("describeSnapshots", "createSnapshot", "deleteSnapshot"):
        assert f"arn:aws:states:::aws-sdk:ec2:{action}" in resources
    variables = [
        rule["Variable"]
        for s in states_of_type(definition, "Choice").values()
        for rule in s["Choices"]
    ]
    assert any(".[0]." in v for v in variables)
    assert states_of_type(definition, "Map")


JSONPATH_ONLY = {
    "Parameters",
    "ResultPath",
    "InputPath",
    "OutputPath",
    "ResultSelector",
    "ItemsPath",
}


def test_jsonata_example_uses_jsonata_fields_only():
    definition = machine("jsonata-orders")
    assert definition["QueryLanguage"] == "JSONata"
    fields = {key for _, s in shape.iter_states(definition) for key in s}
    assert {"Assign", "Arguments", "Output", "Items"} <= fields
    assert not fields & JSONPATH_ONLY
    rules = [r for s in states_of_type(definition, "Choice").values() for r in s["Choices"]]
    assert rules
    assert all(set(r) == {"Condition", "Next"} for r in rules)
    assert all(r["Condition"].startswith("{%") for r in rules)


# ---- mock configs


def _ranges(keys: list[str]) -> list[tuple[int, int]]:
    """Return the invocation ranges of a mocked response, failing on malformed keys."""
    spans = []
    for key in keys:
        match = RANGE_KEY.match(key)
        assert match, key
        low = int(match.group(1))
        high = int(match.group(2) or low)
        assert low <= high, key
        spans.append((low, high))
    return sorted(spans)


@pytest.mark.parametrize("name", NAMES)
def test_mock_config_matches_its_machine(name):
    config = mocks(name)
    assert set(config) == {"StateMachines", "MockedResponses"}
    assert list(config["StateMachines"]) == [name]
    cases = config["StateMachines"][name]["TestCases"]
    tasks = set(states_of_type(machine(name), "Task"))
    assert len(cases) >= (2 if tasks else 1)
    assert "HappyPath" in cases
    for case, mapping in cases.items():
        assert set(mapping) == tasks, case  # every Task mocked, and only Task states
        assert all(r in config["MockedResponses"] for r in mapping.values()), case
    used = {r for mapping in cases.values() for r in mapping.values()}
    assert used == set(config["MockedResponses"])


@pytest.mark.parametrize("name", NAMES)
def test_mocked_responses_are_well_formed(name):
    for response_name, response in mocks(name)["MockedResponses"].items():
        spans = _ranges(list(response))
        assert spans[0][0] == 0, response_name
        for (_, high), (low, _) in pairwise(spans):
            assert low == high + 1, response_name  # contiguous, no overlap
        for answer in response.values():
            assert len(answer) == 1, response_name
            assert set(answer) <= {"Return", "Throw"}, response_name
            if "Throw" in answer:
                assert set(answer["Throw"]) == {"Error", "Cause"}, response_name


@pytest.mark.parametrize("name", NAMES)
def test_lambda_mocks_look_like_lambda_invoke_results(name):
    config = mocks(name)
    lambdas = {
        n
        for n, s in shape.iter_states(machine(name))
        if s["Type"] == "Task" and s["Resource"] == "arn:aws:states:::lambda:invoke"
    }
    for mapping in config["StateMachines"][name]["TestCases"].values():
        for state, response_name in mapping.items():
            if state not in lambdas:
                continue
            for answer in config["MockedResponses"][response_name].values():
                if "Return" in answer:
                    assert answer["Return"]["StatusCode"] == 200
                    assert "Payload" in answer["Return"]


@pytest.mark.parametrize("name", NAMES)
def test_readme_names_every_test_case_and_the_run_commands(name):
    readme = (EXAMPLES / name / "README.md").read_text(encoding="utf-8")
    for case in mocks(name)["StateMachines"][name]["TestCases"]:
        assert f"`{case}`" in readme, case
    assert f"aslstudio validate {name}.asl.json" in readme
    assert f"aslstudio run {name}.asl.json" in readme
    assert "--test-case HappyPath" in readme


# ---- expected outcomes (examples/expected-outcomes.json, mirrored by the READMEs)

OUTCOMES = shape.read_json(EXAMPLES / "expected-outcomes.json")


@pytest.mark.parametrize("name", NAMES)
def test_expected_outcomes_cover_every_test_case(name):
    cases = mocks(name)["StateMachines"][name]["TestCases"]
    assert list(OUTCOMES[name]) == list(cases)
    readme = (EXAMPLES / name / "README.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line for line in readme.splitlines() if line.startswith("| `")
    }
    for case, outcome in OUTCOMES[name].items():
        assert (EXAMPLES / name / outcome["input"]).is_file(), case
        if outcome["status"] == "SUCCEEDED":
            assert set(outcome) == {"input", "status", "output"}, case
        else:
            assert outcome["status"] == "FAILED", case
            assert set(outcome) == {"input", "status", "error", "cause"}, case
            assert f"`{outcome['error']}`" in rows[f"`{case}`"], case
        assert f"`{outcome['status']}`" in rows[f"`{case}`"], case


def test_expected_outcomes_tell_the_story():
    nutrition = OUTCOMES["nutrition-validation"]
    assert nutrition["HappyPath"]["output"] is True
    assert nutrition["HappyPath"]["input"].endswith("valid-record.json")
    assert nutrition["InvalidRecord"]["error"] == "NutritionRecordInvalid"
    assert nutrition["InvalidRecord"]["input"].endswith("invalid-sugar.json")
    ecs = OUTCOMES["encoder-decider"]["EcsPath"]
    assert ecs["input"].endswith("large-asset.json")
    assert ecs["output"]["encodingStatus"]["status"] == "SUCCEEDED"


def test_index_state_counts_match_the_machines():
    index = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    counts = {}
    for line in index.splitlines():
        match = re.match(r"^\| \[([a-z-]+)\]\([a-z-]+/\) \| (\d+) \|", line)
        if match:
            counts[match.group(1)] = int(match.group(2))
    assert counts == {name: len(shape.all_names(machine(name))) for name in NAMES}
