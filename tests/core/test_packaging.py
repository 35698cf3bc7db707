"""The package list in pyproject.toml matches the source tree; resources are importable."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_list_matches_source_tree() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src" / "aslstudio").rglob("__init__.py")
    }
    on_disk.add("aslstudio.resources")
    on_disk |= {
        f"aslstudio.resources.{d.name}"
        for d in (ROOT / "resources").iterdir()
        if d.is_dir() and not d.name.startswith((".", "_"))
    }
    assert listed == on_disk


def test_resources_are_found_through_the_package() -> None:
    assert (files("aslstudio.resources") / "__init__.py").is_file()


def test_core_commands_do_not_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from aslstudio.cli import main\n"
        "try:\n"
        "    main(['validate', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import aslstudio.asl, aslstudio.validate, aslstudio.engine, aslstudio.layout\n"
        "print('PySide6' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_every_resource_file_is_in_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["aslstudio.resources"]
    suffixes = {pattern.rsplit("*", 1)[-1] for pattern in patterns}
    resource_files = [
        p for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ]
    missing = [
        str(p.relative_to(ROOT))
        for p in resource_files
        if p.suffix not in suffixes and p.name != "__init__.py"
    ]
    assert resource_files
    assert missing == []
