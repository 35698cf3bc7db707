"""The data at every stage of one step (``dataFlowView``) and why a Choice went its way."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aslstudio.asl.describe import describe_rule, format_value
from aslstudio.engine.choice import MISSING, ChoiceDecision, ConditionTrace
from aslstudio.engine.execution import Execution
from aslstudio.engine.records import StepRecord

# (stage key, label shown) in data-flow order.
STAGE_LABELS: tuple[tuple[str, str], ...] = (
    ("input", "Input"),
    ("afterInputPath", "After InputPath"),
    ("afterParameters", "After Parameters"),
    ("afterArguments", "After Arguments"),
    ("afterItemSelector", "After ItemSelector"),
    ("result", "Result"),
    ("afterResultSelector", "After ResultSelector"),
    ("afterResultPath", "After ResultPath"),
    ("output", "Output"),
)
VALUE_CHARS = 140
CHANGED = QColor(255, 214, 102, 110)
ERROR = QColor(179, 38, 30, 60)
TRUE_COLOUR = QColor("#2e7d3a")
FALSE_COLOUR = QColor("#b3261e")
# theme -> (true, false) text colours, readable on that theme's table background
INKS = {
    "light": (TRUE_COLOUR, FALSE_COLOUR),
    "dark": (QColor("#7ee787"), QColor("#ff938a")),
}
WIN = QColor(46, 125, 58, 55)


def compact(value: Any) -> str:
    """One line of JSON, shortened for a table cell."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    except (ValueError, TypeError, RecursionError):
        text = repr(value)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def pretty(value: Any) -> str:
    """Indented JSON for the detail pane."""
    try:
        return json.dumps(value, ensure_ascii=False, indent=2, default=str)
    except (ValueError, TypeError, RecursionError):
        return repr(value)


def stage_rows(record: StepRecord) -> list[tuple[str, str, Any, bool]]:
    """(key, label, value, changed from the previous stage) for the stages this step reached."""
    rows: list[tuple[str, str, Any, bool]] = []
    previous: Any = MISSING
    for key, label in STAGE_LABELS:
        if key not in record.stages:
            continue
        value = record.stages[key]
        changed = previous is not MISSING and key != "result" and value != previous
        rows.append((key, label, value, changed))
        previous = value
    return rows


def outcome_text(record: StepRecord) -> str:
    """The step's end in words: next state, error with its Retry/Catch decision."""
    parts: list[str] = []
    for retry in record.retries:
        parts.append(
            f"Retry: {retry.get('error', 'error')} → attempt {retry.get('attempt')} after "
            f"{retry.get('delaySeconds')} s (retrier {retry.get('retrier')})"
        )
    if record.error:
        parts.append(f"Error: {record.error}: {record.cause or ''}".rstrip(": "))
    if record.caught_by is not None:
        parts.append(f"Caught by Catch #{record.caught_by + 1} → {record.next_state}")
    elif record.error and record.status == "FAILED":
        parts.append("No Retry/Catch applied: the state failed")
    elif record.next_state:
        parts.append(f"Next: {record.next_state}")
    return "\n".join(parts)


def context_object(execution: Execution, record: StepRecord) -> dict[str, Any]:
    """``$$`` as the step saw it: execution (without its input), state, state machine."""
    context = execution.context_object(record)
    context["Execution"].pop("Input", None)
    return context


def change_words(before: Any, after: Any) -> str:
    """What a stage changed, in words: added, removed and changed top-level fields."""
    if not isinstance(before, Mapping) or not isinstance(after, Mapping):
        return "the value was replaced"
    added = [k for k in after if k not in before]
    removed = [k for k in before if k not in after]
    changed = [k for k in after if k in before and after[k] != before[k]]
    parts = [
        f"{word}: {', '.join(map(str, keys))}"
        for word, keys in (("added", added), ("removed", removed), ("changed", changed))
        if keys
    ]
    return "; ".join(parts) or "same fields, reordered"


