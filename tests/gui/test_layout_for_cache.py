"""layout_for with the canvas fonts: the shared or a window's LayoutCache gives the same picture
as no reuse at all, and a redraw after an edit lays out only the edited scope."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from aslstudio.layout import Geometry, LayoutCache, layout_definition
from aslstudio.render import export
from aslstudio.render.edge_items import label_size
from aslstudio.render.export import layout_for
from aslstudio.render.shapes import make_measure

ROOT = Path(__file__).resolve().parents[2]
NUTRITION = ROOT / "examples/nutrition-validation/nutrition-validation.asl.json"


def _picture(geo: Geometry) -> dict[str, Any]:
    data = dataclasses.asdict(geo)
    data.pop("timings")
    return data


def test_window_cache_reuses_untouched_scopes(qtbot: QtBot) -> None:
    del qtbot  # only for the QApplication the fonts need
    definition: dict[str, Any] = json.loads(NUTRITION.read_text(encoding="utf-8"))
    cache = LayoutCache()
    first = layout_for(definition, cache=cache)
    steady = layout_for(definition, previous=first, cache=cache)
    edited = copy.deepcopy(definition)
    edited["States"]["Any Rule Failed?"]["Comment"] = "no change to the picture"
    edited["States"]["Any Rule Failed?"]["Default"] = next(iter(edited["States"]))
    before = cache.stats.frame_misses
    cached = layout_for(edited, previous=steady, cache=cache)
    fresh = layout_definition(
        edited, measure=make_measure(), label_measure=label_size, previous=steady
    )
    assert _picture(cached) == _picture(fresh)
    assert cache.stats.frame_misses - before == 1  # the machine's own scope, not its branches


def test_without_a_cache_layout_for_uses_the_shared_one(qtbot: QtBot) -> None:
    del qtbot
    definition: dict[str, Any] = json.loads(NUTRITION.read_text(encoding="utf-8"))
    export.SHARED_LAYOUT_CACHE.clear()
    first = layout_for(definition)
    assert len(export.SHARED_LAYOUT_CACHE) > 0
    assert _picture(layout_for(definition)) == _picture(first)
    assert export.SHARED_LAYOUT_CACHE.stats.frame_hits == len(export.SHARED_LAYOUT_CACHE)
