"""An older vault put in place of the newest is noticed, and so are key slots changed
behind this computer's back.

Every save counts inside the encrypted vault; this computer remembers the count, under a
key derived from the vault's, whenever it closes or locks the vault (models/marks.py).
"""

from __future__ import annotations

import hashlib
import shutil
import struct
from pathlib import Path

import pytest
from test_vault_save_log import frames

from app_support import FAST as APP_FAST
from app_support import PASSPHRASE as APP_PASSPHRASE
from app_support import SIZE, build_app, fictional_ma, mark_backed_up, settle, unlock
from conftest import FAST, OTHER_PASSPHRASE, PASSPHRASE
from models import container
from models.errors import KeySlotsChanged, WrongPassphrase
from models.repository import Repository
from models.vault import Vault, generation_path


@pytest.fixture
def marks(tmp_path: Path) -> Path:
    return tmp_path / "config" / "seen.json"


@pytest.fixture
def sessions(tmp_path: Path, marks: Path) -> Path:
    """A vault with three sessions of work behind it, each closed on this computer."""
    path = tmp_path / "case.vault"
    with Vault.create(path, PASSPHRASE, kdf=FAST, marks=marks) as vault:
        vault.db.table("notes").insert({"body": "first session"})
    for n in (2, 3, 4):
        with Vault.open(path, PASSPHRASE, marks=marks) as vault:
            vault.db.table("notes").insert({"body": f"session {n}"})
    return path


def test_the_same_file_opens_without_a_question(sessions: Path, marks: Path) -> None:
    for _ in range(3):
        with Vault.open(sessions, PASSPHRASE, marks=marks) as vault:
            assert vault.rollback is None


def test_a_generation_copied_over_the_vault_is_noticed(sessions: Path, marks: Path) -> None:
    shutil.copyfile(generation_path(sessions, 2), sessions)  # two sessions back
    with Vault.open(sessions, PASSPHRASE, marks=marks) as vault:
        assert vault.rollback is not None
        assert vault.rollback.remembered - vault.rollback.saves == 2
        assert vault.rollback.newer == generation_path(sessions, 1)  # one session back
    with Vault.open(sessions, PASSPHRASE, marks=marks) as vault:  # asked again: not accepted
        assert vault.rollback is not None


def test_saves_cut_off_the_end_are_noticed(sessions: Path, marks: Path) -> None:
    vault = Vault.open(sessions, PASSPHRASE, marks=marks)
    notes = vault.db.table("notes")
    for n in range(5):
        notes.insert({"body": f"typed live {n}"})
    vault.lock()  # (auto-lock) this computer now knows all five
    data = sessions.read_bytes()
    offset, _ = frames(sessions)[3]
    vault.unlock(PASSPHRASE)
    vault.close()
    sessions.write_bytes(data[:offset])  # two whole saves dropped from the end
    with Vault.open(sessions, PASSPHRASE, marks=marks) as again:
        assert again.rollback is not None
        assert again.rollback.remembered - again.rollback.saves == 2
        assert not again.found_unfinished_save  # a clean cut: only the count tells


def test_going_on_with_the_older_file_makes_it_the_one_remembered(
    sessions: Path, marks: Path
) -> None:
    shutil.copyfile(generation_path(sessions, 1), sessions)
    with Vault.open(sessions, PASSPHRASE, marks=marks) as vault:
        assert vault.rollback is not None
        vault.lock()  # an auto-lock while the question is open decides nothing
        vault.unlock(PASSPHRASE)
    with Vault.open(sessions, PASSPHRASE, marks=marks) as vault:
        assert vault.rollback is not None
        vault.accept_older_file()
        vault.db.table("notes").insert({"body": "written after choosing"})
    with Vault.open(sessions, PASSPHRASE, marks=marks) as vault:
        assert vault.rollback is None


