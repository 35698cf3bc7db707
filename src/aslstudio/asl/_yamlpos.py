"""YAML text -> plain data, positions, duplicate keys and the ruamel round-trip tree.

ruamel.yaml's round-trip mode never builds arbitrary Python objects (unknown tags become tagged
scalars). We compose the node tree first, so duplicate keys can be reported with both positions
(keeping the last value, like the JSON side), then construct and convert to plain JSON-like data.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Set as AbstractSet
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.scalarbool import ScalarBoolean

from aslstudio.asl._jsonpos import MAX_DEPTH, find_too_deep
from aslstudio.asl.document import DuplicateKey, Position, SourceMap
from aslstudio.asl.errors import ParseError
from aslstudio.asl.pointer import escape

# Aliases can expand a small file enormously ("billion laughs"); without aliases every item takes
# at least one character of text, so more items than characters (plus slack) means expansion.
ITEM_SLACK = 10_000


def new_yaml() -> YAML:
    """A round-trip YAML instance (comments, order and positions kept; no object construction)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml


def _mark(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


# ruamel's wording -> plainer words, for the problems people meet most.
_PLAIN_PROBLEMS: dict[str, str] = {
    "found character '\\t' that cannot start any token": "a tab cannot indent YAML; use spaces",
    "expected <block end>, but found '<block mapping start>'": (
        "bad indentation: this line does not line up with the keys above it"
    ),
}


def _error(exc: Exception, filename: str) -> ParseError:
    if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        message = str(exc.problem or "invalid YAML")
        plain = _PLAIN_PROBLEMS.get(message)
        if plain is not None:
            return ParseError(plain, filename, mark.line + 1, mark.column + 1)
        if exc.context and message.startswith("but "):
            message = f"{exc.context}, {message}"
        elif exc.context:
            message += f" ({exc.context})"
        return ParseError(message, filename, mark.line + 1, mark.column + 1)
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
    return ParseError(first_line, filename)


def _key_text(node: Node) -> str:
    return str(node.value) if not isinstance(node, MappingNode | SequenceNode) else "?"


def _drop_duplicates(root: Node, filename: str) -> list[tuple[str, str, Position, Position]]:
    """Remove earlier duplicate pairs in every mapping; return (path, key, later, first)."""
    found: list[tuple[str, str, Position, Position]] = []
    stack: list[tuple[Node, str, int]] = [(root, "", 0)]
    seen_nodes: set[int] = set()
    while stack:
        node, pointer, depth = stack.pop()
        if id(node) in seen_nodes:
            continue  # an alias: already visited
        seen_nodes.add(id(node))
        if depth > MAX_DEPTH:
            raise ParseError(f"nested more than {MAX_DEPTH} levels deep", filename, *_tuple(node))
        if isinstance(node, MappingNode):
            last: dict[str, int] = {}
            for index, (key_node, _value) in enumerate(node.value):
                name = _key_text(key_node)
                if name in last:
                    first_key = node.value[last[name]][0]
                    member = f"{pointer}/{escape(name)}"
                    found.append((member, name, _mark(key_node), _mark(first_key)))
                last[name] = index
            if len(last) != len(node.value):
                keep = set(last.values())
                node.value = [pair for i, pair in enumerate(node.value) if i in keep]
            stack.extend((v, f"{pointer}/{escape(_key_text(k))}", depth + 1) for k, v in node.value)
        elif isinstance(node, SequenceNode):
            stack.extend((v, f"{pointer}/{i}", depth + 1) for i, v in enumerate(node.value))
    return found


def _tuple(node: Node) -> tuple[int, int]:
    mark = _mark(node)
    return mark.line, mark.col


def scalar_value(value: Any) -> Any:
    """A ruamel scalar (or tagged scalar, timestamp, ...) as a plain JSON-like value."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, bool | ScalarBoolean):  # ruamel's anchored booleans subclass int
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return timestamp_text(value)
    if hasattr(value, "value") and hasattr(value, "tag"):  # TaggedScalar (e.g. !Ref Name)
        return scalar_value(value.value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def timestamp_text(value: dt.date) -> str:
    """A YAML timestamp as ASL writes it (RFC 3339, ``Z`` for UTC)."""
    text = value.isoformat()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        name = value.tzinfo.tzname(value)
        if text.endswith("+00:00") and name in {"Z", "UTC", None}:
            text = text[:-6] + "Z"
    return text


def _lc_pos(pair: Any) -> Position | None:
    if isinstance(pair, tuple | list) and len(pair) >= 2 and pair[0] is not None:
        return Position(int(pair[0]) + 1, int(pair[1]) + 1)
    return None


def _container(value: Any) -> Any:
    if isinstance(value, dict):
        return {}
    if isinstance(value, list | AbstractSet):
        return []
    return None


def to_plain(tree: Any, source_map: SourceMap, filename: str, budget: int) -> Any:
    """Convert the ruamel tree to plain dict/list/str/int/float/bool/None, recording positions."""
    root = _container(tree)
    if root is None:
        return scalar_value(tree)
    lc = getattr(tree, "lc", None)
    if lc is not None:
        source_map.values[""] = Position(lc.line + 1, lc.col + 1)
    stack: list[tuple[Any, Any, str, int]] = [(tree, root, "", 0)]
    while stack:
        source, target, pointer, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ParseError(f"nested more than {MAX_DEPTH} levels deep", filename)
        lc = getattr(source, "lc", None)
        items = _items(source)
        budget -= len(items)
        if budget < 0:
            raise ParseError("the YAML expands to too much data (aliases?)", filename)
        for key, raw_key, value in items:
            member = f"{pointer}/{escape(key)}"
            child = _container(value)
            if isinstance(target, dict):
                target[key] = scalar_value(value) if child is None else child
                _record(source_map, member, lc, raw_key, "key")
                _record(source_map, member, lc, raw_key, "value")
            else:
                target.append(scalar_value(value) if child is None else child)
                _record(source_map, member, lc, raw_key, "item")
            if child is not None:
                stack.append((value, child, member, depth + 1))
    return root


def _items(source: Any) -> list[tuple[str, Any, Any]]:
    """(member name, key as in the tree, value) for a mapping or sequence."""
    if isinstance(source, dict):
        return [(yaml_key_name(k), k, v) for k, v in source.items()]
    if isinstance(source, AbstractSet):
        return [(str(i), i, scalar_value(v)) for i, v in enumerate(source)]
    return [(str(i), i, v) for i, v in enumerate(source)]


def yaml_key_name(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    plain = scalar_value(key)
    return plain if isinstance(plain, str) else str(plain)


def _record(source_map: SourceMap, member: str, lc: Any, raw_key: Any, kind: str) -> None:
    """Store the ruamel line/col of a key ("key"), mapping value ("value") or item ("item")."""
    if lc is None:
        return
    try:
        getter = {"key": lc.key, "value": lc.value, "item": lc.item}[kind]
        pos = _lc_pos(getter(raw_key))
    except (KeyError, IndexError, TypeError, AttributeError):
        return
    if pos is not None:
        (source_map.keys if kind == "key" else source_map.values)[member] = pos


def load_yaml(text: str, filename: str) -> tuple[Any, Any, SourceMap, list[DuplicateKey]]:
    """Parse YAML: (plain data, ruamel tree, source map, duplicate keys); ParseError on failure."""
    too_deep = find_too_deep(text, filename)
    if too_deep is not None:
        raise too_deep
    yaml = new_yaml()
    source_map = SourceMap()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            node = yaml.compose(text)
            found = _drop_duplicates(node, filename) if node is not None else []
            tree = yaml.constructor.construct_document(node) if node is not None else None
    except ParseError:
        raise
    except RecursionError:
        raise ParseError(f"nested more than {MAX_DEPTH} levels deep", filename) from None
    except (YAMLError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        raise _error(exc, filename) from None
    data = to_plain(tree, source_map, filename, len(text) + ITEM_SLACK)
    duplicates = [DuplicateKey(p, k, later, first) for p, k, later, first in found]
    return data, tree, source_map, duplicates
