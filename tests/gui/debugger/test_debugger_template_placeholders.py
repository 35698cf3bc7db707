"""A template file with unquoted `${Name}` values runs in the designer with its substitutions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from aslstudio.ui.debugger import install_debugger
from aslstudio.ui.designer_window import DesignerWindow

TEMPLATE = """{
  "StartAt": "Pause",
  "States": {
    "Pause": {"Type": "Wait", "Seconds": ${PauseSeconds}, "Next": "Done"},
    "Done": {"Type": "Pass", "Result": {"enabled": ${Enabled}}, "End": true}
  }
}
"""


def test_unquoted_placeholders_are_filled_as_values(qtbot: Any, tmp_path: Path) -> None:
    machine = tmp_path / "timer.asl.json"
    machine.write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "timer.substitutions.json").write_text(
        json.dumps({"PauseSeconds": "90", "Enabled": "true"}), encoding="utf-8"
    )
    (tmp_path / "timer.input.json").write_text("{}", encoding="utf-8")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = DesignerWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_file(machine)
    debugger = install_debugger(window)
    debugger.run()
    qtbot.waitUntil(
        lambda: debugger.execution is not None and debugger.execution.status != "RUNNING",
        timeout=10_000,
    )
    execution = debugger.execution
    assert execution is not None
    assert execution.status == "SUCCEEDED"
    assert execution.output == {"enabled": True}
    assert debugger.virtual_seconds() >= 90
    window.qdoc.document.mark_clean()
