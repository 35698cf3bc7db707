"""Property tests: runs are deterministic, Map keeps item order under any MaxConcurrency, and
step_back then step again reproduces the same records."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aslstudio.engine.execution import Execution


def _map_machine(concurrency: int) -> dict[str, Any]:
    return {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "MaxConcurrency": concurrency,
                "ItemSelector": {"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
                "ItemProcessor": {
                    "StartAt": "Twice",
                    "States": {
                        "Twice": {
                            "Type": "Pass",
                            "Parameters": {"v.$": "States.MathAdd($.v, $.v)", "i.$": "$.i"},
                            "Next": "Keep",
                        },
                        "Keep": {"Type": "Pass", "OutputPath": "$.v", "End": True},
                    },
                },
                "End": True,
            }
        },
    }


@settings(max_examples=25, deadline=None)
@given(
    items=st.lists(st.integers(min_value=-1000, max_value=1000), max_size=12),
    concurrency=st.integers(min_value=0, max_value=5),
)
def test_map_order_and_determinism(items, concurrency):
    first = Execution(_map_machine(concurrency), items)
    second = Execution(_map_machine(concurrency), items)
    assert first.run() == "SUCCEEDED"
    second.run()
    assert first.output == [2 * i for i in items]
    assert first.history == second.history


@settings(max_examples=15, deadline=None)
@given(
    items=st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=5),
    back=st.integers(min_value=1, max_value=6),
)
def test_step_back_then_forward_is_identical(items, back):
    execution = Execution(_map_machine(2), items)
    execution.run()
    expected = [r.to_json() for r in execution.records]
    events = list(execution.history)
    for _ in range(min(back, execution.steps)):
        execution.step_back()
    execution.run()
    assert [r.to_json() for r in execution.records] == expected
    assert execution.history == events
