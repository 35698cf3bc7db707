"""The designer's entry point: `aslstudio [FILE]` opens the main window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget

from aslstudio.ui.debugger import DebuggerController, install_debugger
from aslstudio.ui.designer_chrome import restore_window_state
from aslstudio.ui.designer_window import DesignerWindow, create_designer
from aslstudio.ui.main_window import MainWindow

OPEN_WINDOWS: list[MainWindow] = []  # keeps windows alive when a host runs the event loop
FIRST_SIZE = (1600, 1000)  # the window's size on a first start (at most 90 % of the screen)


def create_window(path: str | None = None) -> DesignerWindow:
    """The shown designer with the debugger, ``path`` opened when given (needs a QApplication)."""
    window = create_designer(path)
    debugger = install_debugger(window)
    _size_to_screen(window)
    arrange_panels(window, debugger)
    restore_window_state(window, window.settings)  # a layout the user saved wins
    QTimer.singleShot(0, window.canvas.show_opening)  # once the canvas has its final size
    return window


def _size_to_screen(window: DesignerWindow) -> None:
    """Give a first-start window room for the canvas beside the panels (up to FIRST_SIZE)."""
    room = window.screen().availableGeometry()
    width = min(FIRST_SIZE[0], room.width() * 9 // 10)
    height = min(FIRST_SIZE[1], room.height() * 9 // 10)
    if width > window.width() or height > window.height():
        window.resize(max(width, window.width()), max(height, window.height()))


def arrange_panels(window: DesignerWindow, debugger: DebuggerController) -> None:
    """Share the side and bottom areas between editing and debugging panels as tabs.

    Editing panels are in front; a debug action (run, step, ...) brings the run's panels
    forward, so the canvas keeps most of the window either way.
    """
    window.tabifyDockWidget(window.palette_dock, debugger.run_dock)
    window.tabifyDockWidget(window.inspector_dock, debugger.dataflow_dock)
    # "Why this way" sits under the right-hand tabs, so a Choice step shows it beside the
    # data flow; hidden while editing, it comes back with the first debug action.
    right = Qt.DockWidgetArea.RightDockWidgetArea
    window.removeDockWidget(debugger.why_dock)
    window.addDockWidget(right, debugger.why_dock, Qt.Orientation.Vertical)
    debugger.why_dock.hide()
    window.tabifyDockWidget(window.problems_dock, debugger.history_dock)
    for dock in (window.palette_dock, window.inspector_dock, window.problems_dock):
        dock.raise_()
    size_panels(window)
    for name in ("actionRun", "actionStep", "actionContinue", "actionRunToSelected"):
        action = debugger.actions.get(name)
        if action is not None:
            action.triggered.connect(lambda _checked=False: bring_debug_panels(window, debugger))


def size_panels(window: DesignerWindow) -> None:
    """Side panels about a sixth (left) and a third (right) of the window, the bottom a fifth."""
    width, height = window.width(), window.height()
    window.resizeDocks(
        [window.palette_dock, window.minimap_dock],
        [max(250, width // 6), max(400, width // 3)],
        Qt.Orientation.Horizontal,
    )
    window.resizeDocks([window.problems_dock], [max(160, height // 5)], Qt.Orientation.Vertical)


def bring_debug_panels(window: DesignerWindow, debugger: DebuggerController) -> None:
    """Put the run, data-flow, "why this way" and history panels in front."""
    why = debugger.why_dock
    first = why.isHidden()
    docks: tuple[QDockWidget, ...] = (
        debugger.run_dock,
        debugger.dataflow_dock,
        why,
        debugger.history_dock,
    )
    for dock in docks:
        dock.show()
        dock.raise_()
    if first:
        height = window.height()
        window.resizeDocks(
            [window.minimap_dock, debugger.dataflow_dock, why],
            [height // 7, height * 3 // 7, height * 2 // 7],
            Qt.Orientation.Vertical,
        )


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
