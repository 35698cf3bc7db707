"""Manual node positions kept beside a machine in a sidecar file, never in the ASL itself.

For ``foo.asl.json`` (or ``foo.asl.yaml``) the sidecar is ``foo.layout.json``::

    {"version": 1, "positions": {"Check Sugar": [412.0, 230.0]}}

Each entry is the top-left corner of the state's box: in scene units for a top-level state,
and measured from the top-left corner of the enclosing Parallel/Map box for a state inside
one (so it moves with its container). Qt-free: reading, checking, renaming and writing only.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from aslstudio.asl.companions import machine_stem
from aslstudio.asl.serialize import write_atomic

SIDECAR_VERSION = 1
SIDECAR_SUFFIX = ".layout.json"
MAX_SIDECAR_BYTES = 5_000_000
MAX_COORDINATE = 1_000_000.0  # farther out than any drawing; keeps the canvas usable

Position = tuple[float, float]
Positions = dict[str, Position]


class PositionsError(ValueError):
    """A sidecar that cannot be used; the message names the file (and line:col when known)."""


def sidecar_path(machine: str | os.PathLike[str]) -> Path:
    """The sidecar of a machine file: ``foo.asl.json`` -> ``foo.layout.json``."""
    path = Path(machine)
    return path.with_name(machine_stem(path) + SIDECAR_SUFFIX)


def _number(value: Any) -> float | None:
    """A finite JSON number within reach of the canvas, as float (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        return None
    return number if math.isfinite(number) and abs(number) <= MAX_COORDINATE else None


def _position(value: Any) -> Position | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    x, y = _number(value[0]), _number(value[1])
    return None if x is None or y is None else (x, y)


def _positions_from(data: Any, filename: str) -> Positions:
    if not isinstance(data, dict):
        raise PositionsError(f"{filename}: the top level must be an object")
    version = data.get("version")
    if isinstance(version, bool) or version != SIDECAR_VERSION:
        raise PositionsError(
            f"{filename}: version must be {SIDECAR_VERSION} (found {json.dumps(version)})"
        )
    entries = data.get("positions", {})
    if not isinstance(entries, dict):
        raise PositionsError(f"{filename}: positions must be an object of name: [x, y]")
    positions: Positions = {}
    for name, value in entries.items():
        position = _position(value)
        if position is None:
            raise PositionsError(
                f"{filename}: positions[{json.dumps(name)}] must be [x, y], two numbers "
                f"between -1000000 and 1000000 (found {json.dumps(value)[:60]})"
            )
        positions[name] = position
    return positions


def parse_sidecar(text: str, filename: str = "<sidecar>") -> Positions:
    """The positions in a sidecar's text (PositionsError with file:line:col when malformed)."""

    def no_constants(word: str) -> Any:
        raise PositionsError(f"{filename}: {word} is not a number JSON allows")

    try:
        data = json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        raise PositionsError(f"{filename}:{exc.lineno}:{exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise PositionsError(f"{filename}: nested too deeply") from None
    return _positions_from(data, filename)


def read_sidecar(path: str | os.PathLike[str]) -> Positions | None:
    """The positions stored in ``path``; None when there is no such file."""
    target = Path(path)
    try:
        if not target.is_file():
            return None
        if target.stat().st_size > MAX_SIDECAR_BYTES:
            raise PositionsError(f"{target}: too large for a positions file")
        raw = target.read_bytes()
    except OSError as exc:
        raise PositionsError(f"{target}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PositionsError(f"{target}: not UTF-8 text (byte {exc.start})") from None
    return parse_sidecar(text, str(target))


def dump_sidecar(positions: Positions) -> str:
    """The sidecar text for ``positions``: one state a line, sorted, numbers rounded to 0.1."""
    lines = [
        f"    {json.dumps(name, ensure_ascii=False)}: [{_tidy(x)}, {_tidy(y)}]"
        for name, (x, y) in sorted(positions.items(), key=lambda item: item[0])
    ]
    body = "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"
    return f'{{\n  "version": {SIDECAR_VERSION},\n  "positions": {body}\n}}\n'


def _tidy(value: float) -> str:
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded.is_integer() else repr(rounded)


def write_sidecar(path: str | os.PathLike[str], positions: Positions) -> None:
    """Write the sidecar atomically (OSError when the disk refuses)."""
    write_atomic(path, dump_sidecar(positions))


def renamed(positions: Positions, old: str, new: str) -> Positions:
    """``positions`` with the entry of ``old`` under ``new`` (same object order otherwise)."""
    if old not in positions or old == new:
        return positions
    return {new if name == old else name: value for name, value in positions.items() if name != new}
