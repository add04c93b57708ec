"""Crash safety: a process killed at any instant leaves a vault that opens and holds every
write that had returned (the one in flight may or may not have landed).

Children are forked rather than started, so each costs a few milliseconds instead of an
interpreter start-up, and hundreds of kills fit in a few seconds.
"""

from __future__ import annotations

import os
import random
import select
import signal
import struct
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FAST, PASSPHRASE
from models import atomic
from models.errors import WrongPassphrase
from models.vault import GENERATIONS, Vault, generation_path, list_generations
from models.vault import session as vault_module

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork"),
]

READY = 0xFFFFFFFF  # sent once the child has the vault open
ACK = struct.Struct(">I")
INSERT_KILLS = 200
COMPACTION_KILLS = 100
PASSPHRASE_KILLS = 200
MAX_DELAY = 0.030  # seconds, after the child reports it has the vault open


def run_child(work: Callable[[int], None], error_file: Path) -> tuple[int, int]:
    """Fork a child running `work(ack_fd)`; returns (pid, read end of the ack pipe)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        status = 0
        try:
            os.close(read_fd)
            work(write_fd)
        except BaseException:
            error_file.write_text(traceback.format_exc(), encoding="utf-8")
            status = 3
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


class AckReader:
    """Reads the child's acknowledgements: READY once, then numbers."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.ready = False
        self.acks: list[int] = []

    def _take(self, chunk: bytes) -> None:
        self.buffer += chunk
        while len(self.buffer) >= ACK.size:
            (value,) = ACK.unpack(self.buffer[: ACK.size])
            self.buffer = self.buffer[ACK.size :]
            if value == READY:
                self.ready = True
            else:
                self.acks.append(value)

    def wait(self, done: Callable[[], bool], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            ready, _, _ = select.select([self.fd], [], [], max(0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError("the child made no progress in time")
            chunk = os.read(self.fd, 4096)
            if not chunk:
                raise AssertionError("the child ended by itself")
            self._take(chunk)

    def drain(self) -> list[int]:
        """Everything acknowledged, once the child is gone and the pipe is at its end."""
        while chunk := os.read(self.fd, 4096):
            self._take(chunk)
        os.close(self.fd)
        assert self.buffer == b"", "a torn acknowledgement"
        return self.acks


def kill_after_random_delay(
    pid: int, read_fd: int, rng: random.Random, error_file: Path, *, from_first_write: bool
) -> list[int]:
    """Let the child run a random while, SIGKILL it, and return what it acknowledged.

    The delay counts from the child having the vault open, or, when `from_first_write`,
    from its first acknowledged write: on a loaded machine a child may otherwise never
    get as far as writing before the kill, and the test would prove little.
    """
    reader = AckReader(read_fd)
    stalled: AssertionError | None = None
    try:
        reader.wait(lambda: reader.ready and (not from_first_write or bool(reader.acks)))
        time.sleep(rng.uniform(0, MAX_DELAY))
    except AssertionError as exc:
        stalled = exc  # reported after the child's own error, which explains more
    finally:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    acks = reader.drain()
    if os.WIFEXITED(status):
        detail = error_file.read_text(encoding="utf-8") if error_file.exists() else ""
        raise AssertionError(f"the child ended by itself ({status}):\n{detail}")
    assert os.WTERMSIG(status) == signal.SIGKILL
    if stalled is not None:
        raise stalled
    if from_first_write:
        assert acks, "the child was killed before its first write was acknowledged"
    return acks


def assert_generations_open(path: Path, passphrases: tuple[str, ...]) -> None:
    """Every kept generation is a whole vault, never a half-written file."""
    generations = list_generations(path)
    assert len(generations) <= GENERATIONS
    assert not generation_path(path, GENERATIONS + 1).exists()
    for generation in generations:
        for passphrase in passphrases:
            try:
                Vault.open(generation.path, passphrase, read_only=True).close()
                break
            except WrongPassphrase:
                continue
        else:
            raise AssertionError(f"{generation.path.name} opens with neither passphrase")


def test_kill_during_inserts_loses_no_acknowledged_record(tmp_path: Path) -> None:
    path = tmp_path / "case.vault"
    Vault.create(path, PASSPHRASE, kdf=FAST).close()
    error_file = tmp_path / "child-error.txt"
    rng = random.Random(20261128)
    expected: list[int] = []  # every record number the vault must hold, in order
    slack = 0  # iterations where the unacknowledged last insert did land

    for attempt in range(INSERT_KILLS):
        start = len(expected)

        def insert_forever(ack_fd: int, start: int = start) -> None:
            vault = Vault.open(path, PASSPHRASE)
            os.write(ack_fd, ACK.pack(READY))
            table = vault.db.table("crash")
            number = start
            while True:
                table.insert({"n": number, "text": f"record {number} " * 8})
                os.write(ack_fd, ACK.pack(number))  # only after insert returned: durable
                number += 1

        pid, read_fd = run_child(insert_forever, error_file)
        acks = kill_after_random_delay(
            pid, read_fd, rng, error_file, from_first_write=attempt % 2 == 1
        )
        assert acks == list(range(start, start + len(acks)))

        with Vault.open(path, PASSPHRASE) as vault:
            stored = [doc["n"] for doc in vault.db.table("crash").all()]
        acknowledged = [*expected, *acks]
        assert stored[: len(acknowledged)] == acknowledged, f"attempt {attempt}: lost a record"
        assert stored in (acknowledged, [*acknowledged, len(acknowledged)]), (
            f"attempt {attempt}: {len(stored) - len(acknowledged)} unexpected records"
        )
        slack += len(stored) - len(acknowledged)
        expected = stored
        # Opening cleared what the killed writer left; the kept generations are whole.
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(atomic.TEMP_MARK)]
        assert_generations_open(path, (PASSPHRASE,))

    # The test only means something if the kills landed among the writes.
    # Half the kills count from a first write, so at least that many records exist.
    assert len(expected) >= INSERT_KILLS // 2, f"{slack} in-flight inserts landed"


def test_kill_during_compaction_loses_no_acknowledged_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A save log that outgrows 2 KiB is folded into a new snapshot: with records of about
    # 200 bytes, every few saves rewrite the whole file, so the kills land in both kinds.
    monkeypatch.setattr(vault_module, "COMPACT_FLOOR", 2048)
    monkeypatch.setattr(vault_module, "COMPACT_SHARE", 1 << 30)
    path = tmp_path / "case.vault"
    with Vault.create(path, PASSPHRASE, kdf=FAST) as vault:
        vault.db.table("crash").insert_multiple({"n": n, "text": "old " * 50} for n in range(5))
    error_file = tmp_path / "child-error.txt"
    rng = random.Random(29112026)
    expected = list(range(5))

    for attempt in range(COMPACTION_KILLS):
        start = len(expected)

        def update_and_insert_forever(ack_fd: int, start: int = start) -> None:
            vault = Vault.open(path, PASSPHRASE)
            os.write(ack_fd, ACK.pack(READY))
            table = vault.db.table("crash")
            number = start
            while True:
                # An update of an old record and a new one: frames replace, not just add.
                table.update({"text": f"seen by {number} " * 12}, doc_ids=[1 + number % 5])
                table.insert({"n": number, "text": f"record {number} " * 16})
                os.write(ack_fd, ACK.pack(number))
                number += 1

        pid, read_fd = run_child(update_and_insert_forever, error_file)
        acks = kill_after_random_delay(
            pid, read_fd, rng, error_file, from_first_write=attempt % 2 == 1
        )
        with Vault.open(path, PASSPHRASE, read_only=True) as vault:
            stored = [doc["n"] for doc in vault.db.table("crash").all()]
            last_update = vault.db.table("crash").get(doc_id=1 + (start + len(acks) - 1) % 5)
        acknowledged = [*expected, *acks]
        assert stored[: len(acknowledged)] == acknowledged, f"attempt {attempt}: lost a record"
        assert len(stored) - len(acknowledged) in (0, 1), f"attempt {attempt}: extra records"
        if acks:  # the last acknowledged update is there (or a later one that landed)
            assert last_update is not None and last_update["text"].startswith("seen by ")
            assert int(last_update["text"].split()[2]) >= acks[-1]
        expected = stored
        assert_generations_open(path, (PASSPHRASE,))

    assert len(expected) >= 5 + COMPACTION_KILLS // 2


def _passphrase(number: int) -> str:
    return f"passphrase number {number} of the crash test"


def _opens(path: Path, passphrase: str) -> bool:
    try:
        Vault.open(path, passphrase, read_only=True).close()
    except WrongPassphrase:
        return False
    return True


def test_kill_during_passphrase_changes_leaves_one_passphrase_for_every_file(
    tmp_path: Path,
) -> None:
    """Each change gives the vault a new data key; after a kill at any moment the vault
    opens with exactly the old or exactly the new passphrase, every kept generation with
    the same one, and nothing else is left in the folder."""
    path = tmp_path / "case.vault"
    with Vault.create(path, _passphrase(0), kdf=FAST) as vault:
        vault.db.table("t").insert_multiple([{"n": n} for n in range(20)])
    for session in range(GENERATIONS):  # three sessions: three generations to re-key
        with Vault.open(path, _passphrase(0)) as vault:
            vault.db.table("s").insert({"session": session})
    error_file = tmp_path / "child-error.txt"
    rng = random.Random(28112026)
    current, changes, landed_unacknowledged = 0, 0, 0

    for attempt in range(PASSPHRASE_KILLS):

        def change_forever(ack_fd: int, current: int = current) -> None:
            vault = Vault.open(path, _passphrase(current))
            os.write(ack_fd, ACK.pack(READY))
            number = current
            while True:
                number += 1
                vault.change_passphrase(_passphrase(number), kdf=FAST)
                os.write(ack_fd, ACK.pack(number))

        pid, read_fd = run_child(change_forever, error_file)
        acks = kill_after_random_delay(
            pid, read_fd, rng, error_file, from_first_write=attempt % 2 == 1
        )
        changes += len(acks)
        acknowledged = acks[-1] if acks else current
        candidates = [acknowledged, acknowledged + 1, acknowledged - 1]
        opening = [n for n in candidates if n >= 0 and _opens(path, _passphrase(n))]
        # The newest acknowledged change, or the one in flight if it landed: never both,
        # never an older passphrase.
        assert opening in ([acknowledged], [acknowledged + 1]), (
            f"attempt {attempt}: the vault opens with passphrases {opening}, "
            f"{acknowledged} acknowledged"
        )
        current = opening[0]
        landed_unacknowledged += current - acknowledged
        with Vault.open(path, _passphrase(current)) as vault:  # finishes or undoes the change
            assert [d["n"] for d in vault.db.table("t").all()] == list(range(20))
        # (A kill while the generations move up one place may leave a gap: remaining ones.)
        kept = list_generations(path)
        assert kept, f"attempt {attempt}: every generation was lost"
        for generation in kept:
            assert _opens(generation.path, _passphrase(current)), (
                f"attempt {attempt}: {generation.path.name} does not open with the vault's "
                "passphrase"
            )
            if current > 0:
                assert not _opens(generation.path, _passphrase(current - 1)), (
                    f"attempt {attempt}: {generation.path.name} still opens with the old one"
                )
        strays = sorted(p.name for p in tmp_path.iterdir())
        expected = sorted(
            [path.name, f"{path.name}.lock", error_file.name, *(g.path.name for g in kept)]
        )
        assert [n for n in strays if n != error_file.name] == [
            n for n in expected if n != error_file.name
        ], f"attempt {attempt}: {strays}"

    assert changes >= PASSPHRASE_KILLS // 2, f"only {changes} changes were acknowledged"


def test_opening_a_vault_leaves_another_vaults_temporary_alone(tmp_path: Path) -> None:
    Vault.create(tmp_path / "case.vault", PASSPHRASE, kdf=FAST).close()
    with Vault.create(tmp_path / "case.vault.old", PASSPHRASE, kdf=FAST):
        # what atomic_write names the temporary of the other, open vault mid-save
        in_flight = tmp_path / f"{atomic.TEMP_MARK}case.vault.old.{os.getpid()}.0badc0de"
        in_flight.write_bytes(b"half of a save")
        with Vault.open(tmp_path / "case.vault", PASSPHRASE):
            pass
        assert in_flight.exists()
