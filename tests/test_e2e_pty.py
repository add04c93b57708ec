"""End to end: the installed `pendamping` in a real pseudo-terminal, driven by keystrokes.

These tests do what a caseworker does on the first day and every day after: make the
vault, quit, come back, mistype the passphrase, get in. They catch what in-process
Textual tests cannot: the console entry point, terminal set-up and tear-down, the exit
status, and that quitting really releases and keeps the vault.

Everything runs in a temporary folder with a cheap key derivation; no real data.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

if sys.platform == "win32":  # pragma: no cover - there is no pty module on Windows
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

import fcntl
import pty
import struct
import termios

import command_support
from command_support import NEEDS_COMMAND, PENDAMPING, held_open
from models.container import KdfParams
from models.errors import WrongPassphrase
from models.vault import Vault

KDF = KdfParams(8, 1, 1)
PASSPHRASE = "tutor-river-lantern-42"
WRONG = "not-the-right-one-17"
COLUMNS, LINES = 80, 24
STEP_TIMEOUT = 15.0  # seconds for one screen to appear; generous for a loaded CI machine
KEY_PAUSE = 0.02  # Textual reads a fast burst of keys as a paste; type like a person

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC (ESC P/X/^/_ ... ST),
# charset selection (ESC ( B) and the remaining two-byte escapes (ESC =, ESC >, ESC 7 ...).
ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[()*+][0-9A-Za-z]"
    r"|\x1b[@-Z\\-_=>78]"
)
WHITESPACE = re.compile(r"\s+")

pytestmark = NEEDS_COMMAND


def normalise(raw: bytes) -> str:
    """Screen output as plain text without any whitespace.

    Textual redraws only what changed and may move the cursor mid-word, so a phrase
    can arrive in pieces; with escapes and all whitespace gone the pieces join again.
    """
    text = ANSI.sub("", raw.decode("utf-8", errors="replace"))
    return WHITESPACE.sub("", text)


def isolated_env(tmp: Path) -> dict[str, str]:
    """The environment of a first-time user on a fresh machine, on an 80×24 terminal."""
    return command_support.isolated_env(
        tmp, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES)
    )


class Terminal:
    """One `pendamping` process on a pseudo-terminal, and everything it has drawn."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        master, slave = pty.openpty()
        size = struct.pack("HHHH", LINES, COLUMNS, 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
        try:
            # A new session makes the pty its controlling terminal and lets us kill the
            # whole process group if a test fails halfway.
            self.process = subprocess.Popen(
                [str(PENDAMPING), *args],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                cwd=cwd,
                start_new_session=True,
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self.master = master
        self.output = bytearray()
        self.closed = False

    # -- reading ------------------------------------------------------------------------

    def pump(self, timeout: float) -> None:
        """Read whatever arrives within `timeout` seconds (without it the child would
        block on a full pty buffer)."""
        if self.closed:
            time.sleep(timeout)
            return
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: every process holding the slave side has gone
            chunk = b""
        if chunk:
            self.output.extend(chunk)
        else:
            self.closed = True

    def mark(self) -> int:
        """A position in the output; `expect(..., since=mark)` only looks after it."""
        return len(self.output)

    def text(self, since: int = 0) -> str:
        return normalise(bytes(self.output[since:]))

    def expect(self, phrase: str, *, since: int = 0, timeout: float = STEP_TIMEOUT) -> None:
        wanted = WHITESPACE.sub("", phrase)
        deadline = time.monotonic() + timeout
        while wanted not in self.text(since):
            if time.monotonic() > deadline:
                # The start shows how the app answered; the end, where it stands now
                # (often a blinking cursor redrawn many times over).
                said = self.text(since)
                raise AssertionError(
                    f"{phrase!r} did not appear within {timeout} s; the screen said:\n"
                    + said[:2000]
                    + "\n[...]\n"
                    + said[-1000:]
                )
            if self.closed and self.process.poll() is not None:
                raise AssertionError(
                    f"pendamping exited ({self.process.returncode}) before showing "
                    f"{phrase!r}:\n{self.text(since)[-2000:]}"
                )
            self.pump(0.1)

    # -- writing ------------------------------------------------------------------------

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.master, char.encode("utf-8"))
            self.pump(KEY_PAUSE)

    def press(self, key: bytes) -> None:
        os.write(self.master, key)
        self.pump(KEY_PAUSE)

    def until_field_has_focus(self, timeout: float = STEP_TIMEOUT) -> None:
        """Wait until the passphrase field takes keys, and leave it empty.

        The first screen is drawn a moment before its field has focus, and keys sent in
        that moment are lost; on a loaded machine the moment can last seconds. So probe:
        type one character until the field echoes a mask dot, then clear the field.
        """
        deadline = time.monotonic() + timeout
        while True:
            mark = self.mark()
            self.press(b"x")
            try:
                self.expect("\u2022", since=mark, timeout=1.0)
                break
            except AssertionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
        # Ctrl+U deletes everything left of the cursor. It is a key binding, which Textual
        # runs a moment after the keys that follow have already been typed in; so wait
        # for the empty field's placeholder before typing on.
        mark = self.mark()
        self.press(b"\x15")
        self.expect("Passphrase", since=mark)

    # -- ending -------------------------------------------------------------------------

    def wait(self, timeout: float = STEP_TIMEOUT) -> int:
        """The exit status, reading the output meanwhile; kills the group on timeout."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(
                    f"pendamping did not exit within {timeout} s:\n{self.text()[-2000:]}"
                )
            self.pump(0.05)
        # The last words (an exit message) may still sit in the pty buffer.
        drain_deadline = time.monotonic() + 2.0
        while not self.closed and time.monotonic() < drain_deadline:
            self.pump(0.05)
        return self.process.returncode

    def kill(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)

    def close(self) -> None:
        self.kill()
        with contextlib.suppress(OSError):
            os.close(self.master)


@contextlib.contextmanager
def pendamping(tmp: Path, *args: str) -> Iterator[Terminal]:
    terminal = Terminal(["--lang", "en", *args], isolated_env(tmp), tmp)
    try:
        yield terminal
    finally:
        terminal.close()  # a failed test must not leave a Textual app running


def opens(path: Path, passphrase: str) -> bool:
    try:
        Vault.open(path, passphrase).close()
    except WrongPassphrase:
        return False
    return True


# -- the scenarios --------------------------------------------------------------------------


def test_first_run_creates_the_vault_and_quits_cleanly(tmp_path: Path) -> None:
    vault = tmp_path / "case.vault"
    with pendamping(tmp_path) as term:
        term.expect("Create your vault")
        term.until_field_has_focus()
        term.type(PASSPHRASE)
        mark = term.mark()
        term.press(b"\r")
        # Keys typed before the cursor has moved would still land in the first field.
        term.expect("Type the same passphrase once more", since=mark)
        term.type(PASSPHRASE)
        term.expect("The two are the same", since=mark)
        mark = term.mark()
        term.press(b"\r")
        term.expect("Your name", since=mark)  # over the caseload: the new vault is open
        term.type("Dewi (fictional)")
        mark = term.mark()
        term.press(b"\r")
        term.expect("Saved", since=mark)
        term.press(b"\x11")  # Ctrl+Q
        assert term.wait() == 0, term.text()[-2000:]

    assert vault.is_file()
    assert opens(vault, PASSPHRASE)
    with Vault.open(vault, PASSPHRASE, read_only=True) as opened:
        assert opened.db.table("meta").get(doc_id=1)["worker_name"] == "Dewi (fictional)"
    assert not opens(vault, WRONG)


def test_unlock_refuses_a_wrong_passphrase_then_opens(tmp_path: Path) -> None:
    vault = tmp_path / "case.vault"
    Vault.create(vault, PASSPHRASE, kdf=KDF).close()

    with pendamping(tmp_path) as term:
        term.expect("Open your vault")
        term.until_field_has_focus()
        term.type(WRONG)
        mark = term.mark()
        term.press(b"\r")
        term.expect("That passphrase is wrong", since=mark)
        assert "Caseload" not in term.text()

        term.type(PASSPHRASE)
        mark = term.mark()
        term.press(b"\r")
        term.expect("Caseload", since=mark)
        term.press(b"\x11")
        assert term.wait() == 0, term.text()[-2000:]

    assert opens(vault, PASSPHRASE)


def test_a_vault_open_elsewhere_is_refused_untouched(tmp_path: Path) -> None:
    vault = tmp_path / "case.vault"
    Vault.create(vault, PASSPHRASE, kdf=KDF).close()
    before = vault.read_bytes()

    with held_open(vault, PASSPHRASE) as holder, pendamping(tmp_path) as term:
        # The app says why and leaves by itself, without asking for the passphrase.
        status = term.wait()
        assert status == 1, term.text()[-2000:]
        assert normalise(b"already open in another Pendamping window") in term.text()
        assert holder.poll() is None  # the other window is unharmed

    assert vault.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("case.vault")) == [
        "case.vault",
        "case.vault.lock",
    ]
