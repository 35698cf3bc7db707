"""Image exports open in Qt, match the scene's size and theme, and refuse impossible sizes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from aslstudio.render.export import ExportError, export_diagram, export_png, format_of
from aslstudio.render.scene_builder import build_scene
from aslstudio.render.style import theme


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_png_matches_scene_size_and_theme(qapp, small, tmp_path, theme_name):
    scene = build_scene(small.geometry(), small.definition, theme_name=theme_name)
    out = tmp_path / "s.png"
    export_png(scene, out, 1.5)
    image = QImage(str(out))
    rect = scene.sceneRect()
    assert image.width() == round(rect.width() * 1.5)
    assert image.height() == round(rect.height() * 1.5)
    assert image.pixelColor(2, 2).name() == theme(theme_name).background
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 9)
        for y in range(0, image.height(), 9)
    }
    assert len(colours) > 8  # boxes, borders, text and edges were drawn


def test_svg_opens_and_has_the_scene_size(qapp, small, tmp_path):
    out = tmp_path / "s.svg"
    export_diagram(out, small.geometry(), small.definition)
    renderer = QSvgRenderer(str(out))
    assert renderer.isValid()
    scene = build_scene(small.geometry(), small.definition)
    assert abs(renderer.viewBoxF().width() - scene.sceneRect().width()) < 1
    text = out.read_text(encoding="utf-8")
    for name in small.names:
        assert f">{name}</text>" in text


def test_too_large_png_is_refused_with_advice(qapp, small, tmp_path):
    scene = build_scene(small.geometry(), small.definition)
    with pytest.raises(ExportError, match="--scale"):
        export_png(scene, tmp_path / "x.png", 0)
    scene.setSceneRect(0, 0, 40000, 100)
    with pytest.raises(ExportError, match=r"too large; use --scale 0\.8 or less"):
        export_png(scene, tmp_path / "x.png", 1.0)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.SVG", "svg"), ("a.png", "png"), ("a.pdf", "pdf"), ("a.gv", "dot"), ("a.mmd", "mermaid")],
)
def test_format_from_suffix(name, fmt):
    assert format_of(name) == fmt


def test_unknown_suffix_names_the_known_ones():
    with pytest.raises(ExportError, match=r"\.svg"):
        format_of("a.jpeg")


def test_pdf_of_a_huge_diagram_fits_the_page_limit(qapp, small, tmp_path):
    import re

    from aslstudio.render.export import MAX_PDF_SIDE, export_pdf

    scene = build_scene(small.geometry(), small.definition)
    scene.setSceneRect(0, 0, 1000, 60_000)
    out = tmp_path / "big.pdf"
    export_pdf(scene, out)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", out.read_bytes())
    width, height = (float(v) for v in boxes[0])
    assert height == pytest.approx(MAX_PDF_SIDE, abs=2)
    assert width == pytest.approx(1000 * MAX_PDF_SIDE / 60_000, abs=2)
