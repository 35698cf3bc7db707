"""The editing window: the canvas plus palette, inspector, rule builder, code view and problems.

Every change goes through :class:`~aslstudio.ui.qt_document.QtDocument` as an undoable command;
the canvas and every panel refresh from its ``changed`` signal. The window is the controller that
owns the current selection and hands it to the views; views never talk to each other.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QInputDialog, QMenu, QToolBar, QWidget
from shiboken6 import isValid

from aslstudio.asl import pointer as jp
from aslstudio.asl.commands import CATCHING_TYPES, Connect, ConnectKind, DeleteState, RenameState
from aslstudio.asl.editing import DocumentEvent, EditableDocument
from aslstudio.asl.edittree import (
    owning_state,
    single_successor,
    split_state,
)
from aslstudio.render.labels import state_text
from aslstudio.render.scene_builder import DiagramScene
from aslstudio.ui.canvas_tools import ConnectTool, HandleItem, StateMenu
from aslstudio.ui.choice_builder import ChoiceRuleEditor
from aslstudio.ui.code_view import CodeView
from aslstudio.ui.designer_chrome import (
    DARK_PANELS,
    default_settings,
    restore_window_state,
    save_window_state,
    use_platform_keys,
)
from aslstudio.ui.edit_actions import (
    copy_states,
    has_predecessors,
    move_state,
    move_targets,
    paste_states,
    states_from,
)
from aslstudio.ui.files import FileController
from aslstudio.ui.inspector import Inspector
from aslstudio.ui.palette import ENTRIES, CanvasDropHandler, StatePalette, add_from_palette
from aslstudio.ui.positioned_window import PositionedWindow
from aslstudio.ui.problems import (
    ErrorMarkItem,
    LiveValidator,
    ProblemsPanel,
    problems_title,
    states_with_errors,
)
from aslstudio.ui.qt_document import QtDocument
from aslstudio.validate import Diagnostic


class DesignerWindow(PositionedWindow):
    """The designer: edit a machine on the canvas, in forms, in the rule builder and as code."""

    selection_changed = Signal(object)  # state pointer or None

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.qdoc = QtDocument(parent=self)
        self.layout_undo = self.qdoc.undo_stack  # drags and Auto layout undo with the edits
        self.settings = settings if settings is not None else default_settings()
        self.selected: str | None = None
        self.diagnostics: list[Diagnostic] = []
        self._marks: dict[str, list[str]] = {}
        self._syncing_selection = False
        self.files = FileController(self, self.qdoc, self.settings, self.layout_positions)
        self.validator = LiveValidator(self.qdoc)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(0)
        self._redraw_timer.timeout.connect(self.refresh_canvas)
        self._build_panels()
        self._build_edit_actions()
        self._connect_document()
        self.setAcceptDrops(True)
        restore_window_state(self, self.settings)
        self.files.new()

    # ----- construction ---------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.state_palette = StatePalette(self)
        self.inspector = Inspector(self.qdoc, self)
        self.rule_editor = ChoiceRuleEditor(self.qdoc, self)
        self.code_view = CodeView(self.qdoc, self)
        self.problems_panel = ProblemsPanel(self)
        self.palette_dock = self._dock("States", "paletteDock", self.state_palette, left)
        self.inspector_dock = self._dock("Inspector", "inspectorDock", self.inspector, right)
        self.rules_dock = self._dock("Choice rules", "rulesDock", self.rule_editor, right)
        self.code_dock = self._dock("Code", "codeDock", self.code_view, right)
        self.splitDockWidget(self.minimap_dock, self.inspector_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.inspector_dock, self.rules_dock)
        self.tabifyDockWidget(self.rules_dock, self.code_dock)
        self.inspector_dock.raise_()
        self.problems_dock = self._dock("Problems", "problemsDock", self.problems_panel, bottom)
        self.code_dock.visibilityChanged.connect(self.code_view.set_active)
        self.resizeDocks(
            [self.palette_dock, self.minimap_dock], [190, 560], Qt.Orientation.Horizontal
        )
        self.resizeDocks(
            [self.minimap_dock, self.inspector_dock, self.problems_dock],
            [170, 560, 140],
            Qt.Orientation.Vertical,
        )
        self.drop_handler = CanvasDropHandler(self.canvas, self._drop_state)
        self.connect_tool = ConnectTool(self.canvas, self.connect_states)
        self.state_menu = StateMenu(self.canvas, self._fill_state_menu)
        self.state_palette.add_requested.connect(self.add_state)

    def _build_edit_actions(self) -> None:
        a = self._action
        self.action_new = a("actionNew", "&New", self.new_machine, ("Ctrl+N",))
        self.action_template = a(
            "actionNewFromTemplate", "New from &template…", self.new_from_template
        )
        self.action_save = a("actionSave", "&Save", self.files.save, ("Ctrl+S",))
        self.action_save_as = a(
            "actionSaveAs", "Save &As…", lambda: self.files.save_as(), ("Ctrl+Shift+S",)
        )
        self.action_undo = a("actionUndo", "&Undo", self.qdoc.undo, ("Ctrl+Z",))
        self.action_redo = a("actionRedo", "&Redo", self.qdoc.redo, ("Ctrl+Shift+Z", "Ctrl+Y"))
        self.action_delete = a("actionDelete", "&Delete state", self.delete_selected, ("Del",))
        self.action_rename = a("actionRename", "Re&name state…", self.rename_selected, ("F2",))
        self.action_copy = a("actionCopy", "&Copy state", self.copy_selected, ("Ctrl+C",))
        self.action_paste = a("actionPaste", "&Paste states", self.paste, ("Ctrl+V",))
        keys = QKeySequence.StandardKey
        use_platform_keys(
            {
                self.action_new: keys.New,
                self.action_save: keys.Save,
                self.action_save_as: keys.SaveAs,
                self.action_undo: keys.Undo,
                self.action_redo: keys.Redo,
                self.action_delete: keys.Delete,
                self.action_copy: keys.Copy,
                self.action_paste: keys.Paste,
            }
        )
        for action in (self.action_delete, self.action_copy, self.action_paste):
            # Del, Ctrl+C and Ctrl+V act on states only while the canvas has the focus, so
            # typing in a panel never deletes or pastes a state by accident.
            self.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.canvas.addAction(action)
        stack = self.qdoc.undo_stack
        stack.canUndoChanged.connect(self.action_undo.setEnabled)
        stack.canRedoChanged.connect(self.action_redo.setEnabled)
        stack.undoTextChanged.connect(lambda t: self.action_undo.setText(f"&Undo {t}".rstrip()))
        stack.redoTextChanged.connect(lambda t: self.action_redo.setText(f"&Redo {t}".rstrip()))
        self.action_undo.setEnabled(False)
        self.action_redo.setEnabled(False)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.files.recent_changed.connect(self._fill_recent)
        self._fill_recent()
        self._arrange_menus()

    def _arrange_menus(self) -> None:
        file_menu = self.menuBar().actions()[0].menu()
        if isinstance(file_menu, QMenu):
            file_menu.insertAction(file_menu.actions()[0], self.action_new)
            file_menu.insertAction(file_menu.actions()[1], self.action_template)
            file_menu.insertMenu(self.action_export, self.recent_menu)
            file_menu.insertAction(self.action_export, self.action_save)
            file_menu.insertAction(self.action_export, self.action_save_as)
            file_menu.insertSeparator(self.action_export)
        edit = QMenu("&Edit", self)
        for action in (self.action_undo, self.action_redo):
            edit.addAction(action)
        edit.addSeparator()
        for action in (self.action_copy, self.action_paste, self.action_rename, self.action_delete):
            edit.addAction(action)
        self.menuBar().insertMenu(self.menuBar().actions()[1], edit)
        bar = self.findChild(QToolBar, "mainToolBar")
        if isinstance(bar, QToolBar):
            first = bar.actions()[0]
            for action in (self.action_new, self.action_save, self.action_undo, self.action_redo):
                bar.insertAction(first, action)
            bar.insertSeparator(first)
        view = self.menuBar().actions()[2].menu()
        if isinstance(view, QMenu):
            view.addSeparator()
            for dock in (self.palette_dock, self.inspector_dock, self.rules_dock, self.code_dock):
                view.addAction(dock.toggleViewAction())
            view.addAction(self.problems_dock.toggleViewAction())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.files.recent_files():
            action = self.recent_menu.addAction(Path(name).name)
            action.setToolTip(name)
            action.triggered.connect(lambda _c=False, n=name: self.open_file(n))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _connect_document(self) -> None:
        self.qdoc.changed.connect(self._on_changed)
        self.qdoc.reset.connect(self._on_reset)
        self.qdoc.dirty_changed.connect(lambda _d: self._update_title())
        self.qdoc.path_changed.connect(lambda _p: self._update_title())
        self.qdoc.refused.connect(lambda msg: self.statusBar().showMessage(msg, 10000))
        self.files.problem.connect(self.show_problem)
        self.files.notice.connect(lambda msg: self.statusBar().showMessage(msg, 15000))
        self.files.saved.connect(lambda p: self.statusBar().showMessage(f"Saved {p}", 6000))
        self.validator.validated.connect(self._on_validated)
        self.problems_panel.problem_activated.connect(self.go_to_problem)
        for view in (self.inspector, self.rule_editor, self.code_view):
            self.selection_changed.connect(view.show_state)
        self.selection_changed.connect(self._raise_panel_for)
        self.code_view.state_requested.connect(self.select_state)
        self.inspector.rename_done.connect(self.select_state)

    # ----- documents ------------------------------------------------------------------------
    def open_file(self, path: str | Path) -> bool:
        """Open ``path`` for editing (asks first when there are unsaved changes)."""
        if not self.files.maybe_discard():
            return False
        return self.files.load(path)

    def choose_file(self) -> None:
        """Ask for a definition file and open it."""
        start = str(self.qdoc.path.parent) if self.qdoc.path else ""
        name = self.files.prompter.open_path(self, start)
        if name:
            self.open_file(name)

    def new_machine(self, document: EditableDocument | None = None) -> bool:
        """Start a new machine (asks first when there are unsaved changes)."""
        if not self.files.maybe_discard():
            return False
        self.files.new(document)
        return True

    def new_from_template(self, path: str | Path | None = None) -> bool:
        """Start an untitled machine from a copy of another file (e.g. one of the examples)."""
        if path is None:
            start = Path.cwd() / "examples"
            path = self.files.prompter.open_path(self, str(start if start.is_dir() else ""))
            if path is None:
                return False
        copy = self.files.template(path)
        if copy is None or not self.new_machine(copy):
            return False
        self.statusBar().showMessage(
            f"New machine from {Path(path).name}; save it under a new name.", 8000
        )
        return True

    def save_to(self, path: str | Path) -> bool:
        """Save As without a dialog (tests and scripts)."""
        return self.files.save_as(path)

    def _on_reset(self) -> None:
        self.path = self.qdoc.path
        self.selected = None
        self.collapsed.clear()
        self.geometry_ = self.auto_geometry = None
        self.definition = self.qdoc.data
        if self.refresh_canvas():
            self.banner.hide()
            self.canvas.show_opening()
        self.selection_changed.emit(None)
        self._update_title()

    def _on_changed(self, event: DocumentEvent) -> None:
        if event.kind == "rename" and self.selected is not None:
            old = jp.join(split_state(event.pointer)[0], "States", event.old_name)
            if self.selected == old or self.selected.startswith(old + "/"):
                self.selected = event.pointer + self.selected[len(old) :]
                self.selection_changed.emit(self.selected)
        if self.selected is not None and self.qdoc.state_body(self.selected) is None:
            self.selected = None
            self.selection_changed.emit(None)
        self.definition = self.qdoc.data
        if event.kind == "state" and self._retext(event.pointer):
            return
        self.refresh_canvas()

    def _retext(self, pointer: str) -> bool:
        """Update one state's words in place when its box would look the same; True if done."""
        item = self.scene.state_items.get(pointer) if self.scene is not None else None
        body = self.qdoc.state_body(pointer)
        if item is None or body is None:
            return False
        text = state_text(item.text.name, body)
        old = item.text
        if (text.kind, text.detail, text.retry, text.catch) != (
            old.kind,
            old.detail,
            old.retry,
            old.catch,
        ):
            return False  # the box's size or lines change: lay out again
        item.text = text
        item.setToolTip(text.tooltip)
        item.update()
        return True

    def refresh_canvas(self) -> bool:
        """Draw the current definition again, keeping zoom, centre, selection and marks."""
        if not isinstance(self.qdoc.data.get("States"), dict) or not self.qdoc.data["States"]:
            self.show_problem("The machine has no states to draw yet; add one from the palette.")
            return False
        zoom, centre = self.canvas.zoom(), self.canvas.visible_rect().center()
        had_scene = self.scene is not None
        if not self._redraw():
            return False
        if had_scene:
            self.canvas.set_zoom(zoom, centre)
        self.banner.hide()
        return True

    def _redraw(self) -> bool:
        ok = super()._redraw()
        if ok and isinstance(self.scene, DiagramScene):
            scene = self.scene
            scene.selectionChanged.connect(lambda: self._on_scene_selection(scene))
            self._apply_marks()
            self._select_on_canvas(self.selected, centre=False)
        return ok

    def _apply_chrome(self) -> None:
        """The shared window style, plus dark rules for the designer's panels."""
        super()._apply_chrome()
        code_view = getattr(self, "code_view", None)  # None while the base class is built
        if code_view is not None:
            code_view.set_theme(self.theme_name)
        if self.theme_name == "dark":
            self.setStyleSheet(self.styleSheet() + DARK_PANELS)

    def _update_title(self) -> None:
        self.setWindowTitle(f"ASL Studio — {self.files.display_name()}[*]")
        self.setWindowModified(self.qdoc.dirty)

    # ----- selection ------------------------------------------------------------------------
    def select_state(self, pointer: str | None, field: str = "") -> None:
        """Make ``pointer`` the selected state in every view (None: nothing selected)."""
        if pointer is not None and self.qdoc.state_body(pointer) is None:
            pointer = None
        changed = pointer != self.selected
        self.selected = pointer
        self._select_on_canvas(pointer, centre=True)
        if changed:
            self.selection_changed.emit(pointer)
        if field:
            self.inspector.focus_field(field)

    def _raise_panel_for(self, pointer: str | None) -> None:
        """Show the rule builder for a Choice state, the inspector for the others."""
        body = self.qdoc.state_body(pointer) if pointer else None
        if body is None:
            return
        if body.get("Type") == "Choice":
            self.rules_dock.raise_()
            self._rules_raised = True
        elif getattr(self, "_rules_raised", False):
            self.inspector_dock.raise_()
            self._rules_raised = False

    def _select_on_canvas(self, pointer: str | None, centre: bool) -> None:
        if self.scene is None:
            return
        self._syncing_selection = True
        try:
            self.scene.clearSelection()
            item = self.scene.state_items.get(pointer) if pointer else None
            if item is not None:
                item.setSelected(True)
                if centre:
                    self.canvas.centre_on_item(item)
        finally:
            self._syncing_selection = False
        self._place_handle(pointer)

    def _place_handle(self, pointer: str | None) -> None:
        """Show the connect handle under the selected state only."""
        if self.scene is None:
            return
        for state_item in self.scene.state_items.values():
            for child in state_item.childItems():
                if isinstance(child, HandleItem):
                    self.scene.removeItem(child)
        target = self.scene.state_items.get(pointer) if pointer else None
        body = self.qdoc.state_body(pointer) if pointer else None
        if target is not None and body is not None and body.get("Type") not in ("Succeed", "Fail"):
            HandleItem(target, target.state_id)

    def _on_scene_selection(self, scene: DiagramScene) -> None:
        if self._syncing_selection or scene is not self.scene or not isValid(scene):
            return
        chosen = [i for i in self.scene.selectedItems() if i.data(2)]
        pointer = str(chosen[0].data(2)) if chosen else None
        if pointer != self.selected:
            self.selected = pointer
            self._place_handle(pointer)
            self.selection_changed.emit(pointer)

    # ----- problems -------------------------------------------------------------------------
    def _on_validated(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        self.problems_panel.set_diagnostics(diagnostics)
        self.inspector.set_diagnostics(diagnostics)
        self.rule_editor.set_diagnostics(diagnostics)
        self._marks = states_with_errors(self.qdoc.data, diagnostics)
        self._apply_marks()
        self.problems_dock.setWindowTitle(problems_title(diagnostics))

    def _apply_marks(self) -> None:
        if self.scene is None:
            return
        for item in self.scene.state_items.values():
            for child in item.childItems():
                if isinstance(child, ErrorMarkItem):
                    self.scene.removeItem(child)
            messages = self._marks.get(item.state_id)
            if messages:
                ErrorMarkItem(item, messages)

    def marked_states(self) -> set[str]:
        """Pointers of the states drawn with an error mark."""
        if self.scene is None:
            return set()
        return {
            sid
            for sid, item in self.scene.state_items.items()
            if any(isinstance(c, ErrorMarkItem) for c in item.childItems())
        }

    def go_to_problem(self, diag: Diagnostic) -> None:
        """Select the state a problem belongs to, and its field in the inspector."""
        state = owning_state(self.qdoc.data, diag.pointer) if diag.pointer else None
        rest = diag.pointer[len(state) :].lstrip("/").split("/") if state else [""]
        if state is not None:
            self.select_state(state)
            if rest[0] == "Choices" and len(rest) > 1 and rest[1].isdigit():
                self.rules_dock.raise_()
                self.rule_editor.reveal_rule(int(rest[1]))
            else:
                self.inspector_dock.raise_()
                self.inspector.focus_field(rest[0])
        self.code_view.reveal_position(diag.line, diag.col)

    # ----- editing --------------------------------------------------------------------------
    def add_state(self, kind: str, after: str | None = None, scope: str | None = None) -> bool:
        """Add a palette state after ``after`` (default: the selection; with ``scope``: at its
        end, unconnected) and select it."""
        anchor = after if after is not None or scope is not None else self.selected
        added = add_from_palette(self.qdoc, kind, anchor, scope)
        if added is None:
            return False
        self.select_state(added)
        return True

    def _drop_state(self, kind: str, target: str | None) -> None:
        self.add_state(kind, after=target, scope=None if target else "")

    def delete_selected(self, reconnect: bool | None = None) -> bool:
        """Delete the selected state; offers to send the states that led to it on to its
        successor (``reconnect`` answers without asking)."""
        if self.selected is None:
            self.statusBar().showMessage("Select a state to delete first.", 6000)
            return False
        pointer = self.selected
        body = self.qdoc.state_body(pointer) or {}
        successor = single_successor(body, split_state(pointer)[1])
        if reconnect is None and successor is not None and has_predecessors(self.qdoc, pointer):
            answer = self.files.prompter.reconnect(self, split_state(pointer)[1], successor)
            if answer is None:
                return False
            reconnect = answer
        command = DeleteState(pointer, reconnect=reconnect is not False)
        if not self.qdoc.push(command):
            return False
        self.select_state(None)
        if command.dangling:
            names = ", ".join(
                sorted(
                    {
                        split_state(jp.parent(r.pointer))[1]
                        for r in command.dangling
                        if r.kind != "start"
                    }
                )
            )
            self.statusBar().showMessage(
                f"Deleted; {names or 'StartAt'} still point to it: connect them elsewhere.", 10000
            )
        return True

    def rename_selected(self, new_name: str | None = None) -> bool:
        """Rename the selected state (asks for the name when not given); references follow."""
        if self.selected is None:
            self.statusBar().showMessage("Select a state to rename first.", 6000)
            return False
        old = split_state(self.selected)[1]
        if new_name is None:
            text, ok = QInputDialog.getText(self, "Rename state", "New name:", text=old)
            if not ok:
                return False
            new_name = text
        return self.qdoc.push(RenameState(self.selected, new_name))

    def connect_states(self, source: str, target: str, catch: bool = False) -> bool:
        """Connect two states: Next, a new rule on a Choice, or (``catch``) a new Catch."""
        body = self.qdoc.state_body(source)
        if body is None or self.qdoc.state_body(target) is None:
            return False
        kind: ConnectKind = "next"
        if body.get("Type") == "Choice":
            kind = "choice"
        elif catch and body.get("Type") in CATCHING_TYPES:
            kind = "catch"
        return self.qdoc.push(Connect(source, split_state(target)[1], kind))

    def _fill_state_menu(self, menu: QMenu, state_id: str) -> None:
        self.select_state(state_id)
        menu.addAction(self.action_rename)
        menu.addAction(self.action_delete)
        menu.addAction(self.action_copy)
        add = menu.addMenu("Add after this state")
        for kind, (label, _sentence) in ENTRIES.items():
            add.addAction(label).triggered.connect(
                lambda _c=False, k=kind, s=state_id: self.add_state(k, after=s)
            )
        move = menu.addMenu("Move into")
        for label, scope in move_targets(self.qdoc, state_id):
            move.addAction(label).triggered.connect(
                lambda _c=False, p=state_id, t=scope: self.move_selected(t, p)
            )
        move.setEnabled(bool(move.actions()))

    def copy_selected(self) -> bool:
        """Put the selected state on the clipboard."""
        data = copy_states(self.qdoc, self.selected) if self.selected else None
        if data is None:
            self.statusBar().showMessage("Select a state to copy first.", 6000)
            return False
        QApplication.clipboard().setMimeData(data)
        return True

    def paste(self) -> bool:
        """Paste copied states next to the selection (its scope) or into the machine."""
        states = states_from(QApplication.clipboard().mimeData())
        if states is None:
            self.statusBar().showMessage("The clipboard holds no states to paste.", 6000)
            return False
        scope = split_state(self.selected)[0] if self.selected else ""
        pasted = paste_states(self.qdoc, states, scope)
        if pasted is not None:
            self.select_state(pasted)
        return pasted is not None

    def move_selected(self, scope: str, pointer: str | None = None) -> bool:
        """Move a state (default: the selection) into another branch, Map or the machine."""
        source = pointer or self.selected
        moved = move_state(self.qdoc, source, scope) if source else None
        if moved is not None:
            self.select_state(moved)
        return moved is not None

    # ----- window state, drops and closing ---------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files dragged onto the window."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the first file dropped onto the window."""
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.open_file(urls[0].toLocalFile())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes; keep window layout for next time."""
        if not self.files.maybe_discard():
            event.ignore()
            return
        self.files.remove_recovery()
        save_window_state(self, self.settings)
        super().closeEvent(event)


def create_designer(
    path: str | Path | None = None, settings: QSettings | None = None
) -> DesignerWindow:
    """A shown designer window with ``path`` opened when given (needs a QApplication); the
    drop-in for ``ui.app.create_window`` once the app opens the designer."""
    window = DesignerWindow(settings=settings)
    window.show()
    if path:
        window.open_file(path)
    return window
