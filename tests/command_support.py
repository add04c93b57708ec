"""Running the installed `pendamping` command in tests, as a worker's machine would:
the command itself, an environment nothing of the developer's leaks into, and a second
process holding a vault open.

The README's test command installs the command, so a test that needs it fails (never
skips) when it is missing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

PENDAMPING = Path(sys.executable).parent / "pendamping"


# Every module that runs the command: `pytestmark = NEEDS_COMMAND` (the fixture is in
# conftest.py, where pytest finds it).
NEEDS_COMMAND = pytest.mark.usefixtures("pendamping_installed")


def isolated_env(tmp: Path, lang: str = "C.UTF-8", **more: str) -> dict[str, str]:
    """Only our variables decide the vault, the settings and the language: a developer's
    own PENDAMPING_*, LC_* or Textual settings must not leak into the run."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LC_", "PENDAMPING_", "TEXTUAL"))
        and key not in ("LANG", "LANGUAGE", "NO_COLOR", "COLUMNS", "LINES")
    }
    env.update(
        PENDAMPING_VAULT=str(tmp / "case.vault"),
        PENDAMPING_CONFIG_DIR=str(tmp / "config"),
        PENDAMPING_KDF_COST="8:1:1",  # cheap key derivation, for tests only
        PENDAMPING_WEAK_KEYS_FOR_TESTS="1",
        LANG=lang,
        **more,
    )
    return env


@contextlib.contextmanager
def held_open(path: Path, passphrase: str) -> Iterator[subprocess.Popen[str]]:
    """Another Pendamping process with the vault open, holding the writer's lock."""
    script = textwrap.dedent("""
        import sys, time
        from models.vault import Vault
        vault = Vault.open(sys.argv[1], sys.argv[2])
        print("ready", flush=True)
        time.sleep(120)
    """)
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(path), passphrase],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready", "the holder could not open the vault"
        yield holder
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()
