"""The problems panel: live validator diagnostics in a table, and error marks on the canvas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsItem,
    QHeaderView,
    QStyleOptionGraphicsItem,
    QTableView,
    QWidget,
)

from aslstudio.asl.edittree import owning_state
from aslstudio.ui.qt_document import QtDocument
from aslstudio.validate import Diagnostic, Severity, validate_document

COLUMNS = ("Severity", "Code", "Message", "State", "Where")
SEVERITY_COLOURS = {
    Severity.ERROR: "#c62828",
    Severity.WARNING: "#b26a00",
    Severity.INFO: "#1565c0",
}
SEVERITY_GLYPHS = {
    Severity.ERROR: "✖ error",
    Severity.WARNING: "▲ warning",
    Severity.INFO: "ℹ info",
}
LIVE_DELAY_MS = 250
_Index = QModelIndex | QPersistentModelIndex


class ProblemsModel(QAbstractTableModel):
    """One row per diagnostic: severity, code, message (with its hint as tooltip), state, line."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.diagnostics: list[Diagnostic] = []

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Show a new list of diagnostics."""
        self.beginResetModel()
        self.diagnostics = list(diagnostics)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        """Number of diagnostics (no children)."""
        return 0 if parent.isValid() else len(self.diagnostics)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        """Severity, code, message, state, where."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, tooltip (message plus what to do) and severity colour."""
        if not index.isValid() or not 0 <= index.row() < len(self.diagnostics):
            return None
        diag = self.diagnostics[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = (
                SEVERITY_GLYPHS[diag.severity],
                diag.code,
                diag.message,
                diag.state or "",
                f"{diag.line}:{diag.col}" if diag.line else "",
            )
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{diag.message}\nWhat to do: {diag.hint}" if diag.hint else diag.message
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor(SEVERITY_COLOURS[diag.severity]))
        return None

    def diagnostic(self, row: int) -> Diagnostic | None:
        """The diagnostic on ``row``, if any."""
        return self.diagnostics[row] if 0 <= row < len(self.diagnostics) else None


class ProblemsPanel(QTableView):
    """The table of problems; clicking a row asks to select its state and field."""

    problem_activated = Signal(object)  # Diagnostic

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.problems = ProblemsModel(self)
        self.setModel(self.problems)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip("Problems the validator found; click one to go to its state and field")
        self.clicked.connect(self._on_clicked)
        self.activated.connect(self._on_clicked)

    def _on_clicked(self, index: QModelIndex) -> None:
        diag = self.problems.diagnostic(index.row())
        if diag is not None:
            self.problem_activated.emit(diag)

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Show the latest diagnostics."""
        self.problems.set_diagnostics(diagnostics)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The table, or a line saying there is nothing to fix when it is empty."""
        super().paintEvent(event)
        if self.problems.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                EMPTY_HINT,
            )
            painter.end()


EMPTY_HINT = "No problems found: every check passes. Problems appear here as you edit."


def problems_title(diagnostics: Sequence[Diagnostic]) -> str:
    """The Problems panel's title: how many errors and warnings, or that there are none."""
    if not diagnostics:
        return "Problems: none"
    counts = dict.fromkeys(Severity, 0)
    for diag in diagnostics:
        counts[diag.severity] += 1
    parts = [
        f"{count} {severity.value}{'s' if count != 1 and severity is not Severity.INFO else ''}"
        for severity, count in counts.items()
        if count
    ]
    return f"Problems: {', '.join(parts)}"


class LiveValidator(QObject):
    """Validates the document shortly after each change and publishes the diagnostics."""

    validated = Signal(list)  # list[Diagnostic]

    def __init__(self, qdoc: QtDocument, delay_ms: int = LIVE_DELAY_MS) -> None:
        super().__init__(qdoc)
        self.qdoc = qdoc
        self.diagnostics: list[Diagnostic] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.validate_now)
        qdoc.changed.connect(lambda _event: self._timer.start())
        qdoc.reset.connect(self.validate_now)

    def validate_now(self) -> list[Diagnostic]:
        """Validate the current definition at once (also what the timer calls)."""
        self._timer.stop()
        parsed = self.qdoc.document.current_parsed()
        self.diagnostics = validate_document(parsed)
        self.validated.emit(self.diagnostics)
        return self.diagnostics

    @property
    def pending(self) -> bool:
        """Whether a validation is scheduled but has not run yet."""
        return self._timer.isActive()


def states_with_errors(data: Any, diagnostics: Iterable[Diagnostic]) -> dict[str, list[str]]:
    """State pointer -> messages of its errors (errors only; warnings do not mark the canvas)."""
    marks: dict[str, list[str]] = {}
    for diag in diagnostics:
        if diag.severity is not Severity.ERROR or not diag.pointer:
            continue
        try:
            state = owning_state(data, diag.pointer)
        except ValueError:
            state = None
        if state is not None:
            marks.setdefault(state, []).append(f"{diag.code}: {diag.message}")
    return marks


class ErrorMarkItem(QGraphicsItem):
    """A red outline and badge drawn over a state that has errors; its tooltip lists them."""

    def __init__(self, parent: QGraphicsItem, messages: Sequence[str]) -> None:
        super().__init__(parent)
        self.messages = list(messages)
        self._rect = parent.boundingRect().adjusted(2, 2, -2, -2)
        self.setZValue(50)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setData(0, "error-mark")
        count = len(self.messages)
        head = f"{count} error{'s' if count != 1 else ''}:"
        self.setToolTip("\n".join([head, *self.messages[:8]]))

    def boundingRect(self) -> QRectF:
        """The parent's box, slightly larger for the badge."""
        return self._rect.adjusted(-10, -10, 10, 10)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Red dashed outline and a round badge with the error count."""
        del option, widget
        pen = QPen(QColor(SEVERITY_COLOURS[Severity.ERROR]), 2.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self._rect, 8, 8)
        badge = QRectF(self._rect.right() - 9, self._rect.top() - 9, 18, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SEVERITY_COLOURS[Severity.ERROR]))
        painter.drawEllipse(badge)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(min(len(self.messages), 9)))