def child_word(container_type: str | None) -> str:
    """What one child of a container is called: a Parallel "branch", a Map "item"."""
    return "branch" if container_type == "Parallel" else "item"


def frame_words(frame: Sequence[tuple[str, int]], types: Mapping[str, str] | None = None) -> str:
    """Where a step ran, one-based: ``Fan out, branch 2 / Each file, item 1``."""
    kinds = types or {}
    return " / ".join(f"{name}, {child_word(kinds.get(name))} {index + 1}" for name, index in frame)


NO_STEP = "No step to show yet: press Run or Step, then pick a step in History."


class DataFlowView(QWidget):
    """Every stage value of the selected step, what changed, variables, context and errors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataFlowView")
        self.record: StepRecord | None = None
        self.title = QLabel(NO_STEP, self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; padding: 2px;")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("dataFlowTree")
        self.tree.setHeaderLabels(["Stage", "Value"])
        self.tree.setColumnWidth(0, 165)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("dataFlowDetail")
        self.detail.setReadOnly(True)
        self.detail.setFont(QFont("DejaVu Sans Mono", 9))
        self.tree.currentItemChanged.connect(self._show_detail)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setSizes([300, 120])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)

    def show_record(
        self,
        record: StepRecord | None,
        context: Mapping[str, Any] | None = None,
        types: Mapping[str, str] | None = None,
    ) -> None:
        """Show one step's data flow (None clears it); ``types`` maps container names to Type."""
        self.record = record
        self.tree.clear()
        self.detail.clear()
        if record is None:
            self.title.setText(NO_STEP)
            return
        where = frame_words(record.frame, types)
        self.title.setText(
            f"Step {record.index + 1}: {record.name} ({record.type}) — {record.status}"
            + (f" in {where}" if where else "")
        )
        previous_value: Any = None
        for key, label, value, changed in stage_rows(record):
            item = self._row(label, value, key)
            if changed:
                for column in (0, 1):
                    item.setBackground(column, QBrush(CHANGED))
                item.setToolTip(0, "changed by this stage")
                item.setToolTip(1, change_words(previous_value, value))
            previous_value = value
        self._add_extras(record, context)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _row(self, label: str, value: Any, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label, compact(value)])
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        item.setData(1, Qt.ItemDataRole.UserRole, value)
        self.tree.addTopLevelItem(item)
        return item

    def _add_extras(self, record: StepRecord, context: Mapping[str, Any] | None) -> None:
        outcome = outcome_text(record)
        if outcome:
            item = self._row("Outcome", outcome, "outcome")
            item.setText(1, outcome.replace("\n", "  ·  "))
            if record.error:
                for column in (0, 1):
                    item.setBackground(column, QBrush(ERROR))
        if record.assigned:
            self._row("Assigned", record.assigned, "assigned")
        self._row("Variables", record.variables or {}, "variables")
        if context:
            self._row("Context ($$)", dict(context), "context")

    def value_of(self, key: str) -> Any:
        """The value in the row for ``key`` (a stage name, "variables"...); KeyError if none."""
        for item in self._rows():
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                return item.data(1, Qt.ItemDataRole.UserRole)
        raise KeyError(key)

    def select_key(self, key: str) -> bool:
        """Make the row of ``key`` (a stage name...) the current one; False when absent."""
        for item in self._rows():
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _rows(self) -> list[QTreeWidgetItem]:
        count = self.tree.topLevelItemCount()
        return [item for i in range(count) if (item := self.tree.topLevelItem(i)) is not None]

    def changed_keys(self) -> list[str]:
        """The stage keys drawn as changed."""
        out = []
        for item in self._rows():
            if item.toolTip(0) == "changed by this stage":
                out.append(str(item.data(0, Qt.ItemDataRole.UserRole)))
        return out

    def _show_detail(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            self.detail.clear()
            return
        value = current.data(1, Qt.ItemDataRole.UserRole)
        self.detail.setPlainText(value if isinstance(value, str) else pretty(value))


def _value_words(value: Any) -> str:
    return "missing" if value is MISSING else format_value(value)


def _condition_item(trace: ConditionTrace, ink: tuple[QColor, QColor]) -> QTreeWidgetItem:
    if trace.variable:
        words = f"{trace.variable} is {_value_words(trace.value)}"
    else:
        words = trace.operator
    item = QTreeWidgetItem([words, "true" if trace.result else "false", trace.text])
    item.setForeground(1, QBrush(ink[0] if trace.result else ink[1]))
    item.setToolTip(2, trace.text)
    for child in trace.children:
        item.addChild(_condition_item(child, ink))
    return item


class ChoiceWhyView(QWidget):
    """ "Why this way": the Choice's rules, each condition's value and outcome, the winner."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceWhyView")
        self.ink = INKS["light"]
        self.summary = QLabel("Select a Choice step to see why it went its way.", self)
        self.summary.setObjectName("choiceWhySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("choiceWhyTree")
        self.tree.setHeaderLabels(["Rule / condition", "Result", "Details"])
        self.tree.setColumnWidth(0, 200)
        self.tree.setColumnWidth(1, 52)
        self.tree.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def set_theme(self, name: str) -> None:
        """Use the true/false colours of a theme ("light" or "dark") from the next decision."""
        self.ink = INKS.get(name, INKS["light"])

    def show_decision(self, record: StepRecord | None, body: Mapping[str, Any] | None) -> None:
        """Show the decision of a Choice step (or a hint when the step is no Choice)."""
        self.tree.clear()
        decision = record.choice if record is not None else None
        if record is None or not isinstance(decision, ChoiceDecision):
            self.summary.setText("Select a Choice step to see why it went its way.")
            return
        rules = body.get("Choices", []) if isinstance(body, Mapping) else []
        self.summary.setText(self.sentence(record.name, decision, rules))
        for trace in decision.trace:
            rule = rules[trace.index] if trace.index < len(rules) else {}
            words = describe_rule(rule) if isinstance(rule, Mapping) else "?"
            head = QTreeWidgetItem(
                [
                    f"Rule {trace.index + 1}: {words}",
                    str(trace.matched).lower(),
                    f"→ {trace.next_state}",
                ]
            )
            head.setForeground(1, QBrush(self.ink[0] if trace.matched else self.ink[1]))
            head.addChild(_condition_item(trace.condition, self.ink))
            self._mark(head, trace.index == decision.rule_index)
            self.tree.addTopLevelItem(head)
        if decision.rule_index is None:
            default = QTreeWidgetItem(
                ["Default (no rule matched)", "taken", f"→ {decision.next_state}"]
            )
            self._mark(default, True)
            self.tree.addTopLevelItem(default)
        self.tree.expandAll()
        # rules in words need the room; the details column (also a tooltip) takes the rest
        self.tree.setColumnWidth(0, max(180, self.tree.viewport().width() * 11 // 20))

    @staticmethod
    def _mark(item: QTreeWidgetItem, winner: bool) -> None:
        if not winner:
            return
        font = item.font(0)
        font.setBold(True)
        for column in range(3):
            item.setBackground(column, QBrush(WIN))
            item.setFont(column, font)

    @staticmethod
    def sentence(name: str, decision: ChoiceDecision, rules: Any) -> str:
        """The decision in plain words, e.g. ``'X?' went to 'Y' because rule 2 was true: …``."""
        if decision.rule_index is not None:
            rule = rules[decision.rule_index] if decision.rule_index < len(rules) else {}
            words = describe_rule(rule) if isinstance(rule, Mapping) else ""
            return (
                f"'{name}' went to '{decision.next_state}' because rule "
                f"{decision.rule_index + 1} was true: {words}."
            )
        failed = "; ".join(f"rule {t.index + 1} was false" for t in decision.trace if not t.matched)
        return f"'{name}' went to '{decision.next_state}' (the Default) because no rule matched" + (
            f": {failed}." if failed else "."
        )

    def winner_row(self) -> int:
        """The index of the highlighted top-level row (-1 when none)."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.font(0).bold():
                return i
        return -1
