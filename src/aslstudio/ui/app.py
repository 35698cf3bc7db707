"""The designer's entry point (the window arrives with the canvas issue)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Open the designer; returns the exit code."""
    del argv
    print("aslstudio: error: the designer window is not available yet", file=sys.stderr)
    return 2
