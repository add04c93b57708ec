"""Nothing a worker typed, and nothing about the shape of the records, is readable in any
file Pendamping leaves on disk: the vault, its generations, temporaries, the lock file,
or an exported backup."""

from __future__ import annotations

import errno
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from conftest import FAST, PASSPHRASE, OsProxy, fictional_client, folder_state, private, today
from models import atomic
from models.backup import export_backup, verify_backup
from models.errors import SaveFailed
from models.records import SessionNote
from models.repository import Repository
from models.vault import Vault
from models.vault import session as vault_module

NOTE_BODY = "Zebra-kelopak seventeen lanterns over Kali Progo; MA laughed for the first time."
FULL_NAME = "Wulandari Quetzal Prameswari"
OCCUPATION = "teaches xylophone to night-market children"
REFERRAL = "peer supporter from Pondok Larasati"

# Field and table names would tell an onlooker what kind of records the file holds.
FORBIDDEN: tuple[bytes, ...] = (
    NOTE_BODY.encode(),
    NOTE_BODY[:20].encode(),
    FULL_NAME.encode(),
    b"Wulandari",
    OCCUPATION.encode(),
    REFERRAL.encode(),
    b"full_name",
    b"body",
    b"client_id",
    b"clients",
    b"notes",
    b"phase_history",
    b"referral_source",
    b"schema",
)


def leaks(data: bytes) -> list[bytes]:
    return [needle for needle in FORBIDDEN if needle in data]


def test_no_plaintext_anywhere_on_disk(vault: Vault, vault_path: Path) -> None:
    folder = vault_path.parent
    repo = Repository(vault.db, today=today)
    client = repo.add(
        replace(
            fictional_client(),
            code="WQ",
            full_name=FULL_NAME,
            occupation=OCCUPATION,
            referral_source=REFERRAL,
        )
    )
    repo.add(SessionNote(client_id=client.id or 0, date=date(2026, 11, 27), body=NOTE_BODY))
    vault.close()

    # Two more sessions, so the note also lives in kept generations .1 and .2.
    for day in (26, 25):
        with Vault.open(vault_path, PASSPHRASE) as session:
            Repository(session.db, today=today).add(
                SessionNote(
                    client_id=client.id or 0, date=date(2026, 11, day), body=f"{NOTE_BODY} ({day})"
                )
            )

    with Vault.open(vault_path, PASSPHRASE) as session:
        backup = folder / "case-backup.pbk"
        info = export_backup(session.snapshot(), backup, "backup pass", kdf=FAST)
        assert info.notes == 3 and info.clients == 1
        # Sanity: the strings really are in the data, so not finding them means something.
        assert NOTE_BODY.encode() in session.snapshot()
        assert FULL_NAME.encode() in session.snapshot()

    assert verify_backup(backup, "backup pass").notes == 3
    files = folder_state(folder, ignore=())
    assert {
        "case.vault",
        "case.vault.1",
        "case.vault.2",
        "case.vault.lock",
        "case-backup.pbk",
    } <= set(files)
    for name, data in files.items():
        assert leaks(data) == [], f"{name} shows plaintext"
    # the lock file only serves the operating-system lock
    assert files["case.vault.lock"] == b""


def test_leftover_temporary_of_a_killed_save_is_encrypted(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A save killed between writing its temporary and renaming it leaves that file behind
    # until the next open; it must be as unreadable as the vault. Simulate the kill by
    # failing the rename and skipping the clean-up.
    repo = Repository(vault.db, today=today)
    client = repo.add(replace(fictional_client(), full_name=FULL_NAME))
    # Most saves append to the file; one that outgrows the save log writes it anew.
    monkeypatch.setattr(vault_module, "COMPACT_FLOOR", 0)
    monkeypatch.setattr(vault_module, "COMPACT_SHARE", 1 << 30)

    def crash_before_rename(src: str | Path, dst: str | Path) -> None:
        raise OSError(errno.EIO, "simulated crash before the rename")

    monkeypatch.setattr(
        atomic, "os", OsProxy(replace=crash_before_rename, unlink=lambda path: None)
    )
    with pytest.raises(SaveFailed):
        repo.add(SessionNote(client_id=client.id or 0, date=date(2026, 11, 27), body=NOTE_BODY))
    monkeypatch.undo()
    leftovers = [p for p in vault_path.parent.iterdir() if p.name.startswith(atomic.TEMP_MARK)]
    assert len(leftovers) == 1
    assert leaks(leftovers[0].read_bytes()) == []
    assert private(leftovers[0])
    # and the next open clears it away
    vault.close()
    with Vault.open(vault_path, PASSPHRASE):
        assert not leftovers[0].exists()
