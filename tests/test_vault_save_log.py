"""The vault's save log: a save appends one frame with only what it changed; opening
replays the frames; closing, or a save log grown too big, folds them into a new snapshot.

A torn last frame (a save that never finished) is ignored; a damaged, reordered or
foreign frame is damage. Vaults of format version 1 are rewritten on opening, and the
old file stays as generation 1.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FAST, PASSPHRASE
from models import container
from models.errors import VaultCorrupt
from models.vault import Vault, generation_path
from models.vault import session as vault_module


def frames(path: Path) -> list[tuple[int, int]]:
    """(offset, length) of every frame in the vault file's save log."""
    data = path.read_bytes()
    parsed = container.parse(data)
    found, offset = [], parsed.body_end
    while offset < len(data):
        length = struct.unpack_from(">I", data, offset)[0] + container.FRAME.size
        found.append((offset, length))
        offset += length
    return found


def contents(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table as its documents, read by a second, read-only opener."""
    with Vault.open(path, PASSPHRASE, read_only=True) as vault:
        return {name: vault.db.table(name).all() for name in sorted(vault.db.tables())}


@pytest.fixture
def journaled(vault: Vault, vault_path: Path) -> Vault:
    """An open vault with a snapshot of 100 notes and three saves in its save log."""
    notes = vault.db.table("notes")
    notes.insert_multiple({"body": f"note {n} " * 40} for n in range(100))
    vault.close()
    vault = Vault.open(vault_path, PASSPHRASE)
    notes = vault.db.table("notes")
    for n in (1, 2, 3):
        notes.update({"body": f"changed {n}"}, doc_ids=[n])
    assert len(frames(vault_path)) == 3
    return vault


def test_the_first_save_of_a_session_keeps_the_file_as_generation_1(
    journaled: Vault, vault_path: Path
) -> None:
    kept = generation_path(vault_path, 1).read_bytes()
    assert container.parse(kept).save_log == b""  # the file as the session found it
    assert vault_path.read_bytes().startswith(kept)  # and the session appended after it


def test_a_save_appends_only_what_it_changed(journaled: Vault, vault_path: Path) -> None:
    before = vault_path.read_bytes()
    journaled.db.table("notes").update({"body": "one more change"}, doc_ids=[50])
    after = vault_path.read_bytes()
    assert after.startswith(before)  # the snapshot and earlier frames are untouched
    assert len(after) - len(before) < 200  # one small frame, not 100 notes again
    shown = contents(vault_path)["notes"]
    assert shown[49] == {"body": "one more change"} and shown[0] == {"body": "changed 1"}
    assert len(shown) == 100


def test_closing_folds_the_save_log_into_the_snapshot(journaled: Vault, vault_path: Path) -> None:
    journaled.db.table("notes").remove(doc_ids=[2])
    expected = contents(vault_path)
    journaled.close()
    assert frames(vault_path) == []
    assert contents(vault_path) == expected
    assert [d["body"] for d in expected["notes"][:2]] == ["changed 1", "changed 3"]


def test_a_big_save_log_is_compacted(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vault_module, "COMPACT_FLOOR", 4096)
    monkeypatch.setattr(vault_module, "COMPACT_SHARE", 1 << 30)
    notes = vault.db.table("notes")
    for n in range(200):
        notes.insert({"body": f"note {n} " * 20})
        save_log = sum(length for _, length in frames(vault_path))
        assert save_log <= 4096
    assert [d["body"] for d in contents(vault_path)["notes"]] == [
        f"note {n} " * 20 for n in range(200)
    ]


def test_a_change_bigger_than_the_save_log_allows_rewrites_the_file(
    journaled: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vault_module, "COMPACT_FLOOR", 1024)
    monkeypatch.setattr(vault_module, "COMPACT_SHARE", 1 << 30)
    # A removal by condition reads every note, so every note counts as touched.
    journaled.db.table("notes").update({"seen": True}, lambda doc: True)
    assert frames(vault_path) == []
    assert all(d["seen"] for d in contents(vault_path)["notes"])


def test_a_torn_last_frame_is_a_save_that_never_happened(
    journaled: Vault, vault_path: Path
) -> None:
    journaled.close()  # (compacts, so make a save log again)
    vault = Vault.open(vault_path, PASSPHRASE)
    notes = vault.db.table("notes")
    notes.update({"body": "kept"}, doc_ids=[1])
    notes.update({"body": "torn"}, doc_ids=[2])
    offset, length = frames(vault_path)[-1]
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[: offset + length // 2])  # the crash cut it in two
    vault.lock()  # forget memory: believe the disk, as the next session would
    vault.unlock(PASSPHRASE)
    notes = vault.db.table("notes")
    assert notes.get(doc_id=1) == {"body": "kept"}
    assert notes.get(doc_id=2) == {"body": "changed 2"}  # as the snapshot has it
    notes.update({"body": "after the crash"}, doc_ids=[3])  # overwrites the torn bytes
    assert len(frames(vault_path)) == 2  # "kept" and this one
    assert contents(vault_path)["notes"][2] == {"body": "after the crash"}
    vault.close()


def judge(path: Path, data: bytes, part: str) -> None:
    path.write_bytes(data)
    with pytest.raises(VaultCorrupt) as caught:
        Vault.open(path, PASSPHRASE, read_only=True)
    assert caught.value.params["part"] == part, caught.value
    assert caught.value.fallback == generation_path(path, 1)


@pytest.fixture
def closed_save_log(journaled: Vault, vault_path: Path) -> bytes:
    """The bytes of a vault with three frames, as a crash would leave them."""
    data = vault_path.read_bytes()
    journaled.close()
    vault_path.write_bytes(data)
    return data


def test_a_flipped_bit_in_a_frame_is_damage(closed_save_log: bytes, vault_path: Path) -> None:
    # In the first of three frames: later saves verify, so this one was damaged.
    (offset, length), _, _ = frames(vault_path)
    for index, part in (
        (offset + 1, "trailing"),
        (offset + length - 3, "body"),
        (offset + container.FRAME.size + 2, "body"),
    ):
        damaged = bytearray(closed_save_log)
        damaged[index] ^= 0x10
        judge(vault_path, bytes(damaged), part)


def test_reordered_frames_are_damage(closed_save_log: bytes, vault_path: Path) -> None:
    (a, a_len), (b, b_len), _ = frames(vault_path)
    assert a_len == b_len  # two updates of one note's body: same size
    data = closed_save_log
    swapped = data[:a] + data[b : b + b_len] + data[a : a + a_len] + data[b + b_len :]
    judge(vault_path, swapped, "trailing")  # the length check binds the position


def test_a_dropped_frame_is_damage(closed_save_log: bytes, vault_path: Path) -> None:
    (a, a_len), _, _ = frames(vault_path)
    judge(vault_path, closed_save_log[:a] + closed_save_log[a + a_len :], "trailing")


def test_a_frame_from_another_snapshot_is_damage(closed_save_log: bytes, vault_path: Path) -> None:
    old_offset, old_length = frames(vault_path)[1]
    foreign = closed_save_log[old_offset : old_offset + old_length]  # frame 2 of that snapshot
    Vault.open(vault_path, PASSPHRASE).close()  # closing folds the save log: a new snapshot
    with Vault.open(vault_path, PASSPHRASE) as vault:
        notes = vault.db.table("notes")
        for n in (4, 5, 6):
            notes.update({"body": f"changed {n}"}, doc_ids=[n])  # with frames 1-3 of its own
        data = vault_path.read_bytes()
        (_, _), (b, b_len), _ = frames(vault_path)
    assert b_len == old_length
    judge(vault_path, data[:b] + foreign + data[b + b_len :], "body")


def test_a_foreign_frame_at_the_end_is_only_an_unfinished_save(
    closed_save_log: bytes, vault_path: Path
) -> None:
    offset, length = frames(vault_path)[0]
    foreign = closed_save_log[offset : offset + length]
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.db.table("notes").insert({"body": "closing makes a new snapshot"})
    expected = contents(vault_path)
    vault_path.write_bytes(vault_path.read_bytes() + foreign)
    with Vault.open(vault_path, PASSPHRASE, read_only=True) as vault:
        assert vault.found_unfinished_save
    assert contents(vault_path) == expected  # nothing of the foreign frame was taken


def test_a_version_1_vault_is_rewritten_on_opening(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(container, "FORMAT_VERSION", 1)
    with Vault.create(vault_path, PASSPHRASE, kdf=FAST) as vault:
        vault.db.table("notes").insert({"body": "written by version 1"})
    monkeypatch.undo()
    old = vault_path.read_bytes()
    assert struct.unpack_from(">H", old, 8)[0] == 1
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert struct.unpack_from(">H", vault_path.read_bytes(), 8)[0] == 2
        assert generation_path(vault_path, 1).read_bytes() == old
        vault.db.table("notes").insert({"body": "written by version 2"})
        assert len(frames(vault_path)) == 1
    assert [d["body"] for d in contents(vault_path)["notes"]] == [
        "written by version 1",
        "written by version 2",
    ]
    with Vault.open(generation_path(vault_path, 1), PASSPHRASE, read_only=True) as kept:
        assert kept.db.table("notes").all() == [{"body": "written by version 1"}]


def test_a_version_1_file_with_bytes_after_its_body_is_damage(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(container, "FORMAT_VERSION", 1)
    Vault.create(vault_path, PASSPHRASE, kdf=FAST).close()
    monkeypatch.undo()
    vault_path.write_bytes(vault_path.read_bytes() + bytes(64))
    with pytest.raises(VaultCorrupt) as caught:
        Vault.open(vault_path, PASSPHRASE)
    assert caught.value.params["part"] == "trailing"


# -- the save log against a plain model, for any sequence of TinyDB writes -----------------

TABLES = ("a", "b")
operation = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(TABLES), st.integers(0, 999)),
    st.tuples(st.just("update"), st.sampled_from(TABLES), st.integers(1, 8)),
    st.tuples(st.just("remove"), st.sampled_from(TABLES), st.integers(1, 8)),
    st.tuples(st.just("remove_even"), st.sampled_from(TABLES), st.just(0)),
    st.tuples(st.just("truncate"), st.sampled_from(TABLES), st.just(0)),
    st.tuples(st.just("drop"), st.sampled_from(TABLES), st.just(0)),
)
step = st.one_of(
    operation.map(lambda op: [op]), st.lists(operation, min_size=1, max_size=4)
)  # a list: one batch


def apply(db: Any, op: tuple[str, str, int]) -> None:
    kind, name, value = op
    table = db.table(name)
    if kind == "insert":
        table.insert({"v": value})
    elif kind == "update":
        table.update({"v": -value}, doc_ids=[value]) if table.contains(doc_id=value) else None
    elif kind == "remove":
        table.remove(doc_ids=[value]) if table.contains(doc_id=value) else None
    elif kind == "remove_even":
        table.remove(lambda doc: doc["v"] % 2 == 0)
    elif kind == "truncate":
        table.truncate()
    else:
        db.drop_table(name)


def state(db: Any) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    return {
        name: [(d.doc_id, dict(d)) for d in db.table(name).all()] for name in sorted(db.tables())
    }


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, max_size=12))
def test_reopening_shows_what_memory_showed(tmp_path: Path, steps: list[list[Any]]) -> None:
    from tinydb import TinyDB
    from tinydb.storages import MemoryStorage

    path = tmp_path / f"case-{len(list(tmp_path.iterdir()))}.vault"
    model = TinyDB(storage=MemoryStorage)  # TinyDB's own behaviour, no vault involved
    vault = Vault.create(path, PASSPHRASE, kdf=FAST)
    try:
        for ops in steps:
            if len(ops) == 1:
                apply(vault.db, ops[0])
            else:
                with vault.batch():
                    for op in ops:
                        apply(vault.db, op)
            for op in ops:
                apply(model, op)
            expected = state(model)
            assert state(vault.db) == expected
            with Vault.open(path, PASSPHRASE, read_only=True) as reader:  # replays frames
                assert {k: v for k, v in state(reader.db).items() if v} == {
                    k: v for k, v in expected.items() if v
                }
    finally:
        vault.close()
    with Vault.open(path, PASSPHRASE, read_only=True) as reader:  # after compaction
        assert {k: v for k, v in state(reader.db).items() if v} == {
            k: v for k, v in state(model).items() if v
        }


def test_closing_after_a_crash_compacts_without_touching_generations(
    closed_save_log: bytes, vault_path: Path
) -> None:
    kept = generation_path(vault_path, 1).read_bytes()
    expected = contents(vault_path)
    Vault.open(vault_path, PASSPHRASE).close()  # nothing saved in this session
    assert frames(vault_path) == []
    assert contents(vault_path) == expected
    assert generation_path(vault_path, 1).read_bytes() == kept  # not rotated
