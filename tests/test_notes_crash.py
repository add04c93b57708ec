"""A crash right after a note's auto-save returned loses nothing.

The note editor's auto-save is `Repository.update` (or `add` for a new note) run in a
worker thread. A child process plays the editor: it types a note in bursts, saving after
each, and tells the parent the length of the text each time a save returns. The parent
kills it (SIGKILL) at a random moment; the reopened vault must hold a note at least as
long as the last acknowledged save, equal to what was typed up to that point.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app_support import PASSPHRASE, TODAY, fictional_ma, seed_vault
from models.records import SessionNote
from models.repository import Repository
from models.vault import Vault

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

WORDS = "MA was hesitant at first then opened up and felt relieved after sharing".split()
KILLS = 40


def typed_text(length: int) -> str:
    rng = random.Random(7)
    text = ""
    while len(text) < length:
        text += rng.choice(WORDS) + " "
    return text[:length]


def editor_child(path: Path, ack: int) -> None:
    """Open the vault and keep typing into one note, saving after every burst."""
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        client = repo.client_by_code("MA")
        note: SessionNote | None = None
        length = 0
        while True:
            length += 17
            body = typed_text(length)
            if note is None:
                note = repo.add(
                    SessionNote(client_id=client.id, date=date(2026, 11, 28), body=body)
                )
            else:
                note = repo.update(replace(note, body=body))
            os.write(ack, f"{length}\n".encode())


def run_and_kill(path: Path, rng: random.Random) -> int:
    """Start an editor, kill it mid-typing; returns the last acknowledged length."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read)
        try:
            editor_child(path, write)
        finally:
            os._exit(0)
    os.close(write)
    acknowledged = 0
    buffer = b""
    # The random moment counts from the first save, so a busy machine still kills the
    # editor mid-typing rather than before it has saved anything.
    ready, _, _ = select.select([read], [], [], 5.0)
    if ready:
        buffer += os.read(read, 4096)
    deadline = time.monotonic() + rng.uniform(0.0, 0.06)
    while time.monotonic() < deadline:
        ready, _, _ = select.select([read], [], [], max(0.0, deadline - time.monotonic()))
        if ready:
            chunk = os.read(read, 4096)
            if not chunk:
                break
            buffer += chunk
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read, 4096):  # acknowledgements written before the kill
        buffer += chunk
    os.close(read)
    lines = [int(line) for line in buffer.decode().split()]
    if lines:
        acknowledged = lines[-1]
    return acknowledged


def test_a_kill_after_an_autosave_returned_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261128)
    saved_something = 0
    for round_number in range(KILLS):
        path = tmp_path / f"case-{round_number}.vault"
        seed_vault(path, [fictional_ma()])
        acknowledged = run_and_kill(path, rng)
        with Vault.open(path, PASSPHRASE) as vault:
            notes = Repository(vault.db, today=lambda: TODAY).notes_of(1)
        if acknowledged == 0:
            continue
        saved_something += 1
        (note,) = notes
        # At least what was acknowledged, and exactly what was typed so far.
        assert len(note.body) >= acknowledged
        assert note.body == typed_text(len(note.body))
    assert saved_something >= KILLS // 2, "the editor hardly ever got to save"
