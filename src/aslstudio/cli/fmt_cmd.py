"""`aslstudio fmt FILE... [--check]`: rewrite definitions in the canonical style."""

from __future__ import annotations

import argparse
import sys

from aslstudio.asl.document import ParsedDocument
from aslstudio.asl.errors import FileReadError, ParseError
from aslstudio.asl.parse import load_file
from aslstudio.asl.serialize import BOM, canonical_text, write_atomic
from aslstudio.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of this sub-command."""
    parser.add_argument("files", nargs="+", metavar="FILE", help=".asl.json / .asl.yaml files")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list files that are not canonical and exit 1 if there are any",
    )


def _error(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


def _warn_duplicates(name: str, doc: ParsedDocument) -> None:
    for dup in doc.duplicate_keys:
        print(
            f"{name}:{dup.position.line}:{dup.position.col}: duplicate key {dup.key!r} "
            f"(first at line {dup.first.line}, col {dup.first.col}); the last value is kept",
            file=sys.stderr,
        )


def format_file(name: str, check: bool) -> int:
    """Check or rewrite one file; returns its exit code (0 fine, 1 would change, 2 unusable)."""
    try:
        doc = load_file(name)
    except ParseError as exc:
        return _error(f"{exc.filename}:{exc.line}:{exc.col}: {exc.message}")
    except FileReadError as exc:
        return _error(str(exc))
    _warn_duplicates(name, doc)
    wanted = canonical_text(doc)
    current = BOM + doc.text if doc.bom else doc.text
    if wanted == current:
        return EXIT_OK
    if check:
        print(f"would reformat {name}")
        return EXIT_FAILED
    try:
        write_atomic(name, wanted)
    except OSError as exc:
        return _error(f"{name}: cannot write the file: {exc.strerror or exc}")
    print(f"reformatted {name}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run the sub-command; returns the exit code (the worst over all files)."""
    return max(format_file(name, args.check) for name in args.files)
