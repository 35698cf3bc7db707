"""`aslstudio fmt`: exit codes 0/1/2, messages, rewrites, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from aslstudio.cli import main

CANONICAL = (
    '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Succeed"\n    }\n  }\n}\n'
)
UGLY = '{"StartAt":"A",\n    "States":{"A":{"Type":"Succeed"}}}'
YAML_UGLY = "StartAt: A   # first\nStates:\n    A:\n        Type: Succeed   # done\n"
YAML_CANONICAL = "StartAt: A   # first\nStates:\n  A:\n    Type: Succeed       # done\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "canonical": tmp_path / "ok.asl.json",
        "ugly": tmp_path / "ugly.asl.json",
        "yaml": tmp_path / "m.asl.yaml",
        "broken": tmp_path / "broken.asl.json",
    }
    paths["canonical"].write_text(CANONICAL)
    paths["ugly"].write_text(UGLY)
    paths["yaml"].write_text(YAML_UGLY)
    paths["broken"].write_text('{\n  "StartAt": "A",\n  "States": {,}\n}\n')
    return paths


def test_check_clean_file_exits_0(files, capsys):
    assert main(["fmt", "--check", str(files["canonical"])]) == 0
    assert capsys.readouterr().out == ""


def test_check_lists_files_that_would_change_and_exits_1(files, capsys):
    code = main(["fmt", "--check", str(files["canonical"]), str(files["ugly"]), str(files["yaml"])])
    assert code == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"would reformat {files['ugly']}", f"would reformat {files['yaml']}"]
    assert files["ugly"].read_text() == UGLY  # --check changes nothing


def test_rewrite_makes_files_canonical(files, capsys):
    assert main(["fmt", str(files["ugly"]), str(files["yaml"]), str(files["canonical"])]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"reformatted {files['ugly']}",
        f"reformatted {files['yaml']}",
    ]
    assert files["ugly"].read_text() == CANONICAL
    assert files["yaml"].read_text() == YAML_CANONICAL
    assert main(["fmt", "--check", str(files["ugly"]), str(files["yaml"])]) == 0


def test_unparsable_file_exits_2_and_the_others_are_still_done(files, capsys):
    code = main(["fmt", str(files["broken"]), str(files["ugly"])])
    assert code == 2
    captured = capsys.readouterr()
    assert (
        captured.err.strip() == f"{files['broken']}:3:14: expected a member name in double quotes"
    )
    assert "Traceback" not in captured.err
    assert captured.out.strip() == f"reformatted {files['ugly']}"
    assert files["ugly"].read_text() == CANONICAL


@pytest.mark.parametrize("check", [True, False])
def test_missing_and_binary_files_exit_2(tmp_path: Path, capsys, check: bool):
    binary = tmp_path / "b.asl.json"
    binary.write_bytes(b"\x00\x01\x02")
    args = ["fmt", str(tmp_path / "missing.asl.json"), str(binary)]
    assert main([*args, "--check"] if check else args) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{tmp_path / 'missing.asl.json'}: no such file"
    assert err[1].startswith(f"{binary}: is a binary file")


def test_duplicate_keys_are_warned_about(tmp_path: Path, capsys):
    path = tmp_path / "dup.asl.json"
    path.write_text('{\n  "StartAt": "A",\n  "StartAt": "B",\n  "States": {}\n}\n')
    assert main(["fmt", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:3:3: duplicate key 'StartAt' (first at line 2, col 3)" in err
    assert '"StartAt": "B"' in path.read_text()


def test_no_files_is_a_usage_error(capsys):
    assert main(["fmt"]) == 2
    assert "FILE" in capsys.readouterr().err
