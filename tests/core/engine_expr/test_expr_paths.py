"""JSONPath evaluation in the Jayway dialect: forms, filters, errors, context and variables."""

from __future__ import annotations

import pytest

from aslstudio.engine.paths import PathNotFound, PathSyntaxError, compile_path

STORE = {
    "store": {
        "book": [
            {"category": "reference", "author": "Nigel Rees", "price": 8.95},
            {"category": "fiction", "author": "Evelyn Waugh", "price": 12.99},
            {"category": "fiction", "author": "J. R. R. Tolkien", "price": 22.99, "isbn": "0-395"},
        ],
        "bicycle": {"color": "red", "price": 19.95},
    },
    "with space": {"a b": 1},
    "items": [1, 2, 3, 4, 5],
    "empty": [],
    "nothing": None,
}

# (path, expected value) for definite paths
DEFINITE = [
    ("$", STORE),
    ("$.store.bicycle.color", "red"),
    ("$.store.book[0].author", "Nigel Rees"),
    ("$.store.book[-1].price", 22.99),
    ("$.items[-2]", 4),
    ("$['with space']['a b']", 1),
    ('$["with space"]["a b"]', 1),
    ("$.items.[0]", 1),  # Jayway's .[0]
    ("$.nothing", None),  # a null value is found
    ("$.store.bicycle['color','price']", {"color": "red", "price": 19.95}),  # leaf name union
]

# (path, expected list) for indefinite paths
INDEFINITE = [
    ("$.store.book[*].author", ["Nigel Rees", "Evelyn Waugh", "J. R. R. Tolkien"]),
    ("$.store.book[?(@.price < 10)].author", ["Nigel Rees"]),
    ("$.store.book[?(@.category == 'fiction' && @.price > 20)].author", ["J. R. R. Tolkien"]),
    ("$.store.book[?(@.category == 'fiction' || @.price < 9)].price", [8.95, 12.99, 22.99]),
    ("$.store.book[?(@.isbn)].author", ["J. R. R. Tolkien"]),
    ("$.store.book[?(!(@.price > 10))].author", ["Nigel Rees"]),
    ("$.store.book[?(@.author =~ /.*waugh/i)].price", [12.99]),
    ("$.store.book[?(@.category in ['reference'])].price", [8.95]),
    ("$.store.book[?(@.category nin ['reference'])].price", [12.99, 22.99]),
    ("$.store.book[?(@.price > $.store.bicycle.price)].price", [22.99]),
    ("$.items[1:3]", [2, 3]),
    ("$.items[-2:]", [4, 5]),
    ("$.items[:2]", [1, 2]),
    ("$.items[0,2]", [1, 3]),
    ("$.items[9:]", []),
    ("$..price", [8.95, 12.99, 22.99, 19.95]),
    ("$..book[0].author", ["Nigel Rees"]),
    ("$.store.*.color", ["red"]),
    ("$.empty[*]", []),
    ("$.missing[*]", []),
    ("$.store.book[?(@.price < 1)]", []),
]


@pytest.mark.parametrize(("path", "expected"), DEFINITE)
def test_definite_paths_return_the_value(path, expected):
    compiled = compile_path(path)
    assert compiled.is_definite
    assert compiled.find(STORE) == expected


@pytest.mark.parametrize(("path", "expected"), INDEFINITE)
def test_indefinite_paths_return_a_list(path, expected):
    compiled = compile_path(path)
    assert not compiled.is_definite
    assert compiled.find(STORE) == expected


def test_jayway_dot_bracket_on_root_array():
    assert compile_path("$.[1]").find([10, 20]) == 20
    assert compile_path("$[?(@.x > 0)]").find([{"x": 1}, {"x": -1}]) == [{"x": 1}]
    assert compile_path("$.[?(@.x > 0)].x").find([{"x": 1}, {"x": 2}]) == [1, 2]


def test_filter_on_an_object_tests_the_object_itself():
    assert compile_path("$.o[?(@.k == 1)]").find({"o": {"k": 1}}) == [{"k": 1}]
    assert compile_path("$.o[?(@.k == 2)]").find({"o": {"k": 1}}) == []


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"a": 1}, "$.b"),
        ({"a": 1}, "$.a.b"),
        ({"a": [1]}, "$.a[1]"),
        ({"a": [1]}, "$.a[-2]"),
        ({"a": "text"}, "$.a[0]"),  # strings are not indexable
        ({"a": [1]}, "$.a.b"),
        ({"a": {"0": 1}}, "$.a[0]"),
        ([1], "$.a"),
        ({"a": 1}, "$.[0]"),  # Jayway's $.[0] on an object selects nothing
    ],
)
def test_definite_path_that_selects_nothing_raises(data, path):
    with pytest.raises(PathNotFound) as info:
        compile_path(path).find(data)
    assert "No results for path: $" in str(info.value)


def test_not_found_message_uses_the_normalized_path():
    with pytest.raises(PathNotFound, match=r"\$\['a'\]\[3\]\['b'\]"):
        compile_path("$.a[3].b").find({"a": []})


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("a.b", 0),
        ("$.", 2),
        ("$.a[", 3),
        ("$.a[x]", 4),
        ("$['a", 2),
        ("$.a[?(@.b <)]", 11),
        ("$.a]", 3),
        ("$.a[1:2:0]", 9),
    ],
)
def test_syntax_errors_carry_an_offset(text, offset):
    with pytest.raises(PathSyntaxError) as info:
        compile_path(text)
    assert info.value.offset == offset
    assert info.value.message


