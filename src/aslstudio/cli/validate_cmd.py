"""`aslstudio validate FILE... [--format text|json]`: problems with file:line:col and a code."""

from __future__ import annotations

import argparse
import json

from aslstudio.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, write_out
from aslstudio.validate import Diagnostic, Severity, validate_path

# Codes meaning the file could not be read or parsed at all (exit code 2).
UNREADABLE = frozenset({"F001", "F002"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of this sub-command."""
    parser.add_argument("files", nargs="+", metavar="FILE", help=".asl.json / .asl.yaml files")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text lines (default) or one JSON object",
    )


def _count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity is severity)


def _report(results: list[tuple[str, list[Diagnostic]]], as_json: bool) -> str:
    every = [d for _name, found in results for d in found]
    errors, warnings = _count(every, Severity.ERROR), _count(every, Severity.WARNING)
    if as_json:
        report = {
            "files": [
                {"file": name, "diagnostics": [d.to_json() for d in found]}
                for name, found in results
            ],
            "errors": errors,
            "warnings": warnings,
        }
        return json.dumps(report, ensure_ascii=False) + "\n"
    lines = [diag.to_text() for _name, found in results for diag in found]
    # The summary keeps one fixed shape (scripts parse it): "N errors, M warnings in K files".
    lines.append(f"{errors} errors, {warnings} warnings in {len(results)} files")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Validate every file, print the report, return 0 (no errors), 1 (errors) or 2 (unreadable)."""
    results = [(name, validate_path(name)) for name in args.files]
    write_out(_report(results, args.format == "json"))
    every = [d for _name, found in results for d in found]
    if any(d.code in UNREADABLE for d in every):
        return EXIT_USAGE
    return EXIT_FAILED if _count(every, Severity.ERROR) else EXIT_OK
