"""What goes into the vault comes out equal, across close and open, and the keys,
auto-lock, batches and kept generations behave as documented."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FAST,
    OTHER_PASSPHRASE,
    PASSPHRASE,
    fictional_records,
    folder_state,
    private,
    store_fictional_case,
    today,
)
from models.errors import VaultClosed, VaultReadOnly, WrongPassphrase
from models.records import RECORD_TYPES, Client, Group, GroupSession, SessionNote
from models.repository import Repository
from models.vault import GENERATIONS, Vault, generation_path
from models.vault import session as vault_module

NOT_COMPARED = {"id", "created", "updated"}  # set by the repository, not by the worker


def reopen(path: Path, passphrase: str = PASSPHRASE, **kwargs: Any) -> Vault:
    return Vault.open(path, passphrase, **kwargs)


def test_fictional_case_fills_every_field() -> None:
    # The round trip below only proves something for fields that hold a non-default value.
    for cls, record in fictional_records(1).items():
        blank = {f.name: f for f in dataclasses.fields(cls)}
        for name, spec in blank.items():
            if name in NOT_COMPARED:
                continue
            if spec.default is not dataclasses.MISSING:
                default = spec.default
            elif spec.default_factory is not dataclasses.MISSING:
                default = spec.default_factory()
            else:
                continue  # required: always given
            assert getattr(record, name) != default, f"{cls.__name__}.{name} is left default"


def test_every_record_type_round_trips(vault: Vault, vault_path: Path) -> None:
    stored = store_fictional_case(Repository(vault.db, today=today))
    assert set(stored) == set(RECORD_TYPES)
    vault.close()

    with reopen(vault_path) as again:
        repo = Repository(again.db, today=today)
        for cls, record in stored.items():
            assert record.id is not None and record.created is not None
            assert repo.get(cls, record.id) == record  # timestamps included
            assert repo.records(cls) == [record]
            # created/updated keep their UTC offset, not only the instant
            assert repo.get(cls, record.id).created.utcoffset() == record.created.utcoffset()


def test_update_keeps_created_and_round_trips(vault: Vault, vault_path: Path) -> None:
    repo = Repository(vault.db, today=today)
    stored = store_fictional_case(repo)
    client = stored[Client]
    assert isinstance(client, Client)
    changed = repo.update(dataclasses.replace(client, occupation="tutor and translator"))
    vault.close()
    with reopen(vault_path) as again:
        loaded = Repository(again.db, today=today).get(Client, changed.id or 0)
        assert loaded == changed
        assert loaded.created == client.created


def test_change_passphrase_then_reopen(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"kept": True})
    vault.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    assert vault.verify_passphrase(OTHER_PASSPHRASE)
    assert not vault.verify_passphrase(PASSPHRASE)
    vault.close()

    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        reopen(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == before
    with reopen(vault_path, OTHER_PASSPHRASE) as again:
        assert again.db.table("t").all() == [{"kept": True}]


def test_change_passphrase_reseals_the_generations(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"n": 1})
    vault.close()
    with reopen(vault_path) as again:  # first save of a session keeps the old file as .1
        again.db.table("t").insert({"n": 2})
        again.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    first = generation_path(vault_path, 1)
    assert first.exists()
    with pytest.raises(WrongPassphrase):
        Vault.open(first, PASSPHRASE, read_only=True)
    with Vault.open(first, OTHER_PASSPHRASE, read_only=True) as old:
        assert old.db.table("t").all() == [{"n": 1}]


def test_passphrase_is_normalised(vault_path: Path) -> None:
    composed = unicodedata.normalize("NFC", "kopi café di Bandung")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    Vault.create(vault_path, composed, kdf=FAST).close()
    with reopen(vault_path, decomposed):
        pass


def test_recovery_key_opens_and_a_new_one_replaces_it(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"n": 1})
    assert not vault.has_recovery_key
    key = vault.set_recovery_key(kdf=FAST).recovery_key
    assert vault.has_recovery_key
    vault.close()

    with Vault.open(vault_path, recovery_key=key) as again:
        assert again.db.table("t").all() == [{"n": 1}]
        # typed as a person would: lower case, spaces instead of dashes
        sloppy = key.lower().replace("-", " ")
    with Vault.open(vault_path, recovery_key=sloppy):
        pass
    with reopen(vault_path) as again:  # the passphrase still works beside it
        newer = again.set_recovery_key(kdf=FAST).recovery_key
    assert newer != key
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, recovery_key=key)
    with Vault.open(vault_path, recovery_key=newer) as again:
        assert again.db.table("t").all() == [{"n": 1}]
    # the kept generation was re-sealed too: the old key opens nothing any more
    with pytest.raises(WrongPassphrase):
        Vault.open(generation_path(vault_path, 1), recovery_key=key, read_only=True)


def test_vault_without_recovery_key_refuses_one(vault: Vault, vault_path: Path) -> None:
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, recovery_key="AAAA-" * 7 + "AAAA")


def test_lock_and_unlock(vault: Vault) -> None:
    table = vault.db.table("t")
    table.insert({"n": 1})
    vault.lock()
    assert vault.is_locked
    with pytest.raises(VaultClosed):
        table.all()
    with pytest.raises(VaultClosed):
        table.insert({"n": 2})
    with pytest.raises(VaultClosed):
        vault.snapshot()
    with pytest.raises(WrongPassphrase):
        vault.unlock(OTHER_PASSPHRASE)
    assert vault.is_locked
    with pytest.raises(VaultClosed):
        table.all()
    vault.unlock(PASSPHRASE)
    assert not vault.is_locked
    assert table.all() == [{"n": 1}]  # the refused insert while locked did not land
    table.insert({"n": 3})
    assert [d["n"] for d in table.all()] == [1, 3]


def test_no_read_of_a_locked_vault_answers(vault: Vault) -> None:
    # Searched first, so a query cache would have the answers ready.
    from tinydb import Query

    table = vault.db.table("t")
    table.insert_multiple([{"n": 1, "secret": "positive"}, {"n": 2}])
    wanted = Query().secret == "positive"
    assert table.search(wanted) == [{"n": 1, "secret": "positive"}]
    assert table.count(wanted) == 1 and table.contains(wanted)
    vault.lock()
    reads = {
        "search": lambda: table.search(wanted),
        "get": lambda: table.get(wanted),
        "get by id": lambda: table.get(doc_id=1),
        "count": lambda: table.count(wanted),
        "contains": lambda: table.contains(wanted),
        "all": table.all,
        "len": lambda: len(table),
        "iterate": lambda: list(table),
        "tables": vault.db.tables,
        "new table": lambda: vault.db.table("t2").all(),
    }
    for name, read in reads.items():
        with pytest.raises(VaultClosed):
            read()
            pytest.fail(f"{name} answered while locked")
    assert all(t._query_cache.length == 0 for t in vault.db._tables.values())


def test_a_failed_batch_leaves_no_unsaved_record_to_find(vault: Vault) -> None:
    from tinydb import Query

    table = vault.db.table("t")
    table.insert({"n": 1})
    everyone = Query().n.exists()
    with pytest.raises(RuntimeError), vault.batch():
        table.insert({"n": 2})
        assert len(table.search(everyone)) == 2  # seen inside the batch, and cached...
        raise RuntimeError("the worker's save failed halfway")
    assert table.search(everyone) == [{"n": 1}]  # ...but never after it
    assert table.count(everyone) == 1


def test_closed_vault_refuses_data_access(vault: Vault) -> None:
    vault.close()
    with pytest.raises(VaultClosed):
        vault.db.table("t").all()


def count_saves(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every save the vault makes: a whole new file or a save log frame."""
    calls: list[Path] = []
    real_write, real_append = vault_module.atomic_write, vault_module.append_at

    def counting(path: Path, data: bytes, **kwargs: Any) -> None:
        calls.append(Path(path))
        real_write(path, data, **kwargs)

    def counting_append(path: Path, offset: int, data: bytes, **options: bool) -> None:
        calls.append(Path(path))
        real_append(path, offset, data, **options)

    monkeypatch.setattr(vault_module, "atomic_write", counting)
    monkeypatch.setattr(vault_module, "append_at", counting_append)
    return calls


