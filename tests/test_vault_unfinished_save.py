"""A save cut short (a crash, a power cut) never makes the vault unopenable.

Whatever follows the last complete, authenticated save log frame, without a good frame
after it, is a save that did not finish: the part of a frame a killed process wrote, the
zeros a file system leaves when the machine lost power after the file grew, or any other
bytes. The vault opens with every complete frame, says that the last save may not have
finished, and the next save cuts those bytes off before it writes. Damage *before* the
last good frame stays damage.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_vault_save_log import frames

from app_support import build_app, fictional_ma, mark_backed_up, seed_vault, settle, unlock
from conftest import FAST, PASSPHRASE
from models import container
from models.errors import VaultCorrupt
from models.vault import Vault

SEED = 20261202


def tables(vault: Vault) -> dict[str, list[dict[str, Any]]]:
    return {name: vault.db.table(name).all() for name in sorted(vault.db.tables())}


@dataclass
class Journaled:
    """A vault file whose save log has three frames, what it holds, and a fourth frame."""

    path: Path
    good: bytes  # snapshot and three complete frames
    expected: dict[str, list[dict[str, Any]]]
    fourth: bytes  # the frame the next save writes

    def opened(self, tail: bytes) -> tuple[bool, dict[str, list[dict[str, Any]]]]:
        self.path.write_bytes(self.good + tail)
        with Vault.open(self.path, PASSPHRASE, read_only=True) as vault:
            return vault.found_unfinished_save, tables(vault)


@pytest.fixture
def journaled(tmp_path: Path) -> Journaled:
    path = tmp_path / "case.vault"
    with Vault.create(path, PASSPHRASE, kdf=FAST) as vault:
        vault.db.table("notes").insert_multiple({"body": f"note {n}"} for n in range(20))
    vault = Vault.open(path, PASSPHRASE)
    notes = vault.db.table("notes")
    for n in (1, 2, 3):
        notes.update({"body": f"changed {n}"}, doc_ids=[n])
    good, expected = path.read_bytes(), tables(vault)
    notes.update({"body": "the save the power cut took"}, doc_ids=[4])
    fourth = path.read_bytes()[len(good) :]
    vault.lock()  # no close: closing would fold the save log into a snapshot
    vault._lock.release()  # as a killed process would
    assert len(frames(path)) == 4 and len(fourth) > container.FRAME.size
    path.write_bytes(good)
    return Journaled(path, good, expected, fourth)


def tails(fourth: bytes) -> list[tuple[str, bytes]]:
    """Every length from 1 byte to a whole frame minus one, in three shapes each."""
    rng = random.Random(SEED)
    shapes = []
    for length in range(1, len(fourth)):
        shapes.append((f"{length} bytes of the frame", fourth[:length]))
        shapes.append((f"{length} zero bytes", bytes(length)))
        shapes.append((f"{length} random bytes", rng.randbytes(length)))
    return shapes


def test_every_cut_short_tail_opens_with_every_complete_save(journaled: Journaled) -> None:
    problems = []
    shapes = tails(journaled.fourth)
    for label, tail in shapes:
        try:
            unfinished, shown = journaled.opened(tail)
        except Exception as exc:  # judged below, all of them at once
            problems.append(f"{label}: {type(exc).__name__}: {exc}")
            continue
        if not unfinished:
            problems.append(f"{label}: not reported as an unfinished save")
        if shown != journaled.expected:
            problems.append(f"{label}: opened with other data")
    assert problems == [], f"{len(problems)} of {len(shapes)} tails:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("shape", ["frame", "zeros", "random"])
def test_the_next_save_cuts_the_unfinished_one_off_first(journaled: Journaled, shape: str) -> None:
    length = len(journaled.fourth) - 1
    tail = {
        "frame": journaled.fourth[:length],
        "zeros": bytes(length),
        "random": random.Random(SEED).randbytes(length),
    }[shape]
    journaled.path.write_bytes(journaled.good + tail)
    with Vault.open(journaled.path, PASSPHRASE) as vault:
        assert vault.found_unfinished_save
        vault.db.table("notes").update({"body": "after the power cut"}, doc_ids=[5])
        data = journaled.path.read_bytes()
        assert data.startswith(journaled.good)
        assert len(frames(journaled.path)) == 4  # the tail is gone: a frame follows frame 3
        assert tail not in data[len(journaled.good) :]
    with Vault.open(journaled.path, PASSPHRASE) as vault:  # closed and compacted since
        assert not vault.found_unfinished_save
        assert vault.db.table("notes").get(doc_id=5) == {"body": "after the power cut"}
        assert vault.db.table("notes").get(doc_id=3) == {"body": "changed 3"}


@pytest.mark.parametrize("length", [1, 19, 20, 36, 4096, 1 << 20])
def test_a_zero_filled_tail_after_a_compaction(tmp_path: Path, length: int) -> None:
    path = tmp_path / "case.vault"
    with Vault.create(path, PASSPHRASE, kdf=FAST) as vault:
        vault.db.table("notes").insert({"body": "before the power cut"})
    with Vault.open(path, PASSPHRASE) as vault:  # closing compacts: no save log
        vault.db.table("notes").insert({"body": "the last complete save"})
    compacted = path.read_bytes()
    assert frames(path) == []
    path.write_bytes(compacted + bytes(length))
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.found_unfinished_save
        assert [d["body"] for d in vault.db.table("notes").all()] == [
            "before the power cut",
            "the last complete save",
        ]
        vault.db.table("notes").insert({"body": "written after it"})
        assert len(path.read_bytes()) < len(compacted) + 200  # the zeros were cut off
    with Vault.open(path, PASSPHRASE, read_only=True) as vault:
        assert len(vault.db.table("notes")) == 3 and not vault.found_unfinished_save


def test_a_bad_frame_before_a_good_one_is_still_damage(journaled: Journaled) -> None:
    (_, _), (second, second_length), _ = frames(journaled.path)
    for index in (second + 1, second + container.FRAME.size + 3, second + second_length - 1):
        damaged = bytearray(journaled.good)
        damaged[index] ^= 0x08
        for tail in (b"", bytes(40), journaled.fourth[:30]):
            journaled.path.write_bytes(bytes(damaged) + tail)
            with pytest.raises(VaultCorrupt):
                Vault.open(journaled.path, PASSPHRASE, read_only=True)


def test_a_flipped_bit_in_the_last_frame_is_an_unfinished_save(journaled: Journaled) -> None:
    *_, (last, last_length) = frames(journaled.path)
    damaged = bytearray(journaled.good)
    damaged[last + last_length - 5] ^= 0x01
    journaled.path.write_bytes(bytes(damaged))
    with Vault.open(journaled.path, PASSPHRASE, read_only=True) as vault:
        assert vault.found_unfinished_save
        notes = vault.db.table("notes")
        assert notes.get(doc_id=2) == {"body": "changed 2"}
        assert notes.get(doc_id=3) == {"body": "note 2"}  # the third save is the lost one


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(saves=st.integers(0, 3), tail=st.binary(min_size=1, max_size=300))
def test_any_bytes_after_any_save_keep_every_save_before_them(
    journaled: Journaled, saves: int, tail: bytes
) -> None:
    good_frames = frames(journaled.path) if saves else []
    end = (
        good_frames[saves - 1][0] + good_frames[saves - 1][1]
        if saves
        else container.parse(journaled.good).body_end
    )
    journaled.path.write_bytes(journaled.good[:end])
    with Vault.open(journaled.path, PASSPHRASE, read_only=True) as vault:
        expected = tables(vault)
    journaled.path.write_bytes(journaled.good[:end] + tail)
    with Vault.open(journaled.path, PASSPHRASE, read_only=True) as vault:
        assert vault.found_unfinished_save
        assert tables(vault) == expected
    journaled.path.write_bytes(journaled.good)


@pytest.mark.parametrize("language", ["en", "id"])
async def test_the_worker_is_told_the_last_save_did_not_finish(
    tmp_path: Path, language: str
) -> None:
    path = tmp_path / "case.vault"
    seed_vault(path, [fictional_ma()])
    path.write_bytes(path.read_bytes() + bytes(512))
    mark_backed_up(tmp_path)
    app = build_app(tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await settle(pilot)
        shown = " ".join(notice.text for notice in app.notice_board.current())
        expected = {"en": "did not finish", "id": "tidak selesai"}[language]
        assert expected in shown
        assert "MA" in str(app.screen.query_one("DataTable").get_row_at(0))
