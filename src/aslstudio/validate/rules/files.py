"""F0xx: the file itself — unreadable, not valid JSON/YAML, duplicate keys (made by the API)."""

from __future__ import annotations

from aslstudio.validate.diagnostics import Severity
from aslstudio.validate.registry import register

# These come from reading and parsing the file, so they have no check over a definition;
# aslstudio.validate.api produces them. They are registered for the docs and the rule list.
register("F001", Severity.ERROR, "The file cannot be read")
register("F002", Severity.ERROR, "The file is not valid JSON or YAML")
register("F003", Severity.WARNING, "A key appears twice in one object")
register("F004", Severity.WARNING, "A check could not finish (an internal problem)")
