"""The rule builder's field picker reads the sample input beside the machine, by full stem."""

from __future__ import annotations

import json
from pathlib import Path

from aslstudio.ui.choice_ops import sample_for


def test_a_dotted_machine_name_finds_its_own_input(tmp_path: Path) -> None:
    machine = tmp_path / "my.orders.asl.json"
    machine.write_text("{}", encoding="utf-8")
    (tmp_path / "my.input.json").write_text(json.dumps({"wrong": 1}), encoding="utf-8")
    (tmp_path / "my.orders.input.json").write_text(json.dumps({"right": 1}), encoding="utf-8")
    assert sample_for(machine) == {"right": 1}


def test_named_inputs_are_used_when_there_is_no_single_input(tmp_path: Path) -> None:
    machine = tmp_path / "m.asl.yaml"
    machine.write_text("StartAt: A\n", encoding="utf-8")
    folder = tmp_path / "m.inputs"
    folder.mkdir()
    (folder / "b.json").write_text("{not json", encoding="utf-8")
    (folder / "a.json").write_text(json.dumps({"first": True}), encoding="utf-8")
    assert sample_for(machine) == {"first": True}
    assert sample_for(None) is None
