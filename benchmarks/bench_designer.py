"""Designer benchmark: open to first paint, an edit to refreshed canvas + problems, memory.

Usage (from the repository root, with the project's virtualenv):

    .venv/bin/python benchmarks/bench_designer.py            # the table
    .venv/bin/python benchmarks/bench_designer.py --json     # one JSON object

Measured in process after imports (wall clock, median of a few runs):
- open: ``DesignerWindow.open_file`` of the 94-state example until the canvas viewport painted
  (targets: under 0.5 s);
- edit: one SetField (a Comment) or one rename (the whole machine laid out again) through the
  undo stack until the canvas is redrawn, the problems re-validated and the viewport painted
  again (target: under 100 ms);
- memory: resident-set growth when the generated 1,000-state machine is opened.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
NUTRITION = ROOT / "examples/nutrition-validation/nutrition-validation.asl.json"
GENERATED = ROOT / "benchmarks/out/generated-1000.asl.json"


def _rss_mb() -> float:
    """Peak resident set of this process in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _paint(window: Any) -> None:
    window.canvas.viewport().repaint()


def _open_once(settings_dir: Path, path: Path) -> tuple[float, Any]:
    from PySide6.QtCore import QSettings  # noqa: TID251 - a GUI benchmark

    from aslstudio.ui.designer_window import DesignerWindow

    settings = QSettings(str(settings_dir / "bench.ini"), QSettings.Format.IniFormat)
    window = DesignerWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    start = time.perf_counter()
    if not window.open_file(path):
        raise SystemExit(f"cannot open {path}")
    _paint(window)
    return time.perf_counter() - start, window


def _edit_once(window: Any, index: int, structural: bool = False) -> float:
    """One edit until canvas, problems and paint are done: a Comment, or (structural) a rename."""
    from aslstudio.asl.commands import RenameState, SetField

    pointer = window.selected or "/States/" + next(iter(window.qdoc.data["States"]))
    if structural:
        command: Any = RenameState(pointer, f"{pointer.rsplit('/', 1)[1]} {index}")
    else:
        command = SetField(pointer + "/Comment", f"edit {index}")
    start = time.perf_counter()
    window.qdoc.push(command)
    window.validator.validate_now()
    _paint(window)
    return time.perf_counter() - start


def run(repeats: int = 5) -> dict[str, Any]:
    """Measure and return the figures (seconds and MB)."""
    from PySide6.QtWidgets import QApplication  # noqa: TID251 - a GUI benchmark

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        settings_dir = Path(folder)
        opens, edits, renames = [], [], []
        for _ in range(repeats):
            elapsed, window = _open_once(settings_dir, NUTRITION)
            opens.append(elapsed)
            window.select_state("/States/Any Rule Failed?")
            for index in range(3):
                edits.append(_edit_once(window, index))
                renames.append(_edit_once(window, index, structural=True))
            window.qdoc.undo_stack.setClean()
            window.close()
            window.deleteLater()
            app.processEvents()
        before = _rss_mb()
        big: dict[str, Any] = {"available": GENERATED.is_file()}
        if GENERATED.is_file():
            elapsed, window = _open_once(settings_dir, GENERATED)
            big.update(open_s=round(elapsed, 3), rss_growth_mb=round(_rss_mb() - before, 1))
            big["edit_s"] = round(_edit_once(window, 0), 3)
            big["rename_s"] = round(_edit_once(window, 0, structural=True), 3)
            window.qdoc.undo_stack.setClean()
            window.close()
    return {
        "open_94_median_s": round(statistics.median(opens), 3),
        "open_94_max_s": round(max(opens), 3),
        "edit_94_median_ms": round(statistics.median(edits) * 1000, 1),
        "edit_94_max_ms": round(max(edits) * 1000, 1),
        "rename_94_median_ms": round(statistics.median(renames) * 1000, 1),
        "machine_1000": big,
        "peak_rss_mb": round(_rss_mb(), 1),
    }


SHOTS = {
    "rule-builder.png": ("Serving Size In Range?", "rules"),
    "inspector.png": ("Check High Sugar Warning", "inspector"),
}


def screenshots(folder: Path) -> list[Path]:
    """Save the README pictures of the rule builder and the inspector on the 94-state example."""
    from PySide6.QtCore import Qt  # noqa: TID251 - a GUI benchmark
    from PySide6.QtWidgets import QApplication  # noqa: TID251 - a GUI benchmark

    from aslstudio.asl.scopes import iter_states

    app = QApplication.instance() or QApplication([])
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory() as settings_dir:
        _elapsed, window = _open_once(Path(settings_dir), NUTRITION)
        window.resize(1600, 1000)
        pointers = {ref.name: ref.pointer for ref in iter_states(window.qdoc.data)}
        for name, (state, dock) in SHOTS.items():
            window.select_state(pointers[state])
            target = window.rules_dock if dock == "rules" else window.inspector_dock
            target.raise_()
            window.resizeDocks([target], [760], Qt.Orientation.Horizontal)
            window.validator.validate_now()
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(folder / name))
            saved.append(folder / name)
        window.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    """Print the designer figures as a table or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--screenshots", type=Path, help="save the README pictures here instead")
    args = parser.parse_args(argv)
    if args.screenshots is not None:
        for path in screenshots(args.screenshots):
            print(path)
        return 0
    import_start = time.perf_counter()
    import aslstudio.ui.designer_window  # noqa: F401 - measured separately from the work

    imports = time.perf_counter() - import_start
    figures = run(args.repeats)
    figures["imports_s"] = round(imports, 3)
    if args.json:
        print(json.dumps(figures))
        return 0
    big = figures["machine_1000"]
    rows = [
        ("imports (not counted below)", f"{figures['imports_s']:.3f} s", ""),
        ("open 94 states → first paint", f"{figures['open_94_median_s']:.3f} s", "< 0.5 s"),
        ("edit a field → canvas + problems", f"{figures['edit_94_median_ms']:.1f} ms", "< 100 ms"),
        ("rename (relayout) → same", f"{figures['rename_94_median_ms']:.1f} ms", "< 100 ms"),
    ]
    if big.get("available"):
        rows.append(("open 1,000 states → paint", f"{big['open_s']:.3f} s", ""))
        rows.append(("edit a field, 1,000 states", f"{big['edit_s'] * 1000:.0f} ms", ""))
        rows.append(("rename, 1,000 states", f"{big['rename_s'] * 1000:.0f} ms", ""))
        rows.append(("memory growth, 1,000 states", f"{big['rss_growth_mb']:.1f} MB", ""))
    rows.append(("peak RSS", f"{figures['peak_rss_mb']:.1f} MB", ""))
    for name, value, target in rows:
        print(f"{name:<32} {value:>12}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
