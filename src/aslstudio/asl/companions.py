"""The files that sit beside a machine, by name: ``foo.input.json``, ``foo.mocks.json``...

For ``foo.asl.json`` (or ``.asl.yaml``/``.asl.yml``) the side files share the stem ``foo``:
``foo.input.json`` or several named inputs in ``foo.inputs/*.json``, ``foo.mocks.json`` (a Step
Functions Local MockConfigFile) and ``foo.substitutions.json`` (DESIGN.md, "Files").
"""

from __future__ import annotations

from pathlib import Path

MACHINE_SUFFIXES = (".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml")
INPUT = ".input.json"
INPUTS = ".inputs"
MOCKS = ".mocks.json"
SUBSTITUTIONS = ".substitutions.json"


def machine_stem(path: Path) -> str:
    """``foo`` for ``foo.asl.json``: the name a machine's side files share."""
    name = path.name
    for suffix in MACHINE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return path.stem


def companion(path: Path, suffix: str) -> Path | None:
    """The side file ``<stem><suffix>`` beside the machine, when it exists."""
    candidate = path.with_name(machine_stem(path) + suffix)
    return candidate if candidate.is_file() else None


def sample_inputs(path: Path) -> dict[str, Path]:
    """Named sample inputs: ``foo.input.json``, then ``foo.inputs/*.json`` in name order."""
    found: dict[str, Path] = {}
    single = companion(path, INPUT)
    if single is not None:
        found[single.name] = single
    folder = path.with_name(machine_stem(path) + INPUTS)
    if folder.is_dir():
        for item in sorted(folder.glob("*.json")):
            found[f"{folder.name}/{item.name}"] = item
    return found
