"""A parsed definition file: the plain data, its source map and what the parser noticed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from aslstudio.asl import pointer as jp

if TYPE_CHECKING:
    from aslstudio.asl.placeholders import BarePlaceholder

Format = Literal["json", "yaml"]


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in the source text."""

    line: int
    col: int


class SourceMap:
    """Maps JSON pointers to the source position of the value and of its key."""

    def __init__(
        self,
        values: dict[str, Position] | None = None,
        keys: dict[str, Position] | None = None,
    ) -> None:
        self.values: dict[str, Position] = values if values is not None else {}
        self.keys: dict[str, Position] = keys if keys is not None else {}

    def value(self, pointer: str) -> Position | None:
        """Where the value at ``pointer`` starts, if known."""
        return self.values.get(pointer)

    def key(self, pointer: str) -> Position | None:
        """Where the member name of ``pointer`` starts (objects only), if known."""
        return self.keys.get(pointer)

    def locate(self, pointer: str) -> Position:
        """Best position for a diagnostic: the key, else the value, else the nearest ancestor."""
        current = pointer
        while True:
            pos = self.keys.get(current) or self.values.get(current)
            if pos is not None:
                return pos
            if not current:
                return Position(1, 1)
            current = jp.parent(current)


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """A member name that occurs twice in one object; the parser keeps the last value, as AWS."""

    pointer: str  # pointer of the duplicated member
    key: str
    position: Position  # the later occurrence
    first: Position  # the earlier occurrence


@dataclass
class ParsedDocument:
    """What :func:`aslstudio.asl.parse.parse_text` returns."""

    text: str
    data: Any
    source_map: SourceMap
    filename: str = "<string>"
    fmt: Format = "json"
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)
    bom: bool = False  # the file started with a UTF-8 byte order mark (not part of ``text``)
    yaml_tree: Any = None  # YAML only: ruamel's round-trip tree (comments, styles) for saving
    # JSON templates only: ``${Name}`` values that stand unquoted in ``text`` (read as strings)
    bare_placeholders: list[BarePlaceholder] = field(default_factory=list)
