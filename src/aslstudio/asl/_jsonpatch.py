"""Minimal-diff JSON saving: rewrite only the text of what changed, keep the rest byte for byte.

A hand-formatted file (inline arrays, aligned objects) keeps its layout when one field is edited,
so version-control diffs show the edit and nothing else. Members that are added or removed are
spliced in or cut out with their commas; a value whose shape changed (keys reordered, list
length changed, type changed) is re-rendered in place, inline when it was inline.
The caller checks the result parses back to the new data and falls back to a full re-dump.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aslstudio.asl._jsonpos import JSON_TOKEN

INLINE_WIDTH = 80  # an inline value that would grow past this is laid out on several lines

# (start, end, replacement): replace text[start:end]; start == end inserts.
Edit = tuple[int, int, str]


@dataclass
class Span:
    """Where a value sits in the text, and where its member name starts (object members)."""

    key: int | None
    start: int
    end: int


@dataclass
class _Open:
    pointer: str
    is_object: bool
    start: int
    key: int | None
    index: int = 0
    member: str = ""
    member_key: int | None = None
    names: list[str] = field(default_factory=list)


def _next_value(stack: list[_Open]) -> tuple[str, int | None]:
    if not stack:
        return "", None
    top = stack[-1]
    if top.is_object:
        return top.member, top.member_key
    pointer = f"{top.pointer}/{top.index}"
    top.index += 1
    return pointer, None


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def value_spans(text: str) -> dict[str, Span]:
    """The span of every value of a valid JSON text, by JSON pointer."""
    spans: dict[str, Span] = {}
    stack: list[_Open] = []
    expect_key = False
    for match in JSON_TOKEN.finditer(text):
        string, punct, _bare = match.groups()
        if punct is not None:
            if punct == ",":
                expect_key = stack[-1].is_object
            elif punct in "}]":
                done = stack.pop()
                spans[done.pointer] = Span(done.key, done.start, match.end(2))
                expect_key = False
            elif punct != ":":
                pointer, key = _next_value(stack)
                stack.append(_Open(pointer, punct == "{", match.start(2), key))
                expect_key = punct == "{"
            continue
        group = 1 if string is not None else 3
        if expect_key:
            name = json.loads(match.group(1))
            top = stack[-1]
            top.member = f"{top.pointer}/{_escape(name)}"
            top.member_key = match.start(1)
            expect_key = False
        else:
            pointer, key = _next_value(stack)
            spans[pointer] = Span(key, match.start(group), match.end(group))
    return spans


@dataclass
class _Patcher:
    text: str
    spans: dict[str, Span]
    unit: int | str
    newline: str
    edits: list[Edit] = field(default_factory=list)

    def line_indent(self, offset: int) -> str:
        """The leading whitespace of the line holding ``offset``."""
        start = self.text.rfind("\n", 0, offset) + 1
        match = re.match(r"[ \t]*", self.text[start:offset])
        return match.group() if match else ""

    def render(self, value: Any, at: int, inline: bool) -> str:
        """``value`` as text for a place starting at offset ``at``."""
        if not isinstance(value, dict | list) or not value:
            return json.dumps(value, ensure_ascii=False)
        if inline:
            flat = json.dumps(value, ensure_ascii=False)
            if len(flat) + len(self.line_indent(at)) <= INLINE_WIDTH:
                return flat
        text = json.dumps(value, ensure_ascii=False, indent=self.unit)
        return text.replace("\n", self.newline + self.line_indent(at))

    def is_inline(self, span: Span) -> bool:
        """Whether the author wrote this value as a non-empty container on one line."""
        source = self.text[span.start : span.end]
        return len(source) > 2 and source[0] in "{[" and "\n" not in source

    def replace(self, pointer: str, value: Any) -> None:
        """Re-render the whole value at ``pointer``."""
        span = self.spans[pointer]
        rendered = self.render(value, span.start, self.is_inline(span))
        self.edits.append((span.start, span.end, rendered))

    def diff(self, pointer: str, old: Any, new: Any) -> None:
        """Record the edits that turn ``old`` (at ``pointer`` in the text) into ``new``."""
        if same_data(old, new):
            return
        if isinstance(old, dict) and isinstance(new, dict):
            self.diff_object(pointer, old, new)
        elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new) and old:
            for index, (before, after) in enumerate(zip(old, new, strict=True)):
                self.diff(f"{pointer}/{index}", before, after)
        else:
            self.replace(pointer, new)

    def diff_object(self, pointer: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Members kept in the same relative order are diffed; others are cut or spliced."""
        kept = [k for k in old if k in new]
        if not kept or kept != [k for k in new if k in old]:
            self.replace(pointer, new)
            return
        self.cut_members(pointer, list(old), kept)
        self.splice_members(pointer, new, kept)
        for name in kept:
            self.diff(f"{pointer}/{_escape(name)}", old[name], new[name])

    def member(self, pointer: str, name: str) -> Span:
        """The span of one member of the object at ``pointer``."""
        return self.spans[f"{pointer}/{_escape(name)}"]

    def key_start(self, pointer: str, name: str) -> int:
        """Where the member name starts (its opening quote)."""
        key = self.member(pointer, name).key
        if key is None:  # pragma: no cover - every object member has a key
            raise KeyError(name)
        return key

    def cut_members(self, pointer: str, names: list[str], kept: list[str]) -> None:
        """Remove the members of ``names`` that are not in ``kept``, with their commas."""
        last_kept = names.index(kept[-1])
        for position, name in enumerate(names[:last_kept]):
            if name not in kept:
                following = names[position + 1]
                self.edits.append(
                    (self.key_start(pointer, name), self.key_start(pointer, following), "")
                )
        if last_kept < len(names) - 1:  # a run of removed members at the end
            start = self.member(pointer, names[last_kept]).end
            self.edits.append((start, self.member(pointer, names[-1]).end, ""))

    def splice_members(self, pointer: str, new: dict[str, Any], kept: list[str]) -> None:
        """Insert the members of ``new`` that the text lacks, next to their kept neighbours."""
        inline = self.is_inline(self.spans[pointer])
        names = list(new)
        anchor: str | None = None
        pending: list[str] = []
        for name in [*names, None]:
            if name is not None and name not in kept:
                pending.append(name)
                continue
            if pending:
                self.insert_run(pointer, new, pending, anchor, name, inline)
                pending = []
            anchor = name

    def insert_run(
        self,
        pointer: str,
        new: dict[str, Any],
        run: list[str],
        after: str | None,
        before: str | None,
        inline: bool,
    ) -> None:
        """Insert consecutive new members after ``after`` (or before ``before`` when first)."""
        reference = after if after is not None else before
        if reference is None:  # pragma: no cover - diff_object keeps at least one member
            raise KeyError(pointer)
        key_at = self.key_start(pointer, reference)
        indent = self.line_indent(key_at)
        gap = ", " if inline else "," + self.newline + indent
        like_sibling = inline or self.is_inline(self.member(pointer, reference))
        parts = [
            json.dumps(name, ensure_ascii=False)
            + ": "
            + self.render(new[name], key_at, like_sibling)
            for name in run
        ]
        if after is not None:
            self.edits.append((self.member(pointer, after).end,) * 2 + (gap + gap.join(parts),))
        else:
            self.edits.append((key_at, key_at, gap.join(parts) + gap))


def same_data(left: Any, right: Any) -> bool:
    """Deep equality that also requires the same key order and the same JSON types (1 != 1.0)."""
    stack = [(left, right)]
    while stack:
        a, b = stack.pop()
        both_mappings = isinstance(a, Mapping) and isinstance(b, Mapping)
        if type(a) is not type(b) and not both_mappings:
            return False
        if isinstance(a, Mapping):
            if list(a.keys()) != list(b.keys()):
                return False
            stack.extend((a[k], b[k]) for k in a)
        elif isinstance(a, list):
            if len(a) != len(b):
                return False
            stack.extend(zip(a, b, strict=True))
        elif a != b:
            return False
    return True


def patch_json(text: str, old: Any, new: Any, unit: int | str, newline: str) -> str:
    """``text`` (which holds ``old``) edited to hold ``new``, touching only what changed."""
    patcher = _Patcher(text, value_spans(text), unit, newline)
    patcher.diff("", old, new)
    result = text
    for start, end, replacement in sorted(patcher.edits, key=lambda e: (e[0], e[1]), reverse=True):
        result = result[:start] + replacement + result[end:]
    return result
