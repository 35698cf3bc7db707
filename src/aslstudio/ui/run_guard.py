"""Checks the definition before the debugger runs it, as ``aslstudio run`` does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from aslstudio.validate import Diagnostic, Severity, validate_definition


def blocking_errors(definition: Any) -> list[Diagnostic]:
    """The validator's errors (warnings do not stop a run) for the definition about to run."""
    return [d for d in validate_definition(definition) if d.severity is Severity.ERROR]


def _positioned_errors(window: QMainWindow) -> list[Diagnostic]:
    """Validate the window's document now (the problems panel updates, with line:col)."""
    validate_now = getattr(getattr(window, "validator", None), "validate_now", None)
    if not callable(validate_now):
        return []
    found = validate_now()
    if not isinstance(found, list):
        return []
    return [d for d in found if isinstance(d, Diagnostic) and d.severity is Severity.ERROR]


def refusal_text(errors: list[Diagnostic], positioned: list[Diagnostic]) -> str:
    """One line saying why the run did not start, naming the first error and where it is."""
    first = positioned[0] if positioned else errors[0]
    where = f"line {first.line}:{first.col}, " if first.line > 0 and positioned else ""
    state = f"'{first.state}' " if first.state else ""
    count = len(errors)
    plural = "s" if count != 1 else ""
    return (
        f"Not started: the definition has {count} error{plural}; first ({where}{state}"
        f"{first.code}): {first.message.rstrip('.')}. See Problems."
    )


def check_before_run(window: QMainWindow, definition: Any) -> str | None:
    """None when ``definition`` may run; else show its errors in the window's problems
    panel (brought to the front) and return a one-line explanation."""
    errors = blocking_errors(definition)
    if not errors:
        return None
    positioned = _positioned_errors(window)
    dock = getattr(window, "problems_dock", None)
    if isinstance(dock, QDockWidget):
        dock.show()
        # after the debug action's other handlers, which bring the run's panels forward
        QTimer.singleShot(0, dock.raise_)
    return refusal_text(errors, positioned)
