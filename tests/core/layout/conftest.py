"""Fixtures of the layout tests: the benchmark's machine generator, loaded by path."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def gen() -> Any:
    """benchmarks/gen_machines.py as a module (it uses only the standard library)."""
    spec = importlib.util.spec_from_file_location(
        "h4_gen_machines", ROOT / "benchmarks" / "gen_machines.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
