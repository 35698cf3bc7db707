"""Reads a definition file for drawing, turning every failure into one precise line (no Qt)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aslstudio.asl.errors import AslError
from aslstudio.asl.parse import load_file


class SourceError(ValueError):
    """A definition that cannot be drawn; ``str()`` is the one-line message for the user."""


def load_definition(path: str | Path) -> Mapping[str, Any]:
    """The definition in ``path`` as plain data; SourceError with file:line:col when unusable."""
    file = Path(path)
    try:
        data: Any = load_file(file).data
    except AslError as exc:
        raise SourceError(str(exc)) from exc
    except (OSError, ValueError, RecursionError) as exc:  # the parser's own net has a hole
        raise SourceError(f"{file}: cannot read the definition ({exc})") from exc
    if not isinstance(data, Mapping):
        raise SourceError(f"{file}:1:1: the top level must be an object (a state machine)")
    if not isinstance(data.get("States"), Mapping) or not data.get("States"):
        raise SourceError(f"{file}: the definition has no States to draw")
    return data
