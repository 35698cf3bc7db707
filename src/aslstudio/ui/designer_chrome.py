"""The designer's chrome: where its settings live and dark-theme rules for its own panels."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

GEOMETRY_KEY = "designer/geometry"
STATE_KEY = "designer/windowState"

# Dark-theme rules for the designer's own panels (the shared window sheet covers the chrome).
DARK_PANELS = """
#statePalette, #problemsPanel, #problemsPanel QHeaderView::section {
  background: #16191d; color: #e8ecf0;
}
#choiceRuleEditor QScrollArea > QWidget > QWidget, #inspector QScrollArea > QWidget > QWidget {
  background: #1f2429;
}
#choiceRuleEditor QFrame#ruleGroup, #choiceRuleEditor QFrame[objectName^="ruleCard"] {
  background: #262c33; border: 1px solid #3a4450; border-radius: 4px;
}
#choiceRuleEditor QComboBox, #inspector QComboBox {
  background: #16191d; color: #e8ecf0; border: 1px solid #5f6f80; border-radius: 3px;
  padding: 2px 4px;
}
#choiceRuleEditor QPushButton, #choiceRuleEditor QToolButton {
  background: #2f3a46; color: #e8ecf0; border: 1px solid #5f6f80; border-radius: 3px;
  padding: 2px 6px;
}
"""


def default_settings() -> QSettings:
    """The user's settings store for the designer (window state, recent files)."""
    return QSettings("ASL Studio", "designer")


def use_platform_keys(actions: Mapping[QAction, QKeySequence.StandardKey]) -> None:
    """Give actions the platform's own keys (Cmd on macOS, …) where Qt knows them."""
    for action, key in actions.items():
        bindings = QKeySequence.keyBindings(key)
        if bindings:
            action.setShortcuts(bindings)


def shortcut_texts(window: QWidget) -> dict[str, str]:
    """objectName -> first shortcut of the window's actions (for docs and tests)."""
    found: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.objectName() and not action.shortcut().isEmpty():
            found[action.objectName()] = action.shortcut().toString(
                QKeySequence.SequenceFormat.PortableText
            )
    return found


def restore_window_state(window: QMainWindow, settings: QSettings) -> None:
    """Put the window and its panels back where they were last time."""
    geometry = settings.value(GEOMETRY_KEY)
    state = settings.value(STATE_KEY)
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    if isinstance(state, QByteArray):
        window.restoreState(state)


def save_window_state(window: QMainWindow, settings: QSettings) -> None:
    """Remember the window's size and panel layout for next time."""
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(STATE_KEY, window.saveState())
