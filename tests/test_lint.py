"""The code stays as it is read: `ruff check` clean, laid out by `ruff format`, and
type-checked (mypy, strict, as configured in pyproject.toml). The README's test command
installs both tools, so a missing one is a failure, never a skip."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    found = shutil.which(tool, path=str(Path(sys.executable).parent))
    assert found is not None, f"{tool} is not installed: run the tests with `python3 dev.py test`"
    return subprocess.run([found, *args], capture_output=True, text=True, cwd=ROOT)


def test_ruff_check_is_clean() -> None:
    result = run("ruff", "check", str(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_the_layout_as_it_is() -> None:
    result = run("ruff", "format", "--check", str(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_app_type_checks() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
