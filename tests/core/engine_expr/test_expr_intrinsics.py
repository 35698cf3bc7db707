"""Intrinsic functions: AWS documentation examples, escapes, errors and the parser."""

from __future__ import annotations

import random
import uuid

import pytest

from aslstudio.engine.errors import INTRINSIC_FAILURE, RUNTIME, StatesError
from aslstudio.engine.intrinsics import (
    SIGNATURES,
    IntrinsicCall,
    IntrinsicSyntaxError,
    Literal,
    PathArg,
    evaluate_intrinsic,
    is_intrinsic,
    parse_intrinsic,
)
from aslstudio.engine.paths import evaluate_template


def _seeded(seed: int) -> random.Random:
    """A seeded generator for deterministic draws."""
    return random.Random(seed)  # noqa: S311 - simulation, not cryptography


NINE = [1, 2, 3, 4, 5, 6, 7, 8, 9]

# (call, input, expected): the examples of the AWS "Intrinsic functions" page, input verbatim.
DOC_EXAMPLES = [
    # States.Format('Hello, my name is {}.', $.name) -> "Hello, my name is Arnav."
    (
        "States.Format('Hello, my name is {}.', $.name)",
        {"name": "Arnav", "template": "Hello, my name is {}."},
        "Hello, my name is Arnav.",
    ),
    # States.Format($.template, $.name) -> same output
    (
        "States.Format($.template, $.name)",
        {"name": "Arnav", "template": "Hello, my name is {}."},
        "Hello, my name is Arnav.",
    ),
    # States.StringToJson($.escapedJsonString) -> { "foo": "bar" }
    (
        "States.StringToJson($.escapedJsonString)",
        {"escapedJsonString": '{"foo": "bar"}'},
        {"foo": "bar"},
    ),
    # States.JsonToString($.unescapedJson) -> "{\"foo\":\"bar\"}"
    ("States.JsonToString($.unescapedJson)", {"unescapedJson": {"foo": "bar"}}, '{"foo":"bar"}'),
    # "BuildId.$": "States.Array($.Id)" -> "BuildId": [123456]
    ("States.Array($.Id)", {"Id": 123456}, [123456]),
    # States.ArrayPartition($.inputArray,4) -> [[1,2,3,4],[5,6,7,8],[9]]
    (
        "States.ArrayPartition($.inputArray,4)",
        {"inputArray": NINE},
        [[1, 2, 3, 4], [5, 6, 7, 8], [9]],
    ),
    # States.ArrayContains($.inputArray, $.lookingFor) -> true
    (
        "States.ArrayContains($.inputArray, $.lookingFor)",
        {"inputArray": NINE, "lookingFor": 5},
        True,
    ),
    # States.ArrayRange(1, 9, 2) -> [1,3,5,7,9]
    ("States.ArrayRange(1, 9, 2)", {}, [1, 3, 5, 7, 9]),
    # States.ArrayGetItem($.inputArray, $.index) with index 5 -> 6
    ("States.ArrayGetItem($.inputArray, $.index)", {"inputArray": NINE, "index": 5}, 6),
    # States.ArrayLength($.inputArray) -> 9
    ("States.ArrayLength($.inputArray)", {"inputArray": NINE}, 9),
    # States.ArrayUnique($.inputArray) with [1,2,3,3,3,3,3,3,4] -> [1,2,3,4]
    ("States.ArrayUnique($.inputArray)", {"inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]}, [1, 2, 3, 4]),
    # States.Base64Encode($.input) with "Data to encode" -> "RGF0YSB0byBlbmNvZGU="
    ("States.Base64Encode($.input)", {"input": "Data to encode"}, "RGF0YSB0byBlbmNvZGU="),
    # States.Base64Decode($.base64) -> "Data to encode"
    ("States.Base64Decode($.base64)", {"base64": "RGF0YSB0byBlbmNvZGU="}, "Data to encode"),
    # States.Hash($.Data, $.Algorithm) with "input data", "SHA-1"
    (
        "States.Hash($.Data, $.Algorithm)",
        {"Data": "input data", "Algorithm": "SHA-1"},
        "aaff4a450a104cd177d28d18d74485e8cae074b7",
    ),
    # States.JsonMerge($.json1, $.json2, false): shallow, json2's "a" wins
    (
        "States.JsonMerge($.json1, $.json2, false)",
        {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}},
        {"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3},
    ),
    # States.MathAdd($.value1, $.step) with 111 and -1 -> 110
    ("States.MathAdd($.value1, $.step)", {"value1": 111, "step": -1}, 110),
    # States.StringSplit($.inputString, $.splitter) with "1,2,3,4,5" and ","
    (
        "States.StringSplit($.inputString, $.splitter)",
        {"inputString": "1,2,3,4,5", "splitter": ","},
        ["1", "2", "3", "4", "5"],
    ),
    # ... and with "This.is+a,test=string" and ".+,="
    (
        "States.StringSplit($.inputString, $.splitter)",
        {"inputString": "This.is+a,test=string", "splitter": ".+,="},
        ["This", "is", "a", "test", "string"],
    ),
    # States.Format('Welcome to {} {}\'s playlist.', $.firstName, $.lastName)
    (
        "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
        {"firstName": "Jane", "lastName": "Doe"},
        "Welcome to Jane Doe's playlist.",
    ),
]


@pytest.mark.parametrize(("call", "data", "expected"), DOC_EXAMPLES)
def test_aws_documentation_examples(call, data, expected):
    assert evaluate_intrinsic(call, data) == expected


def test_nested_calls_from_the_documentation():
    # "myArn.$": "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(...
    arn = "arn:aws:imagebuilder:us-east-1:111122223333:image-recipe/my-recipe/1.2.3"
    part = "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit("
    call = (
        f"States.Format('{{}}.{{}}.{{}}', {part}$.ImageRecipe.Arn, '/'), 2), '.'), 0), "
        f"{part}$.ImageRecipe.Arn, '/'), 2), '.'), 1), "
        f"{part}$.ImageRecipe.Arn, '/'), 2), '.'), 2))"
    )
    assert evaluate_intrinsic(call, {"ImageRecipe": {"Arn": arn}}) == "1.2.3"


SEMANTICS = [
    # StringSplit splits on each delimiter character and drops empty strings
    ("States.StringSplit('a,,b;c', ',;')", ["a", "b", "c"]),
    ("States.StringSplit('', ',')", []),
    # MathAdd rounds decimals half-up (Java Math.round)
    ("States.MathAdd(1.5, 0)", 2),
    ("States.MathAdd(-1.5, 0)", -1),
    ("States.MathAdd(2.4, 2.6)", 5),
    # Array keeps null arguments
    ("States.Array(1, null, 'x', true)", [1, None, "x", True]),
    ("States.Array()", []),
    # Format renders objects like Java's Map.toString and arrays like List.toString
    ("States.Format('{}', $.obj)", "{a=1, b=x, c=[1, 2], d=null}"),
    ("States.Format('{} {} {}', $.arr, true, null)", "[1, two, 3.5] true null"),
    ("States.Format('{}', 1.0)", "1.0"),
    ("States.Format('{}', 12345678.9)", "1.23456789E7"),
    # JsonToString gives compact JSON
    ("States.JsonToString($.obj)", '{"a":1,"b":"x","c":[1,2],"d":null}'),
    ("States.ArrayRange(5, 1, -2)", [5, 3, 1]),
    ("States.ArrayRange(0.5, 2.4, 1)", [1, 2]),  # bounds rounded half-up
    ("States.ArrayRange(1, 1000, 1)", list(range(1, 1001))),
    ("States.ArrayContains($.arr, 'two')", True),
    ("States.ArrayContains($.arr, 2)", False),
    ("States.ArrayUnique($.dupes)", [{"a": 1}, 1]),
    ("States.JsonMerge($.deep1, $.deep2, false)", {"a": {"y": 2}}),
    ("States.Hash('', 'MD5')", "d41d8cd98f00b204e9800998ecf8427e"),
    (
        "States.Hash('abc', 'SHA-256')",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ),
    ("States.StringToJson('null')", None),
    ("States.Format('\\{\\} {}', 'x')", "{} x"),
    ("States.Format('a\\\\b {}', 1)", "a\\b 1"),
    ("States.ArrayLength(States.Array(1, 2))", 2),
    ("States.Format('{}', $$.Execution.Id)", "arn:e"),
    ("States.Format('{}', $v)", "var"),
]

SEMANTIC_DATA = {
    "obj": {"a": 1, "b": "x", "c": [1, 2], "d": None},
    "arr": [1, "two", 3.5],
    "dupes": [{"a": 1}, 1, {"a": 1}, 1.0],
    "deep1": {"a": {"x": 1}},
    "deep2": {"a": {"y": 2}},
}


@pytest.mark.parametrize(("call", "expected"), SEMANTICS)
def test_documented_behaviours(call, expected):
    result = evaluate_intrinsic(call, SEMANTIC_DATA, {"Execution": {"Id": "arn:e"}}, {"v": "var"})
    assert result == expected


FAILURES = [
    ("States.ArrayGetItem($.arr, 3)", "out of bounds"),
    ("States.ArrayGetItem($.arr, -1)", "out of bounds"),
    ("States.ArrayRange(1, 1001, 1)", "at most 1000"),
    ("States.ArrayRange(1, 5, 0)", "step"),
    ("States.ArrayPartition($.arr, 0)", "positive"),
    ("States.ArrayLength($.obj)", "an array"),
    ("States.ArrayGetItem($.arr, 1.5)", "an integer"),
    ("States.Format('{} {}', 1)", "placeholder"),
    ("States.Format('{}', 1, 2)", "placeholder"),
    ("States.Format(1)", "a string"),
    ("States.StringToJson('{bad')", "not valid JSON"),
    ("States.StringToJson('NaN')", "not valid JSON"),
    ("States.Base64Decode('***')", "base64"),
    ("States.Hash('x', 'SHA-3')", "unsupported algorithm"),
    ("States.MathAdd('1', 2)", "a number"),
    ("States.MathAdd(2147483647, 1)", "32-bit"),
    ("States.MathRandom(5, 5)", "greater"),
    ("States.JsonMerge($.obj, $.arr, false)", "a JSON object"),
    ("States.JsonMerge($.deep1, $.deep2, true)", "shallow"),  # AWS: only false is supported
    ("States.JsonMerge($.deep1, $.deep2, 0)", "a boolean"),
    ("States.UUID(1)", "exactly 0"),
    ("States.ArrayLength()", "exactly 1"),
    ("States.StringSplit('a')", "exactly 2"),
]


@pytest.mark.parametrize(("call", "fragment"), FAILURES)
def test_type_and_range_errors_are_intrinsic_failures(call, fragment):
    with pytest.raises(StatesError) as info:
        evaluate_intrinsic(call, SEMANTIC_DATA)
    assert info.value.error == INTRINSIC_FAILURE
    assert fragment in info.value.cause


def test_base64_limits():
    with pytest.raises(StatesError, match="10000"):
        evaluate_intrinsic("States.Base64Encode($.s)", {"s": "x" * 10_001})
    assert len(evaluate_intrinsic("States.Base64Encode($.s)", {"s": "x" * 10_000})) > 10_000


def test_missing_path_argument_is_runtime_error():
    with pytest.raises(StatesError) as info:
        evaluate_intrinsic("States.Array($.nope)", {"a": 1})
    assert info.value.error == RUNTIME
    assert "$.nope" in info.value.cause


def test_math_random_documentation_example():
    # "random.$": "States.MathRandom($.start, $.end)" with {"start": 1, "end": 999} -> e.g. 456
    value = evaluate_intrinsic("States.MathRandom($.start, $.end)", {"start": 1, "end": 999})
    assert isinstance(value, int)
    assert 1 <= value < 999


def test_random_and_uuid_follow_the_seeded_rng():
    first = [evaluate_intrinsic("States.UUID()", {}, rng=_seeded(7)) for _ in range(2)]
    assert first[0] == first[1]
    assert uuid.UUID(first[0]).version == 4
    rng = _seeded(3)
    draws = {evaluate_intrinsic("States.MathRandom(1, 999)", {}, rng=rng) for _ in range(50)}
    assert all(1 <= d < 999 for d in draws)
    assert len(draws) > 10
    seeded = {evaluate_intrinsic("States.MathRandom(1, 999, 42)", {}) for _ in range(3)}
    assert len(seeded) == 1


def test_template_uses_the_given_rng():
    template = {"id.$": "States.UUID()"}
    one = evaluate_template(template, {}, rng=_seeded(1))
    two = evaluate_template(template, {}, rng=_seeded(1))
    assert one == two


def test_signature_table_covers_every_function():
    names = {
        "Format",
        "StringToJson",
        "JsonToString",
        "Array",
        "ArrayPartition",
        "ArrayContains",
        "ArrayRange",
        "ArrayGetItem",
        "ArrayLength",
        "ArrayUnique",
        "Base64Encode",
        "Base64Decode",
        "Hash",
        "JsonMerge",
        "MathRandom",
        "MathAdd",
        "StringSplit",
        "UUID",
    }
    assert set(SIGNATURES) == {f"States.{n}" for n in names}
    assert SIGNATURES["States.Format"].min_args == 1
    assert SIGNATURES["States.Format"].max_args is None
    assert SIGNATURES["States.MathRandom"].max_args == 3


def test_parser_produces_a_tree():
    call = parse_intrinsic("States.Format('a{}b', $.x, States.UUID(), -1.5, null)")
    assert call.name == "States.Format"
    first, second, third, fourth, fifth = call.args
    assert isinstance(first, Literal)
    assert first.value == "a{}b"
    assert first.pieces == ("a", "b")
    assert second == PathArg("$.x", 22)
    assert isinstance(third, IntrinsicCall)
    assert third.name == "States.UUID"
    assert fourth == Literal(-1.5, 42)
    assert fifth == Literal(None, 48)


def test_path_arguments_may_contain_commas_and_parentheses():
    call = parse_intrinsic("States.Array($.a[?(@.x == 'p,q')], $['b,c'])")
    assert [a.text for a in call.args if isinstance(a, PathArg)] == [
        "$.a[?(@.x == 'p,q')]",
        "$['b,c']",
    ]


@pytest.mark.parametrize(
    ("text", "offset", "fragment"),
    [
        ("States.Foo(1)", 0, "unknown intrinsic function States.Foo"),
        ("States.Format('abc", 14, "unterminated"),
        ("States.Format('a\\x')", 16, "backslash"),
        ("States.Array(1 2)", 15, "expected ','"),
        ("States.Array(1", 0, "missing ')'"),
        ("States.Array(1))", 15, "unexpected text"),
        ("States.Array($.a[)", 17, "invalid path"),
        ("States.Array(@)", 13, "unexpected '@'"),
        ("States.Array", 12, "expected '('"),
    ],
)
def test_syntax_errors_are_positioned(text, offset, fragment):
    with pytest.raises(IntrinsicSyntaxError) as info:
        parse_intrinsic(text)
    assert info.value.offset == offset
    assert fragment in info.value.message


def test_intrinsic_syntax_error_excerpt():
    with pytest.raises(IntrinsicSyntaxError) as info:
        parse_intrinsic("States.Array(1 2)")
    assert info.value.excerpt().splitlines() == ["States.Array(1 2)", " " * 15 + "^"]


def test_nesting_limit_is_ten():
    ten = "States.Array(" * 10 + ")" * 10
    assert evaluate_intrinsic(ten, {}) == [[[[[[[[[[]]]]]]]]]]
    with pytest.raises(IntrinsicSyntaxError, match="nested"):
        parse_intrinsic("States.Array(" * 11 + ")" * 11)


def test_is_intrinsic():
    assert is_intrinsic("States.UUID()")
    assert not is_intrinsic("$.States")
    assert not is_intrinsic("$$.Execution.Id")


def test_text_with_syntax_error_evaluates_to_intrinsic_failure():
    with pytest.raises(StatesError) as info:
        evaluate_intrinsic("States.Nope()", {})
    assert info.value.error == INTRINSIC_FAILURE


def test_math_random_rounds_non_integer_bounds():
    # AWS guide: a non-integer start or end number is rounded to the nearest integer
    draws = {
        evaluate_intrinsic("States.MathRandom(0.6, 2.4)", {}, rng=_seeded(s)) for s in range(40)
    }
    assert draws == {1}
