"""Read definition files: JSON or YAML text -> ParsedDocument with source positions.

Every problem with the input becomes a :class:`FileReadError` or :class:`ParseError` with a
precise, one-line message (and line/col when there is one); nothing else escapes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from aslstudio.asl import _jsonpos
from aslstudio.asl._yamlpos import load_yaml
from aslstudio.asl.document import DuplicateKey, Format, ParsedDocument, Position, SourceMap
from aslstudio.asl.errors import FileReadError, ParseError
from aslstudio.asl.placeholders import BarePlaceholder, Unshift, quote_bare_placeholders
from aslstudio.asl.pointer import escape

BOM = "\ufeff"
MAX_FILE_BYTES = 4 * 1024 * 1024  # AWS accepts 1 MB; be generous with local files
AWS_LIMIT_TEXT = "1 MB"
YAML_SUFFIXES = (".yaml", ".yml")

_TYPE_WORDS: dict[type, str] = {
    list: "a list",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "null",
}


def format_for(filename: str) -> Format:
    """``yaml`` for ``.yaml``/``.yml`` names, else ``json``."""
    return "yaml" if filename.lower().endswith(YAML_SUFFIXES) else "json"


def _top_level_error(data: Any, fmt: Format, filename: str, source_map: SourceMap) -> None:
    if isinstance(data, dict):
        return
    what = _TYPE_WORDS.get(type(data), type(data).__name__)
    if fmt == "json":
        message = f"the top level must be a JSON object (a state machine definition), not {what}"
    else:
        if data is None:
            what = "empty"
        message = f"the top level must be a YAML mapping (a state machine definition), not {what}"
    pos = source_map.locate("")
    raise ParseError(message, filename, pos.line, pos.col)


def _parse_json(text: str, filename: str) -> ParsedDocument:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        template = _parse_template(text, filename) if "${" in text else None
        if template is not None:
            return template
        raise _jsonpos.decode_error(text, exc, filename) from None
    except RecursionError:
        raise _jsonpos.too_deep_anywhere(text, filename) from None
    except ValueError as exc:  # e.g. an integer with more than 4300 digits
        raise ParseError(str(exc).split(";")[0], filename) from None
    source_map = SourceMap()
    duplicates = _jsonpos.scan_positions(text, source_map, filename)
    _top_level_error(data, "json", filename, source_map)
    return ParsedDocument(text, data, source_map, filename, "json", duplicates)


def _parse_template(text: str, filename: str) -> ParsedDocument | None:
    """A JSON template: its bare ``${Name}`` values read as strings; None when there are none.

    A syntax error that remains once they are quoted is reported at its place in ``text``.
    """
    quoted, found = quote_bare_placeholders(text)
    if not found:
        return None
    unshift = Unshift(found)
    try:
        doc = _parse_json(quoted, filename)
    except RecursionError:
        return None
    except ParseError as exc:  # another syntax error: say it, at its place in the file
        pos = unshift(Position(exc.line, exc.col))
        raise ParseError(exc.message, filename, pos.line, pos.col) from None
    source_map = SourceMap(
        {pointer: unshift(pos) for pointer, pos in doc.source_map.values.items()},
        {pointer: unshift(pos) for pointer, pos in doc.source_map.keys.items()},
    )
    at = {(pos.line, pos.col): pointer for pointer, pos in source_map.values.items()}
    duplicates = [
        DuplicateKey(d.pointer, d.key, unshift(d.position), unshift(d.first))
        for d in doc.duplicate_keys
    ]
    placed = [
        BarePlaceholder(item.name, item.line, item.col, at.get((item.line, item.col), ""))
        for item in found
    ]
    template = ParsedDocument(text, doc.data, source_map, filename, "json", duplicates)
    template.bare_placeholders = placed
    return template


def _parse_yaml(text: str, filename: str) -> ParsedDocument:
    data, tree, source_map, duplicates = load_yaml(text, filename)
    _top_level_error(data, "yaml", filename, source_map)
    doc = ParsedDocument(text, data, source_map, filename, "yaml", duplicates)
    doc.yaml_tree = tree
    return doc


def _lone_surrogate(data: Any) -> tuple[str, bool, str] | None:
    """(pointer, is-a-key, text) of the first string holding half a UTF-16 surrogate pair."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                child = f"{pointer}/{escape(str(key))}"
                if isinstance(key, str) and not key.isascii() and not _encodable(key):
                    return child, True, key
                stack.append((child, item))
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{i}", item) for i, item in enumerate(value))
        elif isinstance(value, str) and not value.isascii() and not _encodable(value):
            return pointer, False, value
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_surrogates(doc: ParsedDocument) -> None:
    """A ``\\ud800`` escape with no other half decodes to no character: a ParseError at it.

    Such a string cannot be written back as UTF-8 (nor printed), so it is refused on reading.
    """
    if "\\u" not in doc.text and "\\U" not in doc.text:
        return  # without a \u escape there can be no surrogate (the text itself is UTF-8)
    found = _lone_surrogate(doc.data)
    if found is None:
        return
    pointer, is_key, text = found
    half = next(c for c in text if 0xD800 <= ord(c) <= 0xDFFF)
    where = doc.source_map.key(pointer) if is_key else doc.source_map.value(pointer)
    pos = where or doc.source_map.locate(pointer)
    raise ParseError(
        f"\\u{ord(half):04x} is half of a UTF-16 surrogate pair with no other half, "
        "so it is not a character; remove it or write the whole character",
        doc.filename,
        pos.line,
        pos.col,
    )


def parse_text(text: str, filename: str = "<string>", fmt: Format | None = None) -> ParsedDocument:
    """Parse definition text; ``fmt`` defaults from the file suffix (.yaml/.yml -> YAML)."""
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    if not text.strip():
        raise ParseError("the file is empty", filename)
    kind = fmt or format_for(filename)
    doc = _parse_yaml(text, filename) if kind == "yaml" else _parse_json(text, filename)
    _check_surrogates(doc)
    doc.bom = bom
    return doc


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        if path.is_dir():
            raise FileReadError("is a directory, not a definition file", name)
        if path.exists() and not path.is_file():
            raise FileReadError("is not a regular file (a device, pipe or socket)", name)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileReadError(
                f"is {size / 1e6:.1f} MB; "
                f"a Step Functions definition may be at most {AWS_LIMIT_TEXT}",
                name,
            )
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise FileReadError("no such file", name) from None
    except PermissionError:
        raise FileReadError("permission denied: the file cannot be read", name) from None
    except IsADirectoryError:
        raise FileReadError("is a directory, not a definition file", name) from None
    except OSError as exc:
        raise FileReadError(f"cannot be read: {exc.strerror or exc}", name) from None


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileReadError("is UTF-16 encoded; save it as UTF-8", name)
    if b"\x00" in raw:
        raise FileReadError("is a binary file (it contains NUL bytes), not JSON or YAML text", name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise FileReadError(
            f"is not valid UTF-8: byte 0x{raw[exc.start]:02x} at line {line}, col {col} "
            f"(byte offset {exc.start})",
            name,
        ) from None


def load_file(path: str | os.PathLike[str]) -> ParsedDocument:
    """Read and parse a definition file; FileReadError/ParseError say precisely what is wrong."""
    name = os.fspath(path)
    raw = _read_bytes(Path(name), name)
    if len(raw) > MAX_FILE_BYTES:
        raise FileReadError("is larger than 4 MiB", name)
    text = _decode(raw, name)
    if not text.lstrip(BOM).strip():
        raise FileReadError("the file is empty", name)
    return parse_text(text, name, format_for(name))
