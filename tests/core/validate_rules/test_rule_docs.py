"""docs/validation-rules.md documents every registered rule with its severity."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aslstudio.validate import RULES

DOC = Path(__file__).resolve().parents[3] / "docs" / "validation-rules.md"
HEADING = re.compile(r"^### ([A-Z]\d{3}) — .+\((\w+)", re.MULTILINE)


def documented() -> dict[str, str]:
    """Rule code -> the first severity word in its heading."""
    return dict(HEADING.findall(DOC.read_text(encoding="utf-8")))


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_a_section_with_its_severity(code: str) -> None:
    headings = documented()
    assert code in headings, f"{code} has no '### {code} — ...' section"
    assert headings[code] == str(RULES[code].severity)
