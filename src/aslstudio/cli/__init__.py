"""The `aslstudio` command line: sub-commands per DESIGN.md; the designer is imported lazily."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from aslstudio import __version__
from aslstudio.cli.common import EXIT_FAILED, EXIT_USAGE, UserError, fail, silence_stdout

# sub-command -> module in this package that defines `add_arguments(parser)` and `run(args)`.
COMMANDS: dict[str, str] = {
    "validate": "validate_cmd",
    "fmt": "fmt_cmd",
    "run": "run_cmd",
    "layout": "layout_cmd",
    "export": "export_cmd",
}

HELP: dict[str, str] = {
    "validate": "check definitions and report problems with file:line:col",
    "fmt": "rewrite definitions in the canonical style (2-space JSON)",
    "run": "run a state machine in the simulator",
    "layout": "print the diagram geometry",
    "export": "export the diagram to SVG, PNG, PDF, DOT or Mermaid",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argparse tree; with ``only``, just that sub-command's module is imported (fast start)."""
    parser = argparse.ArgumentParser(
        prog="aslstudio",
        description="Design, validate, simulate and step through AWS Step Functions machines.",
        epilog="Run `aslstudio FILE` (no sub-command) to open the designer on FILE.",
    )
    parser.add_argument("--version", action="version", version=f"aslstudio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=HELP[name], description=HELP[name])
        if only is not None and name != only:
            continue
        module = importlib.import_module(f"aslstudio.cli.{module_name}")
        module.add_arguments(sub_parser)
        sub_parser.set_defaults(handler=module.run)
    return parser


def _open_designer(argv: Sequence[str]) -> int:
    gui = argparse.ArgumentParser(prog="aslstudio", description="Open the designer.")
    gui.add_argument("file", nargs="?", help="an .asl.json / .asl.yaml file to open")
    args = gui.parse_args(list(argv))
    try:
        app = importlib.import_module("aslstudio.ui.app")
    except ImportError as exc:  # Qt missing system libraries, typically
        return fail(f"cannot start the designer: {exc}")
    result: int = app.main([args.file] if args.file else [])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `aslstudio` command; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        return _open_designer(args_list)
    parser = build_parser(only=args_list[0] if args_list[0] in COMMANDS else None)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse already printed the usage message
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args)
    except UserError as exc:
        return fail(str(exc))
    except BrokenPipeError:  # the reader stopped early (`| head`): not worth a traceback
        silence_stdout()
        return EXIT_FAILED
    except KeyboardInterrupt:
        return fail("interrupted")
    except RecursionError:
        return fail("the input is nested too deeply to process")
    except MemoryError:
        return fail("out of memory while processing the input")
