"""The run panel: sample input (``inputEditor``), mock config and test case, handlers (consent)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QValidator,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aslstudio.asl.companions import (
    INPUTS,
    MOCKS,
    SUBSTITUTIONS,
    companion,
    machine_stem,
    sample_inputs,
)
from aslstudio.engine.definition import fill_bare, substitute
from aslstudio.engine.handlers import HandlersError, HandlersSource
from aslstudio.engine.mocks import MockConfig, MockConfigError
from aslstudio.engine.tasks import ChainSource, TaskSource
from aslstudio.ui.dataflow_view import child_word

DEFAULT_CASES = ("HappyPath", "default")
NO_MOCKS = "(no mock config)"
ALL_CHILDREN = "all"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class RunSetupError(ValueError):
    """The run cannot start: bad input JSON, unreadable mocks or handlers (one-line message)."""


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RunSetupError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise RunSetupError(f"{path}: the {what} is not UTF-8 text") from None


def parse_json(text: str, where: str, what: str) -> Any:
    """JSON from ``text``; RunSetupError naming ``where:line:col`` when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RunSetupError(
            f"{where}:{exc.lineno}:{exc.colno}: the {what} is not JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise RunSetupError(f"{where}: the {what} is nested too deeply") from None


def read_substitutions(path: Path | None) -> dict[str, Any]:
    """``foo.substitutions.json`` beside the machine ({} when there is none)."""
    if path is None:
        return {}
    file = companion(path, SUBSTITUTIONS)
    if file is None:
        return {}
    table = parse_json(_read_text(file, "substitutions"), str(file), "substitutions")
    if not isinstance(table, dict):
        raise RunSetupError(f"{file}: substitutions must be a JSON object of names to values")
    return table


# theme -> colours of strings, keys, numbers and literals in the input editor
JSON_COLOURS = {
    "light": ("#1a7f37", "#0550ae", "#953800", "#8250df"),
    "dark": ("#a5d6a7", "#79c0ff", "#ffa657", "#d2a8ff"),
}
JSON_PATTERNS = (
    r'"(?:[^"\\]|\\.)*"',
    r'"(?:[^"\\]|\\.)*"(?=\s*:)',
    r"-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b",
    r"\b(?:true|false|null)\b",
)
# theme -> (problem, fine) colours of the line under the input editor
STATUS_COLOURS = {"light": ("#b3261e", "#2e7d3a"), "dark": ("#ff938a", "#7ee787")}


class JsonHighlighter(QSyntaxHighlighter):
    """Colours keys, strings, numbers and literals in the input editor."""

    def __init__(self, document: QTextDocument, theme: str = "light") -> None:
        super().__init__(document)
        self.rules: list[tuple[QRegularExpression, QTextCharFormat]] = []
        self.set_theme(theme)

    def set_theme(self, theme: str) -> None:
        """Use the colours of a theme ("light" or "dark") and colour the text again."""
        colours = JSON_COLOURS.get(theme, JSON_COLOURS["light"])
        self.rules = []
        for pattern, colour in zip(JSON_PATTERNS, colours, strict=True):
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            self.rules.append((QRegularExpression(pattern), fmt))
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        """Apply every rule to one line (later rules win, so keys beat strings)."""
        for expression, fmt in self.rules:
            matches = expression.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), fmt)


