"""The one JSONPath evaluator of the engine (Jayway dialect, as AWS evaluates it).

Public API: ``compile_path`` (cached) returning a ``CompiledPath`` with ``find``; the data-flow
helpers ``select`` (InputPath/OutputPath/ItemsPath), ``set_result_path`` (ResultPath) and
``evaluate_template`` (Parameters, ResultSelector, ItemSelector, Credentials, Assign payload
templates with ``.$`` keys and intrinsic functions).

Reference paths (only names and single indexes) take a fast path: a precompiled tuple of keys
walked with plain subscripts. Everything else goes through ``jsonpath_eval``. Values are treated
as immutable: results may share sub-trees with inputs and templates, nothing is mutated.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from aslstudio.engine import jsonpath_eval as je
from aslstudio.engine import jsonpath_parse as jp
from aslstudio.engine.errors import (
    INTRINSIC_FAILURE,
    RESULT_PATH_MATCH_FAILURE,
    RUNTIME,
    StatesError,
)
from aslstudio.engine.jsonpath_parse import PathSyntaxError

__all__ = [
    "MISSING",
    "CompiledPath",
    "PathNotFound",
    "PathSyntaxError",
    "compact_json",
    "compile_path",
    "evaluate_template",
    "select",
    "set_result_path",
]

MISSING = je.MISSING


class PathNotFound(LookupError):  # noqa: N818 - name fixed by the engine API
    """A definite path selected nothing in the data it was applied to."""

    def __init__(self, path: str, normalized: str) -> None:
        super().__init__(f"No results for path: {normalized}")
        self.path = path
        self.normalized = normalized


def compact_json(value: Any) -> str:
    """Compact JSON text as AWS prints values inside error causes (never raises)."""
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    except RecursionError:
        return "<value nested too deeply to print>"
    except (TypeError, ValueError):
        return repr(value)


def _normalized(root: str, segments: tuple[jp.Segment, ...]) -> str:
    """Jayway's normalized form, e.g. ``$['a'][0]``, used in 'No results' messages."""
    parts = ["$" if root == "$" else ("$$" if root == "$$" else f"${root}")]
    for segment in segments:
        kind = segment[0]
        if kind == jp.KEY:
            parts.append(f"['{segment[1]}']")
        elif kind == jp.INDEX:
            parts.append(f"[{segment[1]}]")
        elif kind == jp.KEYS:
            parts.append("[" + ",".join(f"'{n}'" for n in segment[1]) + "]")
        else:
            parts.append("[*]" if kind == jp.WILD else f"[{kind}]")
    return "".join(parts)


