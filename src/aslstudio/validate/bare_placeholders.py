"""JSON definitions written as text templates: ``${Name}`` values standing outside quotes.

SAM (``DefinitionUri`` with ``DefinitionSubstitutions``), CloudFormation (``Fn::Sub`` on a
``DefinitionString``) and Terraform (``templatefile``) substitute the definition as *text* before
anyone parses it as JSON, so ``"TimeoutSeconds": ${Timeout}`` is a valid, deployable template
even though the file itself is not JSON. The parser reads such a file by quoting each bare
placeholder (:mod:`aslstudio.asl.placeholders`, giving the ``"${Timeout}"`` the schema already
accepts); the validator notes every one as P702 information.
"""

from __future__ import annotations

from aslstudio.asl.placeholders import BarePlaceholder as BarePlaceholder  # public here too
from aslstudio.asl.placeholders import quote_bare_placeholders as quote_bare_placeholders
from aslstudio.validate.diagnostics import Diagnostic, Severity


def bare_placeholder_notes(found: list[BarePlaceholder], filename: str) -> list[Diagnostic]:
    """One P702 note per unquoted placeholder, at its position in the file."""
    return [
        Diagnostic(
            code="P702",
            severity=Severity.INFO,
            message=f"{item.name} stands outside quotes: this file is a definition template "
            "(SAM DefinitionSubstitutions, CloudFormation Fn::Sub or Terraform templatefile), "
            "which becomes JSON once the value is filled in.",
            hint="Nothing to fix: the value is filled in before AWS reads the definition. The "
            "designer keeps it bare when saving; to run the machine, give it a value in a "
            "substitutions file.",
            file=filename,
            line=item.line,
            col=item.col,
        )
        for item in found
    ]
