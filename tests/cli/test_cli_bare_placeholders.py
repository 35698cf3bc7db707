"""CLI on JSON templates with unquoted ``${Name}`` values: fmt, run, layout, export, validate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aslstudio.cli import main

TEMPLATE = """{
  "StartAt": "Wait",
  "States": {
    "Wait": {
      "Type": "Wait",
      "Seconds": ${Delay},
      "Next": "Shape"
    },
    "Shape": {
      "Type": "Pass",
      "Result": {
        "retries": ${Retries},
        "enabled": ${Enabled},
        "label": "${Label}"
      },
      "End": true
    }
  }
}
"""


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "tpl.asl.json"
    path.write_text(TEMPLATE)
    return path


def _last_json(text: str) -> Any:
    return json.loads(text.strip().splitlines()[-1])


def test_fmt_check_does_not_flag_a_canonical_template(template: Path, capsys):
    assert main(["fmt", "--check", str(template)]) == 0
    assert capsys.readouterr().out == ""


def test_fmt_rewrites_a_template_keeping_bare_values(tmp_path: Path, capsys):
    path = tmp_path / "ugly.asl.json"
    path.write_text(" ".join(line.strip() for line in TEMPLATE.splitlines()))
    path.write_text(path.read_text().replace("${Retries}", '"${Retries}"'))  # one quoted
    assert main(["fmt", str(path)]) == 0
    written = path.read_text()
    assert '"Seconds": ${Delay},' in written
    assert '"enabled": ${Enabled},' in written
    assert '"retries": "${Retries}",' in written  # quoted in the file: stays quoted
    assert main(["fmt", "--check", str(path)]) == 0  # the result is canonical
    assert "reformatted" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("table", "result"),
    [
        ({"Delay": 0, "Retries": 3, "Enabled": False, "Label": "x"}, [3, False, "x"]),
        ({"Delay": "0", "Retries": "3", "Enabled": "true", "Label": "7"}, [3, True, "7"]),
    ],
)
def test_run_fills_bare_placeholders_with_typed_values(
    template: Path, tmp_path: Path, capsys, table: dict[str, Any], result: list[Any]
):
    subs = tmp_path / "values.json"
    subs.write_text(json.dumps(table))
    assert main(["run", str(template), "--substitutions", str(subs), "--json"]) == 0
    output = _last_json(capsys.readouterr().out)["output"]
    assert [output["retries"], output["enabled"], output["label"]] == result


def test_run_reaching_an_unfilled_bare_placeholder_says_so(template: Path, capsys):
    assert main(["run", str(template), "--json"]) == 1
    assert "${Delay}" in _last_json(capsys.readouterr().out)["cause"]


def test_layout_and_export_draw_a_template(template: Path, tmp_path: Path, capsys):
    assert main(["layout", "--json", str(template)]) == 0
    geometry = _last_json(capsys.readouterr().out)
    assert "Shape" in json.dumps(geometry)
    assert "Wait" in json.dumps(geometry)
    svg = tmp_path / "tpl.svg"
    assert main(["export", str(template), "-o", str(svg)]) == 0
    assert "Shape" in svg.read_text()


def test_validate_notes_each_bare_placeholder_where_it_stands(template: Path, capsys):
    assert main(["validate", str(template)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if " P702 " in line]
    assert [line.split(": ")[0].rsplit(":", 2)[1:] for line in notes] == [
        ["6", "18"],
        ["12", "20"],
        ["13", "20"],
    ]
