"""`aslstudio export`: every format opens and names every state; bad input is one line, exit 2."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from aslstudio.asl.scopes import iter_states
from aslstudio.cli import main

ROOT = Path(__file__).resolve().parents[2]
NUTRITION = ROOT / "examples/nutrition-validation/nutrition-validation.asl.json"

MACHINE = {
    "Comment": "export test machine",
    "StartAt": 'Load "Record"',
    "States": {
        'Load "Record"': {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "load-record"},
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Report <Failure>"}],
            "Next": "Checks",
        },
        "Checks": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "Sugar", "States": {"Sugar": {"Type": "Pass", "End": True}}},
                {
                    "StartAt": "Salt",
                    "States": {"Salt": {"Type": "Wait", "Seconds": 5, "End": True}},
                },
            ],
            "Next": "Is Valid?",
        },
        "Is Valid?": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Done"}],
            "Default": "Report <Failure>",
        },
        "Done": {"Type": "Succeed"},
        "Report <Failure>": {"Type": "Fail", "Error": "Invalid"},
    },
}
NAMES = ['Load "Record"', "Checks", "Sugar", "Salt", "Is Valid?", "Done", "Report <Failure>"]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (no image library needed)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    path = tmp_path / "m.asl.json"
    path.write_text(json.dumps(MACHINE), encoding="utf-8")
    return path


def _export(src: Path, out: Path, *extra: str) -> int:
    return main(["export", str(src), "-o", str(out), *extra])


def test_svg_keeps_every_state_name_as_text(machine, tmp_path):
    out = tmp_path / "m.svg"
    assert _export(machine, out) == 0
    text = out.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", text)
    unescaped = [t.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">") for t in texts]
    for name in NAMES:
        assert name in unescaped, name


def test_dot_and_mermaid_name_every_state_and_cluster_containers(machine, tmp_path):
    dot, mmd = tmp_path / "m.dot", tmp_path / "m.mmd"
    assert _export(machine, dot) == 0
    assert _export(machine, mmd) == 0
    dot_text, mmd_text = dot.read_text("utf-8"), mmd.read_text("utf-8")
    assert dot_text.startswith("digraph")
    assert "subgraph cluster_" in dot_text
    assert 'label="otherwise"' in dot_text
    assert "style=dashed" in dot_text  # the catch edge
    assert "_join [shape=point" in dot_text  # branch ends meet at the container's join point
    assert dot_text.count("style=dotted") == 4  # two branch rails, two join rails
    assert mmd_text.startswith("flowchart TD")
    assert "subgraph " in mmd_text
    assert '-.->|"on any error"|' in mmd_text
    for name in NAMES:
        assert name.replace('"', '\\"') in dot_text, name
        assert name.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;") in mmd_text


def test_png_scale_sets_the_dimensions(machine, tmp_path):
    one, two = tmp_path / "a.png", tmp_path / "b.png"
    assert _export(machine, one) == 0
    assert _export(machine, two, "--scale", "2") == 0
    (w1, h1), (w2, h2) = png_size(one), png_size(two)
    assert w1 > 300
    assert h1 > 300
    assert abs(w2 - 2 * w1) <= 2
    assert abs(h2 - 2 * h1) <= 2


def test_pdf_is_one_page_of_the_diagram_size(machine, tmp_path):
    pdf, png = tmp_path / "m.pdf", tmp_path / "m.png"
    assert _export(machine, pdf) == 0
    assert _export(machine, png) == 0
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert len(boxes) == 1
    width, height = (float(v) for v in boxes[0])
    image_w, image_h = png_size(png)
    assert abs(width - image_w) <= 2
    assert abs(height - image_h) <= 2


def test_history_tints_the_path_taken(machine, tmp_path):
    history = tmp_path / "h.json"
    events = [
        {"id": 1, "type": "ExecutionStarted"},
        {
            "id": 2,
            "previousEventId": 1,
            "type": "TaskStateEntered",
            "stateEnteredEventDetails": {"name": 'Load "Record"'},
        },
        {"id": 3, "previousEventId": 2, "type": "TaskFailed", "taskFailedEventDetails": {}},
        {
            "id": 4,
            "previousEventId": 3,
            "type": "TaskStateExited",
            "stateExitedEventDetails": {"name": 'Load "Record"'},
        },
        {
            "id": 5,
            "previousEventId": 4,
            "type": "FailStateEntered",
            "stateEnteredEventDetails": {"name": "Report <Failure>"},
        },
        {"id": 6, "previousEventId": 5, "type": "ExecutionFailed"},
    ]
    history.write_text(json.dumps({"events": events}), encoding="utf-8")
    plain, tinted = tmp_path / "p.dot", tmp_path / "t.dot"
    assert _export(machine, plain) == 0
    assert _export(machine, tinted, "--history", str(history)) == 0
    text = tinted.read_text("utf-8")
    assert "penwidth=3" not in plain.read_text("utf-8")
    assert text.count('color="#c62828", penwidth=3') == 1  # the failed state
    assert text.count('color="#1f7a8c", penwidth=3') == 1  # the visited task
    svg_plain, svg_tinted = tmp_path / "p.svg", tmp_path / "t.svg"
    assert _export(machine, svg_plain) == 0
    assert _export(machine, svg_tinted, "--history", str(history)) == 0
    assert "#c62828" not in svg_plain.read_text("utf-8")
    assert "#c62828" in svg_tinted.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/x.txt"], "unknown export format '.txt'"),
        (["-o", "{tmp}/missing/x.svg"], "does not exist"),
        (["-o", "{tmp}/x.png", "--scale", "0"], "--scale"),
        (["-o", "{tmp}/x.svg", "--history", "{tmp}/nope.json"], "nope.json"),
        (["-o", "/proc/x.svg"], "cannot write the file"),
        (["-o", "/proc/x.pdf"], "cannot write the file"),
    ],
)
def test_bad_arguments_are_one_line_exit_2(machine, tmp_path, capsys, args, message):
    filled = [a.format(tmp=tmp_path) for a in args]
    assert main(["export", str(machine), *filled]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"StartAt": "A",\n "States": {"A": ', "bad.asl.json:2:"),
        ("[]", "top level"),
        ("\x00\x01binary", "bad.asl.json"),
    ],
)
def test_bad_definitions_are_one_line_exit_2(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.asl.json"
    bad.write_text(content, encoding="utf-8")
    assert main(["export", str(bad), "-o", str(tmp_path / "x.svg")]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_headless_subprocess_without_display(machine, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    out = tmp_path / "sub.png"
    result = subprocess.run(
        [sys.executable, "-m", "aslstudio", "export", str(machine), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert png_size(out)[0] > 100


def test_text_exports_do_not_load_qt(machine, tmp_path):
    code = (
        "import sys; from aslstudio.cli import main; "
        f"rc = main(['export', {str(machine)!r}, '-o', {str(tmp_path / 'q.mmd')!r}]); "
        "print(rc, 'PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.split() == ["0", "False"], result.stderr


@pytest.mark.parametrize("suffix", [".svg", ".dot", ".mmd"])
def test_nutrition_example_exports_name_every_state(tmp_path, suffix):
    out = tmp_path / f"n{suffix}"
    assert _export(NUTRITION, out) == 0
    text = out.read_text(encoding="utf-8")
    definition = json.loads(NUTRITION.read_text(encoding="utf-8"))
    names = [ref.name for ref in iter_states(definition)]
    assert len(names) == 94
    for name in names:
        for word in name.split(" "):
            assert word.replace("&", "&amp;") in text or word in text, name


def test_yaml_definitions_export_too(tmp_path):
    src = tmp_path / "m.asl.yaml"
    src.write_text(
        "StartAt: Greet\nStates:\n  Greet:  # say hello\n    Type: Pass\n    Next: Done\n"
        "  Done:\n    Type: Succeed\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.mmd"
    assert _export(src, out) == 0
    text = out.read_text("utf-8")
    assert "<b>Greet</b>" in text
    assert "<b>Done</b>" in text
    assert "s0 --> s1" in text


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is a benchmark-only peer tool")
def test_graphviz_reads_the_dot_export(machine, tmp_path):
    out = tmp_path / "m.dot"
    assert _export(machine, out) == 0
    result = subprocess.run(
        ["dot", "-Tsvg", str(out)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Report &lt;Failure&gt;" in result.stdout
