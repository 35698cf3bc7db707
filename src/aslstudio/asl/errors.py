"""Errors raised when a definition file cannot be read or parsed."""

from __future__ import annotations


class AslError(Exception):
    """Base class for problems with a definition file that the user must fix."""


class FileReadError(AslError):
    """The file cannot be read at all (missing, a directory, too large, binary, not UTF-8)."""

    def __init__(self, message: str, filename: str = "<string>") -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename

    def __str__(self) -> str:
        return f"{self.filename}: {self.message}"


class ParseError(AslError):
    """The text is not valid JSON/YAML, or its top level is not an object; 1-based line/col."""

    def __init__(
        self, message: str, filename: str = "<string>", line: int = 1, col: int = 1
    ) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.col = col

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}:{self.col}: {self.message}"
