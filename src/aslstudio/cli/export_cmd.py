"""`aslstudio export FILE -o OUT.(svg|png|pdf|dot|mmd)`: the diagram, headless, in one command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aslstudio.cli.common import EXIT_OK, UserError

if TYPE_CHECKING:
    from aslstudio.render.history import ExecutionPath

TEXT_SUFFIXES = (".dot", ".gv", ".mmd", ".mermaid")
IMAGE_SUFFIXES = (".svg", ".png", ".pdf")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of this sub-command."""
    parser.add_argument("file", help="an .asl.json / .asl.yaml definition")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        help="where to write; the suffix picks the format: .svg .png .pdf .dot .mmd",
    )
    parser.add_argument(
        "--history",
        help="an execution history (GetExecutionHistory events, from `run --history-out`) "
        "whose path is drawn on the diagram",
    )
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="PNG only: pixels per diagram unit (default 1)"
    )


def _check_output(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in TEXT_SUFFIXES + IMAGE_SUFFIXES:
        known = " ".join(IMAGE_SUFFIXES + TEXT_SUFFIXES)
        raise UserError(f"{out}: unknown export format {suffix or '(no suffix)'!r}; use {known}")
    if out.is_dir():
        raise UserError(f"{out}: is a directory; give a file name such as {out / 'machine.svg'}")
    if not out.parent.is_dir():
        raise UserError(f"{out}: the folder {out.parent} does not exist")
    return suffix


def _ensure_headless() -> None:
    """Let Qt draw without a display (CI, servers): offscreen unless a display is there."""
    has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not has_display and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run(args: argparse.Namespace) -> int:
    """Run the sub-command; returns the exit code."""
    out = Path(args.output)
    suffix = _check_output(out)
    if not 0 < args.scale <= 8:
        raise UserError(f"--scale must be greater than 0 and at most 8, not {args.scale:g}")
    from aslstudio.render.history import HistoryError, read_history
    from aslstudio.render.source import SourceError, load_definition

    try:
        definition = load_definition(args.file)
        path = read_history(args.history) if args.history else None
    except (SourceError, HistoryError) as exc:
        raise UserError(str(exc)) from exc
    if suffix in TEXT_SUFFIXES:
        from aslstudio.layout import layout_definition
        from aslstudio.render.text_export import to_dot, to_mermaid

        geometry = layout_definition(definition)
        make = to_dot if suffix in (".dot", ".gv") else to_mermaid
        text = make(geometry, definition, theme_name=args.theme, path=path)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{out}: cannot write the file ({exc.strerror})") from exc
        return EXIT_OK
    return _export_image(out, definition, path, args.theme, args.scale)


def _export_image(
    out: Path,
    definition: Mapping[str, Any],
    path: ExecutionPath | None,
    theme: str,
    scale: float,
) -> int:
    _ensure_headless()
    from aslstudio.render.export import ExportError, ensure_app, export_diagram, layout_for

    ensure_app()
    geometry = layout_for(definition)
    try:
        export_diagram(out, geometry, definition, theme_name=theme, path=path, scale=scale)
    except ExportError as exc:
        raise UserError(str(exc)) from exc
    return EXIT_OK
