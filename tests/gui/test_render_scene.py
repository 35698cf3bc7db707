"""The scene builder, the style table, item statuses, level of detail and the history path."""

from __future__ import annotations

import json
import sys

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from aslstudio.render.edge_items import EdgeItem, EdgeLabelItem, MarkerItem
from aslstudio.render.history import HistoryError, path_from_events, read_history
from aslstudio.render.items import ContainerItem, StateItem
from aslstudio.render.scene_builder import build_scene
from aslstudio.render.style import (
    EDGES,
    KINDS,
    STATUSES,
    THEMES,
    edge_style,
    state_colours,
    status_colour,
    theme,
)


def _luminance(hex_colour: str) -> float:
    colour = QColor(hex_colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_text_on_every_kind_is_readable(kind, theme_name):
    fill, border, accent = state_colours(kind, theme_name)
    look = theme(theme_name)
    assert _contrast(look.text, fill) >= 7.0  # names: WCAG AAA
    assert _contrast(look.subtle_text, fill) >= 4.5  # detail line: WCAG AA
    assert _contrast(accent, fill) >= 3.0  # type tag (bold, a non-colour cue as well)
    assert _contrast(border, look.background) >= 3.0  # the shape stands out from the page


def test_kinds_differ_by_more_than_colour():
    tags = [k.tag for k in KINDS.values()]
    assert len(set(tags)) == len(tags)
    shapes = {k.shape for k in KINDS.values()}
    assert {"task", "choice", "wait", "terminal_ok", "terminal_fail", "container"} <= shapes


@pytest.mark.parametrize("theme_name", THEMES)
def test_edge_and_status_colours_are_visible(theme_name):
    background = theme(theme_name).background
    for kind in EDGES:
        assert _contrast(edge_style(kind).colour[THEMES.index(theme_name)], background) >= 3.0
    for status in STATUSES[1:]:
        assert _contrast(status_colour(status, theme_name), background) >= 3.0
    assert edge_style("catch").dashed
    assert not edge_style("next").dashed


def test_unknown_status_or_theme_is_refused():
    with pytest.raises(ValueError, match="run status"):
        status_colour("running", "light")
    with pytest.raises(ValueError, match="theme"):
        theme("sepia")


def test_scene_has_one_item_per_state_with_name_and_idle(qapp, small):
    scene = build_scene(small.geometry(), small.definition)
    named = [i for i in scene.items() if i.data(0) is not None]
    assert sorted(i.data(0) for i in named) == sorted(small.names)
    assert {i.data(1) for i in named} == {"idle"}
    assert isinstance(scene.item_for("Checks"), ContainerItem)
    assert isinstance(scene.item_for("LoadRecord"), StateItem)


def test_scene_draws_edge_words_markers_and_retry(qapp, small):
    scene = build_scene(small.geometry(), small.definition)
    labels = {i.text for i in scene.items() if isinstance(i, EdgeLabelItem)}
    assert {"otherwise", "on any error", "valid is true"} <= labels
    kinds = sorted(i.kind for i in scene.items() if isinstance(i, EdgeItem))
    assert kinds.count("catch") == 1
    markers = [i.kind for i in scene.items() if isinstance(i, MarkerItem)]
    assert markers.count("start") == 1
    assert markers.count("end") >= 2
    load = scene.item_for("LoadRecord")
    assert load is not None
    assert load.text.retry == "retry ×720 every 5 s"
    assert load.text.detail == "Lambda load-record"
    tip = load.toolTip()
    for word in ("Task", "arn:aws:states:::lambda:invoke", "IsValid", "retry ×720", "States.ALL"):
        assert word in tip
    assert "Reads the nutrition record" in tip
    choice = scene.item_for("IsValid")
    assert choice is not None
    assert "if valid is true → Checks" in choice.toolTip()
    assert "→ Broken" in choice.toolTip()


def test_status_setters_and_history_path(qapp, small):
    scene = build_scene(small.geometry(), small.definition)
    scene.set_status("IsValid", "active")
    item = scene.item_for("IsValid")
    assert item is not None
    assert item.data(1) == "active"
    with pytest.raises(ValueError, match="run status"):
        item.set_status("weird")
    assert scene.set_edge_status("LoadRecord", "IsValid", "active") == 1
    assert scene.set_edge_status("IsValid", "LoadRecord", "active") == 0
    events = [
        {"id": 1, "type": "ExecutionStarted"},
        {
            "id": 2,
            "previousEventId": 1,
            "type": "TaskStateEntered",
            "stateEnteredEventDetails": {"name": "LoadRecord"},
        },
        {
            "id": 3,
            "previousEventId": 2,
            "type": "TaskStateExited",
            "stateExitedEventDetails": {"name": "LoadRecord"},
        },
        {
            "id": 4,
            "previousEventId": 3,
            "type": "ChoiceStateEntered",
            "stateEnteredEventDetails": {"name": "IsValid"},
        },
        {
            "id": 5,
            "previousEventId": 4,
            "type": "ChoiceStateExited",
            "stateExitedEventDetails": {"name": "IsValid"},
        },
        {
            "id": 6,
            "previousEventId": 5,
            "type": "FailStateEntered",
            "stateEnteredEventDetails": {"name": "Broken"},
        },
        {
            "id": 7,
            "previousEventId": 6,
            "type": "ExecutionFailed",
            "executionFailedEventDetails": {"error": "Invalid"},
        },
    ]
    path = path_from_events(events)
    assert path.visited == {"LoadRecord", "IsValid", "Broken"}
    assert path.failed == {"Broken"}
    assert path.transitions == {("LoadRecord", "IsValid"), ("IsValid", "Broken")}
    scene.apply_path(path)
    status = {name: items[0].data(1) for name, items in scene.names.items()}
    assert status["LoadRecord"] == "visited"
    assert status["Broken"] == "failed"
    assert status["Done"] == "idle"
    assert status["Checks"] == "idle"
    taken = {(e.source, e.target) for e in scene.edge_items if e.status == "visited"}
    assert taken == {
        ("/States/LoadRecord", "/States/IsValid"),
        ("/States/IsValid", "/States/Broken"),
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "not valid JSON"), ('{"events": 3}', "expected a list"), ("\xff", None)],
)
def test_history_file_problems_are_one_line(tmp_path, content, message):
    path = tmp_path / "h.json"
    if message is None:
        path.write_bytes(b"\xff\xfe")
        message = "cannot read"
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(HistoryError, match=message) as info:
        read_history(path)
    assert "\n" not in str(info.value)


