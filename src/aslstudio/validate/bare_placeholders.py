"""JSON definitions written as text templates: ``${Name}`` values standing outside quotes.

SAM (``DefinitionUri`` with ``DefinitionSubstitutions``), CloudFormation (``Fn::Sub`` on a
``DefinitionString``) and Terraform (``templatefile``) substitute the definition as *text* before
anyone parses it as JSON, so ``"TimeoutSeconds": ${Timeout}`` is a valid, deployable template
even though the file itself is not JSON. The validator checks such a file by quoting each bare
placeholder (turning it into the ``"${Timeout}"`` placeholder the schema already accepts) and
notes every one as P702 information.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aslstudio.validate.diagnostics import Diagnostic, Severity

# A JSON string (skipped as it is) or a placeholder outside any string (to be quoted).
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\$\{[A-Za-z0-9_.:-]+\}')


@dataclass(frozen=True, slots=True)
class BarePlaceholder:
    """One unquoted ``${Name}`` and where it starts in the original text (1-based)."""

    name: str
    line: int
    col: int


def quote_bare_placeholders(text: str) -> tuple[str, list[BarePlaceholder]]:
    """The text with every placeholder outside a string quoted, and the placeholders found."""
    found: list[BarePlaceholder] = []
    parts: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.startswith('"'):
            continue
        start = match.start()
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        found.append(BarePlaceholder(token, line, col))
        parts.append(text[last:start])
        parts.append(f'"{token}"')
        last = match.end()
    if not found:
        return text, []
    parts.append(text[last:])
    return "".join(parts), found


def bare_placeholder_notes(found: list[BarePlaceholder], filename: str) -> list[Diagnostic]:
    """One P702 note per unquoted placeholder, at its position in the file."""
    return [
        Diagnostic(
            code="P702",
            severity=Severity.INFO,
            message=f"{item.name} stands outside quotes: this file is a definition template "
            "(SAM DefinitionSubstitutions, CloudFormation Fn::Sub or Terraform templatefile), "
            "which becomes JSON once the value is filled in.",
            hint="Nothing to fix: the value is filled in before AWS reads the definition. To "
            "open the file in the designer or the simulator, fill in the values first.",
            file=filename,
            line=item.line,
            col=item.col,
        )
        for item in found
    ]
