"""What every sub-command shares: exit codes, the one-line error, reading user files."""

from __future__ import annotations

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
