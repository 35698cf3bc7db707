"""Every broken fixture produces the code in its name; every real-world fixture has no error."""

from __future__ import annotations

from pathlib import Path

import pytest

from aslstudio.validate import Severity, validate_path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
BROKEN = sorted((FIXTURES / "broken").iterdir())
REALWORLD = sorted((FIXTURES / "realworld").iterdir())


def test_there_are_enough_fixtures() -> None:
    assert len(BROKEN) >= 40
    assert len(REALWORLD) >= 25


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_fixture_produces_its_code(path: Path) -> None:
    wanted = path.name.split("-", 1)[0]
    found = validate_path(path)
    assert wanted in {d.code for d in found}, [d.to_text() for d in found]
    for diag in found:
        assert diag.line >= 1
        assert diag.col >= 1
        assert diag.file == str(path)


@pytest.mark.parametrize("path", REALWORLD, ids=lambda p: p.name)
def test_realworld_fixture_has_no_error(path: Path) -> None:
    found = validate_path(path)
    errors = [d.to_text() for d in found if d.severity is Severity.ERROR]
    assert errors == []
    # Real files are allowed information (placeholders) but should not even warn here.
    assert [d.code for d in found if d.severity is Severity.WARNING] == []


EXAMPLES = sorted((FIXTURES.parent.parent / "examples").glob("*/*.asl.*"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate_clean(path: Path) -> None:
    found = validate_path(path)
    assert [d.to_text() for d in found if d.severity is not Severity.INFO] == []
