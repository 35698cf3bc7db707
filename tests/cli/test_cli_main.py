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


def test_layout_and_export_refuse_a_machine_without_states(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machine = tmp_path / "empty.asl.json"
    machine.write_text("{}", encoding="utf-8")
    assert main(["layout", str(machine), "--json"]) == 2
    layout_err = capsys.readouterr().err
    assert main(["export", str(machine), "-o", str(tmp_path / "x.dot")]) == 2
    export_err = capsys.readouterr().err
    assert "no States" in layout_err
    assert layout_err == export_err


def test_a_reader_that_stops_early_gets_no_traceback_from_layout() -> None:
    nutrition = ROOT / "examples" / "nutrition-validation" / "nutrition-validation.asl.json"
    with subprocess.Popen(
        [sys.executable, "-m", "aslstudio", "layout", str(nutrition), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        head = proc.stdout.read(10)
        proc.stdout.close()  # the reader goes away, like `| head -c 10`
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
    assert head.startswith(b'{"states"')
    assert "Traceback" not in err
