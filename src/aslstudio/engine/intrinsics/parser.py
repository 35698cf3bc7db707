"""Tokenizer and parser for intrinsic function calls such as ``States.Format('{}', $.x)``.

Arguments are string literals (escapes ``\\'`` ``\\{`` ``\\}`` ``\\\\``), numbers, ``true``,
``false``, ``null``, paths (``$.x``, ``$$.x``, ``$var``) and nested calls. Errors carry the
0-based character offset of the problem in the call text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NoReturn

from aslstudio.engine.errors import ExpressionSyntaxError
from aslstudio.engine.paths import PathSyntaxError, compile_path

MAX_NESTING = 10
_ESCAPABLE = "'{}\\"


class IntrinsicSyntaxError(ExpressionSyntaxError):
    """An intrinsic call text that cannot be parsed; ``offset`` is 0-based in the text."""


@dataclass(frozen=True, slots=True)
class Literal:
    """A constant argument: number, boolean, null or string.

    For strings, ``pieces`` is the text split at each unescaped ``{}`` (States.Format uses it so
    that ``\\{\\}`` stays literal); ``None`` for other values.
    """

    value: Any
    offset: int
    pieces: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class PathArg:
    """A path argument (``$.x``, ``$$.Execution.Id``, ``$var.a``)."""

    text: str
    offset: int


@dataclass(frozen=True, slots=True)
class IntrinsicCall:
    """A parsed call: function name, arguments, and where it starts in the text."""

    name: str
    args: tuple[Literal | PathArg | IntrinsicCall, ...]
    offset: int = 0


Argument = Literal | PathArg | IntrinsicCall


def escape_string(value: str) -> str:
    """Quote a Python string as an intrinsic string literal (inverse of parsing)."""
    out = "".join("\\" + c if c in _ESCAPABLE else c for c in value)
    return f"'{out}'"


class _Parser:
    """Recursive-descent parser over one call text."""

    def __init__(self, text: str, known: frozenset[str]) -> None:
        self.text = text
        self.pos = 0
        self.known = known

    def error(self, message: str, offset: int | None = None) -> IntrinsicSyntaxError:
        """A positioned syntax error (to raise)."""
        return IntrinsicSyntaxError(message, self.pos if offset is None else offset, self.text)

    def fail(self, message: str, offset: int | None = None) -> NoReturn:
        """Raise a positioned syntax error."""
        raise self.error(message, offset)

    def skip_ws(self) -> None:
        """Skip blanks between tokens."""
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def parse_call(self, depth: int) -> IntrinsicCall:
        """``States.Name(arg, ...)`` at nesting ``depth``."""
        start = self.pos
        if depth > MAX_NESTING:
            self.fail(f"intrinsic functions can be nested at most {MAX_NESTING} deep")
        while self.pos < len(self.text) and (
            self.text[self.pos].isalnum() or self.text[self.pos] in "._"
        ):
            self.pos += 1
        name = self.text[start : self.pos]
        if not name:
            self.fail("expected an intrinsic function name")
        if name not in self.known:
            self.fail(f"unknown intrinsic function {name}", start)
        self.skip_ws()
        if self.pos >= len(self.text) or self.text[self.pos] != "(":
            self.fail(f"expected '(' after {name}")
        self.pos += 1
        args: list[Argument] = []
        self.skip_ws()
        if self.peek() == ")":
            self.pos += 1
            return IntrinsicCall(name, (), start)
        while True:
            args.append(self.parse_argument(depth))
            self.skip_ws()
            char = self.peek()
            if char == ",":
                self.pos += 1
                continue
            if char == ")":
                self.pos += 1
                return IntrinsicCall(name, tuple(args), start)
            if not char:
                self.fail(f"missing ')' to close {name}(", start)
            self.fail(f"expected ',' or ')' but found '{char}'")

    def peek(self) -> str:
        """The next character, or "" at the end."""
        return self.text[self.pos : self.pos + 1]

    def parse_argument(self, depth: int) -> Argument:
        """One argument: literal, path or nested call."""
        self.skip_ws()
        char = self.peek()
        start = self.pos
        if char == "'":
            return self.parse_string()
        if char == "$":
            text = self.scan_path()
            try:
                compile_path(text)
            except PathSyntaxError as exc:
                self.fail(f"invalid path '{text}': {exc.message}", start + exc.offset)
            return PathArg(text, start)
        if char == "-" or char.isdigit():
            return self.parse_number()
        for word, value in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos) and not self._word_continues(len(word)):
                self.pos += len(word)
                return Literal(value, start)
        if char.isalpha():
            return self.parse_call(depth + 1)
        raise self.error(f"unexpected '{char}'" if char else "unexpected end of text")

    def _word_continues(self, length: int) -> bool:
        end = self.pos + length
        return end < len(self.text) and (self.text[end].isalnum() or self.text[end] in "._")

    def parse_string(self) -> Literal:
        """A single-quoted literal; records where unescaped ``{}`` placeholders split it."""
        start = self.pos
        self.pos += 1
        pieces: list[str] = []
        current: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\":
                nxt = self.text[self.pos + 1 : self.pos + 2]
                if not nxt or nxt not in _ESCAPABLE:
                    self.fail("a backslash must escape one of ' { } \\")
                current.append(nxt)
                self.pos += 2
            elif char == "'":
                self.pos += 1
                pieces.append("".join(current))
                return Literal("{}".join(pieces), start, tuple(pieces))
            elif char == "{" and self.text.startswith("{}", self.pos):
                pieces.append("".join(current))
                current = []
                self.pos += 2
            else:
                current.append(char)
                self.pos += 1
        raise self.error("unterminated string literal", start)

    def parse_number(self) -> Literal:
        """An integer or decimal number."""
        start = self.pos
        if self.peek() == "-":
            self.pos += 1
        while self.pos < len(self.text) and (
            self.text[self.pos].isdigit() or self.text[self.pos] in ".eE+-"
        ):
            self.pos += 1
        token = self.text[start : self.pos]
        for convert in (int, float):
            try:
                return Literal(convert(token), start)
            except ValueError:
                continue
        raise self.error(f"invalid number '{token}'", start)

    def scan_path(self) -> str:
        """A path runs to the next ',' or ')' outside brackets, parentheses and quotes."""
        start = self.pos
        depth = 0
        quote = ""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if quote:
                if char == "\\":
                    self.pos += 1
                elif char == quote:
                    quote = ""
            elif char in "'\"":
                quote = char
            elif char in "[(":
                depth += 1
            elif char in "])":
                if depth == 0:
                    break
                depth -= 1
            elif char == "," and depth == 0:
                break
            self.pos += 1
        return self.text[start : self.pos].rstrip()


@lru_cache(maxsize=2048)
def parse_with(text: str, known: frozenset[str]) -> IntrinsicCall:
    """Parse ``text`` as one intrinsic call whose function names must be in ``known``."""
    parser = _Parser(text, known)
    parser.skip_ws()
    call = parser.parse_call(1)
    parser.skip_ws()
    if parser.pos != len(text):
        parser.fail(f"unexpected text after the call: '{text[parser.pos :]}'")
    return call
