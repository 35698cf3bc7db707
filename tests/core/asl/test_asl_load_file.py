"""load_file: every way a file can be unreadable gives a precise FileReadError."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from aslstudio.asl.errors import FileReadError, ParseError
from aslstudio.asl.parse import load_file

GOOD = '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}\n'


def _expect(path: Path, fragment: str) -> FileReadError:
    with pytest.raises(FileReadError) as info:
        load_file(path)
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{path}: ")
    return info.value


def test_reads_json_and_yaml_by_suffix(tmp_path: Path):
    (tmp_path / "m.asl.json").write_text(GOOD, encoding="utf-8")
    (tmp_path / "m.asl.yml").write_text("StartAt: A\nStates: {A: {Type: Succeed}}\n")
    json_doc = load_file(tmp_path / "m.asl.json")
    yaml_doc = load_file(str(tmp_path / "m.asl.yml"))
    assert json_doc.data == yaml_doc.data
    assert (json_doc.fmt, yaml_doc.fmt) == ("json", "yaml")
    assert json_doc.filename == str(tmp_path / "m.asl.json")


def test_missing_file(tmp_path: Path):
    _expect(tmp_path / "nope.asl.json", "no such file")


def test_directory(tmp_path: Path):
    _expect(tmp_path, "is a directory")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX non-root")
def test_not_readable(tmp_path: Path):
    path = tmp_path / "locked.asl.json"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        _expect(path, "permission denied")
    finally:
        path.chmod(0o600)


def test_ten_megabytes_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "x.asl.json"
    with path.open("wb") as handle:
        handle.truncate(10_000_000)
    error = _expect(path, "is 10.0 MB; a Step Functions definition may be at most 1 MB")
    assert str(error).count("x.asl.json") == 1  # named once, by the file prefix


def test_binary(tmp_path: Path):
    path = tmp_path / "image.asl.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _expect(path, "binary")


def test_utf16(tmp_path: Path):
    path = tmp_path / "u16.asl.json"
    path.write_bytes(GOOD.encode("utf-16"))
    _expect(path, "UTF-16")


def test_not_utf8_names_line_and_column(tmp_path: Path):
    path = tmp_path / "latin1.asl.json"
    path.write_bytes('{\n  "Comment": "café"\n}'.encode("latin-1"))
    err = _expect(path, "not valid UTF-8")
    assert "line 2, col 18" in err.message
    assert "byte 0xe9" in err.message
    assert "byte offset 19" in err.message


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf  \n"])
def test_empty(tmp_path: Path, content: bytes):
    path = tmp_path / "empty.asl.json"
    path.write_bytes(content)
    _expect(path, "the file is empty")


def test_bom_is_stripped_and_remembered(tmp_path: Path):
    path = tmp_path / "bom.asl.json"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    doc = load_file(path)
    assert doc.bom is True
    assert doc.text == GOOD
    assert doc.data["StartAt"] == "A"


def test_parse_errors_carry_the_path(tmp_path: Path):
    path = tmp_path / "broken.asl.json"
    path.write_text('{"StartAt": "A",\n  "States": {}\n  "x": 1}')
    with pytest.raises(ParseError) as info:
        load_file(path)
    assert str(info.value) == f"{path}:3:3: expected ',' or '}}' after an object member"


def test_fifo_is_refused_without_blocking(tmp_path: Path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "pipe.asl.json"
    os.mkfifo(path)
    _expect(path, "not a regular file")


@pytest.mark.parametrize(
    ("error", "fragment"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(5, "Input/output error"), "cannot be read: Input/output error"),
    ],
)
def test_os_errors_while_reading(tmp_path: Path, monkeypatch, error: OSError, fragment: str):
    path = tmp_path / "m.asl.json"
    path.write_text(GOOD)

    def refuse(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(Path, "open", refuse)
    _expect(path, fragment)
