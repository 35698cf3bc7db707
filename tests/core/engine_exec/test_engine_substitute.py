"""DefinitionSubstitutions: `${Name}` placeholders filled from a table (one place for all)."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.engine.definition import substitute

TABLE: dict[str, Any] = {"Fn": "arn:aws:lambda:us-east-1:1:function:f", "Size": 5, "On": True}

CASES = [
    # (value, filled)
    ("${Fn}", "arn:aws:lambda:us-east-1:1:function:f"),
    ("${Size}", 5),  # a whole placeholder keeps its type (CDK numbers and booleans)
    ("${On}", True),
    ("n=${Size}, on=${On}", "n=5, on=true"),  # inside text: JSON text, not Python's True
    ("${Missing}", "${Missing}"),  # left for the run to report when it reaches it
    ("a ${Fn} b ${Missing}", "a arn:aws:lambda:us-east-1:1:function:f b ${Missing}"),
    ({"k": ["${Size}", {"d": "${On}"}]}, {"k": [5, {"d": True}]}),
    ("plain $ {text}", "plain $ {text}"),
]


@pytest.mark.parametrize(("value", "filled"), CASES)
def test_substitute(value: Any, filled: Any) -> None:
    assert substitute(value, TABLE) == filled


def test_a_filled_value_is_not_substituted_again() -> None:
    assert substitute("${A}", {"A": "${B}", "B": "x"}) == "${B}"
    assert substitute("<${A}>", {"A": "${B}", "B": "x"}) == "<${B}>"