class CompiledPath:
    """A parsed path: its root, its properties, and ``find`` to apply it."""

    __slots__ = ("_keys", "_plain_keys", "is_definite", "is_reference", "root", "segments", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.root, self.segments = jp.parse_path(text)
        self.is_definite = je.is_definite(self.segments)
        self.is_reference = all(s[0] in (jp.KEY, jp.INDEX) for s in self.segments)
        self._keys: tuple[str | int, ...] | None = (
            tuple(s[1] for s in self.segments) if self.is_reference else None
        )
        self._plain_keys = self._keys is not None and all(isinstance(k, str) for k in self._keys)

    def __repr__(self) -> str:
        return f"CompiledPath({self.text!r})"

    def base(
        self, data: Any, context: Any = None, variables: Mapping[str, Any] | None = None
    ) -> Any:
        """The value the path starts from: data, the context object or a variable."""
        if self.root == "$":
            return data
        if self.root == "$$":
            return MISSING if context is None else context
        if variables is None or self.root not in variables:
            return MISSING
        return variables[self.root]

    def find(
        self, data: Any, context: Any = None, variables: Mapping[str, Any] | None = None
    ) -> Any:
        """Apply the path: a definite path returns the value (or raises PathNotFound),
        an indefinite path returns the list of matches."""
        node = self.base(data, context, variables)
        if node is MISSING:
            if self.is_definite:
                raise PathNotFound(self.text, self.normalized)
            return []
        if self._plain_keys:
            try:
                for key in self._keys:  # type: ignore[union-attr]
                    node = node[key]
            except (KeyError, TypeError, IndexError):
                raise PathNotFound(self.text, self.normalized) from None
            return node
        if self.is_definite:
            node = je.walk_definite(self.segments, node)
            if node is MISSING:
                raise PathNotFound(self.text, self.normalized)
            return node
        return je.collect(self.segments, node, node)

    @property
    def normalized(self) -> str:
        """The Jayway normalized spelling of this path (``$['a'][0]``)."""
        return _normalized(self.root, self.segments)


@lru_cache(maxsize=8192)
def compile_path(text: str) -> CompiledPath:
    """Parse a path once and cache it; raises PathSyntaxError with a character offset."""
    return CompiledPath(text)


# -- InputPath / OutputPath / ItemsPath --------------------------------------------------


def select(
    data: Any,
    path: str | None,
    context: Any = None,
    variables: Mapping[str, Any] | None = None,
    *,
    field: str = "InputPath",
) -> Any:
    """InputPath/OutputPath/ItemsPath: None gives ``{}``, "$" the data, else the path's value."""
    if path is None:
        return {}
    if path == "$":
        return data
    try:
        return compile_path(path).find(data, context, variables)
    except PathNotFound as exc:
        raise StatesError(RUNTIME, f"Invalid path '{path}' : {exc}") from None
    except PathSyntaxError as exc:
        raise StatesError(RUNTIME, f"Invalid path '{path}' in {field}: {exc.message}") from None


# -- ResultPath ----------------------------------------------------------------------------


def set_result_path(raw_input: Any, result_path: str | None, result: Any) -> Any:
    """ResultPath: None keeps the raw input, "$" takes the result, "$.a.b" sets a nested field.

    Containers along the path are copied (the raw input is never mutated); missing objects on
    the way are created. Fails with States.ResultPathMatchFailure where AWS does: a step that
    meets a non-object, an index into a non-list or past its end, a non-reference path.
    """
    if result_path is None:
        return raw_input
    if result_path == "$":
        return result
    try:
        path = compile_path(result_path)
    except PathSyntaxError as exc:
        raise StatesError(RESULT_PATH_MATCH_FAILURE, f"Invalid ResultPath: {exc}") from None
    if path.root != "$" or not path.is_reference:
        raise StatesError(
            RESULT_PATH_MATCH_FAILURE, f"ResultPath '{result_path}' is not a reference path"
        )
    if not path.segments:
        return result
    keys: tuple[str | int, ...] = tuple(s[1] for s in path.segments)
    try:
        return _set_in(raw_input, keys, 0, result)
    except LookupError:
        cause = f"Unable to apply ReferencePath {result_path} to input {compact_json(raw_input)}"
        raise StatesError(RESULT_PATH_MATCH_FAILURE, cause) from None


def _set_in(node: Any, keys: tuple[str | int, ...], i: int, value: Any) -> Any:
    key = keys[i]
    last = i == len(keys) - 1
    if isinstance(key, str):
        if not isinstance(node, dict):
            raise LookupError(key)
        copy = dict(node)
        copy[key] = value if last else _set_in(node.get(key, {}), keys, i + 1, value)
        return copy
    if not isinstance(node, list) or not -len(node) <= key < len(node):
        raise LookupError(key)
    items = list(node)
    items[key] = value if last else _set_in(node[key], keys, i + 1, value)
    return items


# -- payload templates ---------------------------------------------------------------------

Evaluator = Callable[[Any, Any, "Mapping[str, Any] | None", "random.Random | None"], Any]


def _type_name(value: Any) -> str:
    names = {bool: "BOOLEAN", int: "INTEGER", float: "FLOAT", list: "ARRAY", dict: "OBJECT"}
    return "NULL" if value is None else names.get(type(value), "STRING")


def _compile_dynamic(key: str, expression: Any, field: str) -> Evaluator:
    """The evaluator for one ``key.$`` entry: a path or an intrinsic function call."""
    if not isinstance(expression, str):
        cause = (
            f"The value for the field '{key}' in {field} must be a STRING that contains a "
            f"JSONPath or an intrinsic function, but was {_type_name(expression)}"
        )
        raise StatesError(RUNTIME, cause)
    from aslstudio.engine import intrinsics  # local import: intrinsics imports this module

    if intrinsics.is_intrinsic(expression):
        try:
            call = intrinsics.parse_intrinsic(expression)
        except intrinsics.IntrinsicSyntaxError as exc:
            cause = f"The value for the field '{key}' is not a valid intrinsic function call: {exc}"
            raise StatesError(INTRINSIC_FAILURE, cause) from None

        compiled = intrinsics.compile_intrinsic(call)
        default_rng = intrinsics.DEFAULT_RNG

        def run_intrinsic(data: Any, context: Any, variables: Any, rng: Any) -> Any:
            return compiled(data, context, variables, rng or default_rng)

        return run_intrinsic
    try:
        path = compile_path(expression)
    except PathSyntaxError as exc:
        cause = f"The value '{expression}' for the field '{key}' is not a valid JSONPath: {exc}"
        raise StatesError(RUNTIME, cause) from None
    return _path_evaluator(path, key)


def _path_evaluator(path: CompiledPath, key: str) -> Evaluator:
    def run_path(data: Any, context: Any, variables: Any, rng: Any) -> Any:
        try:
            return path.find(data, context, variables)
        except PathNotFound:
            where = {"$": "input", "$$": "context object"}.get(path.root, "variables")
            source = {"$": data, "$$": context}.get(path.root, variables)
            cause = (
                f"The JSONPath '{path.text}' specified for the field '{key}' could not be "
                f"found in the {where} '{compact_json(source)}'"
            )
            raise StatesError(RUNTIME, cause) from None

    return run_path


def _has_dynamic(template: Any) -> bool:
    if isinstance(template, dict):
        return any(k.endswith(".$") or _has_dynamic(v) for k, v in template.items())
    if isinstance(template, list):
        return any(_has_dynamic(v) for v in template)
    return False


def _compile_template(template: Any, field: str) -> Evaluator:
    if not _has_dynamic(template):
        return lambda data, context, variables, rng: template
    if isinstance(template, list):
        parts = [_compile_template(item, field) for item in template]
        return lambda data, context, variables, rng: [
            p(data, context, variables, rng) for p in parts
        ]
    entries: list[tuple[str, Evaluator]] = []
    for key, value in template.items():
        if key.endswith(".$"):
            entries.append((key[:-2], _compile_dynamic(key, value, field)))
        else:
            entries.append((key, _compile_template(value, field)))

    def run_object(data: Any, context: Any, variables: Any, rng: Any) -> Any:
        return {key: part(data, context, variables, rng) for key, part in entries}

    return run_object


_TEMPLATE_CACHE: dict[tuple[int, str], tuple[Any, Evaluator]] = {}
_TEMPLATE_CACHE_LIMIT = 4096


def compile_template(template: Any, *, field: str = "Parameters") -> Evaluator:
    """Compile a payload template once (cached by identity; the template is kept alive)."""
    cache_key = (id(template), field)
    hit = _TEMPLATE_CACHE.get(cache_key)
    if hit is not None and hit[0] is template:
        return hit[1]
    compiled = _compile_template(template, field)
    if len(_TEMPLATE_CACHE) >= _TEMPLATE_CACHE_LIMIT:
        _TEMPLATE_CACHE.clear()
    _TEMPLATE_CACHE[cache_key] = (template, compiled)
    return compiled


def evaluate_template(
    template: Any,
    data: Any,
    context: Any = None,
    variables: Mapping[str, Any] | None = None,
    *,
    field: str = "Parameters",
    rng: random.Random | None = None,
) -> Any:
    """Build a payload from a template: ``key.$`` entries take a path or intrinsic value.

    A definite path that selects nothing raises StatesError(States.Runtime) with an AWS-like
    cause; intrinsic failures raise States.IntrinsicFailure.
    """
    return compile_template(template, field=field)(data, context, variables, rng)