def test_the_marks_reveal_nothing(sessions: Path, marks: Path) -> None:
    text = marks.read_text()
    assert sessions.name not in text and str(sessions.parent) not in text
    assert "saves" not in text and "session" not in text
    # Someone who cannot open the vault cannot read the count either.
    from models.marks import Marks

    assert Marks(marks).saves(sessions, bytes(32)) is None
    with Vault.open(sessions, PASSPHRASE, read_only=True) as vault:
        assert Marks(marks).saves(sessions, bytes(vault._need_key())) == 4


def test_changed_key_slots_are_told_apart_from_a_wrong_passphrase(
    sessions: Path, marks: Path
) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        Vault.open(sessions, "not the passphrase at all", marks=marks)
    assert type(caught.value) is WrongPassphrase  # nothing changed: simply wrong
    # The wrapped key altered, the header's checksum made to match again:
    data = bytearray(sessions.read_bytes())
    data[36 + 60] ^= 0x01
    data[216:248] = hashlib.sha256(bytes(data[:216])).digest()
    sessions.write_bytes(bytes(data))
    with pytest.raises(KeySlotsChanged):
        Vault.open(sessions, PASSPHRASE, marks=marks)


def test_a_passphrase_changed_elsewhere_is_said(sessions: Path, marks: Path) -> None:
    with Vault.open(sessions, PASSPHRASE) as vault:  # on another computer: other marks
        vault.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    with pytest.raises(KeySlotsChanged):
        Vault.open(sessions, PASSPHRASE, marks=marks)
    with Vault.open(sessions, OTHER_PASSPHRASE, marks=marks) as vault:
        assert vault.rollback is None  # another key: nothing to compare with


def test_a_change_here_keeps_the_marks_true(sessions: Path, marks: Path) -> None:
    with Vault.open(sessions, PASSPHRASE, marks=marks) as vault:
        vault.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    with pytest.raises(WrongPassphrase) as caught:
        Vault.open(sessions, PASSPHRASE, marks=marks)
    assert type(caught.value) is WrongPassphrase
    shutil.copyfile(generation_path(sessions, 1), sessions)  # re-keyed with the vault
    with Vault.open(sessions, OTHER_PASSPHRASE, marks=marks) as vault:
        assert vault.rollback is not None


def test_every_save_counts_once(tmp_path: Path) -> None:
    path = tmp_path / "case.vault"
    with Vault.create(path, PASSPHRASE, kdf=FAST) as vault:
        repo = Repository(vault.db)
        repo.add(fictional_ma())
        counted = vault._save_log.saves
    data = path.read_bytes()
    assert struct.unpack_from(">H", data, 8)[0] == container.FORMAT_VERSION
    with Vault.open(path, PASSPHRASE, read_only=True) as vault:
        assert vault._save_log.saves == counted >= 1


@pytest.mark.parametrize(
    ("key", "said", "quits"), [("enter", "Pendamping berhenti", True), ("y", "", False)]
)
async def test_the_worker_chooses(tmp_path: Path, key: str, said: str, quits: bool) -> None:
    path = tmp_path / "case.vault"
    marks = tmp_path / "seen.json"  # beside the settings the test app uses
    with Vault.create(path, APP_PASSPHRASE, kdf=APP_FAST, marks=marks) as vault:
        Repository(vault.db).add(fictional_ma())
    with Vault.open(path, APP_PASSPHRASE, marks=marks) as vault:
        vault.db.table("notes").insert({"body": "a later session"})
    shutil.copyfile(generation_path(path, 1), path)
    older = path.read_bytes()
    mark_backed_up(tmp_path)
    app = build_app(tmp_path, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await settle(pilot)
        assert "lebih lama" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press(key)
        await settle(pilot)
        if not quits:
            assert app.is_running and app.session is not None
    if quits:
        assert app.return_code == 1
        assert path.read_bytes() == older
        with Vault.open(path, APP_PASSPHRASE, marks=marks) as vault:
            assert vault.rollback is not None  # asked again next time
    else:
        with Vault.open(path, APP_PASSPHRASE, marks=marks) as vault:
            assert vault.rollback is None
