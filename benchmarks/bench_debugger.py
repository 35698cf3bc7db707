"""Debugger speed in the window (a step to updated canvas and panels; a full run, GUI vs headless).

Not a test. `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_debugger.py
[--repeat N] [--screenshot docs/screenshots/debugger-paused.png]`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: TID251 - a GUI benchmark
from PySide6.QtWidgets import QApplication  # noqa: TID251

from aslstudio.engine.execution import Execution, ExecutionOptions
from aslstudio.engine.mocks import MockConfig
from aslstudio.ui.debugger import DebuggerController, install_debugger
from aslstudio.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "examples" / "nutrition-validation"
MACHINE = FOLDER / "nutrition-validation.asl.json"
INPUT = "nutrition-validation.inputs/invalid-sugar.json"
CASE = "InvalidRecord"


def open_window(size: tuple[int, int] = (1600, 1000)) -> tuple[MainWindow, DebuggerController]:
    """A shown window on the 94-state example with the debugger, input and test case chosen."""
    window = MainWindow()
    window.resize(*size)
    window.show()
    window.open_file(MACHINE)
    debugger = install_debugger(window)
    QApplication.processEvents()
    debugger.arrange_docks()
    debugger.run_panel.choose_input(INPUT)
    debugger.run_panel.case_picker.setCurrentText(CASE)
    QApplication.processEvents()
    return window, debugger


def _paint(window: MainWindow) -> None:
    """Make the window paint now (what a person would see after the step)."""
    window.repaint()
    QApplication.processEvents()


def bench_steps(
    window: MainWindow, debugger: DebuggerController
) -> tuple[list[float], list[float]]:
    """Per step (ms): engine step + canvas/panel updates, and the same plus a full repaint."""
    logic: list[float] = []
    painted: list[float] = []
    while True:
        start = time.perf_counter()
        record = debugger.step()
        middle = time.perf_counter()
        _paint(window)
        if record is None:
            break
        logic.append((middle - start) * 1000)
        painted.append((time.perf_counter() - start) * 1000)
    return logic, painted


def run_in_gui(debugger: DebuggerController) -> float:
    """Seconds for actionRun to the end, with the event loop running between slices."""
    start = time.perf_counter()
    debugger.run()
    while debugger.runner.active:
        QApplication.processEvents()
    return time.perf_counter() - start


def run_headless() -> float:
    """Seconds for the same execution with the engine alone."""
    definition = json.loads(MACHINE.read_text(encoding="utf-8"))
    mocks = json.loads((FOLDER / "nutrition-validation.mocks.json").read_text(encoding="utf-8"))
    data = json.loads((FOLDER / INPUT).read_text(encoding="utf-8"))
    source = MockConfig(mocks).source("nutrition-validation", CASE)
    start = time.perf_counter()
    Execution(definition, data, source, ExecutionOptions()).run()
    return time.perf_counter() - start


def screenshot(out: Path, theme: str = "light") -> None:
    """The whole app window (`aslstudio FILE`) paused before the sugar rule's failure, with the
    Choice step that sent it there shown in the data flow and "Why this way"."""
    import tempfile

    from PySide6.QtCore import QSettings  # noqa: TID251

    import aslstudio.ui.designer_window as designer_window
    from aslstudio.ui.app import create_window, size_panels

    ini = str(Path(tempfile.mkdtemp()) / "settings.ini")  # a first start: no saved layout
    setattr(  # noqa: B010 - the window reads its settings through this name
        designer_window, "default_settings", lambda: QSettings(ini, QSettings.Format.IniFormat)
    )
    window = create_window(str(MACHINE))
    window.resize(1600, 1000)
    window.set_theme(theme)
    debugger = getattr(window, "debugger", None)
    assert isinstance(debugger, DebuggerController)
    debugger.run_panel.choose_input(INPUT)
    debugger.run_panel.case_picker.setCurrentText(CASE)
    for _ in range(3):
        QApplication.processEvents()
    size_panels(window)  # as a first start on a large screen would have it
    debugger.toggle_breakpoint("Sugars Rule Failed")
    debugger.actions["actionRun"].trigger()
    while debugger.runner.active:
        QApplication.processEvents()
    execution = debugger.execution
    assert execution is not None
    choice = max(
        i for i, r in enumerate(execution.records) if r.name == "High Sugar Warning Shown?"
    )
    debugger.select_step(choice)
    scene = window.scene
    item = scene.item_for("High Sugar Warning Shown?") if scene is not None else None
    if item is not None:
        window.canvas.set_zoom(0.8, item.sceneBoundingRect().center())
    for _ in range(10):
        QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"wrote {out}")
    window.close()


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"


def main() -> None:
    """Print the figures (and write the screenshot when asked)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    if args.screenshot:
        screenshot(args.screenshot, args.theme)
        if args.repeat == 0:
            return
    window, debugger = open_window()
    logic: list[float] = []
    painted: list[float] = []
    for _ in range(args.repeat):
        debugger.reset()
        one, two = bench_steps(window, debugger)
        logic += one
        painted += two
    print(f"step, canvas and panels updated ({len(logic)} steps): {_summary(logic)}")
    print(f"the same plus a full window repaint: {_summary(painted)}")
    gui = [run_in_gui(debugger) for _ in range(args.repeat)]
    head = [run_headless() for _ in range(args.repeat)]
    execution = debugger.execution
    size = f"{execution.steps} steps, {len(execution.history)} events" if execution else ""
    print(f"full run ({size}): GUI median {statistics.median(gui) * 1000:.1f} ms, ", end="")
    print(f"headless median {statistics.median(head) * 1000:.1f} ms")
    window.close()


if __name__ == "__main__":
    main()
