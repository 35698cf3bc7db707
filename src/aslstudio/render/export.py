"""Exports of the diagram: SVG (names kept as text), PNG and PDF; DOT and Mermaid as text."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene

from aslstudio.layout.cache import LayoutCache
from aslstudio.layout.geometry import Geometry
from aslstudio.render.edge_items import label_size
from aslstudio.render.history import ExecutionPath
from aslstudio.render.items import StateItem
from aslstudio.render.scene_builder import DiagramScene, build_scene
from aslstudio.render.shapes import make_measure
from aslstudio.render.text_export import to_dot, to_mermaid

FORMATS: dict[str, str] = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
FORMATS.update({".mmd": "mermaid", ".mermaid": "mermaid"})
MAX_SIDE = 32000  # pixels per side of a PNG export
MAX_PIXELS = 400_000_000
MAX_PDF_SIDE = 14_400.0  # points: 200 inches, the largest page common PDF readers open
# scope layouts shared by every layout_for call without a cache of its own: a redraw after an
# edit then lays out only the changed scopes (the result is the same as without it)
SHARED_LAYOUT_CACHE = LayoutCache()


class ExportError(ValueError):
    """An export that cannot be made (unknown format, image too large, unwritable file)."""


def ensure_app() -> QApplication:
    """The running QApplication, created (headless callers) only when there is none."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication(["aslstudio"])


def format_of(path: str | Path) -> str:
    """The export format named by a file's suffix; ExportError listing the known suffixes."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise ExportError(f"{path}: unknown export format {suffix or '(no suffix)'!r}; use {known}")
    return FORMATS[suffix]


def layout_for(
    definition: Mapping[str, Any],
    *,
    collapsed: frozenset[str] = frozenset(),
    previous: Geometry | None = None,
    cache: LayoutCache | None = None,
) -> Geometry:
    """Lay the machine out with box sizes measured in the canvas fonts, reusing the scope
    layouts in ``cache`` (default: :data:`SHARED_LAYOUT_CACHE`) whose inputs did not change."""
    from aslstudio.layout import layout_definition

    return layout_definition(
        definition,
        measure=make_measure(),
        collapsed=collapsed,
        previous=previous,
        label_measure=label_size,
        cache=cache if cache is not None else SHARED_LAYOUT_CACHE,
    )


def _set_caching(scene: QGraphicsScene, on: bool) -> None:
    mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if on else QGraphicsItem.CacheMode.NoCache
    for item in scene.items():
        if isinstance(item, StateItem):
            item.setCacheMode(mode)


def _paint(scene: QGraphicsScene, painter: QPainter, target: QRectF) -> None:
    # The picture is drawn without selection marks; the user's selection comes back after,
    # silently (signals blocked), so panels that follow the selection are not disturbed.
    selected = scene.selectedItems()
    blocked = scene.blockSignals(True)
    _set_caching(scene, False)  # vector devices must get real drawing calls, not cached pixmaps
    try:
        scene.clearSelection()
        scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        _set_caching(scene, True)
        for item in selected:
            if item.scene() is scene:
                item.setSelected(True)
        scene.blockSignals(blocked)


def export_svg(scene: QGraphicsScene, path: str | Path, title: str = "State machine") -> None:
    """Write the scene as SVG; state names stay text."""
    rect = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    generator.setDescription("Exported by ASL Studio")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(f"{path}: cannot write the SVG file")
    try:
        _paint(scene, painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()


def export_png(scene: QGraphicsScene, path: str | Path, scale: float = 1.0) -> None:
    """Write the scene as a PNG of scene size × ``scale`` pixels."""
    if not 0 < scale <= 8:
        raise ExportError(f"--scale must be greater than 0 and at most 8, not {scale:g}")
    rect = scene.sceneRect()
    width, height = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        fits = scale * min(MAX_SIDE / max(width, height), (MAX_PIXELS / (width * height)) ** 0.5)
        raise ExportError(
            f"{path}: the image would be {width}×{height} px, too large; use --scale "
            f"{math.floor(fits * 100) / 100:g} or less, or export SVG/PDF"
        )
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(scene.backgroundBrush().color()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    try:
        _paint(scene, painter, QRectF(0, 0, width, height))
    finally:
        painter.end()
    if not image.save(str(path)):
        raise ExportError(f"{path}: cannot write the PNG file")


def export_pdf(scene: QGraphicsScene, path: str | Path, title: str = "State machine") -> None:
    """Write the scene as a one-page vector PDF the diagram's size (shrunk to fit 200 inches)."""
    rect = scene.sceneRect()
    shrink = min(1.0, MAX_PDF_SIDE / max(rect.width(), rect.height(), 1.0))
    width, height = rect.width() * shrink, rect.height() * shrink
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("ASL Studio")
    writer.setResolution(72)
    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "diagram")
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{path}: cannot write the PDF file")
    try:
        painter.fillRect(QRectF(0, 0, width, height), scene.backgroundBrush())
        _paint(scene, painter, QRectF(0, 0, width, height))
    finally:
        painter.end()


def export_diagram(
    out: str | Path,
    geometry: Geometry,
    definition: Mapping[str, Any],
    *,
    theme_name: str = "light",
    path: ExecutionPath | None = None,
    scale: float = 1.0,
    scene: DiagramScene | None = None,
) -> None:
    """Export to the format of ``out``'s suffix; reuses ``scene`` when given (the window's)."""
    fmt = format_of(out)
    try:  # find out now, in words, rather than from Qt's warnings half-way through
        Path(out).open("wb").close()
    except OSError as exc:
        raise ExportError(f"{out}: cannot write the file ({exc.strerror})") from exc
    if fmt in _TEXT:
        text = _TEXT[fmt](geometry, definition, theme_name, path)
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ExportError(f"{out}: cannot write the file ({exc.strerror})") from exc
        return
    if scene is None:
        scene = build_scene(geometry, definition, theme_name=theme_name)
        if path is not None:
            scene.apply_path(path)
    title = str(definition.get("Comment") or Path(out).stem)
    if fmt == "png":
        export_png(scene, out, scale)
    elif fmt == "svg":
        export_svg(scene, out, title)
    else:
        export_pdf(scene, out, title)


_TEXT: dict[str, Callable[[Geometry, Any, str, ExecutionPath | None], str]] = {
    "dot": lambda g, d, t, p: to_dot(g, d, theme_name=t, path=p),
    "mermaid": lambda g, d, t, p: to_mermaid(g, d, theme_name=t, path=p),
}
