"""Render benchmark: scene build time, repaint time when panning/zooming, and time to first paint.

Usage (from the repository root, with the project's virtualenv):

    .venv/bin/python benchmarks/bench_render.py               # the table
    .venv/bin/python benchmarks/bench_render.py --screenshots docs/screenshots

Figures are wall-clock on this machine; the layout time is shown for context (H4's part).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

NUTRITION = ROOT / "examples/nutrition-validation/nutrition-validation.asl.json"

FIRST_PAINT = r"""
import sys, time
T0 = float(sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import aslstudio.ui.app as app_module
T_IMPORTED = time.time()
app = QApplication([])

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            QTimer.singleShot(0, lambda: finish())
        return False

def finish():
    now = time.time()
    print(f"{now - T0:.3f} {T_IMPORTED - T0:.3f} {now - T_IMPORTED:.3f}")
    app.quit()

window = app_module.MainWindow()
watch = Watch()
window.canvas.viewport().installEventFilter(watch)
window.show()
window.open_file(sys.argv[1])
app.exec()
"""


def _machines() -> list[tuple[str, dict[str, Any]]]:
    from gen_machines import generate

    from aslstudio.render.source import load_definition

    found = [
        (p.parent.name, dict(load_definition(p)))
        for p in sorted((ROOT / "examples").glob("*/*.asl.json"))
    ]
    found += [(f"generated-{n}", generate(n, seed=0)) for n in (200, 1000, 3000)]
    return found


def _best(runs: int, func: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def _repaint_ms(definition: dict[str, Any], zoom: float | None) -> float:
    """Median time to paint the canvas viewport once (fit when zoom is None)."""
    from aslstudio.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.asl.json"
        path.write_text(json.dumps(definition), encoding="utf-8")
        window.open_file(path)
    if zoom is None:
        window.canvas.fit_all()
    else:
        window.canvas.set_zoom(zoom)
    times = []
    bar = window.canvas.horizontalScrollBar()
    for step in range(9):
        bar.setValue(bar.minimum() + (bar.maximum() - bar.minimum()) * step // 8)
        start = time.perf_counter()
        window.canvas.viewport().grab()
        times.append(time.perf_counter() - start)
    window.close()
    window.deleteLater()
    return sorted(times)[len(times) // 2] * 1000


def table() -> None:
    """Print scene build and repaint figures for the examples and generated machines."""
    from aslstudio.render.export import ensure_app, layout_for
    from aslstudio.render.scene_builder import build_scene

    ensure_app()
    print(
        f"{'machine':28} {'states':>6} {'layout ms':>9} {'scene ms':>9} {'items':>6} "
        f"{'paint fit ms':>12} {'paint 100% ms':>13}"
    )
    for name, definition in _machines():
        layout_s, geometry = _best(3, lambda d=definition: layout_for(d))
        scene_s, scene = _best(3, lambda g=geometry, d=definition: build_scene(g, d))
        states = len(geometry.states)
        fit = _repaint_ms(definition, None)
        full = _repaint_ms(definition, 1.0)
        print(
            f"{name:28} {states:6d} {layout_s * 1000:9.1f} {scene_s * 1000:9.1f} "
            f"{len(scene.items()):6d} {fit:12.1f} {full:13.1f}"
        )


def first_paint(runs: int = 3) -> None:
    """Seconds from process start to the first paint of the 94-state example's canvas."""
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", FIRST_PAINT, str(NUTRITION), repr(time.time())],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        results.append([float(v) for v in out.stdout.split()])
    best = min(results)
    print(
        f"first paint of {NUTRITION.name}: {best[0]:.3f} s from process start "
        f"(imports {best[1]:.3f} s, then window + load + layout + scene + paint {best[2]:.3f} s)"
    )


def screenshots(folder: Path) -> None:
    """Write the docs screenshots: the 94-state example fitted, and 100 % at the error Choice."""
    from aslstudio.render.export import ensure_app
    from aslstudio.ui.main_window import MainWindow

    app = ensure_app()
    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window.open_file(NUTRITION)
    app.processEvents()
    window.canvas.fit_all()
    app.processEvents()
    window.grab().save(str(folder / "nutrition-fit.png"))
    choice = window.scene.item_for("Is Record Valid?") if window.scene else None
    if choice is not None:
        centre = choice.sceneBoundingRect().center()
        centre.setX(centre.x() + 260)  # the Choice up left, its error branch to the right
        centre.setY(centre.y() + 160)
        window.canvas.set_zoom(1.0, centre)
        app.processEvents()
        window.grab().save(str(folder / "nutrition-choice-100.png"))
    window.set_theme("dark")
    window.canvas.set_zoom(1.0, choice.sceneBoundingRect().center() if choice else None)
    app.processEvents()
    window.grab().save(str(folder / "nutrition-choice-100-dark.png"))
    print(f"screenshots written to {folder}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or write the screenshots)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", type=Path, help="write the docs screenshots here")
    args = parser.parse_args(argv)
    if args.screenshots:
        screenshots(args.screenshots)
        return 0
    table()
    first_paint()
    return 0


if __name__ == "__main__":
    sys.exit(main())
