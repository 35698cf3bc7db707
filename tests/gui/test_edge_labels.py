"""Edge labels fit their plate: long rules are cut at a word with an ellipsis, never clipped."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from aslstudio.render import shapes
from aslstudio.render.edge_items import LABEL_MAX_LINES, fit_label_text, label_size

LONG = (
    "record.serving.sizeGrams ≥ servingRange.minGrams and record.serving.sizeGrams ≤ "
    'servingRange.maxGrams and record.serving.unit = "g" and record.category is present'
)


def test_short_label_is_drawn_whole(qapp) -> None:
    assert fit_label_text("otherwise") == "otherwise"
    assert fit_label_text("") == ""


def test_long_label_is_cut_at_a_word_with_an_ellipsis(qapp) -> None:
    shown = fit_label_text(LONG)
    assert shown.endswith(" …")
    assert LONG.startswith(shown[:-2])
    assert len(shown) < len(LONG)


def test_plate_is_tall_enough_for_what_is_drawn(qapp) -> None:
    line = QFontMetricsF(shapes.font("label")).lineSpacing()
    _width, height = label_size(LONG)
    assert height <= line * LABEL_MAX_LINES + 6
    assert height >= line * 2
