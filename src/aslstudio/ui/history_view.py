"""The execution history as the Step Functions console shows it: a filterable event table."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aslstudio.asl.describe import format_duration
from aslstudio.engine.records import StepRecord

COLUMNS = ("ID", "Type", "State", "Elapsed", "Details")
DETAIL_CHARS = 160
_ERROR_TINT = QColor(179, 38, 30, 40)
AnyIndex = QModelIndex | QPersistentModelIndex


def _parse_time(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def event_details(event: Mapping[str, Any]) -> Mapping[str, Any]:
    """The ``<type>EventDetails`` object of one event ({} when it has none)."""
    for key, value in event.items():
        if key.endswith("EventDetails") and isinstance(value, Mapping):
            return value
    return {}


def detail_text(event: Mapping[str, Any]) -> str:
    """One line for the Details column: the error and cause, else input/output, else the rest."""
    details = event_details(event)
    if "error" in details or "cause" in details:
        text = f"{details.get('error', '')}: {details.get('cause', '')}".strip(": ")
    else:
        parts = [
            f"{key}: {details[key]}"
            for key in ("resource", "length", "index", "input", "output", "parameters")
            if key in details
        ]
        text = "  ".join(str(p) for p in parts)
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 1] + "…"


class HistoryModel(QAbstractTableModel):
    """Rows = GetExecutionHistory events; keeps up with a growing list by appending rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events: Sequence[Mapping[str, Any]] = []
        self._source: object = None
        self._count = 0
        self._start: datetime | None = None
        self.state_of: list[str] = []  # the state each row belongs to ('' = the execution)

    def sync(self, events: Sequence[Mapping[str, Any]], state_of: list[str]) -> None:
        """Show ``events``; new rows are appended, a replaced or shorter list resets the table."""
        if events is not self._source or len(events) < self._count:
            self.beginResetModel()
            self._source, self.events, self.state_of = events, events, state_of
            self._count = len(events)
            self._start = _parse_time(events[0].get("timestamp")) if events else None
            self.endResetModel()
            return
        if len(events) > self._count:
            self.beginInsertRows(QModelIndex(), self._count, len(events) - 1)
            self.state_of = state_of
            self._count = len(events)
            self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """How many events are shown."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """ID, type, state, elapsed virtual time, details."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def elapsed(self, row: int) -> str:
        """Virtual time since the execution started, e.g. ``1 min 30 s``."""
        moment = _parse_time(self.events[row].get("timestamp"))
        if moment is None or self._start is None:
            return ""
        seconds = (moment - self._start).total_seconds()
        return format_duration(int(seconds) if seconds.is_integer() else round(seconds, 3))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text; failed events get a red tint; the full event as the tooltip."""
        if not index.isValid() or index.row() >= self._count:
            return None
        event = self.events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(index.row(), index.column(), event)
        if role == Qt.ItemDataRole.BackgroundRole and "Failed" in str(event.get("type")):
            return _ERROR_TINT
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return json.dumps(dict(event_details(event)), indent=1, ensure_ascii=False)[:4000]
        return None

    def _cell(self, row: int, column: int, event: Mapping[str, Any]) -> Any:
        if column == 0:
            return event.get("id", row + 1)
        if column == 1:
            return str(event.get("type", ""))
        if column == 2:
            return self.state_of[row] if row < len(self.state_of) else ""
        if column == 3:
            return self.elapsed(row)
        return detail_text(event)


class _Filter(QSortFilterProxyModel):
    """Keeps the rows whose type, state or details contain the filter text."""

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        """Case-insensitive match on type, state and details."""
        needle = self.filterRegularExpression().pattern().lower()
        if not needle:
            return True
        model = self.sourceModel()
        for column in (1, 2, 4):
            value = model.data(model.index(source_row, column, source_parent))
            if needle in str(value).lower():
                return True
        return False


class HistoryPanel(QWidget):
    """The history dock: filter box, event table (``historyView``) and export."""

    event_selected = Signal(int)  # source row of the chosen event
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("historyFilter")
        self.filter_edit.setPlaceholderText("Filter events (type, state, details)…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.set_filter)
        self.count_label = QLabel("", self)
        self.export_button = QPushButton("Export history…", self)
        self.export_button.setObjectName("historyExport")
        self.export_button.clicked.connect(self.export_requested)
        self.table = QTableView(self)
        self.table.setObjectName("historyView")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((44, 190, 170, 76)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_filter(self, text: str) -> None:
        """Show only the events whose type, state or details contain ``text``."""
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def sync(self, events: Sequence[Mapping[str, Any]], state_of: list[str]) -> None:
        """Show the execution's events so far."""
        self.model.sync(events, state_of)
        self._update_count()

    def select_row(self, row: int) -> None:
        """Select the event in source row ``row`` (scrolls to it) without re-emitting."""
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.blockSignals(True)
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(index.row())
            self.table.selectionModel().blockSignals(False)
            self.table.blockSignals(False)
            self.table.scrollTo(index)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.event_selected.emit(self.proxy.mapToSource(current).row())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} / {total}" if shown != total else f"{total} events")


class EventIndex:
    """Which state and which step (record) each history event belongs to, kept incrementally."""

    def __init__(self) -> None:
        self.source: object = None
        self.state_of: list[str] = []
        self.record_of: list[int] = []
        self._seen: Counter[str] = Counter()
        self._current = -1

    def clear(self, source: object = None) -> None:
        """Start over (for a replaced history list)."""
        self.source, self.state_of, self.record_of = source, [], []
        self._seen, self._current = Counter(), -1

    def sync(self, events: list[dict[str, Any]], records: list[StepRecord]) -> None:
        """Index the events not seen yet (a replaced history list starts over)."""
        if events is not self.source or len(events) < len(self.state_of):
            self.clear(events)
        by_name: dict[str, list[int]] = {}
        for event in events[len(self.state_of) :]:
            kind = str(event.get("type", ""))
            name = ""
            for key in ("stateEnteredEventDetails", "stateExitedEventDetails"):
                if key in event:
                    name = str(event[key].get("name", ""))
            if kind.endswith("StateEntered") and name:
                if not by_name:
                    for index, record in enumerate(records):
                        by_name.setdefault(record.name, []).append(index)
                found = by_name.get(name, [])
                nth = self._seen[name]
                self._seen[name] += 1
                self._current = found[nth] if nth < len(found) else -1
            elif kind.endswith("StateExited") and name:
                self._current = self._last_named(records, name)
            self.record_of.append(self._current)
            self.state_of.append(
                name or (records[self._current].name if self._current >= 0 else "")
            )

    def first_event(self, record: int) -> int:
        """The first event row of step ``record`` (-1 when none)."""
        try:
            return self.record_of.index(record)
        except ValueError:
            return -1

    @staticmethod
    def _last_named(records: list[StepRecord], name: str) -> int:
        for index in range(len(records) - 1, -1, -1):
            if records[index].name == name:
                return index
        return -1


def write_history(path: str | Path, events: Sequence[Mapping[str, Any]]) -> None:
    """Write ``{"events": [...]}`` (GetExecutionHistory shape); OSError when it cannot."""
    text = json.dumps({"events": list(events)}, indent=1, ensure_ascii=False)
    Path(path).write_text(text, encoding="utf-8")