def _narrow_combo(parent: QWidget) -> QComboBox:
    """A combo box whose long entries (file names) never widen the panel; they are elided."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


class ChildSpin(QSpinBox):
    """Picks one branch / item, shown one-based ("branch 2"); -1 (the minimum) means all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.word = "item"

    def set_word(self, word: str) -> None:
        """Call the children "branch" (Parallel) or "item" (Map)."""
        if word != self.word:
            self.word = word
            self.lineEdit().setText(self.textFromValue(self.value()))

    def textFromValue(self, value: int) -> str:  # noqa: N802 - Qt override
        """Index 0 reads "branch 1" / "item 1"."""
        return f"{self.word} {value + 1}"

    def valueFromText(self, text: str) -> int:  # noqa: N802 - Qt override
        """The zero-based index from what was typed (digits only count)."""
        digits = "".join(ch for ch in text if ch.isdigit())
        return int(digits) - 1 if digits else self.minimum()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Accept the word with or without a number while typing."""
        digits = "".join(ch for ch in text if ch.isdigit())
        if text == self.specialValueText() or not digits:
            return (QValidator.State.Intermediate, text, pos)
        inside = self.minimum() <= int(digits) - 1 <= self.maximum()
        state = QValidator.State.Acceptable if inside else QValidator.State.Intermediate
        return (state, text, pos)


class RunPanel(QWidget):
    """Where a run's input and task sources are chosen; defaults come from beside the machine."""

    changed = Signal()
    child_choice_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runPanel")
        self.machine_path: Path | None = None
        self.inputs: dict[str, Path] = {}
        self.mock_path: Path | None = None
        self.mock_config: MockConfig | None = None
        self.handlers_path: Path | None = None
        self.handlers_consent = False
        self.theme = "light"
        self._build()

    def _build(self) -> None:
        self.input_picker = _narrow_combo(self)
        self.input_picker.setObjectName("inputPicker")
        self.input_picker.currentTextChanged.connect(self._input_picked)
        self.save_input = QPushButton("Save as…", self)
        self.save_input.clicked.connect(self.save_input_as)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("inputEditor")
        self.editor.setFont(QFont("DejaVu Sans Mono", 9))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # no breaks at hyphens
        self.editor.setPlainText("{}")
        self.highlighter = JsonHighlighter(self.editor.document())
        self.editor.textChanged.connect(self._validate)
        self.input_status = QLabel("", self)
        self.input_status.setObjectName("inputStatus")
        self.input_status.setWordWrap(True)
        self.mock_label = QLabel(NO_MOCKS, self)
        self.mock_label.setWordWrap(True)
        mock_button = QPushButton("Choose…", self)
        mock_button.clicked.connect(self.choose_mocks)
        self.case_picker = _narrow_combo(self)
        self.case_picker.setObjectName("testCasePicker")
        self.handlers_label = QLabel("none (no local code runs)", self)
        self.handlers_label.setWordWrap(True)
        handlers_button = QPushButton("Choose…", self)
        handlers_button.clicked.connect(self.choose_handlers)
        self.real_time = QCheckBox("Wait states really wait (real time)", self)
        self.container_picker = _narrow_combo(self)
        self.container_picker.setObjectName("childContainerPicker")
        self.child_picker = ChildSpin(self)
        self.child_picker.setObjectName("childIndexPicker")
        self.child_picker.setSpecialValueText(ALL_CHILDREN)
        self.child_picker.setMinimum(-1)
        self.child_picker.setValue(-1)
        self.child_picker.setToolTip("Which iteration / branch the canvas shows (all: every one)")
        self.container_picker.currentTextChanged.connect(
            lambda _t: self.child_choice_changed.emit()
        )
        self.child_picker.valueChanged.connect(lambda _v: self.child_choice_changed.emit())
        form = QFormLayout()
        form.addRow("Input", _row(self.input_picker, self.save_input))
        form.addRow(self.editor)
        form.addRow(self.input_status)
        form.addRow("Mocks", _row(self.mock_label, mock_button))
        form.addRow("Test case", self.case_picker)
        form.addRow("Handlers", _row(self.handlers_label, handlers_button))
        form.addRow(self.real_time)
        form.addRow("Show", self.container_picker)  # its own row: the narrow panel cut names off
        form.addRow("Which", self.child_picker)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)

    # ----- defaults ----------------------------------------------------------------------
    def load_for(self, path: Path | None) -> None:
        """Pick up ``foo.input.json``, ``foo.inputs/*.json`` and ``foo.mocks.json`` as defaults."""
        self.machine_path = path
        self.inputs = sample_inputs(path) if path is not None else {}
        self.input_picker.blockSignals(True)
        self.input_picker.clear()
        self.input_picker.addItems([*self.inputs, "(typed here)"])
        self.input_picker.blockSignals(False)
        if self.inputs:
            self._input_picked(self.input_picker.currentText())
        else:
            self.editor.setPlainText("{}")
        mocks = companion(path, MOCKS) if path is not None else None
        self.set_handlers(None)
        try:
            self.set_mocks(mocks if mocks is not None and mocks.is_file() else None)
        except RunSetupError as exc:
            self.mock_label.setText(str(exc))

    def choose_input(self, label: str) -> None:
        """Select one of the named inputs (as listed in the picker)."""
        self.input_picker.setCurrentText(label)
        self._input_picked(label)

    def _input_picked(self, label: str) -> None:
        path = self.inputs.get(label)
        if path is None:
            return
        try:
            self.editor.setPlainText(_read_text(path, "input"))
        except RunSetupError as exc:
            self.input_status.setText(str(exc))

    def _validate(self) -> None:
        try:
            self.input_value()
        except RunSetupError as exc:
            self.input_status.setText(f"✕ {exc}")
            self.input_status.setStyleSheet(f"color: {STATUS_COLOURS[self.theme][0]};")
            return
        self.input_status.setText("✓ valid JSON")
        self.input_status.setStyleSheet(f"color: {STATUS_COLOURS[self.theme][1]};")

    def set_theme(self, theme: str) -> None:
        """Colours for a theme ("light" or "dark"): the input's highlighting and status line."""
        self.theme = theme if theme in STATUS_COLOURS else "light"
        self.highlighter.set_theme(self.theme)
        self._validate()

    def input_value(self) -> Any:
        """The input as JSON; RunSetupError with line:col when the text is not JSON."""
        return parse_json(self.editor.toPlainText(), "input", "input")

    def save_input_as(self) -> None:
        """Store the typed input as ``foo.inputs/NAME.json`` beside the machine."""
        if self.machine_path is None:
            return
        name, ok = QInputDialog.getText(self, "Save input", "Name of this input:")
        if ok and name.strip():
            self.save_named_input(name)

    def save_named_input(self, name: str) -> Path:
        """Write the editor's JSON as a named input; returns the file written."""
        if self.machine_path is None:
            raise RunSetupError("open a machine first")
        value = self.input_value()
        folder = self.machine_path.with_name(machine_stem(self.machine_path) + INPUTS)
        safe = _SAFE_NAME.sub("-", name.strip()).strip("-.") or "input"
        target = folder / f"{safe}.json"
        try:
            folder.mkdir(exist_ok=True)
            target.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", "utf-8")
        except OSError as exc:
            raise RunSetupError(
                f"{target}: cannot save the input ({exc.strerror or exc})"
            ) from None
        self.load_for(self.machine_path)
        self.choose_input(f"{folder.name}/{target.name}")
        return target

    # ----- mocks -------------------------------------------------------------------------
    def choose_mocks(self) -> None:
        """Ask for a Step Functions Local MockConfigFile."""
        start = str(self.machine_path.parent) if self.machine_path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Mock config", start, "JSON (*.json)")
        if name:
            try:
                self.set_mocks(Path(name))
            except RunSetupError as exc:
                QMessageBox.warning(self, "Mock config", str(exc))

    def set_mocks(self, path: Path | None) -> None:
        """Use ``path`` as the mock config (None: no mocks); lists its test cases."""
        self.case_picker.clear()
        self.mock_path, self.mock_config = None, None
        self.mock_label.setText(NO_MOCKS)
        if path is None:
            return
        try:
            config = MockConfig(
                parse_json(_read_text(path, "mock config"), str(path), "mock config")
            )
            cases = config.test_cases(self.mock_machine(config))
        except MockConfigError as exc:
            raise RunSetupError(f"{path}: {exc}") from None
        self.mock_path, self.mock_config = path, config
        self.mock_label.setText(path.name)
        self.case_picker.addItems(cases)
        for name in DEFAULT_CASES:
            if name in cases:
                self.case_picker.setCurrentText(name)
                break

    def mock_machine(self, config: MockConfig) -> str:
        """The machine name in the config: the file stem, else the only one there."""
        names = config.machine_names()
        stem = machine_stem(self.machine_path) if self.machine_path else ""
        if stem in names or len(names) != 1:
            return stem
        return names[0]

    # ----- handlers ----------------------------------------------------------------------
    def choose_handlers(self) -> None:
        """Ask for a handlers file, then for explicit consent to run its local code."""
        start = str(self.machine_path.parent) if self.machine_path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Task handlers", start, "JSON (*.json)")
        if not name:
            return
        answer = QMessageBox.question(
            self,
            "Run local code?",
            f"{name} names Python functions and commands on this computer.\n\n"
            "They will run with your permissions whenever a Task calls them. "
            "Only continue if you trust this file.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        self.set_handlers(Path(name), answer == QMessageBox.StandardButton.Yes)

    def set_handlers(self, path: Path | None, consent: bool = False) -> None:
        """Use a handlers file; without ``consent`` it is ignored (nothing runs)."""
        self.handlers_path = path if consent else None
        self.handlers_consent = consent and path is not None
        text = path.name + " (allowed to run)" if self.handlers_consent and path else None
        self.handlers_label.setText(text or "none (no local code runs)")

    # ----- the run's task source ---------------------------------------------------------
    def task_source(self) -> TaskSource:
        """Mocks of the chosen test case, then the consented handlers; RunSetupError if broken."""
        sources: list[TaskSource] = []
        if self.mock_config is not None:
            case = self.case_picker.currentText()
            try:
                sources.append(self.mock_config.source(self.mock_machine(self.mock_config), case))
            except MockConfigError as exc:
                raise RunSetupError(f"{self.mock_path}: {exc}") from None
        if self.handlers_consent and self.handlers_path is not None:
            try:
                sources.append(HandlersSource.load(self.handlers_path))
            except HandlersError as exc:
                raise RunSetupError(str(exc)) from None
        return ChainSource(sources)

    def definition_for_run(self, definition: Any, bare: Sequence[tuple[str, str]] = ()) -> Any:
        """The definition with ``foo.substitutions.json`` applied (unchanged without one).

        ``bare`` lists (pointer, "${Name}") of placeholders written unquoted in a template
        file; their values are pasted in as text, as SAM, CloudFormation and Terraform do.
        """
        table = read_substitutions(self.machine_path)
        if not table:
            return definition
        return substitute(fill_bare(definition, list(bare), table), table)

    def machine_name(self) -> str:
        """The state machine's name for the context object."""
        return machine_stem(self.machine_path) if self.machine_path else "StateMachine"

    # ----- Map / Parallel child selector -------------------------------------------------
    def set_containers(self, names: list[str]) -> None:
        """The Map/Parallel states that ran (choices for the iteration/branch selector)."""
        current = self.container_picker.currentText()
        if names == [
            self.container_picker.itemText(i) for i in range(self.container_picker.count())
        ]:
            return
        self.container_picker.blockSignals(True)
        self.container_picker.clear()
        self.container_picker.addItems(names)
        if current in names:
            self.container_picker.setCurrentText(current)
        self.container_picker.blockSignals(False)

    def set_child_count(self, count: int, container_type: str | None = None) -> None:
        """How many iterations/branches the chosen container has (index -1 = all)."""
        self.child_picker.set_word(child_word(container_type))
        self.child_picker.setMaximum(max(count - 1, -1))

    def child_choice(self) -> tuple[str, int] | None:
        """(container, index) when one iteration/branch is chosen, else None (show all)."""
        name, index = self.container_picker.currentText(), self.child_picker.value()
        return (name, index) if name and index >= 0 else None


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for i, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if i == 0 else 0)
    return box
