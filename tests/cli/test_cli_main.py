"""The top-level command: help, version, unknown commands, lazy sub-command imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aslstudio.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_every_sub_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("aslstudio ")


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-such-option"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_sub_command_without_arguments_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate"]) == 2
    assert "aslstudio" in capsys.readouterr().err


def test_validate_imports_neither_the_simulator_nor_qt() -> None:
    code = (
        "import sys\n"
        "from aslstudio.cli import main\n"
        "main(['validate', 'examples/hello-world/hello-world.asl.json'])\n"
        "print(sorted(m for m in ('aslstudio.engine.execution', 'PySide6', 'aslstudio.render')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
