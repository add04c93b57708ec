"""Erasing a client reaches every copy Pendamping keeps: the vault file (its journal
frames too) and the kept generations; free text elsewhere that names the code is listed
for review, not silently kept or changed."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from conftest import FAST, PASSPHRASE, TODAY
from models.erasure import erase_client
from models.records import Attendance, Client, Group, GroupSession, Member, SessionNote
from models.repository import Repository
from models.vault import Vault, list_generations

NAME = "Maya Anindita (fictional)"


def _sessions(path: Path) -> None:
    """Three sessions of work on three days: each leaves a generation behind."""
    with Vault.create(path, PASSPHRASE, kdf=FAST) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        repo.add(Client(code="MA", full_name=NAME, first_contact=date(2026, 3, 2)))
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        repo.add(SessionNote(client_id=ma.id, date=date(2026, 3, 9), body="First talk."))
        repo.add(Client(code="RS", first_contact=date(2026, 3, 10)))
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma, rs = repo.client_by_code("MA"), repo.client_by_code("RS")
        group = repo.add(
            Group(
                name="Journaling",
                members=[
                    Member.for_client(ma.id, date(2026, 4, 1)),
                    Member.for_client(rs.id, date(2026, 4, 1)),
                ],
            )
        )
        repo.add(
            GroupSession(
                group_id=group.id,
                date=date(2026, 4, 11),
                topic="Letters",
                reflection="MA and RS supported each other.",
                attendance={
                    f"client:{ma.id}": Attendance.PRESENT,
                    f"client:{rs.id}": Attendance.PRESENT,
                },
            )
        )
        repo.add(
            SessionNote(client_id=rs.id, date=date(2026, 4, 12), body="RS asked after MA today.")
        )


def _holds(path: Path, text: str) -> bool:
    with Vault.open(path, PASSPHRASE, read_only=True) as vault:
        return text in vault.snapshot().decode("utf-8")


def test_erasure_reaches_the_vault_and_every_generation(tmp_path: Path) -> None:
    path = tmp_path / "case.vault"
    _sessions(path)
    before = list_generations(path)
    assert before and all(_holds(g.path, NAME) for g in before)  # as the issue found it
    journal_copy = tmp_path / "before-erasure"
    shutil.copy(path, journal_copy)
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        erased = erase_client(vault, repo, repo.client_by_code("MA").id)
    assert erased.code == "MA" and erased.removed == []
    assert erased.generations == len(list_generations(path)) >= len(before)
    for copy in [path, *(g.path for g in list_generations(path))]:
        assert not _holds(copy, NAME), copy
        assert not _holds(copy, "First talk."), copy
    with Vault.open(path, PASSPHRASE, read_only=True) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        assert [c.code for c in repo.clients(include_closed=True)] == ["RS"]
        assert len(repo.notes_of(repo.client_by_code("RS").id)) == 1  # others untouched
    # The vault was written anew: smaller than the file whose journal still held MA.
    assert path.stat().st_size < journal_copy.stat().st_size
    # Text elsewhere that names MA is listed for the worker to review, not changed.
    assert {(m.table, m.day) for m in erased.mentions} == {
        ("group_sessions", "2026-04-11"),
        ("notes", "2026-04-12"),
    }
    assert any("asked after MA" in m.excerpt for m in erased.mentions)


def test_an_unreadable_generation_is_removed_and_said(tmp_path: Path) -> None:
    path = tmp_path / "case.vault"
    _sessions(path)
    damaged = list_generations(path)[-1].path
    damaged.write_bytes(b"not a vault")
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        erased = erase_client(vault, repo, repo.client_by_code("MA").id)
    # (The session's first save moved it one place up, as every generation moves.)
    assert len(erased.removed) == 1
    for generation in list_generations(path):  # those left open and hold no MA
        assert not _holds(generation.path, NAME)
