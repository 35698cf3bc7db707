"""Write definitions back: unchanged text byte for byte, edited JSON changed only where it was
edited (else re-dumped in the file's own style), edited YAML through ruamel's round-trip tree so
comments survive; atomic file writes.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from aslstudio.asl._jsonpatch import patch_json
from aslstudio.asl._jsonpatch import same_data as same_data  # re-exported: part of this API
from aslstudio.asl._yamlpos import new_yaml, scalar_value, yaml_key_name
from aslstudio.asl.document import ParsedDocument
from aslstudio.asl.placeholders import (
    bare_only_names,
    by_lines,
    by_names,
    by_pointers,
    quote_bare_placeholders,
    reads_back,
    unquote_at,
)

BOM = "\ufeff"
_LEADING_SPACE = re.compile(r"\n([ \t]+)\S")


@dataclass(frozen=True)
class TextStyle:
    """How a file writes its text: indentation, line ending, final newline."""

    indent: int | str | None = 2  # spaces, a tab string, or None for one line
    newline: str = "\n"
    final_newline: bool = True
    compact: bool = False  # one-line JSON without spaces after ',' and ':'


def detect_json_style(text: str) -> TextStyle:
    """Guess the indentation (2/4 spaces, tabs, one line), line ending and final newline."""
    newline = "\r\n" if "\r\n" in text else "\n"
    final = text.endswith("\n")
    body = text.rstrip()
    if "\n" not in body:
        compact = not re.search(r"[,:] ", body) and bool(re.search(r'[,:]["\[{\d-]', body))
        return TextStyle(None, newline, final, compact)
    indents = [m.group(1) for m in _LEADING_SPACE.finditer(text.replace("\r\n", "\n"))]
    indent: int | str = 2
    if indents:
        if indents[0].startswith("\t"):
            indent = "\t"
        else:
            widths = [len(i) for i in indents if "\t" not in i]
            indent = min(widths) if widths else 2
    return TextStyle(indent, newline, final)


def _json_text(data: Any, style: TextStyle) -> str:
    if style.indent is None:
        separators = (",", ":") if style.compact else (", ", ": ")
        text = json.dumps(data, ensure_ascii=False, separators=separators)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=style.indent)
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    return text + style.newline if style.final_newline else text


def _json_edit(doc: ParsedDocument, data: Any) -> str:
    """The file's text changed only where ``data`` differs; a styled re-dump when that fails.

    In a template, placeholders that stood bare stay bare where their value was not edited.
    """
    found = doc.bare_placeholders
    text = quote_bare_placeholders(doc.text)[0] if found else doc.text
    style = detect_json_style(text)
    if style.indent is not None and not doc.duplicate_keys:
        try:
            patched = patch_json(text, doc.data, data, style.indent, style.newline)
            if same_data(json.loads(patched), data):
                return _rebare(doc, patched, data, text)
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):
            pass  # anything unexpected: the full re-dump below is always correct
    return _rebare(doc, _json_text(data, style), data)


def _rebare(doc: ParsedDocument, text: str, data: Any, before: str | None = None) -> str:
    """``text`` (JSON of ``data``) with the template's untouched placeholders unquoted again.

    Unchanged lines of a patch keep theirs bare; a name that stood bare wherever it was a whole
    value stays bare where it moved (a renamed or copied state); else by JSON pointer.
    """
    found = doc.bare_placeholders
    if not found:
        return text
    try:
        starts = by_lines(before, text, found) if before is not None else set()
        if before is None:
            starts |= by_pointers(text, data, found)
        starts |= by_names(text, bare_only_names(doc.data, found))
    except (ValueError, KeyError, IndexError, TypeError):
        return text  # the quoted text is a correct (if less faithful) template
    bare = unquote_at(text, starts)
    return bare if reads_back(bare, data) else text


def canonical_json(data: Any) -> str:
    """The canonical text: 2-space indent, key order kept, non-ASCII kept, one final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _yaml_indents(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) for ruamel, guessed from the block structure of ``text``."""
    mapping, offset = 2, 2
    previous: tuple[int, str] | None = None
    mapping_found = sequence_found = False
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if previous is not None and previous[1].endswith(":"):
            step = indent - previous[0]
            if stripped.startswith("- ") or stripped == "-":
                if not sequence_found and step >= 0:
                    offset, sequence_found = step, True
            elif not mapping_found and step > 0:
                mapping, mapping_found = step, True
        previous = (indent, stripped)
    return mapping, offset + 2, offset


def yaml_dumper(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    """A round-trip YAML writer with the given indentation that never re-wraps long lines."""
    yaml = new_yaml()
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 1 << 16
    return yaml


def dump_yaml_tree(tree: Any, yaml: YAML, explicit_start: bool = False) -> str:
    """Serialize a ruamel round-trip tree to text."""
    yaml.explicit_start = explicit_start
    stream = io.StringIO()
    yaml.dump(tree, stream)
    return stream.getvalue()


def _merge(old: Any, new: Any) -> Any:
    """Bring a round-trip value up to date with ``new``, keeping what matches (and its comments)."""
    if isinstance(new, dict):
        return _merge_mapping(old, new) if isinstance(old, dict) else new
    if isinstance(new, list):
        if not isinstance(old, list):
            return new
        for index, value in enumerate(new):
            if index < len(old):
                old[index] = _merge(old[index], value)
            else:
                old.append(value)
        del old[len(new) :]
        return old
    current = scalar_value(old)
    return old if type(current) is type(new) and current == new else new


def _merge_mapping(old: Any, new: dict[str, Any]) -> Any:
    actual = {yaml_key_name(key): key for key in old}
    for name, key in actual.items():
        if name not in new:
            del old[key]
    for name, value in new.items():
        key = actual.get(name, name)
        old[key] = _merge(old[key], value) if name in actual else value
    order = [actual.get(name, name) for name in new]
    if list(old.keys()) != order and hasattr(old, "move_to_end"):
        for key in order:
            old.move_to_end(key)
    return old


def _yaml_text(doc: ParsedDocument, data: Any) -> str:
    tree = copy.deepcopy(doc.yaml_tree) if doc.yaml_tree is not None else None
    tree = _merge(tree, data) if tree is not None else data
    text = dump_yaml_tree(
        tree, yaml_dumper(*_yaml_indents(doc.text)), doc.text.lstrip().startswith("---")
    )
    if "\r\n" in doc.text:
        text = text.replace("\n", "\r\n")
    return text


def dumps(doc: ParsedDocument, data: Any) -> str:
    """Text for ``data`` in the style of ``doc``; ``doc``'s own text when nothing changed.

    A file that started with a byte order mark gets it back as a leading U+FEFF character.
    """
    prefix = BOM if doc.bom else ""
    if same_data(data, doc.data):
        return prefix + doc.text
    if doc.fmt == "yaml":
        return prefix + _yaml_text(doc, data)
    return prefix + _json_edit(doc, data)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text through a temporary file in the same folder, fsync, then rename over."""
    target = Path(os.path.realpath(path))  # write through symlinks, do not replace them
    mode = target.stat().st_mode & 0o7777 if target.exists() else None
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            Path(temp_name).chmod(mode)
        Path(temp_name).replace(target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


CANONICAL_YAML_INDENT = (2, 4, 2)  # mapping, sequence, dash offset: "  key:\n    - item"


def canonical_text(doc: ParsedDocument) -> str:
    """The canonical form of a document: 2-space JSON, or 2-space round-trip YAML with comments."""
    if doc.fmt == "yaml" and doc.yaml_tree is not None:
        explicit_start = doc.text.lstrip().startswith("---")
        return dump_yaml_tree(doc.yaml_tree, yaml_dumper(*CANONICAL_YAML_INDENT), explicit_start)
    return _rebare(doc, canonical_json(doc.data), doc.data)
