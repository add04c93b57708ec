"""Who may import what (the map is in the README, "For developers"):

- `models/` (records, repository, vault) and `documents/` (reports and their pictures)
  never import Textual or the app (`tui/`, `screens/`);
- `models/` never imports `documents/`: the data does not know how it is printed;
- `documents/` reads through the repository, never TinyDB or the vault's internals;
- `screens/` never reach TinyDB, the vault's file or its encryption directly.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ("textual", "tui", "screens")
STORAGE = ("tinydb", "models.vault", "models.container", "orjson")


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("models", (*APP, "documents")),
        ("documents", APP),
    ],
)
def test_a_package_loads_without_what_it_may_not_import(
    package: str, forbidden: tuple[str, ...]
) -> None:
    # Every module of the package imported in a fresh interpreter, then what came with it.
    code = (
        f"import sys, importlib, pkgutil, {package}\n"
        f"for m in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
        "    importlib.import_module(m.name)\n"
        f"bad = [n for n in sys.modules if n.split('.')[0] in {forbidden!r}]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("screens", (*STORAGE, "models.atomic")),
        ("documents", STORAGE),
    ],
)
def test_no_reaching_past_the_repository(folder: str, forbidden: tuple[str, ...]) -> None:
    for path in (ROOT / folder).rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(forbidden), f"{path.name} imports {name}"
