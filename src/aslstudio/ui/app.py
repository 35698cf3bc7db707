"""The designer's entry point: `aslstudio [FILE]` opens the main window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QDockWidget

from aslstudio.ui.debugger import DebuggerController, install_debugger
from aslstudio.ui.designer_chrome import restore_window_state
from aslstudio.ui.designer_window import DesignerWindow, create_designer
from aslstudio.ui.main_window import MainWindow

OPEN_WINDOWS: list[MainWindow] = []  # keeps windows alive when a host runs the event loop


def create_window(path: str | None = None) -> DesignerWindow:
    """The shown designer with the debugger, ``path`` opened when given (needs a QApplication)."""
    window = create_designer(path)
    debugger = install_debugger(window)
    arrange_panels(window, debugger)
    restore_window_state(window, window.settings)  # a layout the user saved wins
    return window


def arrange_panels(window: DesignerWindow, debugger: DebuggerController) -> None:
    """Share the side and bottom areas between editing and debugging panels as tabs.

    Editing panels are in front; a debug action (run, step, ...) brings the run's panels
    forward, so the canvas keeps most of the window either way.
    """
    window.tabifyDockWidget(window.palette_dock, debugger.run_dock)
    window.tabifyDockWidget(window.inspector_dock, debugger.dataflow_dock)
    window.tabifyDockWidget(debugger.dataflow_dock, debugger.why_dock)
    window.tabifyDockWidget(window.problems_dock, debugger.history_dock)
    for dock in (window.palette_dock, window.inspector_dock, window.problems_dock):
        dock.raise_()
    debug_docks: tuple[QDockWidget, ...] = (
        debugger.run_dock,
        debugger.dataflow_dock,
        debugger.history_dock,
    )
    for name in ("actionRun", "actionStep", "actionContinue", "actionRunToSelected"):
        action = debugger.actions.get(name)
        if action is not None:
            action.triggered.connect(lambda _checked=False: _raise_all(debug_docks))


def _raise_all(docks: tuple[QDockWidget, ...]) -> None:
    for dock in docks:
        dock.raise_()


def _display_available() -> bool:
    """False on Linux without X11/Wayland unless a Qt platform (e.g. offscreen) is chosen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    """Open the designer; returns the exit code. Creates a QApplication only if none exists."""
    parser = argparse.ArgumentParser(prog="aslstudio", description="Open the designer.")
    parser.add_argument("file", nargs="?", help="an .asl.json / .asl.yaml file to open")
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    existing = QApplication.instance()
    if existing is None and not _display_available():
        print(
            "aslstudio: error: no display to open the designer on (DISPLAY is not set); "
            "use `aslstudio export FILE -o OUT.svg` for a picture",
            file=sys.stderr,
        )
        return 2
    app = (
        existing
        if existing is not None
        else QApplication([sys.argv[0] if sys.argv else "aslstudio"])
    )
    app.setApplicationName("ASL Studio")
    window = create_window(args.file)
    OPEN_WINDOWS.append(window)
    if existing is not None:  # a host (or a test) runs the event loop
        return 0
    return int(app.exec())
