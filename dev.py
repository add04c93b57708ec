#!/usr/bin/env python3
"""Set up Pendamping in a local virtual environment, then launch it or test it.

    python3 dev.py app [ARGS...]    set up and launch the app (ARGS go to `pendamping`)
    python3 dev.py test [ARGS...]   set up and run the whole test suite (ARGS go to pytest)
    python3 dev.py bench [ARGS...]  set up and print every performance figure (bench/run_all.py)

Only the Python standard library is used here, so this works on a machine that has
nothing but Python 3. The environment lives in `.venv/` and is reinstalled only when
`pyproject.toml` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".pendamping-installed"


def _venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def _wanted_stamp() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create `.venv` and install the project with its test extras, once per pyproject."""
    if not _venv_bin("python").exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _wanted_stamp()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing Pendamping and its dependencies ...", flush=True)
    pip = [str(_venv_bin("python")), "-m", "pip", "install", "--quiet"]
    pip.append("--disable-pip-version-check")
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test", "bench"}:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_environment()
    if command == "app":
        return subprocess.call([str(_venv_bin("pendamping")), *rest])
    if command == "bench":
        return subprocess.call(
            [str(_venv_bin("python")), str(ROOT / "bench" / "run_all.py"), *rest], cwd=ROOT
        )
    # Two workers keep the suite well inside CI's budget on a two-core machine.
    return subprocess.call(
        [str(_venv_bin("python")), "-m", "pytest", "-n", "auto", *rest], cwd=ROOT
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
