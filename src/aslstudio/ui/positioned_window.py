"""The main window with states the user can drag: manual positions over the automatic layout.

The automatic layout stays the hint for the next one (so a drag never disturbs it); the
manual positions (:class:`~aslstudio.ui.positions.PositionStore`) are applied on top before the
scene is built. Each drop and "Auto layout" is one step on :attr:`layout_undo`, which the
designer sets to its document's undo stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from aslstudio.layout.geometry import Geometry
from aslstudio.render.export import layout_for
from aslstudio.render.scene_builder import DiagramScene
from aslstudio.ui.canvas_tools import MoveTool, make_movable
from aslstudio.ui.main_window import MainWindow
from aslstudio.ui.manual_layout import arrange
from aslstudio.ui.positions import PositionStore, auto_layout_command, move_command

AUTO_LAYOUT_TIP = (
    "Forget where you dragged states and lay the machine out automatically (Undo brings the "
    "positions back)"
)


class PositionedWindow(MainWindow):
    """A main window whose states can be dragged; "Auto layout" resets them (undoable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_positions = PositionStore(self)
        self.layout_undo = QUndoStack(self)
        self.auto_geometry: Geometry | None = None
        self.move_tool = MoveTool(self.canvas, self.states_moved)
        self.layout_positions.changed.connect(self.redraw_in_place)
        action = self.named_actions["actionAutoLayout"]
        action.setText("&Auto layout")
        action.setToolTip(AUTO_LAYOUT_TIP)
        action.setStatusTip(AUTO_LAYOUT_TIP)

    def _redraw(self) -> bool:
        if self.definition is None:
            return False
        try:
            auto = layout_for(
                self.definition, collapsed=frozenset(self.collapsed), previous=self.auto_geometry
            )
        except Exception as exc:  # noqa: BLE001 - a layout bug must not take the window down
            self.show_problem(f"{self.path}: cannot draw this machine ({exc})")
            return False
        self.auto_geometry = auto
        self._show_geometry(arrange(auto, self.layout_positions.positions), self.definition)
        return True

    def _scene_built(self, scene: DiagramScene) -> None:
        """States can be dragged on every scene this window shows."""
        make_movable(scene)

    def redraw_in_place(self) -> None:
        """Draw again with the current positions, keeping zoom and centre."""
        if self.scene is None:
            return
        zoom, centre = self.canvas.zoom(), self.canvas.visible_rect().center()
        if self._redraw():
            self.canvas.set_zoom(zoom, centre)

    def states_moved(self, moves: dict[str, tuple[float, float]]) -> None:
        """States were dropped with their top-left at scene points: one undo step."""
        if self.geometry_ is None:
            return
        command = move_command(self.layout_positions, self.geometry_, moves)
        if command is not None:
            self.layout_undo.push(command)

    def relayout(self) -> None:
        """Auto layout: forget the manual positions (one undo step) and lay out from scratch."""
        command = auto_layout_command(self.layout_positions)
        self.auto_geometry = None
        self.geometry_ = None
        if command is not None:
            self.layout_undo.push(command)  # redraws through the store's signal
        else:
            self._redraw()
        self.canvas.fit_all()
