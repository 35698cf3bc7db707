"""Validation of ASL definitions: JSON Schema plus semantic rules, reported as Diagnostics."""

from aslstudio.validate.api import (
    validate_definition,
    validate_document,
    validate_path,
    validate_text,
)
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.registry import RULES, Rule

__all__ = [
    "RULES",
    "Diagnostic",
    "Rule",
    "Severity",
    "validate_definition",
    "validate_document",
    "validate_path",
    "validate_text",
]
