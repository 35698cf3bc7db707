"""The read-only designer window: canvas, minimap, find, collapse, themes, open and export."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from aslstudio.layout.cache import LayoutCache
from aslstudio.layout.geometry import Geometry
from aslstudio.render.export import ExportError, export_diagram, layout_for
from aslstudio.render.scene_builder import DiagramScene, SceneStateItem, build_scene
from aslstudio.render.source import SourceError, load_definition
from aslstudio.ui.canvas import CanvasView, MinimapView
from aslstudio.ui.find import FindBar, find_matches, hidden_match_parents
from aslstudio.ui.resources import apply_palette, icon, set_tone, stylesheet

EXPORT_FILTERS = (
    "SVG image (*.svg);;PNG image (*.png);;PDF document (*.pdf);;"
    "Graphviz DOT (*.dot);;Mermaid (*.mmd)"
)
OPEN_FILTERS = "State machines (*.asl.json *.asl.yaml *.asl.yml *.json *.yaml *.yml);;All files (*)"
ICONS = {  # action objectName -> resources/icons/NAME.svg
    "actionOpen": "open",
    "actionExport": "export",
    "actionZoomIn": "zoom-in",
    "actionZoomOut": "zoom-out",
    "actionZoomFit": "zoom-fit",
    "actionFind": "find",
    "actionThemeDark": "theme-dark",
}
TOOLBAR = (  # '' = a separator
    "actionOpen",
    "actionExport",
    "",
    "actionZoomOut",
    "actionZoomIn",
    "actionZoomFit",
    "actionFind",
    "",
    "actionThemeDark",
)


class MainWindow(QMainWindow):
    """The designer's main window (read-only for now): draws one machine and navigates it."""

    scene_rebuilt = Signal(object)  # the new DiagramScene, after every (re)draw

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle("ASL Studio")
        self.resize(1280, 860)
        self.path: Path | None = None
        self.definition: Mapping[str, Any] | None = None
        self.geometry_: Geometry | None = None
        self.scene: DiagramScene | None = None
        self.collapsed: set[str] = set()
        self.layout_cache = LayoutCache()  # scope layouts reused by the next redraw
        self.theme_name = "light"
        self.matches: list[SceneStateItem] = []
        self.named_actions: dict[str, QAction] = {}  # objectName -> action
        self.match_index = -1
        self._build_widgets()
        self._build_actions()
        self._update_status()

    # ----- construction ---------------------------------------------------------------------
    def _build_widgets(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QLabel(central)
        self.banner.setObjectName("loadErrorBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_tone(self.banner, "banner")
        self.banner.hide()
        layout.addWidget(self.banner)
        self.find_bar = FindBar(central)
        self.find_bar.hide()
        layout.addWidget(self.find_bar)
        self.canvas = CanvasView(central)
        layout.addWidget(self.canvas, 1)
        self.setCentralWidget(central)
        self.minimap = MinimapView(self.canvas)
        dock = QDockWidget("Overview", self)
        dock.setObjectName("minimapDock")
        dock.setWidget(self.minimap)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.minimap_dock = dock
        self.zoom_label = QLabel("")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.canvas.zoom_changed.connect(lambda _z: self._update_status())
        self.find_bar.query_changed.connect(self._search)
        self.find_bar.next_requested.connect(self.find_next)
        self.find_bar.previous_requested.connect(self.find_previous)

    def _action(
        self, name: str, text: str, slot: Callable[[], object], keys: tuple[str, ...] = ()
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.named_actions[name] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.action_open = a("actionOpen", "&Open…", self.choose_file, ("Ctrl+O",))
        self.action_export = a("actionExport", "&Export…", self.choose_export, ("Ctrl+E",))
        a("actionQuit", "&Quit", self.close, ("Ctrl+Q",))
        self.action_find = a("actionFind", "&Find…", self.find_bar.open, ("Ctrl+F",))
        a("actionFindNext", "Find &next", self.find_next, ("F3",))
        a("actionFindPrevious", "Find &previous", self.find_previous, ("Shift+F3",))
        a("actionZoomIn", "Zoom &in", self.canvas.zoom_in, ("Ctrl+=", "Ctrl++"))
        a("actionZoomOut", "Zoom &out", self.canvas.zoom_out, ("Ctrl+-",))
        a("actionZoom100", "&Actual size (100 %)", self.canvas.zoom_reset, ("Ctrl+0",))
        self.action_fit = a("actionZoomFit", "&Fit to window", self.canvas.fit_all, ("Ctrl+1",))
        a("actionZoomSelection", "Zoom to &selection", self.canvas.fit_selection, ("Ctrl+2",))
        a("actionAutoLayout", "&Tidy layout (from scratch)", self.relayout)
        a("actionCollapseAll", "&Collapse all containers", self.collapse_all)
        a("actionExpandAll", "E&xpand all containers", self.expand_all)
        self.action_dark = a("actionThemeDark", "&Dark theme", self._toggle_theme)
        self.action_dark.setCheckable(True)
        self._build_menus()
        self._apply_chrome()
        self._build_toolbar()

    def _build_menus(self) -> None:
        """File, View and Search menus from the actions' objectNames ('' = a separator)."""
        menus = {
            "&File": ("actionOpen", "actionExport", "actionQuit"),
            "&View": (
                "actionZoomIn",
                "actionZoomOut",
                "actionZoom100",
                "actionZoomFit",
                "actionZoomSelection",
                "",
                "actionAutoLayout",
                "actionCollapseAll",
                "actionExpandAll",
                "",
                "minimap",
                "actionThemeDark",
            ),
            "&Search": ("actionFind", "actionFindNext", "actionFindPrevious"),
        }
        for title, names in menus.items():
            menu = self.menuBar().addMenu(title)
            for name in names:
                if not name:
                    menu.addSeparator()
                elif name == "minimap":
                    menu.addAction(self.minimap_dock.toggleViewAction())
                else:
                    menu.addAction(self.named_actions[name])

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in TOOLBAR:
            if name:
                bar.addAction(self.named_actions[name])
            else:
                bar.addSeparator()

    # ----- loading and drawing --------------------------------------------------------------
    def open_file(self, path: str | Path) -> bool:
        """Load and draw ``path``; on failure show the reason in the banner and keep going."""
        try:
            definition = load_definition(path)
        except SourceError as exc:
            self.show_problem(str(exc))
            return False
        self.path = Path(path)
        self.definition = definition
        self.collapsed.clear()
        self.geometry_ = None
        if not self._redraw():
            return False
        self.banner.hide()
        self.setWindowTitle(f"ASL Studio — {self.path.name}")
        self.canvas.show_opening()
        return True

    def show_problem(self, message: str) -> None:
        """Show a one-line problem above the canvas (never a crash, never a modal dialog)."""
        self.banner.setText(message)
        self.banner.show()
        self.statusBar().showMessage(message, 10000)

    def _redraw(self) -> bool:
        if self.definition is None:
            return False
        try:
            geometry = layout_for(
                self.definition,
                collapsed=frozenset(self.collapsed),
                previous=self.geometry_,
                cache=self.layout_cache,
            )
        except Exception as exc:  # noqa: BLE001 - a layout bug must not take the window down
            self.show_problem(f"{self.path}: cannot draw this machine ({exc})")
            return False
        self._show_geometry(geometry, self.definition)
        return True

    def _show_geometry(self, geometry: Geometry, definition: Mapping[str, Any]) -> DiagramScene:
        """Build the scene of ``geometry`` and show it on the canvas and the overview."""
        scene = build_scene(geometry, definition, theme_name=self.theme_name)
        scene.container_toggle_requested.connect(self.toggle_container)
        self._scene_built(scene)
        old = self.scene
        self.geometry_, self.scene = geometry, scene
        self.canvas.setScene(scene)
        self.canvas.setBackgroundBrush(scene.backgroundBrush())
        self.minimap.setScene(scene)
        self.minimap.setBackgroundBrush(scene.backgroundBrush())
        self.minimap.refit()
        if old is not None:
            old.deleteLater()
        self.matches, self.match_index = [], -1
        self._search(self.find_bar.edit.text(), move=False)
        self._update_status()
        self.scene_rebuilt.emit(scene)
        return scene

    def _scene_built(self, scene: DiagramScene) -> None:
        """A hook for subclasses to adjust a new scene before it is shown."""

    def toggle_container(self, state_id: str) -> None:
        """Collapse or expand one Parallel/Map; the layout re-flows around it."""
        if state_id in self.collapsed:
            self.collapsed.discard(state_id)
        else:
            self.collapsed.add(state_id)
        self._redraw_keeping(state_id)

    def _redraw_keeping(self, state_id: str | None) -> None:
        anchor = self._anchor_of(state_id)
        zoom = self.canvas.zoom()
        if not self._redraw():
            return
        after = self._anchor_of(state_id)
        if anchor is not None and after is not None:
            shift = after - anchor
            centre = self.canvas.visible_rect().center()
            self.canvas.set_zoom(zoom, centre + shift)
        else:
            self.canvas.set_zoom(zoom)

    def _anchor_of(self, state_id: str | None) -> QPointF | None:
        if state_id is None or self.scene is None:
            return None
        item = self.scene.state_items.get(state_id)
        return item.scenePos() if item is not None else None

    def relayout(self) -> None:
        """Lay the machine out again from scratch (forgetting the previous positions)."""
        self.geometry_ = None
        if self._redraw():
            self.canvas.fit_all()

    def collapse_all(self) -> None:
        """Draw every Parallel/Map as one box."""
        if self.geometry_ is None:
            return
        self.collapsed.update(
            sid for sid, box in self.geometry_.states.items() if box.type in ("Parallel", "Map")
        )
        self.collapsed.update(self.geometry_.containers)
        self._redraw()
        self.canvas.fit_all()

    def expand_all(self) -> None:
        """Open every container again."""
        self.collapsed.clear()
        self._redraw()
        self.canvas.fit_all()

    def _apply_chrome(self) -> None:
        apply_palette(self.theme_name)  # check boxes, placeholders: drawn from the palette
        self.setStyleSheet(stylesheet(self.theme_name))
        for action_name, icon_name in ICONS.items():
            self.named_actions[action_name].setIcon(icon(icon_name, self.theme_name))

    def set_theme(self, name: str) -> None:
        """Switch between the light and dark theme (same table as the exports)."""
        self.theme_name = name
        self.action_dark.setChecked(name == "dark")
        self._apply_chrome()
        if self.definition is not None:
            self._redraw_keeping(None)

    def _toggle_theme(self) -> None:
        self.set_theme("dark" if self.action_dark.isChecked() else "light")

    def _update_status(self) -> None:
        self.zoom_label.setText(f"{self.canvas.zoom() * 100:.0f} %")
        if self.scene is not None:
            count = sum(len(v) for v in self.scene.names.values())
            self.statusBar().showMessage(f"{count} states drawn")

    # ----- find -----------------------------------------------------------------------------
    def _search(self, query: str, move: bool = True) -> None:
        for item in self.matches:
            item.set_highlighted(False)
        items = list(self.scene.state_items.values()) if self.scene is not None else []
        self.matches = find_matches(items, self.definition, query)
        self.match_index = -1
        if self.matches and move:
            self._go_to_match(0)
        self.find_bar.show_count(self.match_index, len(self.matches), query)

    def _go_to_match(self, index: int) -> None:
        if not self.matches:
            return
        if 0 <= self.match_index < len(self.matches):
            self.matches[self.match_index].set_highlighted(False)
        self.match_index = index % len(self.matches)
        item = self.matches[self.match_index]
        item.set_highlighted(True)
        if self.scene is not None:
            self.scene.clearSelection()
        item.setSelected(True)
        self.canvas.centre_on_item(item)
        self.find_bar.show_count(self.match_index, len(self.matches), self.find_bar.edit.text())

    def _reveal_hidden_matches(self) -> bool:
        """Expand the collapsed containers that hide matches; True when the picture re-flowed."""
        query = self.find_bar.edit.text()
        hiding = hidden_match_parents(self.definition, self.collapsed, query)
        if not hiding:
            return False
        self.collapsed -= hiding
        self._redraw_keeping(None)
        self._search(query, move=False)
        return True

    def find_next(self) -> None:
        """Centre on the next match (wrapping round); first opens boxes that hide matches."""
        if self._reveal_hidden_matches():
            self._go_to_match(0)
            return
        self._go_to_match(self.match_index + 1)

    def find_previous(self) -> None:
        """Centre on the previous match (wrapping round)."""
        if self._reveal_hidden_matches():
            self._go_to_match(-1)
            return
        self._go_to_match(self.match_index - 1 if self.match_index >= 0 else -1)

    def current_match(self) -> SceneStateItem | None:
        """The match the view is centred on, if any."""
        if 0 <= self.match_index < len(self.matches):
            return self.matches[self.match_index]
        return None

    # ----- files ----------------------------------------------------------------------------
    def choose_file(self) -> None:
        """Ask for a definition file and open it."""
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open state machine", start, OPEN_FILTERS)
        if name:
            self.open_file(name)

    def choose_export(self) -> None:
        """Ask where to export the diagram; the suffix picks SVG, PNG, PDF, DOT or Mermaid."""
        if self.definition is None or self.path is None:
            self.show_problem("Open a state machine first, then export it.")
            return
        stem = self.path.name.split(".")[0]
        suggestion = str(self.path.with_name(stem + ".svg"))
        name, _ = QFileDialog.getSaveFileName(self, "Export diagram", suggestion, EXPORT_FILTERS)
        if name:
            try:
                self.export_to(name)
            except ExportError as exc:
                QMessageBox.warning(self, "Export failed", str(exc))

    def export_to(self, out: str | Path, scale: float = 1.0) -> None:
        """Export what the canvas shows to ``out`` (same code as `aslstudio export`)."""
        if self.definition is None or self.geometry_ is None or self.scene is None:
            raise ExportError("nothing to export: no machine is open")
        export_diagram(
            out,
            self.geometry_,
            self.definition,
            theme_name=self.theme_name,
            scale=scale,
            scene=self.scene,
        )
        self.statusBar().showMessage(f"Exported {out}", 8000)
