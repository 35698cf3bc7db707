"""The Diagnostic record every validator rule produces, and its severities."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How serious a problem is: errors block deploying, warnings and info do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: a stable rule code, a plain-language message and hint, and where it is."""

    code: str
    severity: Severity
    message: str
    hint: str = ""
    pointer: str = ""  # JSON pointer of the offending value
    state: str | None = None  # name of the state it belongs to, when there is one
    file: str = ""
    line: int = 0
    col: int = 0

    def located(self, file: str, line: int, col: int) -> Diagnostic:
        """A copy with its source position filled in."""
        return replace(self, file=file, line=line, col=col)

    def to_json(self) -> dict[str, Any]:
        """The `validate --format json` shape of one diagnostic."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": str(self.severity),
            "code": self.code,
            "state": self.state,
            "pointer": self.pointer,
            "message": self.message,
            "hint": self.hint,
        }

    def to_text(self) -> str:
        """One line: ``file:line:col: severity CODE [State] message (hint)``."""
        where = f"[{self.state}] " if self.state else ""
        hint = f" Hint: {self.hint}" if self.hint else ""
        return (
            f"{self.file}:{self.line}:{self.col}: {self.severity} {self.code} "
            f"{where}{self.message}{hint}"
        )
