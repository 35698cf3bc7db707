"""The validation API: schema plus rules over a definition, a parsed document, a text or a file.

None of these functions raises on any input: unreadable files, syntax errors and duplicate keys
become F001/F002/F003 diagnostics; the rest come from the JSON Schema (S1xx) and the semantic
rules (R2xx-R6xx, P7xx), positioned through the document's source map.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import aslstudio.validate.rules  # noqa: F401 - importing the package registers every rule
from aslstudio.asl import pointer as jp
from aslstudio.asl.document import DuplicateKey, ParsedDocument, SourceMap
from aslstudio.asl.edittree import owning_state
from aslstudio.asl.errors import FileReadError, ParseError
from aslstudio.validate.bare_placeholders import bare_placeholder_notes
from aslstudio.validate.context import RuleContext
from aslstudio.validate.diagnostics import Diagnostic, Severity
from aslstudio.validate.registry import RULES
from aslstudio.validate.schema import schema_diagnostics

__all__ = ["validate_definition", "validate_document", "validate_path", "validate_text"]

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _rule_diagnostics(data: Mapping[str, Any]) -> list[Diagnostic]:
    ctx = RuleContext.build(data)
    found: list[Diagnostic] = []
    for code, rule in RULES.items():
        try:
            found.extend(rule.check(ctx))
        except RecursionError:
            found.append(_internal(code, "the definition is nested too deeply"))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not hide the others
            found.append(_internal(code, f"{type(exc).__name__}: {exc}"))
    return found


def _internal(code: str, why: str) -> Diagnostic:
    return Diagnostic(
        code="F004",
        severity=Severity.WARNING,
        message=f"Rule {code} could not check this definition ({why}).",
        hint="The other checks ran; please report this problem with the file attached.",
    )


def _finish(
    diagnostics: Iterable[Diagnostic], source_map: SourceMap | None, filename: str
) -> list[Diagnostic]:
    """Fill positions, drop duplicates and sort by line, column, severity and code."""
    unique: dict[tuple[str, str, str], Diagnostic] = {}
    for diag in diagnostics:
        if not diag.line and source_map is not None:
            pos = source_map.locate(diag.pointer)
            diag = diag.located(filename, pos.line, pos.col)
        elif not diag.line:
            diag = diag.located(filename, 1, 1)
        elif not diag.file:
            diag = replace(diag, file=filename)
        unique.setdefault((diag.code, diag.pointer, diag.message), diag)
    return sorted(
        unique.values(), key=lambda d: (d.line, d.col, _SEVERITY_ORDER[d.severity], d.code)
    )


def validate_definition(
    data: Any, *, source_map: SourceMap | None = None, filename: str = ""
) -> list[Diagnostic]:
    """Schema and rule diagnostics of a definition, positioned, sorted and de-duplicated."""
    try:
        schema = schema_diagnostics(data)
    except RecursionError:
        schema = [_internal("S1xx", "the definition is nested too deeply")]
    found = list(schema)
    if isinstance(data, Mapping):
        # Where the schema already reports an error, a rule's finding at the same place
        # would only repeat it in other words.
        covered = {d.pointer for d in schema if d.severity is Severity.ERROR}
        found.extend(d for d in _rule_diagnostics(data) if d.pointer not in covered)
    return _finish(found, source_map, filename)


def _is_state_name(dup: DuplicateKey) -> bool:
    """Whether the duplicated member is a state name inside some ``States`` object."""
    tokens = jp.split(dup.pointer)
    if len(tokens) < 2 or tokens[-2] != "States":
        return False
    above = tokens[:-2]
    return (
        not above
        or above[-1] in ("ItemProcessor", "Iterator")
        or (len(above) >= 2 and above[-2] == "Branches")
    )


def _owner(doc: ParsedDocument, pointer: str) -> str | None:
    """The name of the innermost state holding ``pointer``, if any."""
    if not isinstance(doc.data, Mapping):
        return None
    owner = owning_state(doc.data, pointer)
    return jp.split(owner)[-1] if owner else None


def _duplicate_diagnostics(doc: ParsedDocument) -> list[Diagnostic]:
    found = []
    for dup in doc.duplicate_keys:
        where = f"line {dup.first.line}, column {dup.first.col}"
        state_name = _is_state_name(dup)
        found.append(
            Diagnostic(
                code="F003",
                severity=Severity.ERROR if state_name else Severity.WARNING,
                message=f'The key "{dup.key}" appears twice in the same object (first at {where}); '
                "only the last one counts.",
                hint="Delete or rename one of them.",
                pointer=dup.pointer,
                state=dup.key if state_name else _owner(doc, dup.pointer),
                file=doc.filename,
                line=dup.position.line,
                col=dup.position.col,
            )
        )
    return found


def validate_document(doc: ParsedDocument) -> list[Diagnostic]:
    """All diagnostics of a parsed file, duplicate keys included."""
    found = validate_definition(doc.data, source_map=doc.source_map, filename=doc.filename)
    notes = bare_placeholder_notes(doc.bare_placeholders, doc.filename)
    return _finish([*found, *_duplicate_diagnostics(doc), *notes], doc.source_map, doc.filename)


def _parse_error(exc: ParseError, filename: str) -> list[Diagnostic]:
    return [
        Diagnostic(
            code="F002",
            severity=Severity.ERROR,
            message=exc.message,
            hint="Fix the syntax at this position; the rest of the file is checked after that.",
            file=exc.filename or filename,
            line=max(exc.line, 1),
            col=max(exc.col, 1),
        )
    ]


def validate_text(text: str, filename: str = "<string>") -> list[Diagnostic]:
    """Diagnostics of definition text (JSON, or YAML for a .yaml/.yml name); never raises."""
    from aslstudio.asl.parse import parse_text

    try:
        doc = parse_text(text, filename)
    except ParseError as exc:
        return _parse_error(exc, filename)
    except (RecursionError, MemoryError, ValueError) as exc:
        return _parse_error(ParseError(f"cannot parse the text: {exc}", filename), filename)
    return validate_document(doc)


def validate_path(path: str | os.PathLike[str]) -> list[Diagnostic]:
    """Diagnostics of a definition file; unreadable files give F001, bad syntax F002."""
    from aslstudio.asl.parse import load_file

    filename = os.fspath(path)
    try:
        doc = load_file(path)
    except FileReadError as exc:
        return [
            Diagnostic(
                code="F001",
                severity=Severity.ERROR,
                message=f"The file cannot be read: {exc.message}.",
                hint="Check the file name and that it is a UTF-8 text file under 1 MB.",
                file=filename,
                line=1,
                col=1,
            )
        ]
    except ParseError as exc:
        return _parse_error(exc, filename)
    except (RecursionError, MemoryError, ValueError) as exc:
        return _parse_error(ParseError(f"cannot parse the file: {exc}", filename), filename)
    return validate_document(doc)
