"""JSONata adapter and RFC 3339 timestamps."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from aslstudio.engine import jsonata
from aslstudio.engine.errors import QUERY_EVALUATION_ERROR, StatesError
from aslstudio.engine.timestamps import is_timestamp, parse_timestamp


def _seeded(seed: int) -> random.Random:
    """A seeded generator for deterministic draws."""
    return random.Random(seed)  # noqa: S311 - simulation, not cryptography


STATES = {"states": {"input": {"a": 2, "l": [1, 2, 3], "n": None}, "context": {"Id": "x"}}}


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("$states.input.a + 1", 3),
        ("$states.input.l[1]", 2),
        ("$states.input.l[$ > 1]", [2, 3]),
        ("$states.input.l[$ > 2]", 3),  # a one-element sequence is the bare value
        ("$range(1, 9, 9)", 1),  # ASL_SEMANTICS: $range(1,9,9) gives 1
        ("$range(1, 9, 4)", [1, 5, 9]),
        ("$partition([1,2,3], 2)", [[1, 2], [3]]),
        ("$hash('input data', 'SHA-1')", "aaff4a450a104cd177d28d18d74485e8cae074b7"),
        ("$parse('{\"k\": [1]}')", {"k": [1]}),
        ("$states.input.n", None),
        ("$count", 0),
        ("$states.context.Id", "x"),
        ("{'x': $states.input.a}", {"x": 2}),
    ],
)
def test_evaluate(expr, expected):
    assert jsonata.evaluate(expr, {**STATES, "count": 0}) == expected


def test_undefined_is_reported_distinctly():
    assert jsonata.evaluate("$states.input.missing", STATES) is jsonata.UNDEFINED
    with pytest.raises(StatesError) as info:
        jsonata.evaluate("$states.input.missing", STATES, required=True, field="Output")
    assert info.value.error == QUERY_EVALUATION_ERROR
    assert "Output" in info.value.cause


def test_runtime_error_is_query_evaluation_error():
    with pytest.raises(StatesError) as info:
        jsonata.evaluate("'a' + 1", STATES)
    assert info.value.error == QUERY_EVALUATION_ERROR


def test_check_syntax():
    assert jsonata.check_syntax("$states.input.a + 1") is None
    message = jsonata.check_syntax("1 +")
    assert message is not None
    assert "position" in message


def test_is_template():
    assert jsonata.is_template("{% $x %}")
    assert not jsonata.is_template(" {% $x %}")
    assert not jsonata.is_template("$x")
    assert not jsonata.is_template(5)
    assert jsonata.template_body("{% $x %}") == " $x "


def test_render_recurses_into_objects_and_arrays():
    value = {
        "a": "{% $states.input.a %}",
        "b": ["{% 1 + 1 %}", "lit"],
        "c": {"d": 4},
        "gone": "{% $states.input.missing %}",
    }
    assert jsonata.render(value, STATES, field="Arguments", required=False) == {
        "a": 2,
        "b": [2, "lit"],
        "c": {"d": 4},
    }


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ({"Input": {"id": "{% $states.input.missing %}"}}, "Arguments/Input/id"),
        ({"list": [1, "{% $states.input.missing %}"]}, "Arguments/list[1]"),
    ],
)
def test_render_nested_undefined_fails_naming_the_field(value, where):
    # A real AWS execution's cause: "The JSONata expression '$states.input.pushLocation'
    # specified for the field 'Arguments/Input/pushLocation' returned nothing (undefined)."
    with pytest.raises(StatesError) as info:
        jsonata.render(value, STATES, field="Arguments")
    assert info.value.error == QUERY_EVALUATION_ERROR
    assert info.value.cause == (
        f"The JSONata expression '$states.input.missing' specified for the field '{where}' "
        "returned nothing (undefined)."
    )


def test_render_top_level_undefined_fails_when_required():
    with pytest.raises(StatesError) as info:
        jsonata.render("{% $states.input.missing %}", STATES, field="Output")
    assert info.value.error == QUERY_EVALUATION_ERROR
    assert jsonata.render("{% $nothing %}", STATES, field="Output", required=False) is (
        jsonata.UNDEFINED
    )


def test_random_and_uuid_are_seedable():
    one = jsonata.evaluate("[$random(), $uuid()]", {}, rng=_seeded(5))
    two = jsonata.evaluate("[$random(), $uuid()]", {}, rng=_seeded(5))
    assert one == two
    assert 0 <= one[0] < 1


TIMESTAMPS = [
    ("2016-03-14T01:59:00Z", datetime(2016, 3, 14, 1, 59, tzinfo=UTC)),
    ("2016-03-14T01:59:00.123Z", datetime(2016, 3, 14, 1, 59, 0, 123000, tzinfo=UTC)),
    ("2016-03-14T01:59:00.1234567Z", datetime(2016, 3, 14, 1, 59, 0, 123456, tzinfo=UTC)),
    (
        "2016-03-14T01:59:00+02:00",
        datetime(2016, 3, 14, 1, 59, tzinfo=timezone(timedelta(hours=2))),
    ),
    (
        "2016-03-14T01:59:00-05:30",
        datetime(2016, 3, 14, 1, 59, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
    ),
    ("2012-10-09 19:00:55", None),  # ASL_SEMANTICS: not a timestamp
    ("2016-03-14t01:59:00Z", None),  # lowercase t
    ("2016-03-14T01:59:00z", None),
    ("2016-03-14T01:59:00", None),  # no offset
    ("2016-02-30T00:00:00Z", None),
    ("2016-03-14T24:00:00Z", None),
    ("2016-03-14", None),
    (20160314, None),
]


@pytest.mark.parametrize(("text", "expected"), TIMESTAMPS)
def test_parse_timestamp(text, expected):
    assert parse_timestamp(text) == expected
    assert is_timestamp(text) is (expected is not None)


def test_now_and_millis_follow_the_given_clock():
    when = datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=UTC)
    assert jsonata.evaluate("$now()", {}, now=when) == "2024-05-06T07:08:09.123Z"
    assert jsonata.evaluate("$millis()", {}, now=when) == 1714979289123
    assert jsonata.evaluate("$now('[Y0001]-[M01]-[D01]')", {}, now=when) == "2024-05-06"
    rendered = jsonata.render({"t": "{% $now() %}"}, {}, field="Output", now=when)
    assert rendered == {"t": "2024-05-06T07:08:09.123Z"}
