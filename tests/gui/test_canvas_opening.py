"""The first view of a machine: whole when it reads whole, else its start at a readable zoom."""

from __future__ import annotations

from pathlib import Path

from aslstudio.ui.canvas import MIN_WHOLE_ZOOM, READABLE_ZOOM
from aslstudio.ui.main_window import MainWindow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _open(qtbot, name: str) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_file(EXAMPLES / name / f"{name}.asl.json")
    return window


def test_a_small_machine_opens_whole(qtbot) -> None:
    window = _open(qtbot, "encoder-decider")
    assert window.canvas.zoom() >= MIN_WHOLE_ZOOM
    assert window.scene is not None
    scene_rect = window.scene.itemsBoundingRect()
    assert window.canvas.visible_rect().contains(scene_rect.center())


def test_the_94_state_machine_opens_readable_at_its_start(qtbot) -> None:
    window = _open(qtbot, "nutrition-validation")
    assert abs(window.canvas.zoom() - READABLE_ZOOM) < 1e-6
    assert window.scene is not None
    first = window.scene.item_for("Initialize Validation Context")
    assert first is not None
    assert window.canvas.visible_rect().contains(first.sceneBoundingRect())
    window.canvas.fit_all()  # Fit to window still shows all of it
    assert window.canvas.zoom() < MIN_WHOLE_ZOOM
