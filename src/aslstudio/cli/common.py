"""What every sub-command shares: exit codes, the one-line error, reading user files."""

from __future__ import annotations

import os
import sys

EXIT_OK = 0
EXIT_FAILED = 1  # validation errors / execution failed or timed out / not canonical
EXIT_USAGE = 2  # unreadable input, invalid definition or arguments


class UserError(Exception):
    """A problem with the user's input: printed as one line, exit code 2, never a traceback."""


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print ``aslstudio: error: MESSAGE`` on stderr and return ``code``."""
    print(f"aslstudio: error: {message}", file=sys.stderr)
    return code


def write_out(text: str) -> None:
    """Write ``text`` to stdout; a reader that stops early (``| head``) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    """Point stdout at nothing, so the interpreter's final flush does not fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