def test_syntax_error_excerpt_points_at_the_problem():
    with pytest.raises(PathSyntaxError) as info:
        compile_path("$.a[x]")
    assert info.value.excerpt() == "$.a[x]\n    ^"


@pytest.mark.parametrize(
    ("path", "reference", "root"),
    [
        ("$", True, "$"),
        ("$.a.b[0]", True, "$"),
        ("$['a b'][-1]", True, "$"),
        ("$.a[*]", False, "$"),
        ("$.a[0,1]", False, "$"),
        ("$..a", False, "$"),
        ("$$.Execution.Id", True, "$$"),
        ("$counter", True, "counter"),
        ("$order.lines[0]", True, "order"),
    ],
)
def test_reference_and_root_properties(path, reference, root):
    compiled = compile_path(path)
    assert compiled.is_reference is reference
    assert compiled.root == root
    assert compiled.text == path


def test_compile_is_cached():
    assert compile_path("$.cached.path") is compile_path("$.cached.path")


def test_context_object_paths():
    context = {"Execution": {"Id": "arn:x", "Input": {"k": 1}}, "Map": {"Item": {"Index": 3}}}
    assert compile_path("$$.Execution.Id").find({}, context) == "arn:x"
    assert compile_path("$$.Map.Item.Index").find({}, context) == 3
    assert compile_path("$$").find({}, context) == context
    with pytest.raises(PathNotFound):
        compile_path("$$.Task.Token").find({}, context)
    with pytest.raises(PathNotFound):
        compile_path("$$.Execution.Id").find({}, None)


def test_variable_paths():
    variables = {"order": {"lines": [{"sku": "A"}]}, "count": 0}
    assert compile_path("$count").find({}, None, variables) == 0
    assert compile_path("$order.lines[0].sku").find({}, None, variables) == "A"
    assert compile_path("$order.lines[*].sku").find({}, None, variables) == ["A"]
    with pytest.raises(PathNotFound):
        compile_path("$unknown").find({}, None, variables)
    with pytest.raises(PathNotFound):
        compile_path("$count").find({}, None, None)


def test_filter_comparisons_between_types_are_false():
    data = [{"v": 1}, {"v": "1"}, {"v": True}, {"v": None}]
    assert compile_path("$[?(@.v == 1)]").find(data) == [{"v": 1}]
    assert compile_path("$[?(@.v == '1')]").find(data) == [{"v": "1"}]
    assert compile_path("$[?(@.v == true)]").find(data) == [{"v": True}]
    assert compile_path("$[?(@.v == null)]").find(data) == [{"v": None}]
    assert compile_path("$[?(@.v > 0)]").find(data) == [{"v": 1}]


@pytest.mark.parametrize(
    ("filter_text", "expected_ids"),
    [
        ("@.tags subsetof ['a', 'b', 'c']", [1, 3]),
        ("@.tags anyof ['b']", [1]),
        ("@.tags noneof ['a']", [2, 3]),
        ("@.tags size 2", [1]),
        ("@.tags empty true", [3]),
        ("@.name size 3", [2]),
    ],
)
def test_jayway_word_operators(filter_text, expected_ids):
    data = [
        {"id": 1, "tags": ["a", "b"], "name": "x"},
        {"id": 2, "tags": ["z"], "name": "abc"},
        {"id": 3, "tags": [], "name": ""},
    ]
    assert compile_path(f"$[?({filter_text})].id").find(data) == expected_ids


def test_filter_string_order_is_utf16():
    data = [{"s": "Z"}, {"s": "a"}]
    assert compile_path("$[?(@.s < 'a')].s").find(data) == ["Z"]


def test_existence_filter_counts_null_false_and_empty_values():
    data = [{"k": None}, {"k": False}, {"k": []}, {"other": 1}]
    assert compile_path("$[?(@.k)]").find(data) == data[:3]
    assert compile_path("$[?(!@.k)]").find(data) == data[3:]
    assert compile_path("$[?(@.k[*])]").find([{"k": []}, {"k": [1]}]) == [{"k": [1]}]


def test_deep_scan_filter_tests_objects_including_the_start():
    data = {"price": 50, "a": [{"price": 5}, {"price": 20, "b": {"price": 30}}], "c": [1, 2]}
    found = compile_path("$..[?(@.price > 10)]").find(data)
    assert [item["price"] for item in found] == [50, 20, 30]
    assert compile_path("$..[?(@ > 1)]").find({"c": [1, 2]}) == []  # scalars are not tested


def test_deep_scan_order_is_pre_order():
    data = {"x": 1, "a": {"x": 2, "b": {"x": 3}}, "c": [{"x": 4}]}
    assert compile_path("$..x").find(data) == [1, 2, 3, 4]
    assert compile_path("$..[0]").find({"l": [[1, 2], 3]}) == [[1, 2], 1]
    assert compile_path("$..*").find({"a": {"b": 1}, "c": [2]}) == [{"b": 1}, [2], 1, 2]