def test_batch_makes_one_save(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = count_saves(monkeypatch)
    table = vault.db.table("t")
    with vault.batch():
        table.insert({"n": 1})
        table.insert_multiple([{"n": 2}, {"n": 3}])
        table.update({"seen": True}, doc_ids=[1])
        vault.db.table("other").insert({"x": 1})
    assert saves == [vault_path]
    vault.close()
    with reopen(vault_path) as again:
        assert [d["n"] for d in again.db.table("t").all()] == [1, 2, 3]
        assert again.db.table("other").all() == [{"x": 1}]


def test_empty_batch_does_not_save(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    saves = count_saves(monkeypatch)
    with vault.batch():
        vault.db.table("t").all()
    assert saves == []


def test_failed_batch_leaves_disk_and_memory_unchanged(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = vault.db.table("t")
    table.insert({"n": 1})
    before = folder_state(vault_path.parent)
    saves = count_saves(monkeypatch)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), vault.batch():
        table.insert({"n": 2})
        table.remove(doc_ids=[1])
        raise Boom
    assert saves == []
    assert folder_state(vault_path.parent) == before
    assert table.all() == [{"n": 1}]  # memory believes the disk again


def test_repository_transaction_is_one_save(
    repo: Repository, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = store_fictional_case(repo)
    saves = count_saves(monkeypatch)
    client_id = stored[Client].id or 0
    repo.delete_client(client_id)
    assert saves == [vault_path]
    # Everything about MA is gone; the group and its session (shared) stay, without her.
    remaining = {name: count for name, count in repo.counts().items() if count}
    assert remaining == {Group.TABLE: 1, GroupSession.TABLE: 1}
    session = repo.records(GroupSession)[0]
    assert f"client:{client_id}" not in session.attendance
    assert repo.records(Group)[0].member(f"client:{client_id}") is None


def test_failed_inner_batch_keeps_outer_writes(vault: Vault, vault_path: Path) -> None:
    table = vault.db.table("t")

    class Boom(Exception):
        pass

    with vault.batch():
        table.insert({"step": "outer before"})
        with pytest.raises(Boom), vault.batch():
            table.insert({"step": "inner"})
            raise Boom
        table.insert({"step": "outer after"})
    vault.close()
    with reopen(vault_path) as again:
        steps = [d["step"] for d in again.db.table("t").all()]
    # Either the outer block is all-or-nothing (both outer writes) or the whole outer
    # block is refused; silently keeping only the second half is neither.
    assert steps == ["outer before", "outer after"]


def sessions_written(path: Path, count: int) -> None:
    """`count` sessions, each opening the vault and saving one record numbered by it."""
    for _ in range(count):
        with reopen(path) as session:
            table = session.db.table("t")
            done = sum(1 for d in table.all() if "session" in d)
            table.insert({"session": done + 1})
            table.insert({"same session, second save": True})


def sessions_in(path: Path) -> list[int]:
    with Vault.open(path, PASSPHRASE, read_only=True) as old:
        return [d["session"] for d in old.db.table("t").all() if "session" in d]


def test_generations_rotate(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"session": 1})
    vault.close()
    assert vault_module.list_generations(vault_path) == []  # creating is no "before"

    sessions_written(vault_path, 1)
    assert sessions_in(generation_path(vault_path, 1)) == [1]
    assert not generation_path(vault_path, 2).exists()

    sessions_written(vault_path, 1)
    assert sessions_in(generation_path(vault_path, 1)) == [1, 2]
    assert sessions_in(generation_path(vault_path, 2)) == [1]

    sessions_written(vault_path, 4)
    assert sessions_in(vault_path) == [1, 2, 3, 4, 5, 6, 7]
    for number in range(1, GENERATIONS + 1):
        # .1 is the vault as it was before the last session, .2 before the one before...
        assert sessions_in(generation_path(vault_path, number)) == list(range(1, 8 - number))
    assert not generation_path(vault_path, GENERATIONS + 1).exists()
    names = {p.name for p in vault_path.parent.iterdir()}
    assert names == {
        "case.vault",
        "case.vault.lock",
        *(f"case.vault.{n}" for n in range(1, GENERATIONS + 1)),
    }


def test_session_without_writes_does_not_rotate(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"session": 1})
    vault.close()
    sessions_written(vault_path, 1)
    before = folder_state(vault_path.parent)
    with reopen(vault_path) as session:
        session.db.table("t").all()
    assert folder_state(vault_path.parent) == before


def test_vault_and_generations_are_private(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"session": 1})
    vault.close()
    sessions_written(vault_path, GENERATIONS + 1)
    with reopen(vault_path) as session:
        session.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)  # rewrites the generations
    files = [vault_path, *(generation_path(vault_path, n) for n in range(1, GENERATIONS + 1))]
    for path in files:
        assert path.exists()
        assert private(path), f"{path.name} is readable by others: {oct(path.stat().st_mode)}"


