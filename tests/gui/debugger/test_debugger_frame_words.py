"""Frames read one-based with the container's word ("branch 2", "item 1"); run panel fits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aslstudio.ui.dataflow_view import frame_words

PASS = {"Type": "Pass", "End": True}
MACHINE = {
    "StartAt": "Fan Out",
    "States": {
        "Fan Out": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "Left", "States": {"Left": PASS}},
                {"StartAt": "Right", "States": {"Right": PASS}},
            ],
            "ResultPath": None,
            "Next": "Each",
        },
        "Each": {
            "Type": "Map",
            "ItemsPath": "$.items",
            "ItemProcessor": {"StartAt": "One", "States": {"One": PASS}},
            "End": True,
        },
    },
}


@pytest.mark.parametrize(
    ("frame", "types", "expected"),
    [
        ([("Rules", 0)], {"Rules": "Parallel"}, "Rules, branch 1"),
        ([("Files", 2)], {"Files": "Map"}, "Files, item 3"),
        (
            [("Rules", 1), ("Files", 0)],
            {"Rules": "Parallel", "Files": "Map"},
            "Rules, branch 2 / Files, item 1",
        ),
        ([("Gone", 4)], None, "Gone, item 5"),
        ([], {"Rules": "Parallel"}, ""),
    ],
)
def test_frame_words(frame: list[tuple[str, int]], types: Any, expected: str) -> None:
    assert frame_words(frame, types) == expected


def _run(open_debugger: Any, qtbot: Any, tmp_path: Path) -> Any:
    path = tmp_path / "fan.asl.json"
    path.write_text(json.dumps(MACHINE), encoding="utf-8")
    _window, debugger = open_debugger(path)
    debugger.run_panel.editor.setPlainText(json.dumps({"items": ["a", "b", "c"]}))
    debugger.actions["actionRun"].trigger()
    qtbot.waitUntil(lambda: not debugger.runner.active, timeout=10000)
    assert debugger.execution is not None
    return debugger


@pytest.mark.parametrize(
    ("state", "nth", "words"),
    [
        ("Left", 0, "in Fan Out, branch 1"),
        ("Right", 0, "in Fan Out, branch 2"),
        ("One", 2, "in Each, item 3"),
    ],
)
def test_data_flow_title_names_the_frame(open_debugger, qtbot, tmp_path, state, nth, words):
    debugger = _run(open_debugger, qtbot, tmp_path)
    records = debugger.execution.records
    index = [i for i, r in enumerate(records) if r.name == state][nth]
    debugger.select_step(index)
    title = debugger.dataflow.title.text()
    assert title.endswith(words)
    assert "[" not in title
    assert "  " not in title


@pytest.mark.parametrize(("container", "word"), [("Fan Out", "branch"), ("Each", "item")])
def test_child_selector_is_one_based(open_debugger, qtbot, tmp_path, container, word):
    debugger = _run(open_debugger, qtbot, tmp_path)
    panel = debugger.run_panel
    panel.container_picker.setCurrentText(container)
    picker = panel.child_picker
    assert picker.text() == "all"
    picker.setValue(1)
    assert picker.text() == f"{word} 2"
    assert panel.child_choice() == (container, 1)
    assert picker.valueFromText(f"{word} 1") == 0


def test_run_panel_input_does_not_wrap_and_show_row_fits(open_debugger, qtbot, tmp_path):
    debugger = _run(open_debugger, qtbot, tmp_path)
    panel = debugger.run_panel
    long_text = json.dumps({"bucket": "nutrition-intake-" + "-".join(["part"] * 40)})
    panel.editor.setPlainText(long_text)
    qtbot.waitUntil(lambda: panel.editor.horizontalScrollBar().maximum() > 0, timeout=2000)
    assert panel.editor.document().lineCount() == 1  # one line: no break at a hyphen
    combo, spin = panel.container_picker, panel.child_picker
    assert (
        spin.mapTo(panel, spin.rect().topLeft()).y()
        > combo.mapTo(panel, combo.rect().bottomLeft()).y()
    )
    assert combo.width() > spin.width() // 2
