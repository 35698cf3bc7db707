"""JSON text -> data plus the source position of every value and member name.

The data comes from :func:`json.loads` (C speed); one regex-driven pass over the tokens then records
positions and duplicate member names. When the text is not valid JSON, the decoder's error is
turned into a precise, human message with the help of the brackets still open at that point.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable

from aslstudio.asl.document import DuplicateKey, Position, SourceMap
from aslstudio.asl.errors import ParseError
from aslstudio.asl.pointer import escape

MAX_DEPTH = 512  # deeper than any real definition; keeps every later pass clear of recursion limits

JSON_TOKEN = re.compile(
    r'[ \t\n\r]*(?:("[^"\\]*(?:\\.[^"\\]*)*")|([{}\[\]:,])|([^ \t\n\r{}\[\]:,"]+))', re.DOTALL
)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_LITERALS = frozenset({"true", "false", "null"})
_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[{}\[\]]')
_CLOSERS = {"{": "}", "[": "]"}


class _Lines:
    """Offset -> 1-based line/col, for offsets visited in increasing order (and any order)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.line = 0

    def at(self, offset: int) -> Position:
        """The position of a character offset; fast when offsets only grow."""
        starts, line = self.starts, self.line
        last = len(starts) - 1
        if line < last and starts[line + 1] <= offset:
            line = bisect_right(starts, offset, line) - 1
        elif starts[line] > offset:
            line = bisect_right(starts, offset) - 1
        self.line = line
        return Position(line + 1, offset - starts[line] + 1)


def position_of(text: str, offset: int) -> Position:
    """1-based line/col of a character offset in ``text``."""
    return _Lines(text).at(offset)


def _purge(source_map: SourceMap, pointer: str) -> None:
    """Forget positions under ``pointer`` (the earlier value of a duplicated member)."""
    prefix = pointer + "/"
    for table in (source_map.values, source_map.keys):
        for stale in [p for p in table if p.startswith(prefix)]:
            del table[stale]


class _Frame:
    """An open object or array during the scan."""

    __slots__ = ("index", "is_object", "member", "pointer", "seen")

    def __init__(self, pointer: str, is_object: bool) -> None:
        self.pointer = pointer
        self.is_object = is_object
        self.index = 0
        self.member = pointer
        self.seen: dict[str, Position] = {}


def scan_positions(text: str, source_map: SourceMap, filename: str) -> list[DuplicateKey]:
    """Record positions of a text already accepted by json.loads; return duplicate members."""
    values = source_map.values
    lines = _Lines(text)
    stack: list[_Frame] = []
    duplicates: list[DuplicateKey] = []
    containers: set[str] = set()
    expect_key = False
    for match in JSON_TOKEN.finditer(text):
        string, punct, bare = match.groups()
        if punct is not None:
            if punct == ",":
                expect_key = stack[-1].is_object
            elif punct in "}]":
                stack.pop()
                expect_key = False
            elif punct != ":":
                opened = lines.at(match.start(2))
                pointer = _value_pointer(stack)
                values[pointer] = opened
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(filename, opened)
                stack.append(_Frame(pointer, punct == "{"))
                containers.add(pointer)
                expect_key = punct == "{"
            continue
        where = match.start(1) if string is not None else match.start(3)
        if expect_key and string is not None:
            duplicate = _record_key(stack[-1], string, lines.at(where), source_map.keys)
            if duplicate is not None:
                duplicates.append(duplicate)
                if duplicate.pointer in containers:  # forget the positions inside the old value
                    _purge(source_map, duplicate.pointer)
            expect_key = False
        else:
            if bare is not None and bare not in _LITERALS and not _NUMBER.fullmatch(bare):
                raise ParseError(_bad_literal(bare), filename, *_pair(lines.at(where)))
            values[_value_pointer(stack)] = lines.at(where)
    return duplicates


def _pair(position: Position) -> tuple[int, int]:
    return position.line, position.col


def _too_deep(filename: str, position: Position) -> ParseError:
    return ParseError(f"nested more than {MAX_DEPTH} levels deep", filename, *_pair(position))


def _bad_literal(word: str) -> str:
    if word in {"NaN", "Infinity", "-Infinity"}:
        return f"{word} is not allowed in JSON (use a number, a string or null)"
    return f"'{word}' is not a JSON value (use true, false, null, a number or a \"string\")"


def _value_pointer(stack: list[_Frame]) -> str:
    """Pointer of the value starting now; advances the array index of the open array."""
    if not stack:
        pointer = ""
    else:
        top = stack[-1]
        if top.is_object:
            pointer = top.member
        else:
            pointer = f"{top.pointer}/{top.index}"
            top.index += 1
    return pointer


