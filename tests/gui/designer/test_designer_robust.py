"""Broken and odd machines: every panel opens every state without a traceback, and work goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from aslstudio.asl.scopes import iter_states
from aslstudio.ui.designer_window import DesignerWindow

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = sorted(
    [
        *(ROOT / "tests/fixtures/broken").glob("*.asl.*"),
        *(ROOT / "tests/fixtures/realworld").glob("*.asl.*"),
    ]
)


def _visit_every_state(window: DesignerWindow) -> int:
    count = 0
    for ref in list(iter_states(window.qdoc.data)):
        window.select_state(ref.pointer)
        window.inspector.rebuild()
        window.rule_editor.rebuild()
        count += 1
    return count


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_opens_or_explains(designer, path):
    opened = designer.open_file(path)
    if not opened:
        message = designer.banner.text()
        assert path.name in message
        assert "Traceback" not in message
        return
    designer.validator.validate_now()
    assert designer.problems_panel.model().rowCount() == len(designer.diagnostics)
    _visit_every_state(designer)
    designer.code_view.set_active(True)
    assert designer.code_view.editor.toPlainText().strip()


def test_machine_without_states_opens_and_can_be_fixed_in_code(designer, tmp_path):
    path = tmp_path / "empty.asl.json"
    path.write_text('{\n  "StartAt": "A"\n}\n', encoding="utf-8")
    assert designer.open_file(path)
    assert "no states to draw" in designer.banner.text()
    view = designer.code_view
    view.set_active(True)
    view.editor.setPlainText('{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Succeed"}}\n}\n')
    assert view.apply_text()
    assert designer.scene is not None
    assert "/States/A" in designer.scene.state_items
    assert designer.banner.isHidden()


def test_top_level_list_is_refused_with_a_message(designer, tmp_path):
    path = tmp_path / "list.asl.json"
    path.write_text("[1, 2]", encoding="utf-8")
    assert not designer.open_file(path)
    assert "list.asl.json" in designer.banner.text()
