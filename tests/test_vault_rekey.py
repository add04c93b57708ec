"""A passphrase change or a new recovery key gives the vault a new data key.

So an old secret, together with any older copy of the file (a generation, a USB copy, a
leftover temporary), opens nothing saved after the change. The kept generations follow
the vault or, if unreadable, are removed and reported; a failed change leaves every file
as it was. (Kills at random moments: tests/test_vault_crash.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app_support import PASSPHRASE as APP_PASSPHRASE
from app_support import SIZE, build_app, fictional_ma, mark_backed_up, seed_vault, settle, unlock
from conftest import FAST, OTHER_PASSPHRASE, PASSPHRASE, folder_state
from models import container, rekey
from models.container import SlotKind
from models.errors import DiskFull, WrongPassphrase
from models.vault import Vault, generation_path, list_generations
from models.vault import session as vault_module


def data_key(data: bytes, secret: bytes, kind: SlotKind = SlotKind.PASSPHRASE) -> bytes:
    parsed = container.parse(data)
    slot = parsed.header.slot(kind)
    assert slot is not None
    return container.unwrap(slot, secret)


def readable_with(key: bytes, data: bytes) -> bool:
    """Does `key` decrypt the body of the file `data`?"""
    try:
        container.open_body(container.parse(data), key)
    except container.BodyRejected:
        return False
    return True


@pytest.fixture
def kept(vault: Vault, vault_path: Path) -> Vault:
    """A vault with three kept generations, open in a new session."""
    vault.db.table("t").insert({"session": 0})
    vault.close()
    for session in (1, 2, 3):
        with Vault.open(vault_path, PASSPHRASE) as later:
            later.db.table("t").insert({"session": session})
    assert len(list_generations(vault_path)) == 3
    return Vault.open(vault_path, PASSPHRASE)


def test_the_old_passphrase_and_an_old_copy_read_nothing_saved_after(
    kept: Vault, vault_path: Path
) -> None:
    usb_copy = vault_path.read_bytes()  # taken before the change, opens with the old one
    old_key = data_key(usb_copy, container.normalise_secret(PASSPHRASE))
    result = kept.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    assert result.recovery_key is None and result.removed_generations == []
    kept.db.table("t").insert({"written": "after the change"})
    kept.close()
    now = vault_path.read_bytes()
    assert not readable_with(old_key, now)
    assert data_key(now, container.normalise_secret(OTHER_PASSPHRASE)) != old_key
    for generation in list_generations(vault_path):
        data = generation.path.read_bytes()
        assert not readable_with(old_key, data), generation.path.name
        with pytest.raises(WrongPassphrase):
            Vault.open(generation.path, PASSPHRASE, read_only=True)
        Vault.open(generation.path, OTHER_PASSPHRASE, read_only=True).close()
    with Vault.open(vault_path, OTHER_PASSPHRASE, read_only=True) as again:
        assert again.db.table("t").all()[-1] == {"written": "after the change"}
        assert [d.get("session") for d in again.db.table("t").all()[:4]] == [0, 1, 2, 3]
    assert sorted(p.name for p in vault_path.parent.iterdir()) == sorted(
        [
            vault_path.name,
            f"{vault_path.name}.lock",
            *(generation_path(vault_path, n).name for n in (1, 2, 3)),
        ]
    )


def test_a_new_recovery_key_locks_the_old_one_out_of_new_data(
    kept: Vault, vault_path: Path
) -> None:
    first = kept.set_recovery_key(kdf=FAST).recovery_key
    assert first is not None
    copy = vault_path.read_bytes()
    old_key = data_key(copy, vault_module.recovery_secret(first), SlotKind.RECOVERY)
    second = kept.set_recovery_key(kdf=FAST).recovery_key
    assert second is not None and second != first
    kept.db.table("t").insert({"written": "after the new recovery key"})
    kept.close()
    assert not readable_with(old_key, vault_path.read_bytes())
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, recovery_key=first)
    with Vault.open(vault_path, recovery_key=second, read_only=True) as again:
        assert again.db.table("t").all()[-1] == {"written": "after the new recovery key"}
    Vault.open(vault_path, PASSPHRASE, read_only=True).close()  # the passphrase still opens


def test_a_passphrase_change_replaces_a_recovery_key_it_cannot_carry(
    kept: Vault, vault_path: Path
) -> None:
    old_recovery = kept.set_recovery_key(kdf=FAST).recovery_key
    assert old_recovery is not None
    kept.close()
    with Vault.open(vault_path, PASSPHRASE) as vault:  # the recovery key was not typed
        result = vault.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    assert result.recovery_key is not None and result.recovery_key != old_recovery
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, recovery_key=old_recovery)
    Vault.open(vault_path, recovery_key=result.recovery_key, read_only=True).close()
    for generation in list_generations(vault_path):
        Vault.open(generation.path, recovery_key=result.recovery_key, read_only=True).close()


def test_after_a_recovery_the_recovery_key_keeps_working(kept: Vault, vault_path: Path) -> None:
    recovery = kept.set_recovery_key(kdf=FAST).recovery_key
    assert recovery is not None
    kept.close()
    with Vault.open(vault_path, recovery_key=recovery) as rescued:
        result = rescued.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
        assert result.recovery_key is None  # typed this session: it follows the new key
        again = rescued.set_recovery_key(kdf=FAST)  # and the new passphrase is known
        assert again.recovery_key is not None
    Vault.open(vault_path, OTHER_PASSPHRASE, read_only=True).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, recovery_key=recovery)


def test_an_unreadable_generation_is_removed_and_reported(kept: Vault, vault_path: Path) -> None:
    kept.db.table("t").insert({"session": 4})  # the session's first save moves them up
    second = generation_path(vault_path, 2)
    damaged = bytearray(second.read_bytes())
    damaged[-3] ^= 0x40  # its body no longer verifies
    second.write_bytes(bytes(damaged))
    result = kept.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    assert result.removed_generations == [2]
    assert not second.exists()
    for number in (1, 3):
        Vault.open(generation_path(vault_path, number), OTHER_PASSPHRASE, read_only=True).close()
    kept.close()


def test_a_failed_change_leaves_every_file_as_it_was(
    kept: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept.db.table("t").insert({"before": "the failed change"})
    before = folder_state(vault_path.parent)
    real_write = rekey.atomic_write

    def full_disk_at_the_vault(path: Path, data: bytes, **options: int) -> None:
        if path == vault_path:
            raise DiskFull("the disk is full", path=str(path))
        real_write(path, data, **options)

    monkeypatch.setattr(rekey, "atomic_write", full_disk_at_the_vault)
    with pytest.raises(DiskFull):
        kept.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    assert folder_state(vault_path.parent) == before  # staged files and the intent gone
    monkeypatch.undo()
    kept.db.table("t").insert({"after": "the failed change"})  # the session goes on
    kept.close()
    with Vault.open(vault_path, PASSPHRASE, read_only=True) as again:
        assert again.db.table("t").all()[-2:] == [
            {"before": "the failed change"},
            {"after": "the failed change"},
        ]
    for generation in list_generations(vault_path):
        Vault.open(generation.path, PASSPHRASE, read_only=True).close()


def test_opening_finishes_a_committed_change_and_undoes_an_uncommitted_one(
    kept: Vault, vault_path: Path
) -> None:
    generations = [g.path for g in list_generations(vault_path)]
    old_first = generations[0].read_bytes()
    kept.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    new_first = generations[0].read_bytes()
    kept.close()
    # As if killed after the commit, before the first generation was moved into place:
    generations[0].write_bytes(old_first)
    rekey.staged_path(generations[0]).write_bytes(new_first)
    rekey.intent_path(vault_path).write_bytes(container.slots_digest(vault_path.read_bytes()))
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, PASSPHRASE)  # settles even when the passphrase is wrong
    assert generations[0].read_bytes() == new_first
    assert not rekey.intent_path(vault_path).exists()
    # As if killed before the commit: the staged file is thrown away.
    rekey.staged_path(generations[1]).write_bytes(b"staged under a key never committed")
    rekey.intent_path(vault_path).write_bytes(bytes(32))
    Vault.open(vault_path, OTHER_PASSPHRASE).close()
    assert not rekey.staged_path(generations[1]).exists()
    assert not rekey.intent_path(vault_path).exists()
    Vault.open(generations[1], OTHER_PASSPHRASE, read_only=True).close()


async def test_the_app_shows_the_recovery_key_a_passphrase_change_replaced(tmp_path: Path) -> None:
    path = tmp_path / "case.vault"
    seed_vault(path, [fictional_ma()])
    with Vault.open(path, APP_PASSPHRASE) as vault:
        old = vault.set_recovery_key(kdf=FAST).recovery_key
    mark_backed_up(tmp_path)
    app = build_app(tmp_path, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("comma")
        await pilot.pause()
        await pilot.press("ctrl+b", "p")
        await settle(pilot)
        assert "juga akan diganti" in " ".join(
            str(w.render()) for w in app.screen.query(".task-warning")
        )
        app.screen.query_one("#current").value = APP_PASSPHRASE
        app.screen.query_one(".new-first").value = "teh hangat sore hari di pendopo"
        app.screen.query_one(".new-repeat").value = "teh hangat sore hari di pendopo"
        await pilot.press("ctrl+s")
        for _ in range(100):
            await settle(pilot)
            if app.screen.query_one("#recovery-key").has_class("-shown"):
                break
        shown = str(app.screen.query_one("#recovery-key").render()).strip()
        assert len(shown) == 39 and shown != old
        await pilot.press("ctrl+s")  # again: nothing more happens to the key just shown
        await settle(pilot)
        assert str(app.screen.query_one("#recovery-key").render()).strip() == shown
    with pytest.raises(WrongPassphrase):
        Vault.open(path, recovery_key=old)
    Vault.open(path, recovery_key=shown, read_only=True).close()


def test_a_weak_passphrase_slot_is_strengthened_for_the_same_passphrase(
    kept: Vault, vault_path: Path
) -> None:
    recovery = kept.set_recovery_key(kdf=FAST).recovery_key
    assert recovery is not None
    kept.close()
    strong = container.SAFE_MINIMUM_KDF
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.weak_passphrase_slot
        key_before = vault._need_key()
        result = vault.strengthen(PASSPHRASE, kdf=strong)
        assert result.recovery_key is None and not vault.weak_passphrase_slot
        assert vault._need_key() == key_before  # the same data key: nothing else changes
    for path in (vault_path, *(g.path for g in list_generations(vault_path))):
        slot = container.parse(path.read_bytes()).header.slot(SlotKind.PASSPHRASE)
        assert slot is not None and slot.kdf == strong, path.name
        Vault.open(path, PASSPHRASE, read_only=True).close()
        Vault.open(path, recovery_key=recovery, read_only=True).close()


async def test_the_app_offers_to_strengthen_a_weak_slot(tmp_path: Path) -> None:
    from models.container import SAFE_MINIMUM_KDF
    from tui.app import make_app

    path = tmp_path / "case.vault"
    seed_vault(path, [fictional_ma()])  # with the test suite's cheap key derivation
    mark_backed_up(tmp_path)
    app = make_app(
        path, language="id", kdf=SAFE_MINIMUM_KDF, settings_path=tmp_path / "settings.json"
    )
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await settle(pilot)
        assert "Perkuat" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("y")
        for _ in range(200):
            await settle(pilot)
            if not app.session.weak_passphrase_slot:
                break
    slot = container.parse(path.read_bytes()).header.slot(SlotKind.PASSPHRASE)
    assert slot is not None and slot.kdf == SAFE_MINIMUM_KDF
    Vault.open(path, APP_PASSPHRASE, read_only=True).close()