def test_create_with_overwrite_keeps_the_replaced_vault(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"old": True})
    vault.close()
    with Vault.create(vault_path, OTHER_PASSPHRASE, kdf=FAST, overwrite=True) as fresh:
        assert fresh.db.table("t").all() == []
    with Vault.open(generation_path(vault_path, 1), PASSPHRASE, read_only=True) as old:
        assert old.db.table("t").all() == [{"old": True}]


def test_read_only_open_sees_data_and_refuses_writes(vault: Vault, vault_path: Path) -> None:
    repo = Repository(vault.db, today=today)
    note = store_fictional_case(repo)[SessionNote]
    before = folder_state(vault_path.parent)
    with Vault.open(vault_path, PASSPHRASE, read_only=True) as reader:  # beside the writer
        assert Repository(reader.db, today=today).get(SessionNote, note.id or 0) == note
        with pytest.raises(VaultReadOnly):
            reader.db.table("t").insert({"n": 1})
        assert reader.db.table("t").all() == []
    assert folder_state(vault_path.parent) == before


def test_forgotten_passphrase_reset_with_the_recovery_key(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"n": 1})
    key = vault.set_recovery_key(kdf=FAST).recovery_key
    vault.close()
    with Vault.open(vault_path, recovery_key=key) as rescued:
        rescued.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    with pytest.raises(WrongPassphrase):
        reopen(vault_path, PASSPHRASE)
    with reopen(vault_path, OTHER_PASSPHRASE) as again:
        assert again.db.table("t").all() == [{"n": 1}]
    with Vault.open(vault_path, recovery_key=key):  # the recovery key stays valid
        pass


def test_new_folder_is_private(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "case.vault"
    Vault.create(path, PASSPHRASE, kdf=FAST).close()
    assert private(path) and private(path.parent)


def test_vault_opened_through_a_symlink_saves_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "synced" / "case.vault"
    Vault.create(target, PASSPHRASE, kdf=FAST).close()
    link = tmp_path / "case.vault"
    link.symlink_to(target)
    with reopen(link) as session:
        session.db.table("t").insert({"n": 1})
    with reopen(target) as real:
        assert real.db.table("t").all() == [{"n": 1}]
