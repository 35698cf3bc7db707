"""Files for the designer: open, atomic save, unsaved-changes prompts, autosave recovery,
changes on disk and recent files.

The recovery file of ``foo.asl.json`` is ``.foo.asl.json.autosave`` beside it (an untitled
machine's lives in the settings folder); it is written while there are unsaved changes, removed
on save or a clean close, and offered back when the file is opened again after a crash.
Unsaved manual positions go beside it in ``.foo.asl.json.autosave-positions.json``.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from aslstudio.asl.commands import ReplaceDefinition
from aslstudio.asl.editing import DocumentEvent, EditableDocument, EditError
from aslstudio.asl.errors import AslError
from aslstudio.asl.parse import format_for, parse_text
from aslstudio.asl.positions import Positions, PositionsError, read_sidecar, write_sidecar
from aslstudio.asl.serialize import write_atomic
from aslstudio.ui.positions import PositionStore, SetPositions
from aslstudio.ui.qt_document import QtDocument

SaveAnswer = Literal["save", "discard", "cancel"]
SAVE_FILTERS = "JSON state machine (*.asl.json);;YAML state machine (*.asl.yaml);;All files (*)"
OPEN_FILTERS = "State machines (*.asl.json *.asl.yaml *.asl.yml *.json *.yaml *.yml);;All files (*)"
AUTOSAVE_MS = 20_000
MAX_RECENT = 10
RECENT_KEY = "recentFiles"


class Prompter:
    """The questions the designer asks about files (tests swap in scripted answers)."""

    def save_changes(self, parent: QWidget, name: str) -> SaveAnswer:
        """Save, discard or cancel, before unsaved changes would be lost."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = QMessageBox.question(
            parent,
            "Unsaved changes",
            f"{name} has changes that are not saved. Save them first?",
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        return "discard" if answer == QMessageBox.StandardButton.Discard else "cancel"

    def recover(self, parent: QWidget, name: str, when: str) -> bool:
        """Whether to restore unsaved work found in a recovery file."""
        answer = QMessageBox.question(
            parent,
            "Recover unsaved work?",
            f"ASL Studio closed unexpectedly while {name} had unsaved changes "
            f"(last kept {when}). Restore them? You can still undo the restore.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def reload(self, parent: QWidget, name: str, dirty: bool) -> bool:
        """Whether to load a file that another program changed."""
        lose = " Your unsaved changes here would be lost." if dirty else ""
        answer = QMessageBox.question(
            parent,
            "File changed on disk",
            f"{name} was changed by another program. Reload it?{lose}",
        )
        return answer == QMessageBox.StandardButton.Yes

    def reconnect(self, parent: QWidget, name: str, successor: str) -> bool | None:
        """Whether states leading to a deleted state go on to its successor (None: cancel)."""
        buttons = (
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel
        )
        answer = QMessageBox.question(
            parent,
            "Delete state",
            f"Delete {name}? The states that lead to it can go on to {successor} instead "
            "(Yes), or be left for you to connect (No).",
            buttons,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return answer == QMessageBox.StandardButton.Yes

    def save_path(self, parent: QWidget, suggestion: str) -> str | None:
        """Where to save (None: cancelled)."""
        name, _ = QFileDialog.getSaveFileName(
            parent, "Save state machine", suggestion, SAVE_FILTERS
        )
        return name or None

    def open_path(self, parent: QWidget, start: str) -> str | None:
        """Which file to open (None: cancelled)."""
        name, _ = QFileDialog.getOpenFileName(parent, "Open state machine", start, OPEN_FILTERS)
        return name or None


def recovery_path_for(path: Path | None, settings: QSettings) -> Path:
    """Where unsaved work of ``path`` (None: an untitled machine) is kept."""
    if path is not None:
        return path.with_name(f".{path.name}.autosave")
    return Path(settings.fileName()).parent / "aslstudio-untitled.asl.json.autosave"


def positions_recovery_for(recovery: Path) -> Path:
    """Where the unsaved manual positions are kept beside a recovery file (sidecar format)."""
    return recovery.with_name(f"{recovery.name}-positions.json")


class FileController(QObject):
    """Opening, saving and recovering the document of one designer window."""

    opened = Signal(object)  # Path
    saved = Signal(object)  # Path
    problem = Signal(str)  # one line for the user
    notice = Signal(str)  # one line for the status bar (e.g. an unusable positions sidecar)
    recent_changed = Signal()

    def __init__(
        self,
        parent: QWidget,
        qdoc: QtDocument,
        settings: QSettings,
        positions: PositionStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.qdoc = qdoc
        self.settings = settings
        self.positions = positions if positions is not None else PositionStore(self)
        self.positions.remember(qdoc.data)
        qdoc.changed.connect(self._follow)  # before the views redraw
        qdoc.reset.connect(lambda: self.positions.remember(self.qdoc.data))
        self.prompter = Prompter()
        self._disk_text: str | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_disk_change)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        qdoc.dirty_changed.connect(self._on_dirty)

    def _follow(self, event: DocumentEvent) -> None:
        self.positions.follow(event, self.qdoc.data)

    # ----- names ----------------------------------------------------------------------------
    def display_name(self) -> str:
        """The file name, or "Untitled"."""
        return self.qdoc.path.name if self.qdoc.path is not None else "Untitled"

    def recovery_path(self) -> Path:
        """The recovery file of the current document."""
        return recovery_path_for(self.qdoc.path, self.settings)

    # ----- open / new -----------------------------------------------------------------------
    def maybe_discard(self) -> bool:
        """True when the current work may be replaced (saved, discarded or clean)."""
        if not self.qdoc.dirty:
            return True
        answer = self.prompter.save_changes(self.window, self.display_name())
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.remove_recovery()
            return True
        return False

    def load(self, path: str | os.PathLike[str]) -> bool:
        """Open ``path`` (no prompt); offers a recovery file when one is newer than the file."""
        target = Path(path)
        try:
            document = EditableDocument.from_file(target)
        except (AslError, EditError) as exc:
            self.problem.emit(str(exc) if isinstance(exc, AslError) else f"{target}: {exc}")
            return False
        recovery = recovery_path_for(target, self.settings)
        kept = _read_text(recovery) if recovery.is_file() else None
        kept_positions = _read_positions(positions_recovery_for(recovery))
        when = _modified(recovery) if kept is not None else ""
        self._unwatch()
        message = self.positions.load_beside(target)
        self.qdoc.set_document(document)
        if message is not None:
            self.notice.emit(message)
        self._disk_text = _read_text(target)
        self._watch(target)
        self.add_recent(target)
        self.opened.emit(target)
        if kept is not None:
            self._offer_recovery(recovery, kept, when, kept_positions)
        return True

    def new(self, document: EditableDocument | None = None) -> None:
        """Start an untitled machine (the minimal one, or ``document``), no prompt."""
        self._unwatch()
        self.positions.forget()
        self.qdoc.set_document(document if document is not None else EditableDocument.new())
        self._disk_text = None

    def template(self, path: str | os.PathLike[str]) -> EditableDocument | None:
        """An untitled copy of the machine in ``path`` (None, with a message, if unreadable)."""
        try:
            source = EditableDocument.from_file(path)
        except (AslError, EditError) as exc:
            self.problem.emit(str(exc))
            return None
        return EditableDocument.new(source.data, source.fmt)

    def _offer_recovery(
        self, recovery: Path, text: str, when: str, positions: Positions | None
    ) -> None:
        path = self.qdoc.path
        moved = positions is not None and positions != self.positions.positions
        if path is None or (text == self._disk_text and not moved):
            self._drop_recovery(recovery)
            return
        if not self.prompter.recover(self.window, path.name, when):
            self._drop_recovery(recovery)
            return
        self.qdoc.begin_macro("Restore unsaved work")
        restored = text == self._disk_text or self.qdoc.push(ReplaceDefinition(text=text))
        if restored and positions is not None and moved:
            self.qdoc.undo_stack.push(
                SetPositions(self.positions, positions, "Restore manual positions")
            )
        self.qdoc.end_macro()
        if restored:
            self.autosave_now()  # the restored work stays safe until it is saved

    @staticmethod
    def _drop_recovery(recovery: Path) -> None:
        recovery.unlink(missing_ok=True)
        positions_recovery_for(recovery).unlink(missing_ok=True)

    # ----- save -----------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the document's file (asks for a name when it has none)."""
        if self.qdoc.path is None:
            return self.save_as()
        return self._write(self.qdoc.path)

    def save_as(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Save under ``path`` or a name the user picks; the suffix picks JSON or YAML."""
        if path is None:
            current = self.qdoc.path
            suggestion = str(current) if current is not None else "untitled.asl.json"
            chosen = self.prompter.save_path(self.window, suggestion)
            if chosen is None:
                return False
            path = chosen
        return self._write(Path(path))

    def _write(self, target: Path) -> bool:
        old_recovery = self.recovery_path()
        self._unwatch()
        try:
            self.positions.save_beside(target, self.qdoc.data)
            written = self._write_definition(target)
        except (OSError, EditError) as exc:
            self.problem.emit(f"{target}: cannot save ({getattr(exc, 'strerror', None) or exc})")
            if self.qdoc.path is not None:
                self._watch(self.qdoc.path)
            return False
        self._drop_recovery(old_recovery)
        self.remove_recovery()
        self._disk_text = _read_text(written)
        self._watch(written)
        self.add_recent(written)
        self.saved.emit(written)
        return True

    def _write_definition(self, target: Path) -> Path:
        """Save the definition; when only positions changed, the file is left untouched."""
        same_text = self._disk_text is not None and self.qdoc.document.save_text() == (
            self._disk_text
        )
        if target == self.qdoc.path and same_text and target.is_file():
            self.qdoc.undo_stack.setClean()
            return target
        return self.qdoc.save(target)

    # ----- autosave -------------------------------------------------------------------------
    def autosave_now(self) -> Path | None:
        """Keep the unsaved work in the recovery file (nothing when there is none)."""
        if not self.qdoc.dirty:
            return None
        target = self.recovery_path()
        moved = positions_recovery_for(target)
        try:
            write_atomic(target, self.qdoc.document.save_text())
            if self.positions.positions != self.positions.saved:
                write_sidecar(moved, self.positions.positions)
            else:
                moved.unlink(missing_ok=True)
        except OSError as exc:
            self.problem.emit(f"{target}: cannot keep a recovery copy ({exc.strerror or exc})")
            return None
        return target

    def remove_recovery(self) -> None:
        """Forget the recovery file (after a save or a deliberate discard)."""
        self._drop_recovery(self.recovery_path())

    def _on_dirty(self, dirty: bool) -> None:
        if not dirty:
            self.remove_recovery()

    # ----- changes on disk ------------------------------------------------------------------
    def _watch(self, path: Path) -> None:
        if path.is_file():
            self.watcher.addPath(str(path))

    def _unwatch(self) -> None:
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)

    def _on_disk_change(self, name: str) -> None:
        path = self.qdoc.path
        if path is None or Path(name) != path:
            return
        text = _read_text(path)
        if text is None or text == self._disk_text:
            self._watch(path)  # editors that replace the file drop it from the watch list
            return
        self._disk_text = text
        if self.prompter.reload(self.window, path.name, self.qdoc.dirty):
            self.reload_from_disk(text)
        self._watch(path)

    def reload_from_disk(self, text: str) -> bool:
        """Replace the document by the file's new text, as one undoable step."""
        try:
            parse_text(text, str(self.qdoc.path), format_for(str(self.qdoc.path)))
        except AslError as exc:
            self.problem.emit(f"the file on disk cannot be loaded: {exc}")
            return False
        return self.qdoc.push(ReplaceDefinition(text=text))

    # ----- recent files ---------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Recently opened or saved files, newest first (only those that still exist)."""
        value = self.settings.value(RECENT_KEY, [])
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(name) for name in names if Path(str(name)).is_file()]

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent files."""
        name = str(path.resolve())
        names = [name, *(n for n in self.recent_files() if n != name)][:MAX_RECENT]
        self.settings.setValue(RECENT_KEY, names)
        self.recent_changed.emit()


def _modified(path: Path) -> str:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    except OSError:
        return "at an unknown time"


def _read_positions(path: Path) -> Positions | None:
    """Positions kept by an autosave (None when there are none or they are unreadable)."""
    try:
        return read_sidecar(path)
    except PositionsError:
        return None


def _read_text(path: Path) -> str | None:
    with contextlib.suppress(OSError, UnicodeDecodeError):
        return path.read_text(encoding="utf-8")
    return None
