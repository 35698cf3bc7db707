"""Side files beside a machine: the stem they share, which exist, the named sample inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from aslstudio.asl.companions import MOCKS, companion, machine_stem, sample_inputs


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("orders.asl.json", "orders"),
        ("orders.asl.yaml", "orders"),
        ("orders.asl.yml", "orders"),
        ("my.orders.v2.asl.json", "my.orders.v2"),  # dots in the name are kept
        ("plain.json", "plain"),
        ("notes.txt", "notes"),
        (".asl.json", ".asl"),  # a suffix alone is no stem
    ],
)
def test_machine_stem(name: str, stem: str) -> None:
    assert machine_stem(Path("/x") / name) == stem


def test_companions_and_sample_inputs(tmp_path: Path) -> None:
    machine = tmp_path / "my.orders.asl.json"
    assert companion(machine, MOCKS) is None
    assert sample_inputs(machine) == {}
    (tmp_path / "my.orders.mocks.json").write_text("{}")
    (tmp_path / "my.orders.input.json").write_text("{}")
    (tmp_path / "my.orders.inputs").mkdir()
    for name in ("b.json", "a.json", "skip.txt"):
        (tmp_path / "my.orders.inputs" / name).write_text("{}")
    assert companion(machine, MOCKS) == tmp_path / "my.orders.mocks.json"
    assert list(sample_inputs(machine)) == [
        "my.orders.input.json",
        "my.orders.inputs/a.json",
        "my.orders.inputs/b.json",
    ]