def test_history_accepts_a_bare_event_list(tmp_path):
    path = tmp_path / "h.json"
    path.write_text(
        json.dumps(
            [{"id": 1, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}}]
        ),
        encoding="utf-8",
    )
    assert read_history(path).visited == {"A"}


def _text_pixels(small, scale: float) -> int:
    """Pixels close to the theme's text colour when one Task box is drawn at ``scale``."""
    scene = QGraphicsScene()
    source = build_scene(small.geometry(), small.definition).item_for("LoadRecord")
    assert source is not None
    item = StateItem("/States/A", source.text, (240, 80), theme("light"))
    scene.addItem(item)
    size = (int(260 * scale), int(100 * scale))
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, *size), QRectF(-10, -10, 260, 100))
    painter.end()
    text = QColor(theme("light").text)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - text.red()) + abs(pixel.green() - text.green()) < 40:
                count += 1
    return count


def test_level_of_detail_hides_text_when_zoomed_out(qapp, small):
    assert _text_pixels(small, 1.0) > 50
    assert _text_pixels(small, 0.3) == 0


def test_none_keeps_its_references_under_pyside(qapp):
    """PySide6 6.12 on CPython 3.11 drops a reference to None per void call.

    pyproject keeps that release away from 3.11, and render guards it when installed by hand:
    either way, thousands of void Qt calls must not wear None's reference count down.
    """
    import gc

    from PySide6.QtGui import QPen
    from PySide6.QtWidgets import QGraphicsRectItem

    import aslstudio.render as render

    item = QGraphicsRectItem(0, 0, 10, 10)
    pen = QPen()
    gc.collect()
    gc.disable()  # no unrelated objects freed while counting
    try:
        before = sys.getrefcount(None)
        for _ in range(2000):
            item.setPen(pen)
            item.setToolTip("x")
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after >= before - 50 or after > render.NONE_GUARD // 2


def test_hovering_a_state_emphasises_its_transitions(qapp, small):
    scene = build_scene(small.geometry(), small.definition)
    item = scene.item_for("IsValid")
    assert isinstance(item, StateItem)
    assert item.on_hover is not None
    item.on_hover(item.state_id, True)
    bold = {(e.source, e.target) for e in scene.edge_items if e.emphasised}
    assert bold == {
        ("/States/LoadRecord", "/States/IsValid"),
        ("/States/IsValid", "/States/Checks"),
        ("/States/IsValid", "/States/Broken"),
    }
    item.on_hover(item.state_id, False)
    assert not any(e.emphasised for e in scene.edge_items)
