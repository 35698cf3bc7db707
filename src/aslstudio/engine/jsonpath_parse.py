"""Tokenizer and parser for the Jayway JSONPath dialect that AWS Step Functions evaluates.

The parser turns a path text into a root marker and a tuple of segments. Segments are plain
tuples tagged by their first item so that the evaluator in ``paths.py`` can dispatch through a
table; filter expressions become small nested tuples as well. Every syntax error carries the
0-based character offset in the path text.
"""

from __future__ import annotations

from typing import Any, NoReturn

from aslstudio.engine.errors import ExpressionSyntaxError

# Segment kinds (first item of each segment tuple).
KEY = "key"  # ("key", name)
INDEX = "index"  # ("index", int)
WILD = "wild"  # ("wild",)
SLICE = "slice"  # ("slice", start|None, stop|None, step|None)
KEYS = "keys"  # ("keys", (name, ...))
INDEXES = "indexes"  # ("indexes", (int, ...))
SCAN = "scan"  # ("scan", inner segment)
FILTER = "filter"  # ("filter", expression)

# Filter expression node kinds.
OR = "or"
AND = "and"
NOT = "not"
CMP = "cmp"  # ("cmp", op, left operand, right operand)
EXISTS = "exists"  # ("exists", operand)
LIT = "lit"  # ("lit", value)
REL = "rel"  # ("rel", segments) for @...
ABS = "abs"  # ("abs", segments) for $...
REGEX = "regex"  # ("regex", pattern, flags)

Segment = tuple[Any, ...]

_NAME_STOP = frozenset(".[]()'\",<>=!&|~ \t\r\n")
_COMPARISON_OPS = ("==", "!=", "<=", ">=", "=~", "<", ">")
_WORD_OPS = ("nin", "in", "subsetof", "anyof", "noneof", "size", "empty")


class PathSyntaxError(ExpressionSyntaxError):
    """A JSONPath text that cannot be parsed; ``offset`` is the 0-based position of the problem."""


