"""The positions sidecar: its name beside the machine, reading, checking, writing, renaming."""

from __future__ import annotations

import pytest

from aslstudio.asl.positions import (
    PositionsError,
    dump_sidecar,
    parse_sidecar,
    read_sidecar,
    renamed,
    sidecar_path,
    write_sidecar,
)


@pytest.mark.parametrize(
    ("machine", "sidecar"),
    [
        ("dir/foo.asl.json", "dir/foo.layout.json"),
        ("foo.asl.yaml", "foo.layout.json"),
        ("foo.asl.yml", "foo.layout.json"),
        ("foo.txt", "foo.layout.json"),
        ("foo.json", "foo.layout.json"),
        ("foo.yaml", "foo.layout.json"),
        ("machine", "machine.layout.json"),
        ("a.b.asl.json", "a.b.layout.json"),
        (".asl.json", ".asl.layout.json"),
    ],
)
def test_sidecar_name(machine, sidecar):
    assert sidecar_path(machine).as_posix() == sidecar


def test_write_then_read_round_trip(tmp_path):
    positions = {"Zeta": (10.0, -4.5), "Ä name": (0.25, 3e3), 'q"uote': (1.0, 2.0)}
    target = tmp_path / "m.layout.json"
    write_sidecar(target, positions)
    text = target.read_text(encoding="utf-8")
    assert text.index('"Zeta"') < text.index('"q\\"uote"') < text.index('"Ä name"')  # sorted
    assert read_sidecar(target) == {"Zeta": (10.0, -4.5), "Ä name": (0.2, 3000.0), 'q"uote': (1, 2)}


def test_missing_sidecar_is_none(tmp_path):
    assert read_sidecar(tmp_path / "none.layout.json") is None


def test_empty_positions_may_be_left_out():
    assert parse_sidecar('{"version": 1}') == {}
    assert parse_sidecar(dump_sidecar({})) == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{\n  oops", "f.json:2:3: "),
        ('{"version": true}', "version must be 1 (found true)"),
        ('{"version": "1"}', 'version must be 1 (found "1")'),
        ('{"version": 1, "positions": []}', "positions must be an object"),
        ('{"version": 1, "positions": {"A": [1, true]}}', 'positions["A"] must be [x, y]'),
        ('{"version": 1, "positions": {"A": {"x": 1}}}', 'positions["A"] must be [x, y]'),
        ('{"version": 1, "positions": {"A": [1, Infinity]}}', "Infinity is not a number"),
        ('{"version": 1, "positions": {"A": [1e300, 0]}}', "between -1000000 and 1000000"),
        ('{"version": 1, "positions": {"A": [0, ' + "9" * 400 + "]}}", 'positions["A"]'),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_malformed_text_is_one_precise_message(text, message):
    with pytest.raises(PositionsError) as info:
        parse_sidecar(text, "f.json")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_unreadable_sidecar_names_the_file(tmp_path):
    target = tmp_path / "m.layout.json"
    target.mkdir()
    assert read_sidecar(target) is None  # a folder of that name is not a sidecar
    bad = tmp_path / "b.layout.json"
    bad.write_bytes(b"\x80abc")
    with pytest.raises(PositionsError, match=r"b\.layout\.json: not UTF-8"):
        read_sidecar(bad)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("A", "B", {"B": (1.0, 1.0), "C": (2.0, 2.0)}),
        ("X", "B", {"A": (1.0, 1.0), "C": (2.0, 2.0)}),
        ("A", "C", {"C": (1.0, 1.0)}),  # a stale entry under the new name gives way
    ],
)
def test_renamed(old, new, expected):
    assert renamed({"A": (1.0, 1.0), "C": (2.0, 2.0)}, old, new) == expected
