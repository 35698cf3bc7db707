"""`aslstudio validate`: exit codes, text and JSON reports, and bad input without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aslstudio.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD = FIXTURES / "realworld" / "sam-stock-trader.asl.json"
BROKEN = FIXTURES / "broken" / "R201-dangling-next.asl.json"
WARNS_ONLY = FIXTURES / "broken" / "R301-choice-without-default.asl.json"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run the CLI in process; return exit code, stdout and stderr."""
    code = main(["validate", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_valid_file_exits_0_with_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, GOOD)
    assert code == 0
    assert out.splitlines()[-1] == "0 errors, 0 warnings in 1 files"


def test_errors_exit_1_with_file_line_col_code_and_state(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, BROKEN)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{BROKEN}:8:7: error R201 [Load] ")
    assert "Hint: " in first
    assert out.splitlines()[-1] == "1 errors, 1 warnings in 1 files"


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, WARNS_ONLY)
    assert code == 0
    assert " warning R301 " in out


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, GOOD, BROKEN, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [f["file"] for f in report["files"]] == [str(GOOD), str(BROKEN)]
    assert report["errors"] == 1
    assert report["warnings"] == 1
    first = report["files"][1]["diagnostics"][0]
    assert first["code"] == "R201"
    assert first["line"] == 8
    assert first["state"] == "Load"
    assert first["pointer"] == "/States/Load/Next"


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


BAD_INPUTS: dict[str, tuple[str, bytes | str]] = {
    "empty": ("empty.asl.json", ""),
    "truncated": ("truncated.asl.json", '{"StartAt": "A", "States": {"A": {"Type": "Pa'),
    "binary": ("binary.asl.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "non-utf8": ("latin1.asl.json", '{"Comment": "caf\xe9"}'.encode("latin-1")),
    "deep": ("deep.asl.json", "[" * 20000 + "]" * 20000),
    "deep-object": ("deep2.asl.json", '{"a":' * 20000 + "1" + "}" * 20000),
    "top-level list": ("list.asl.json", "[1, 2, 3]"),
    "invalid yaml": ("bad.asl.yaml", "StartAt: A\nStates:\n  A: [unclosed\n"),
    "ten megabytes": ("big.asl.json", '{"Comment": "' + "x" * (10 * 1024 * 1024) + '"}'),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exits_2_without_traceback(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, data = BAD_INPUTS[case]
    path = _write(tmp_path / name, data)
    code, out, err = run(capsys, path)
    assert code == 2
    assert "Traceback" not in out + err
    line = out.splitlines()[0]
    assert line.startswith(f"{path}:")
    assert " error F00" in line


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, tmp_path / "missing.asl.json", tmp_path)
    assert code == 2
    assert "Traceback" not in out + err
    assert out.count(" error F001 ") == 2


def test_unreadable_file_still_reports_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, tmp_path / "missing.asl.json", BROKEN)
    assert code == 2
    assert " R201 " in out
    assert out.splitlines()[-1] == "2 errors, 1 warnings in 2 files"


def test_no_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2
    assert "usage" in capsys.readouterr().err


def test_subprocess_run_is_headless() -> None:
    probe = (
        "import sys; from aslstudio.cli import main; code = main(sys.argv[1:]); "
        "print('QT-LOADED' if 'PySide6' in sys.modules else 'QT-ABSENT'); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "validate", str(GOOD), str(BROKEN)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "QT-ABSENT" in done.stdout
    assert "Traceback" not in done.stderr