class _Parser:
    """Recursive-descent parser over one path text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    # -- helpers -------------------------------------------------------------------------
    def fail(self, message: str, offset: int | None = None) -> NoReturn:
        """Raise a positioned syntax error."""
        raise PathSyntaxError(message, self.pos if offset is None else offset, self.text)

    def peek(self, n: int = 1) -> str:
        """The next n characters (shorter at the end)."""
        return self.text[self.pos : self.pos + n]

    def skip_ws(self) -> None:
        """Skip blanks (allowed inside brackets and filters only)."""
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def expect(self, token: str) -> None:
        """Consume ``token`` or fail."""
        if not self.text.startswith(token, self.pos):
            found = self.peek() or "end of path"
            self.fail(f"expected '{token}' but found '{found}'")
        self.pos += len(token)

    # -- top level -----------------------------------------------------------------------
    def parse_root(self) -> str:
        """Parse ``$``, ``$$`` or ``$name``; return "$", "$$" or the variable name."""
        if self.peek() != "$":
            self.fail("a path must start with '$'")
        self.pos += 1
        if self.peek() == "$":
            self.pos += 1
            return "$$"
        start = self.pos
        while self.pos < len(self.text) and (
            self.text[self.pos].isalnum() or self.text[self.pos] == "_"
        ):
            self.pos += 1
        return self.text[start : self.pos] if self.pos > start else "$"

    def parse_segments(self, in_filter: bool = False) -> tuple[Segment, ...]:
        """Parse segments until the end of the text (or of an operand inside a filter)."""
        segments: list[Segment] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if self.text.startswith("..", self.pos):
                self.pos += 2
                segments.append((SCAN, self.parse_scan_target()))
            elif char == ".":
                self.pos += 1
                segments.append(self.parse_dot_target())
            elif char == "[":
                segments.append(self.parse_bracket())
            elif in_filter:
                break
            else:
                self.fail(f"unexpected character '{char}'")
        return tuple(segments)

    def parse_scan_target(self) -> Segment:
        """What follows ``..``: a name, ``*`` or a bracket."""
        if self.peek() == "[":
            return self.parse_bracket()
        return self.parse_dot_target()

    def parse_dot_target(self) -> Segment:
        """What follows ``.``: a name, ``*`` or (Jayway) a bracket such as ``.[0]``."""
        char = self.peek()
        if char == "*":
            self.pos += 1
            return (WILD,)
        if char == "[":
            return self.parse_bracket()
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in _NAME_STOP:
            self.pos += 1
        if self.pos == start:
            found = char or "end of path"
            self.fail(f"expected a property name after '.' but found '{found}'")
        return (KEY, self.text[start : self.pos])

    # -- brackets ------------------------------------------------------------------------
    def parse_bracket(self) -> Segment:
        """Parse ``[...]``: wildcard, filter, quoted names, indexes, slices or unions."""
        open_at = self.pos
        self.expect("[")
        self.skip_ws()
        char = self.peek()
        if char == "*":
            self.pos += 1
            segment: Segment = (WILD,)
        elif char == "?":
            self.pos += 1
            self.skip_ws()
            self.expect("(")
            segment = (FILTER, self.parse_or())
            self.skip_ws()
            self.expect(")")
        elif char in ("'", '"'):
            segment = self.parse_names()
        elif char == "-" or char == ":" or char.isdigit():
            segment = self.parse_numbers()
        elif not char:
            self.fail("unclosed '['", open_at)
        else:
            self.fail(f"unexpected character '{char}' inside brackets")
        self.skip_ws()
        if self.peek() != "]":
            if not self.peek():
                self.fail("unclosed '['", open_at)
            self.fail(f"expected ']' but found '{self.peek()}'")
        self.pos += 1
        return segment

    def parse_names(self) -> Segment:
        """Quoted names: ``['a']`` or the union ``['a','b']``."""
        names = [self.parse_string()]
        self.skip_ws()
        while self.peek() == ",":
            self.pos += 1
            self.skip_ws()
            if self.peek() not in ("'", '"') or not self.peek():
                self.fail("expected a quoted name after ','")
            names.append(self.parse_string())
            self.skip_ws()
        return (KEY, names[0]) if len(names) == 1 else (KEYS, tuple(names))

    def parse_string(self) -> str:
        """A single- or double-quoted string with backslash escapes."""
        quote = self.text[self.pos]
        start = self.pos
        self.pos += 1
        out: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\" and self.pos + 1 < len(self.text):
                out.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            if char == quote:
                self.pos += 1
                return "".join(out)
            out.append(char)
            self.pos += 1
        raise PathSyntaxError("unterminated string", start, self.text)

    def parse_int(self) -> int | None:
        """An optional signed integer."""
        start = self.pos
        if self.peek() == "-":
            self.pos += 1
        while self.pos < len(self.text) and self.text[self.pos].isdigit():
            self.pos += 1
        if self.pos == start:
            return None
        if self.text[start : self.pos] == "-":
            self.fail("expected digits after '-'", start)
        return int(self.text[start : self.pos])

    def parse_numbers(self) -> Segment:
        """An index ``[0]``, ``[-1]``, a union ``[0,2]`` or a slice ``[1:3]``/``[::2]``."""
        first = self.parse_int()
        self.skip_ws()
        if self.peek() == ":":
            parts: list[int | None] = [first]
            while self.peek() == ":" and len(parts) < 3:
                self.pos += 1
                self.skip_ws()
                parts.append(self.parse_int())
                self.skip_ws()
            if parts[2:] == [0]:
                self.fail("slice step cannot be zero")
            parts += [None] * (3 - len(parts))
            return (SLICE, parts[0], parts[1], parts[2])
        if first is None:
            self.fail("expected an index")
        indexes = [first]
        while self.peek() == ",":
            self.pos += 1
            self.skip_ws()
            value = self.parse_int()
            if value is None:
                self.fail("expected an index after ','")
            indexes.append(value)
            self.skip_ws()
        return (INDEX, first) if len(indexes) == 1 else (INDEXES, tuple(indexes))

    # -- filters -------------------------------------------------------------------------
    def parse_or(self) -> tuple[Any, ...]:
        """``a || b``."""
        node = self.parse_and()
        self.skip_ws()
        while self.text.startswith("||", self.pos):
            self.pos += 2
            node = (OR, node, self.parse_and())
            self.skip_ws()
        return node

    def parse_and(self) -> tuple[Any, ...]:
        """``a && b``."""
        node = self.parse_unary()
        self.skip_ws()
        while self.text.startswith("&&", self.pos):
            self.pos += 2
            node = (AND, node, self.parse_unary())
            self.skip_ws()
        return node

    def parse_unary(self) -> tuple[Any, ...]:
        """``!x``, ``(x)`` or a comparison / existence test."""
        self.skip_ws()
        if self.peek() == "!" and self.peek(2) != "!=":
            self.pos += 1
            return (NOT, self.parse_unary())
        if self.peek() == "(":
            self.pos += 1
            node = self.parse_or()
            self.skip_ws()
            self.expect(")")
            return node
        return self.parse_comparison()

    def parse_comparison(self) -> tuple[Any, ...]:
        """``left op right`` or a bare path (existence test)."""
        start = self.pos
        left = self.parse_operand()
        self.skip_ws()
        op = next((o for o in _COMPARISON_OPS if self.text.startswith(o, self.pos)), None)
        if op is None:
            op = next((w for w in _WORD_OPS if self._at_word(w)), None)
        if op is None:
            if left[0] == LIT:
                self.fail("a filter needs a comparison or a path to test", start)
            return (EXISTS, left)
        self.pos += len(op)
        self.skip_ws()
        right = self.parse_regex() if op == "=~" else self.parse_operand()
        return (CMP, op, left, right)

    def _at_word(self, word: str) -> bool:
        end = self.pos + len(word)
        return self.text.startswith(word, self.pos) and (
            end >= len(self.text) or not self.text[end].isalnum()
        )

    def parse_regex(self) -> tuple[Any, ...]:
        """A ``/pattern/flags`` literal (right side of ``=~``)."""
        start = self.pos
        self.expect("/")
        out: list[str] = []
        while self.pos < len(self.text) and self.text[self.pos] != "/":
            if self.text[self.pos] == "\\" and self.peek(2) == "\\/":
                out.append("/")
                self.pos += 2
                continue
            out.append(self.text[self.pos])
            self.pos += 1
        if self.pos >= len(self.text):
            self.fail("unterminated regular expression", start)
        self.pos += 1
        flag_start = self.pos
        while self.pos < len(self.text) and self.text[self.pos].isalpha():
            self.pos += 1
        return (REGEX, "".join(out), self.text[flag_start : self.pos])

    def parse_operand(self) -> tuple[Any, ...]:
        """A path (``@...``/``$...``) or a JSON-like literal."""
        self.skip_ws()
        char = self.peek()
        if char == "@":
            self.pos += 1
            return (REL, self.parse_segments(in_filter=True))
        if char == "$":
            self.pos += 1
            return (ABS, self.parse_segments(in_filter=True))
        return (LIT, self.parse_literal())

    def parse_literal(self) -> Any:
        """A number, string, true/false/null or an array of literals."""
        char = self.peek()
        if char in ("'", '"'):
            return self.parse_string()
        if char == "[":
            return self.parse_literal_list()
        for word, value in (("true", True), ("false", False), ("null", None)):
            if self._at_word(word):
                self.pos += len(word)
                return value
        if char.isalpha() or char == "_":
            return self.parse_bare_word()
        return self.parse_number()

    def parse_bare_word(self) -> str:
        """An unquoted word compared as a text: AWS deploys ``[?(@.Name==Receipt)]`` as it is."""
        start = self.pos
        while self.pos < len(self.text) and (
            self.text[self.pos].isalnum() or self.text[self.pos] in "_-"
        ):
            self.pos += 1
        return self.text[start : self.pos]

    def parse_literal_list(self) -> list[Any]:
        """``[lit, lit, ...]`` for ``in``/``nin``."""
        self.expect("[")
        items: list[Any] = []
        self.skip_ws()
        while self.peek() != "]":
            if not self.peek():
                self.fail("unclosed '['")
            items.append(self.parse_literal())
            self.skip_ws()
            if self.peek() == ",":
                self.pos += 1
                self.skip_ws()
        self.pos += 1
        return items

    def parse_number(self) -> int | float:
        """A JSON number."""
        start = self.pos
        allowed = "0123456789+-.eE"
        while self.pos < len(self.text) and self.text[self.pos] in allowed:
            self.pos += 1
        token = self.text[start : self.pos]
        try:
            return int(token)
        except ValueError:
            pass
        try:
            return float(token)
        except ValueError:
            found = self.text[start] if start < len(self.text) else "end of path"
            self.fail(f"expected a value but found '{found}'", start)


def parse_path(text: str) -> tuple[str, tuple[Segment, ...]]:
    """Parse a path text into (root, segments); root is "$", "$$" or a variable name."""
    if not isinstance(text, str):
        raise PathSyntaxError("a path must be a string", 0)
    # Jayway trims the path, so AWS accepts "$$.Execution.Name " with its trailing blank.
    parser = _Parser(text.rstrip(" \t\r\n"))
    root = parser.parse_root()
    return root, parser.parse_segments()
