"""Semantic validation rules, one module per family, registered by rule code in RULES."""

from aslstudio.validate.registry import RULES, Rule
from aslstudio.validate.rules import (
    choice,
    expressions,
    fields,
    fields_values,
    files,
    jsonata_refs,
    placeholders,
    retry_catch,
    structure,
)

__all__ = [
    "RULES",
    "Rule",
    "choice",
    "expressions",
    "fields",
    "fields_values",
    "files",
    "jsonata_refs",
    "placeholders",
    "retry_catch",
    "structure",
]
