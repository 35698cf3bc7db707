"""Fixtures for the debugger tests: a shown window with a machine open and the debugger added."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aslstudio.ui.debugger import DebuggerController, install_debugger
from aslstudio.ui.main_window import MainWindow

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"

Opener = Callable[[Path], tuple[MainWindow, DebuggerController]]


@pytest.fixture
def open_debugger(qtbot: Any) -> Opener:
    """Open a machine file in a new window with the debugger installed."""

    def opener(path: Path) -> tuple[MainWindow, DebuggerController]:
        window = MainWindow()
        qtbot.addWidget(window)
        window.resize(1300, 850)
        window.show()
        qtbot.waitExposed(window)
        assert window.open_file(path)
        return window, install_debugger(window)

    return opener


@pytest.fixture
def example_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy one example folder to tmp_path (so tests may add files beside it)."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(EXAMPLES / name, target)
        return target / f"{name}.asl.json"

    return copy
