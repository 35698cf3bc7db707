"""The packaged ASL schema: loads, is a valid 2020-12 schema, kitchen sinks cover every field."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from aslstudio.validate.schema import (
    STATE_TYPES,
    _validator,
    compiled_schema,
    load_schema,
    schema_diagnostics,
)

DATA = Path(__file__).parent / "data"
KITCHEN_SINKS = sorted(DATA.glob("kitchen-sink-*.asl.json"))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_schema_loads_from_package_resources_and_is_valid_2020_12() -> None:
    raw = json.loads(
        (files("aslstudio.resources") / "schema" / "asl.schema.json").read_text(encoding="utf-8")
    )
    assert raw == load_schema()
    assert raw["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(raw)


def test_state_types_match_the_schema() -> None:
    assert set(load_schema()["$defs"]["state"]["properties"]["Type"]["enum"]) == set(STATE_TYPES)


def test_there_is_one_kitchen_sink_per_query_language() -> None:
    languages = {_load(path)["QueryLanguage"] for path in KITCHEN_SINKS}
    assert languages == {"JSONPath", "JSONata"}


@pytest.mark.parametrize("path", KITCHEN_SINKS, ids=lambda p: p.name)
def test_kitchen_sink_is_valid(path: Path) -> None:
    assert schema_diagnostics(_load(path)) == []


def _seen_fields(
    instance: Any, schema: Any, defs: dict[str, Any], seen: dict[str, set[str]]
) -> None:
    """Walk an instance along the compiled schema, noting which fields each named object used."""
    if isinstance(schema, dict) and "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    if not isinstance(schema, dict):
        return
    if isinstance(instance, dict):
        kind = instance.get("Type")
        if "x-dispatchType" in schema and kind in schema["x-dispatchType"]:
            _seen_fields(instance, schema["x-dispatchType"][kind], defs, seen)
        properties = schema.get("properties", {})
        if "x-name" in schema:
            seen.setdefault(schema["x-name"], set()).update(k for k in instance if k in properties)
        for key, value in instance.items():
            if key in properties:
                _seen_fields(value, properties[key], defs, seen)
            elif isinstance(schema.get("additionalProperties"), dict):
                _seen_fields(value, schema["additionalProperties"], defs, seen)
    elif isinstance(instance, list) and "items" in schema:
        for item in instance:
            _seen_fields(item, schema["items"], defs, seen)


def _named_objects(node: Any, found: dict[str, set[str]]) -> None:
    """Every object schema with an ``x-name`` and the fields it allows."""
    if isinstance(node, dict):
        if "x-name" in node and "properties" in node:
            found.setdefault(node["x-name"], set()).update(node["properties"])
        for value in node.values():
            _named_objects(value, found)
    elif isinstance(node, list):
        for value in node:
            _named_objects(value, found)


def test_kitchen_sinks_use_every_field_of_every_object() -> None:
    schema = compiled_schema()
    seen: dict[str, set[str]] = {}
    for path in KITCHEN_SINKS:
        _seen_fields(_load(path), schema, schema["$defs"], seen)
    allowed: dict[str, set[str]] = {}
    _named_objects(load_schema(), allowed)
    missing = {name: sorted(fields - seen.get(name, set())) for name, fields in allowed.items()}
    assert {name: fields for name, fields in missing.items() if fields} == {}
    assert len(allowed) >= 20  # state types, rules, reader/writer/batcher configs, machine, ...


def _error_keys(validator: Draft202012Validator, instance: Any) -> set[tuple[str, str]]:
    return {
        (str(e.validator), json.dumps(list(e.absolute_path)))
        for e in validator.iter_errors(instance)
    }


MUTATIONS: list[tuple[str, Any]] = [
    ("Seconds", 5),
    ("TimeoutSeconds", "ten"),
    ("Retry", [{"ErrorEquals": [], "IntervalSeconds": 0, "JitterStrategy": "x"}]),
    ("Catch", [{"ErrorEquals": ["States.ALL"]}]),
    ("Type", "Bogus"),
    ("Choices", []),
    ("ItemProcessor", {"StartAt": 1, "States": {"X": {"Type": "Task"}}}),
    ("Branches", [{"StartAt": "X", "States": {"X": {"Type": "Wait", "Seconds": -1}}}]),
]


@pytest.mark.parametrize(("field", "value"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_compiled_schema_reports_the_same_errors_as_the_schema_file(field: str, value: Any) -> None:
    raw = Draft202012Validator(load_schema())
    reported = 0
    for path in KITCHEN_SINKS:
        machine = _load(path)
        for name in list(machine["States"]):
            mutated = json.loads(json.dumps(machine))
            mutated["States"][name][field] = value
            expected = _error_keys(raw, mutated)
            reported += len(expected)
            assert _error_keys(_validator(), mutated) == expected
    assert reported > 0
