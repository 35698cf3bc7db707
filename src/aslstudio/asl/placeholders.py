"""JSON definition templates: ``${Name}`` values standing outside quotes, and how to keep them.

SAM (``DefinitionUri`` with ``DefinitionSubstitutions``), CloudFormation (``Fn::Sub`` on a
``DefinitionString``) and Terraform (``templatefile``) fill a definition in as *text* before it
is parsed, so ``"TimeoutSeconds": ${Timeout}`` is a deployable template though not JSON. The
parser reads such a file by quoting each bare placeholder (the value becomes the string
``"${Timeout}"``); the writer takes the quotes off again wherever the value was left untouched.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aslstudio.asl._jsonpatch import same_data, value_spans
from aslstudio.asl.document import Position
from aslstudio.asl.pointer import escape

# A JSON string (skipped as it is), a placeholder, punctuation, or any other bare word.
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|(\$\{[A-Za-z0-9_.:-]+\})|([\[\]{}:,])|[^\s\[\]{}:,"]+')
_WHOLE = re.compile(r"\$\{[A-Za-z0-9_.:-]+\}")


@dataclass(frozen=True, slots=True)
class BarePlaceholder:
    """One unquoted ``${Name}`` (the whole token), where it starts (1-based) and its pointer."""

    name: str
    line: int
    col: int
    pointer: str = ""  # the JSON pointer of the value, once the quoted text has been parsed


def _value_position(previous: str, stack: list[str]) -> bool:
    """Whether a token after ``previous`` (the last token seen) stands where a value goes."""
    if previous in (":", "["):
        return True
    return previous == "," and bool(stack) and stack[-1] == "["


def _track(punct: str, stack: list[str]) -> None:
    if punct in "[{":
        stack.append(punct)
    elif punct in "]}" and stack:
        stack.pop()


def quote_bare_placeholders(text: str) -> tuple[str, list[BarePlaceholder]]:
    """The text with every placeholder in a value position outside strings quoted, and those."""
    found: list[BarePlaceholder] = []
    parts: list[str] = []
    last, previous = 0, ""
    stack: list[str] = []
    for match in _TOKEN.finditer(text):
        placeholder, punct = match.group(1), match.group(2)
        if punct is not None:
            _track(punct, stack)
        elif placeholder is not None and _value_position(previous, stack):
            start = match.start()
            line = text.count("\n", 0, start) + 1
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            found.append(BarePlaceholder(placeholder, line, col))
            parts.append(text[last:start])
            parts.append(f'"{placeholder}"')
            last = match.end()
        previous = match.group()
    if not found:
        return text, []
    parts.append(text[last:])
    return "".join(parts), found


class Unshift:
    """Maps line/col positions in the quoted text back to the original text."""

    def __init__(self, found: Iterable[BarePlaceholder]) -> None:
        self.quoted_cols: dict[int, list[int]] = {}
        for item in found:
            cols = self.quoted_cols.setdefault(item.line, [])
            cols.append(item.col + 2 * len(cols))  # earlier quotes on the line move it right

    def __call__(self, pos: Position) -> Position:
        """The original position of ``pos`` (a position in the quoted text)."""
        cols = self.quoted_cols.get(pos.line)
        if not cols:
            return pos
        before = sum(1 for col in cols if col < pos.col)
        return Position(pos.line, pos.col - 2 * before) if before else pos


def unquote_at(text: str, starts: Iterable[int]) -> str:
    """``text`` with the quoted whole placeholders starting at ``starts`` (offsets) made bare."""
    for start in sorted(set(starts), reverse=True):
        end = text.find('"', start + 1)
        if text[start] == '"' and end > 0 and _WHOLE.fullmatch(text, start + 1, end):
            text = text[:start] + text[start + 1 : end] + text[end + 1 :]
    return text


def by_lines(quoted: str, after: str, found: list[BarePlaceholder]) -> set[int]:
    """Offsets in ``after`` (an edit of ``quoted``) of the placeholders on unchanged lines."""
    wanted: dict[int, list[tuple[int, str]]] = {}
    for line, cols in Unshift(found).quoted_cols.items():
        names = [item.name for item in found if item.line == line]
        wanted[line - 1] = list(zip(cols, names, strict=True))
    before_lines, after_lines = quoted.split("\n"), after.split("\n")
    line_starts = [0]
    for line_text in after_lines[:-1]:
        line_starts.append(line_starts[-1] + len(line_text) + 1)
    starts: set[int] = set()
    matcher = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False)
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        for index in range(i1, i2) if tag == "equal" else ():
            target = j1 + index - i1
            for col, name in wanted.get(index, ()):
                start = line_starts[target] + col - 1
                if after.startswith(f'"{name}"', start):
                    starts.add(start)
    return starts


def _value_at(data: Any, pointer: str) -> Any:
    node = data
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def by_pointers(text: str, data: Any, found: list[BarePlaceholder]) -> set[int]:
    """Offsets in ``text`` (JSON of ``data``) of placeholders still at their own pointers."""
    spans = value_spans(text)
    starts: set[int] = set()
    for item in found:
        span = spans.get(item.pointer)
        if span is not None and _value_at(data, item.pointer) == item.name:
            starts.add(span.start)
    return starts


def _whole_values(data: Any) -> list[tuple[str, str]]:
    """(pointer, text) of every string value of ``data`` that is one whole placeholder."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            stack.extend((f"{pointer}/{escape(str(k))}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(node))
        elif isinstance(node, str) and node.startswith("${") and _WHOLE.fullmatch(node):
            found.append((pointer, node))
    return found


def _tail(pointer: str) -> str:
    """The part of a pointer inside its state: ``/States/A/Seconds`` -> ``/Seconds``."""
    parts = pointer.split("/")
    for index in range(len(parts) - 2, 0, -1):
        if parts[index] == "States":
            return "/".join(["", *parts[index + 2 :]])
    return pointer


def bare_only_names(data: Any, found: list[BarePlaceholder]) -> set[tuple[str, str]]:
    """(placeholder, field inside its state) pairs that stood bare wherever they were used."""
    bare = {item.pointer for item in found}
    pairs = {(item.name, _tail(item.pointer)) for item in found if item.pointer}
    for pointer, text in _whole_values(data):
        if pointer not in bare:
            pairs.discard((text, _tail(pointer)))
    return pairs


def by_names(text: str, pairs: set[tuple[str, str]]) -> set[int]:
    """Offsets in ``text`` (JSON) of whole placeholders sitting in a field that held them bare.

    This keeps a placeholder bare when its state was renamed, moved or copied.
    """
    if not pairs:
        return set()
    return {
        span.start
        for pointer, span in value_spans(text).items()
        if text[span.start] == '"'
        and (text[span.start + 1 : span.end - 1], _tail(pointer)) in pairs
    }


def reads_back(text: str, data: Any) -> bool:
    """Whether ``text``, with its bare placeholders quoted, is the JSON of ``data``."""
    quoted, _found = quote_bare_placeholders(text)
    try:
        return same_data(json.loads(quoted), data)
    except (ValueError, RecursionError):
        return False
