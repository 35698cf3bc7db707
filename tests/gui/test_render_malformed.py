"""Odd but parseable definitions still draw (or say why), in the window and in every export."""

from __future__ import annotations

import json

import pytest

from aslstudio.cli import main
from aslstudio.ui.main_window import MainWindow

ODD: dict[str, object] = {
    "unknown type": {"StartAt": "A", "States": {"A": {"Type": "Teleport", "End": True}}},
    "missing type": {"StartAt": "A", "States": {"A": {"End": True}}},
    "dangling next": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}},
    "bad start": {"StartAt": "Nope", "States": {"A": {"Type": "Succeed"}}},
    "state not an object": {"StartAt": "A", "States": {"A": 3, "B": {"Type": "Succeed"}}},
    "cycle": {
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}},
    },
    "branches not a list": {
        "StartAt": "P",
        "States": {"P": {"Type": "Parallel", "Branches": {"x": 1}, "End": True}},
    },
    "empty map": {"StartAt": "M", "States": {"M": {"Type": "Map", "End": True}}},
    "junk choice": {
        "StartAt": "C",
        "States": {
            "C": {"Type": "Choice", "Choices": [3, {"Variable": 5, "Next": "D"}], "Default": 7},
            "D": {"Type": "Succeed"},
        },
    },
    "placeholders": {
        "StartAt": "T",
        "States": {"T": {"Type": "Task", "Resource": "${Fn}", "Retry": [{}], "End": True}},
    },
    "odd names": {"StartAt": "<&\"'>", "States": {"<&\"'>": {"Type": "Succeed"}}},
}


@pytest.mark.parametrize("case", sorted(ODD))
def test_window_draws_or_explains(qtbot, tmp_path, case):
    path = tmp_path / "odd.asl.json"
    path.write_text(json.dumps(ODD[case]), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    if window.open_file(path):
        assert window.scene is not None
        assert any(i.data(0) is not None for i in window.scene.items())
    else:
        assert "odd.asl.json" in window.banner.text()


@pytest.mark.parametrize("case", sorted(ODD))
@pytest.mark.parametrize("suffix", [".svg", ".dot", ".mmd"])
def test_exports_never_trace_back(tmp_path, capsys, case, suffix):
    path = tmp_path / "odd.asl.json"
    path.write_text(json.dumps(ODD[case]), encoding="utf-8")
    code = main(["export", str(path), "-o", str(tmp_path / f"out{suffix}")])
    err = capsys.readouterr().err
    assert code in (0, 2)
    assert "Traceback" not in err
    if code == 2:
        assert err.count("\n") == 1
