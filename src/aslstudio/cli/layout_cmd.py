"""`aslstudio layout FILE --json`: print the diagram geometry computed by the layout engine."""

from __future__ import annotations

import argparse
import json
from typing import Any

from aslstudio.asl.scopes import iter_states
from aslstudio.cli.common import EXIT_OK, UserError
from aslstudio.render.source import SourceError, load_definition


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of this sub-command."""
    parser.add_argument("file", help="an .asl.json / .asl.yaml definition")
    parser.add_argument(
        "--json", action="store_true", help="print the geometry as one JSON object (DESIGN.md)"
    )
    parser.add_argument(
        "--collapse",
        action="append",
        default=[],
        metavar="STATE",
        help="draw this Parallel/Map collapsed (a state name or JSON pointer; repeatable)",
    )


def _load(path: str) -> Any:
    """The definition in ``path`` (the same checks as export); a one-line UserError otherwise."""
    try:
        return load_definition(path)
    except SourceError as exc:
        raise UserError(str(exc)) from None


def _collapsed(definition: Any, names: list[str]) -> frozenset[str]:
    wanted = set(names)
    found = {  # a name or pointer that names no container is ignored
        ref.pointer
        for ref in iter_states(definition)
        if ref.name in wanted or ref.pointer in wanted
    }
    return frozenset(found)


def run(args: argparse.Namespace) -> int:
    """Run the sub-command; returns the exit code."""
    from aslstudio.layout import layout_definition

    definition = _load(args.file)
    geometry = layout_definition(definition, collapsed=_collapsed(definition, args.collapse))
    if args.json:
        print(json.dumps(geometry.to_json(), ensure_ascii=False))
        return EXIT_OK
    print(
        f"{args.file}: {len(geometry.states)} states, {len(geometry.containers)} containers, "
        f"{len(geometry.edges)} edges, {geometry.width:.0f}x{geometry.height:.0f} px, "
        f"{geometry.crossings} crossings, {geometry.timings['layout_ms']:.1f} ms"
    )
    return EXIT_OK
