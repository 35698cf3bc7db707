"""The read-only window: opening, item roles, zoom, fit, find, collapse, tooltips, themes."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QGraphicsItem, QGraphicsView

from aslstudio.asl.scopes import iter_states
from aslstudio.render.items import ContainerItem, StateItem
from aslstudio.render.source import load_definition
from aslstudio.render.style import theme
from aslstudio.ui import app as app_module
from aslstudio.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, machine_file):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_file(machine_file)
    return win


def _named(win: MainWindow) -> list[QGraphicsItem]:
    assert win.scene is not None
    return [i for i in win.scene.items() if i.data(0) is not None]


def test_every_state_has_an_item_with_name_and_idle(window, machine_file):
    definition = load_definition(machine_file)
    names = sorted(ref.name for ref in iter_states(definition))
    assert len(names) >= 90
    items = _named(window)
    assert sorted(i.data(0) for i in items) == names
    assert {i.data(1) for i in items} == {"idle"}
    assert window.objectName() == "MainWindow"
    assert window.findChild(QGraphicsView, "canvasView") is window.canvas
    assert window.findChild(QDockWidget, "minimapDock") is not None
    for name in ("actionOpen", "actionExport", "actionFind", "actionZoomFit", "actionAutoLayout"):
        assert window.findChild(QAction, name) is not None, name


def test_shortcuts_are_the_documented_ones(window):
    keys = {
        "actionFind": "Ctrl+F",
        "actionZoomIn": "Ctrl+=",
        "actionZoomOut": "Ctrl+-",
        "actionZoom100": "Ctrl+0",
        "actionOpen": "Ctrl+O",
    }
    for name, key in keys.items():
        action = window.findChild(QAction, name)
        assert QKeySequence(key) in action.shortcuts(), name


def test_zoom_actions_and_fit(window):
    canvas = window.canvas
    window.findChild(QAction, "actionZoom100").trigger()
    assert canvas.zoom() == pytest.approx(1.0)
    window.findChild(QAction, "actionZoomIn").trigger()
    assert canvas.zoom() > 1.0
    window.findChild(QAction, "actionZoomOut").trigger()
    window.findChild(QAction, "actionZoomOut").trigger()
    assert canvas.zoom() < 1.0
    window.findChild(QAction, "actionZoomFit").trigger()
    visible = canvas.visible_rect()
    whole = window.scene.itemsBoundingRect()
    assert visible.adjusted(-2, -2, 2, 2).contains(whole)
    assert canvas.zoom() < 1.0  # a 94-state machine does not fit at 100 %


def test_wheel_zooms_around_the_pointer(window):
    canvas = window.canvas
    canvas.set_zoom(0.5)
    pos = QPointF(canvas.viewport().width() / 3, canvas.viewport().height() / 3)
    before = canvas.mapToScene(pos.toPoint())
    event = QWheelEvent(
        pos,
        canvas.viewport().mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas.viewport(), event)
    assert canvas.zoom() == pytest.approx(0.6)
    after = canvas.mapToScene(pos.toPoint())
    assert abs(after.x() - before.x()) < 4
    assert abs(after.y() - before.y()) < 4


def test_find_centres_and_cycles_through_matches(window):
    query = "lambda"
    window.findChild(QAction, "actionFind").trigger()
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText(query)
    matches = list(window.matches)
    assert len(matches) >= 3
    seen = []
    for _ in range(len(matches)):
        current = window.current_match()
        assert current is not None
        seen.append(current)
        centre = current.sceneBoundingRect().center()
        assert window.canvas.visible_rect().contains(centre)
        assert current.isSelected()
        window.find_next()
    assert seen == matches  # every match once, in order
    assert window.current_match() is matches[0]  # wrapped round
    window.find_previous()
    assert window.current_match() is matches[-1]
    assert window.find_bar.status.text() == f"{len(matches)} of {len(matches)}"
    window.find_bar.edit.setText("no state is called like this")
    assert window.matches == []
    assert window.find_bar.status.text() == "no match"


def test_find_matches_comment_and_full_resource(window):
    target = next(i for i in _named(window) if isinstance(i, StateItem) and i.text.kind == "Task")
    body = window.definition
    for token in target.state_id.split("/")[1:]:
        body = body[int(token)] if isinstance(body, list) else body[token]
    window.find_bar.edit.setText(body["Resource"].split(":")[-1])
    assert target in window.matches


def test_collapse_reflows_and_expand_restores(window):
    containers = [i for i in _named(window) if isinstance(i, ContainerItem)]
    assert containers
    biggest = max(containers, key=lambda c: c.rect().height())
    before_items = len(_named(window))
    before_height = window.geometry_.height
    biggest.toggle.click()
    after_items = len(_named(window))
    assert after_items < before_items
    assert window.geometry_.height < before_height
    collapsed = window.scene.state_items[biggest.state_id]
    assert isinstance(collapsed, ContainerItem)
    assert collapsed.collapsed
    collapsed.toggle.click()
    assert len(_named(window)) == before_items
    window.findChild(QAction, "actionCollapseAll").trigger()
    assert len(_named(window)) < after_items or len(containers) == 1
    window.findChild(QAction, "actionExpandAll").trigger()
    assert len(_named(window)) == before_items


def test_tidy_layout_redraws_the_same_states(window, qtbot):
    before = sorted(i.data(0) for i in _named(window))
    old_scene = window.scene
    with qtbot.waitSignal(window.scene_rebuilt, timeout=5000) as blocker:
        window.findChild(QAction, "actionAutoLayout").trigger()
    assert window.scene is not old_scene
    assert blocker.args == [window.scene]
    assert sorted(i.data(0) for i in _named(window)) == before


def test_find_opens_collapsed_containers_that_hide_matches(window):
    window.findChild(QAction, "actionCollapseAll").trigger()
    drawn = {i.data(0) for i in _named(window)}
    definition = window.definition
    hidden = next(ref for ref in iter_states(definition) if ref.name not in drawn)
    window.find_bar.edit.setText(hidden.name)
    assert all(m.data(0) != hidden.name for m in window.matches)  # not drawn yet
    window.find_next()
    current = window.current_match()
    assert current is not None
    assert current.data(0) == hidden.name
    assert window.canvas.visible_rect().contains(current.sceneBoundingRect().center())


def test_double_click_on_a_container_title_collapses_it(window, qtbot):
    container = next(i for i in _named(window) if isinstance(i, ContainerItem))
    before = len(_named(window))
    window.canvas.set_zoom(1.0, container.sceneBoundingRect().topLeft())
    title = container.mapToScene(QPointF(container.rect().width() / 2, 10))
    qtbot.mouseDClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.mapFromScene(title)
    )
    assert len(_named(window)) < before


def test_tooltips_show_key_fields(window):
    task = next(i for i in _named(window) if isinstance(i, StateItem) and i.text.kind == "Task")
    tip = task.toolTip()
    assert task.text.name in tip
    assert "Type" in tip
    assert "Resource" in tip
    assert "arn:" in tip


def test_theme_switch_redraws_with_the_dark_table(window):
    count = len(_named(window))
    window.findChild(QAction, "actionThemeDark").trigger()
    assert window.theme_name == "dark"
    assert window.scene.backgroundBrush().color().name() == theme("dark").background
    assert len(_named(window)) == count
    assert "#1f2429" in window.styleSheet()  # the window chrome follows the theme
    for name in ("actionOpen", "actionExport", "actionZoomFit", "actionFind"):
        assert not window.findChild(QAction, name).icon().isNull(), name
    window.set_theme("light")
    assert "#1f2429" not in window.styleSheet()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"StartAt": "A",\n  "States": {', ":2:"),
        ("[1, 2]", "top level"),
        ('{"StartAt": "A", "States": {}}', "no States"),
    ],
)
def test_a_bad_file_shows_a_banner_and_keeps_the_window(qtbot, tmp_path, content, expected):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    bad = tmp_path / "bad.asl.json"
    bad.write_text(content, encoding="utf-8")
    assert not win.open_file(bad)
    assert win.banner.isVisible()
    assert expected in win.banner.text()
    assert "bad.asl.json" in win.banner.text()
    good = tmp_path / "good.asl.json"
    good.write_text(json.dumps({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}), "utf-8")
    assert win.open_file(good)
    assert not win.banner.isVisible()
    assert [i.data(0) for i in _named(win)] == ["A"]


def test_missing_file_is_a_banner_too(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    assert not win.open_file(tmp_path / "nowhere.asl.json")
    assert "nowhere.asl.json" in win.banner.text()


def test_export_from_the_window_uses_the_cli_code(window, tmp_path):
    out = tmp_path / "w.svg"
    window.export_to(out)
    text = out.read_text(encoding="utf-8")
    for item in _named(window):  # long names wrap onto two lines: every word stays text
        for word in item.data(0).split(" "):
            assert word in text, item.data(0)


def test_main_reuses_an_existing_application(qtbot, machine_file):
    assert app_module.main([str(machine_file)]) == 0
    win = app_module.OPEN_WINDOWS.pop()
    qtbot.addWidget(win)
    assert isinstance(win, MainWindow)
    assert len(_named(win)) >= 90


def test_the_command_line_opens_the_window(qtbot, machine_file):
    from aslstudio.cli import main as cli_main

    assert cli_main([str(machine_file)]) == 0
    win = app_module.OPEN_WINDOWS.pop()
    qtbot.addWidget(win)
    assert win.isVisible()
    assert win.path is not None
    assert win.path.name == machine_file.name


def test_screenshot_of_the_fitted_window(window, tmp_path):
    window.canvas.fit_all()
    path = tmp_path / "fit.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_zoom_to_selection_frames_the_selected_state(window):
    window.canvas.fit_all()
    fitted = window.canvas.zoom()
    target = _named(window)[len(_named(window)) // 2]
    target.setSelected(True)
    window.findChild(QAction, "actionZoomSelection").trigger()
    assert window.canvas.zoom() > fitted
    assert window.canvas.visible_rect().contains(target.sceneBoundingRect())


def test_minimap_click_moves_the_canvas(window, qtbot):
    window.canvas.set_zoom(1.0)
    minimap = window.minimap
    window.minimap_dock.resize(300, 400)
    minimap.refit()
    scene_rect = window.scene.sceneRect()
    corner = scene_rect.topLeft() + QPointF(scene_rect.width() * 0.9, scene_rect.height() * 0.9)
    qtbot.mouseClick(
        minimap.viewport(), Qt.MouseButton.LeftButton, pos=minimap.mapFromScene(corner)
    )
    centre = window.canvas.visible_rect().center()
    assert abs(centre.x() - corner.x()) < scene_rect.width() * 0.2
    assert abs(centre.y() - corner.y()) < scene_rect.height() * 0.2


def test_keyboard_shortcuts_reach_the_actions(window, qtbot):
    window.activateWindow()
    window.canvas.setFocus()
    window.canvas.set_zoom(0.5)
    qtbot.keyClick(window.canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.canvas.zoom() == pytest.approx(1.0)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Plus)
    assert window.canvas.zoom() > 1.0
    qtbot.keyClick(window.canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()


def test_fit_reaches_very_tall_machines(qtbot):
    from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

    from aslstudio.ui.canvas import CanvasView

    view = CanvasView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    scene = QGraphicsScene()
    scene.addItem(QGraphicsRectItem(0, 0, 300, 150_000))
    view.setScene(scene)
    view.show()
    view.fit_all()
    assert view.zoom() < 0.01
    assert view.visible_rect().adjusted(-2, -2, 2, 2).contains(scene.itemsBoundingRect())


def test_container_titles_for_far_zoom_follow_collapse(window):
    from aslstudio.render.items import ContainerTitleItem

    titles = [i for i in window.scene.items() if isinstance(i, ContainerTitleItem)]
    expanded = [i for i in _named(window) if isinstance(i, ContainerItem)]
    assert len(titles) == len(expanded) > 0
    window.findChild(QAction, "actionCollapseAll").trigger()
    assert not [i for i in window.scene.items() if isinstance(i, ContainerTitleItem)]


def test_no_display_is_one_line_not_a_qt_abort(machine_file):
    import os
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "aslstudio", str(machine_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no display" in result.stderr