def _record_key(
    frame: _Frame, token: str, position: Position, keys: dict[str, Position]
) -> DuplicateKey | None:
    """Record a member name; return a DuplicateKey when the object already had it."""
    name = json.loads(token) if "\\" in token else token[1:-1]
    member = f"{frame.pointer}/{escape(name) if ('~' in name or '/' in name) else name}"
    frame.member = member
    first = frame.seen.get(name)
    frame.seen[name] = position
    keys[member] = position
    return DuplicateKey(member, name, position, first) if first is not None else None


def open_brackets(text: str, end: int) -> list[tuple[str, int]]:
    """The brackets still open at offset ``end``: (bracket, offset), outermost first."""
    stack: list[tuple[str, int]] = []
    for match in _BRACKETS.finditer(text, 0, end):
        found = match.group()
        if found in _CLOSERS:
            stack.append((found, match.start()))
        elif found in "}]" and stack:
            stack.pop()
    return stack


def _unclosed(text: str, end: int) -> str:
    stack = open_brackets(text, end)
    if not stack:
        return "unexpected end of file"
    bracket, offset = stack[-1]
    where = position_of(text, offset)
    return (
        f"unexpected end of file: the '{bracket}' at line {where.line}, col {where.col} "
        f"is never closed"
    )


def _previous_char(text: str, pos: int) -> str:
    stripped = text[:pos].rstrip()
    return stripped[-1] if stripped else ""


def _word_at(text: str, pos: int) -> str:
    match = re.match(r"[^\s{}\[\]:,\"]+", text[pos:])
    return match.group() if match else text[pos : pos + 1]


def _expecting_value(text: str, pos: int) -> str:
    char = text[pos : pos + 1]
    if char in "]}" and _previous_char(text, pos) == ",":
        return f"trailing comma before '{char}' (JSON allows none)"
    if char == "'":
        return "strings must be in double quotes, not single quotes"
    if char in "]}," or char == ":":
        return f"expected a value, found '{char}'"
    return _bad_literal(_word_at(text, pos))


def _expecting_name(text: str, pos: int) -> str:
    char = text[pos : pos + 1]
    if char == "}" and _previous_char(text, pos) == ",":
        return "trailing comma before '}' (JSON allows none)"
    if char == "'":
        return "member names must be in double quotes, not single quotes"
    return "expected a member name in double quotes"


def _expecting_comma(text: str, pos: int) -> str:
    stack = open_brackets(text, pos)
    if stack and stack[-1][0] == "[":
        return "expected ',' or ']' after an array element"
    return "expected ',' or '}' after an object member"


_MESSAGES: dict[str, Callable[[str, int], str]] = {
    "Expecting ':' delimiter": lambda text, pos: "expected ':' after the member name",
    "Expecting ',' delimiter": _expecting_comma,
    "Expecting value": _expecting_value,
    "Expecting property name enclosed in double quotes": _expecting_name,
    "Unterminated string starting at": lambda text, pos: "unterminated string (no closing '\"')",
    "Invalid control character at": lambda text, pos: (
        "raw line break or control character inside a string "
        "(a missing closing '\"'? escape it as \\n or \\t)"
    ),
    "Invalid \\escape": lambda text, pos: "invalid escape sequence in a string",
    "Invalid \\uXXXX escape": lambda text, pos: "invalid \\u escape in a string",
    "Extra data": lambda text, pos: "unexpected text after the end of the top-level value",
}


def decode_error(text: str, exc: json.JSONDecodeError, filename: str) -> ParseError:
    """A precise ParseError for what :func:`json.loads` rejected."""
    pos = exc.pos
    if pos >= len(text.rstrip()) and exc.msg != "Extra data":
        message = _unclosed(text, len(text)) if text.strip() else "the file is empty"
        return ParseError(message, filename, *_pair(position_of(text, min(pos, len(text)))))
    describe = _MESSAGES.get(exc.msg)
    message = describe(text, pos) if describe else exc.msg[:1].lower() + exc.msg[1:]
    return ParseError(message, filename, *_pair(position_of(text, pos)))


def too_deep_anywhere(text: str, filename: str) -> ParseError:
    """The ParseError for a text whose nesting overflowed the decoder."""
    return find_too_deep(text, filename) or ParseError("nested too deeply to read", filename)


def find_too_deep(text: str, filename: str) -> ParseError | None:
    """A ParseError at the first bracket nested deeper than MAX_DEPTH, or None."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        found = match.group()
        if found in _CLOSERS:
            depth += 1
            if depth > MAX_DEPTH:
                return _too_deep(filename, position_of(text, match.start()))
        elif found in "}]":
            depth -= 1
    return None
