"""Schema diagnostics never raise: any JSON value, odd keys, very deep nesting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.schema import MAX_DEPTH, STATE_TYPES, schema_diagnostics

FIELDS = [
    "Type", "Next", "End", "Resource", "Seconds", "TimeoutSeconds", "Retry", "Catch", "Choices",
    "Branches", "ItemProcessor", "Iterator", "ItemReader", "Parameters", "ResultPath", "Default",
    "MaxConcurrency", "ItemBatcher", "ResultWriter", "Credentials", "Assign", "Output", "Items",
]  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=25,
)
states = st.fixed_dictionaries(
    {"Type": st.sampled_from([*STATE_TYPES, "Nope"])},
    optional=dict.fromkeys(FIELDS[1:], json_values),
)


def _check(found: list[Diagnostic]) -> None:
    assert isinstance(found, list)
    for diag in found:
        assert diag.code in {f"S10{i}" for i in range(1, 8)}
        assert diag.severity is Severity.ERROR
        assert diag.message
        assert diag.pointer == "" or diag.pointer.startswith("/")


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_any_json_value_gives_diagnostics_not_exceptions(value: Any) -> None:
    _check(schema_diagnostics(value))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(max_size=5), states, min_size=1, max_size=3), json_values)
def test_machines_with_random_fields_give_diagnostics_not_exceptions(
    named: dict[str, Any], extra: Any
) -> None:
    definition = {"StartAt": next(iter(named)), "States": named, "Comment": extra}
    found = schema_diagnostics(definition)
    _check(found)
    for diag in found:
        if diag.pointer.startswith("/States/"):
            assert diag.state is not None


def test_deeply_nested_data_gives_a_single_too_deep_diagnostic() -> None:
    deep: Any = "leaf"
    for _ in range(20_000):
        deep = [deep]
    definition = {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": deep, "End": True}}}
    found = schema_diagnostics(definition)
    assert [d.code for d in found] == ["S102"]
    assert "nested" in found[0].message


def _nested_parallels(levels: int) -> dict[str, Any]:
    state: dict[str, Any] = {"Type": "Succeed"}
    for level in range(levels):
        branch = {"StartAt": f"S{level}", "States": {f"S{level}": state}}
        state = {"Type": "Parallel", "Branches": [branch], "End": True}
    return {"StartAt": "Top", "States": {"Top": state}}


def test_deep_but_reasonable_nesting_is_checked_normally() -> None:
    assert schema_diagnostics(_nested_parallels(30)) == []
    broken = _nested_parallels(30)
    inner = broken["States"]["Top"]
    for _ in range(29):
        name, inner = next(iter(inner["Branches"][0]["States"].items()))
    inner["Bogus"] = 1
    found = schema_diagnostics(broken)
    assert name == "S1"
    assert [(d.code, d.state) for d in found] == [("S101", "S1")]
    assert found[0].pointer.count("/Branches/0/States/") == 29


def test_nesting_beyond_the_limit_is_refused_in_one_diagnostic() -> None:
    found = schema_diagnostics(_nested_parallels(MAX_DEPTH // 4 + 5))
    assert [d.code for d in found] == ["S102"]


def test_yaml_style_values_do_not_crash() -> None:
    state = {"Type": "Wait", "Timestamp": dt.datetime(2024, 1, 1, tzinfo=dt.UTC), 7: "x", "End": 1}
    found = schema_diagnostics({"StartAt": "W", "States": {"W": state}})
    assert {d.code for d in found} == {"S101", "S102"}
    assert any(d.pointer == "/States/W/7" for d in found)
