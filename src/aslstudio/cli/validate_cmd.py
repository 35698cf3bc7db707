"""`aslstudio validate` (not implemented yet)."""

from __future__ import annotations

import argparse

from aslstudio.cli.common import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of this sub-command."""
    parser.add_argument("files", nargs="*")


def run(args: argparse.Namespace) -> int:
    """Run the sub-command; returns the exit code."""
    raise UserError("'validate' is not available yet")
