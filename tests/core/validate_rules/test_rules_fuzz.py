"""Property test: any definition-like value is validated without an exception or F004."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aslstudio.validate import validate_definition

FIELDS = [
    "Type", "Next", "End", "Default", "Choices", "Catch", "Retry", "ErrorEquals", "Variable",
    "StringEquals", "NumericEquals", "TimestampEquals", "BooleanEqualsPath", "And", "Or", "Not",
    "Parameters", "ResultPath", "InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath",
    "TimeoutSeconds", "HeartbeatSeconds", "MaxAttempts", "BackoffRate", "IntervalSeconds",
    "Branches", "ItemProcessor", "Iterator", "StartAt", "States", "Resource", "QueryLanguage",
    "Output", "Arguments", "Assign", "Condition", "Error", "ErrorPath", "ItemReader", "x.$",
]  # fmt: skip
TEXTS = [
    "Task", "Pass", "Choice", "Wait", "Map", "Parallel", "Succeed", "Fail", "A", "B", "$",
    "$.a[", "$$.Map.Item.Value", "States.ALL", "States.Format('{}', $.a)", "States.Nope(",
    "{% $x %}", "{% $x +", "${Placeholder}", "JSONata", "JSONPath", "2016-03-14T01:59:00Z",
    "arn:aws:states:::lambda:invoke", "",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(TEXTS),
    st.text(max_size=5),
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS + TEXTS[:10]), inner, max_size=6),
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.sampled_from(["A", "B", 3, None]),
    states=st.dictionaries(st.sampled_from(["A", "B", "C"]), values, max_size=4),
    extra=st.dictionaries(st.sampled_from(FIELDS), values, max_size=3),
)
def test_rules_never_crash(start: Any, states: dict[str, Any], extra: dict[str, Any]) -> None:
    definition = {**extra, "StartAt": start, "States": states}
    found = validate_definition(definition)
    assert [d.message for d in found if d.code == "F004"] == []


# jsonata-python raises the interpreter's recursion limit the first time it compiles an
# expression; do that once here, so hypothesis does not see the limit change mid-test.
validate_definition(
    {
        "QueryLanguage": "JSONata",
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Output": "{% 1 %}", "End": True}},
    }
)

REALWORLD = sorted(
    (Path(__file__).resolve().parents[2] / "fixtures" / "realworld").glob("*.asl.json")
)


def _slots(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair of a JSON value, for in-place replacement."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item)
        for key, child in pairs:
            found.append((item, key))
            if isinstance(child, dict | list):
                stack.append(child)
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(0, len(REALWORLD) - 1),
    where=st.integers(0, 10**6),
    replacement=values,
)
def test_mutated_real_machines_never_crash(which: int, where: int, replacement: Any) -> None:
    definition = json.loads(REALWORLD[which].read_text(encoding="utf-8"))
    slots = _slots(definition)
    container, key = slots[where % len(slots)]
    container[key] = replacement
    found = validate_definition(definition)
    assert [d.message for d in found if d.code == "F004"] == []
