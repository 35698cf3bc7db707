"""The state palette: templates to drag onto the canvas, or double-click to add after a state."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QColor, QDropEvent, QIcon, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from aslstudio.asl import pointer as jp
from aslstudio.asl.commands import AddState, Connect
from aslstudio.asl.edittree import split_state
from aslstudio.asl.templates import PALETTE, fragment
from aslstudio.render.style import kind_style, state_colours
from aslstudio.ui.canvas import CanvasView
from aslstudio.ui.qt_document import QtDocument

MIME_TYPE = "application/x-aslstudio-state-kind"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1

# Palette entry -> (label, one plain sentence for the tooltip).
ENTRIES: dict[str, tuple[str, str]] = {
    "lambda": ("Lambda Invoke (Task)", "Calls a Lambda function and passes its answer on."),
    "choice": ("Choice", "Goes one way or another depending on the data (rules)."),
    "parallel": ("Parallel", "Runs several branches at the same time and waits for all."),
    "map": ("Map", "Runs the same steps for every item of a list."),
    "wait": ("Wait", "Pauses for a time or until a moment."),
    "pass": ("Pass", "Passes its input on, optionally reshaped; does no work."),
    "succeed": ("Succeed", "Stops the machine (or branch) successfully."),
    "fail": ("Fail", "Stops the machine with an error name and cause."),
}
NO_SUCCESSOR_TYPES = frozenset({"Choice", "Succeed", "Fail"})
STATE_TYPES = {
    "lambda": "Task",
    "choice": "Choice",
    "parallel": "Parallel",
    "map": "Map",
    "wait": "Wait",
    "pass": "Pass",
    "succeed": "Succeed",
    "fail": "Fail",
}


def kind_icon(state_type: str, size: int = 22) -> QIcon:
    """A small swatch in the canvas colours of a state type, with its glyph."""
    fill, border, accent = state_colours(state_type, "light")
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(border), 1.5))
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 4, 4)
    painter.setPen(QColor(accent))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, kind_style(state_type).glyph)
    painter.end()
    return QIcon(pixmap)


PALETTE_HINT = "Double-click to add after the selected state, or drag onto the canvas"


class StatePalette(QListWidget):
    """The list of state templates; double-click adds one, drag drops one onto the canvas."""

    add_requested = Signal(str)  # palette kind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statePalette")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setToolTip(PALETTE_HINT)
        self.setSpacing(2)
        for kind in PALETTE:
            label, sentence = ENTRIES[kind]
            item = QListWidgetItem(kind_icon(STATE_TYPES[kind]), label, self)
            item.setData(KIND_ROLE, kind)
            item.setToolTip(sentence)
        self.itemDoubleClicked.connect(self._on_double_click)

    def kinds(self) -> list[str]:
        """The palette kinds, in display order."""
        return [str(self.item(row).data(KIND_ROLE)) for row in range(self.count())]

    def paintEvent(self, event: QPaintEvent) -> None:
        """The entries, then how to use them in the free space below (first-time users)."""
        super().paintEvent(event)
        if self.count() == 0:
            return
        top = self.visualItemRect(self.item(self.count() - 1)).bottom() + 14
        room = self.viewport().rect().adjusted(10, 0, -10, -6)
        room.setTop(top)
        if room.height() > 3 * self.fontMetrics().height():
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(room, Qt.TextFlag.TextWordWrap, PALETTE_HINT + ".")
            painter.end()

    def _on_double_click(self, item: QListWidgetItem) -> None:
        self.add_requested.emit(str(item.data(KIND_ROLE)))

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        """The drag format the canvas accepts."""
        return [MIME_TYPE]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802 - Qt
        """Drag data: the palette kind of the dragged entry."""
        data = QMimeData()
        if items:
            data.setData(MIME_TYPE, QByteArray(str(items[0].data(KIND_ROLE)).encode()))
        return data


def add_from_palette(
    qdoc: QtDocument, kind: str, anchor: str | None, scope: str | None = None
) -> str | None:
    """Add a palette template after state ``anchor`` (one undo step); returns its pointer.

    The new state takes over the anchor's ``Next`` (the anchor now goes to it). Without an
    anchor it goes at the end of ``scope`` (default: the machine), not yet connected.
    """
    data = qdoc.data
    body = qdoc.state_body(anchor) if anchor else None
    if anchor is not None and body is not None:
        scope, after = split_state(anchor)
    else:
        anchor, after = None, None
        scope = scope or ""
    chains = body is not None and body.get("Type") not in NO_SUCCESSOR_TYPES
    successor = body.get("Next") if chains and body is not None else None
    pieces = fragment(kind, data, successor if isinstance(successor, str) else None)
    first = next(iter(pieces))
    qdoc.begin_macro(f"Add {ENTRIES[kind][0]} state {first}")
    ok = True
    previous = after
    for name, piece in pieces.items():
        ok = ok and qdoc.push(AddState(scope, name, piece, previous))
        previous = name
    if ok and chains and anchor is not None:
        ok = qdoc.push(Connect(anchor, first, "next"))
    qdoc.end_macro()
    if not ok:
        qdoc.undo()
        return None
    return jp.join(scope, "States", first)


class CanvasDropHandler(QObject):
    """Lets the canvas accept palette drops: onto a state adds after it, elsewhere at the end."""

    def __init__(self, canvas: CanvasView, on_drop: Callable[[str, str | None], None]) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.on_drop = on_drop
        canvas.setAcceptDrops(True)
        canvas.viewport().setAcceptDrops(True)
        canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Handle drag-enter, drag-move and drop of palette entries on the canvas viewport."""
        kind = event.type()
        ours = isinstance(event, QDropEvent) and event.mimeData().hasFormat(MIME_TYPE)
        if not ours or not isinstance(event, QDropEvent):
            return super().eventFilter(watched, event)
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop:
            palette_kind = bytes(event.mimeData().data(MIME_TYPE).data()).decode()
            event.acceptProposedAction()
            self.on_drop(palette_kind, self.state_at(event.position().toPoint()))
            return True
        return super().eventFilter(watched, event)

    def state_at(self, point: object) -> str | None:
        """The pointer of the state drawn under a viewport point, if any."""
        from PySide6.QtCore import QPoint

        if not isinstance(point, QPoint):
            return None
        for item in self.canvas.items(point):
            state_id = item.data(2)
            if state_id:
                return str(state_id)
        return None
