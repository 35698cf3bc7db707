"""Turns layout geometry and the style table into a Qt scene and into exports.

Importing this package first applies :func:`protect_none`, because every Qt module of the
project (render and ui) goes through it.
"""

from __future__ import annotations

import ctypes
import sys

NONE_GUARD = 1 << 48


def protect_none() -> bool:
    """Keep CPython 3.11 alive under PySide6 6.12, which drops a reference to None per void call.

    With PySide6-Essentials 6.12.0 on CPython 3.11, every Qt method that returns nothing
    (``setPen``, ``setToolTip``, ...) leaves ``None`` one reference short; after a few
    thousand calls (a few repaints) the interpreter aborts with "deallocating None".
    CPython 3.12+ makes None immortal, so there this does nothing. Returns True when applied.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not _affected_pyside():
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < NONE_GUARD:
        refcount.value += NONE_GUARD
    return True


def _affected_pyside() -> bool:
    """Whether the installed PySide6 is a release known to have the None refcount bug.

    pyproject.toml keeps 6.12 away from Python 3.11; this guard only matters when someone
    installs it by hand.
    """
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover - stdlib
        return False
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            return version(dist).startswith("6.12.")
        except PackageNotFoundError:
            continue
    return False


protect_none()
