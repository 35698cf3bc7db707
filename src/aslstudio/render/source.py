"""Reads a definition file for drawing, turning every failure into one precise line (no Qt)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aslstudio.asl.errors import AslError


class SourceError(ValueError):
    """A definition that cannot be drawn; ``str()`` is the one-line message for the user."""


def _parse_module() -> Any:
    try:
        return importlib.import_module("aslstudio.asl.parse")
    except ImportError:  # the positioned parser is optional: plain json is enough to draw
        return None


def _plain_load(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise SourceError(f"{path}: is a directory, not a definition file") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the file ({exc.strerror})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}:{exc.lineno}:{exc.colno}: {exc.msg}") from exc


def load_definition(path: str | Path) -> Mapping[str, Any]:
    """The definition in ``path`` as plain data; SourceError with file:line:col when unusable."""
    file = Path(path)
    parser = _parse_module()
    if parser is None:
        data = _plain_load(file)
    else:
        try:
            data = parser.load_file(file).data
        except AslError as exc:
            raise SourceError(str(exc)) from exc
        except (OSError, ValueError, RecursionError) as exc:
            raise SourceError(f"{file}: cannot read the definition ({exc})") from exc
    if not isinstance(data, Mapping):
        raise SourceError(f"{file}:1:1: the top level must be an object (a state machine)")
    if not isinstance(data.get("States"), Mapping) or not data.get("States"):
        raise SourceError(f"{file}: the definition has no States to draw")
    return data
