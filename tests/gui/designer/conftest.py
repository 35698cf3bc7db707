"""Fixtures for the designer tests: a window with private settings, scripted prompts, examples."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from aslstudio.ui.designer_window import DesignerWindow
from aslstudio.ui.files import Prompter

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"


class ScriptedPrompter(Prompter):
    """Answers the file questions from fields instead of dialogs, and records the questions."""

    def __init__(self) -> None:
        self.save_answer = "cancel"
        self.recover_answer = True
        self.reload_answer = True
        self.save_as_name: str | None = None
        self.reconnect_answer: bool | None = True
        self.open_name: str | None = None
        self.asked: list[str] = []

    def save_changes(self, parent: Any, name: str) -> Any:
        self.asked.append(f"save:{name}")
        return self.save_answer

    def recover(self, parent: Any, name: str, when: str) -> bool:
        self.asked.append(f"recover:{name}")
        return self.recover_answer

    def reload(self, parent: Any, name: str, dirty: bool) -> bool:
        self.asked.append(f"reload:{name}")
        return self.reload_answer

    def reconnect(self, parent: Any, name: str, successor: str) -> bool | None:
        self.asked.append(f"reconnect:{name}->{successor}")
        return self.reconnect_answer

    def save_path(self, parent: Any, suggestion: str) -> str | None:
        self.asked.append("save-as")
        return self.save_as_name

    def open_path(self, parent: Any, start: str) -> str | None:
        self.asked.append("open")
        return self.open_name


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a private ini file."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def designer(qtbot: Any, settings: QSettings) -> DesignerWindow:
    """A shown designer window whose prompts are scripted."""
    window = DesignerWindow(settings=settings)
    window.files.prompter = ScriptedPrompter()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def copy_example(tmp_path: Path, name: str) -> Path:
    """A private copy of examples/NAME (definition, inputs and mocks) in tmp_path."""
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target / f"{name}.asl.json"


@pytest.fixture
def hello(tmp_path: Path) -> Path:
    """A copy of the hello-world example."""
    return copy_example(tmp_path, "hello-world")


@pytest.fixture
def nutrition(tmp_path: Path) -> Path:
    """A copy of the 94-state nutrition-validation example."""
    return copy_example(tmp_path, "nutrition-validation")
