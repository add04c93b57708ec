"""Every everyday mishap gives its own clear error and changes nothing on disk: a wrong
passphrase, a newer format, an existing file, a second writer, a read-only folder, a
full disk, and a header asking for absurd key-derivation costs."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import FAST, OTHER_PASSPHRASE, PASSPHRASE, OsProxy, folder_state, today
from models import atomic, container
from models.errors import (
    DiskFull,
    SaveFailed,
    UnsupportedVersion,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultMissing,
    VaultReadOnly,
    WrongPassphrase,
)
from models.records import Client, SessionNote
from models.repository import Repository
from models.vault import Vault, probe

ROOT = Path(__file__).resolve().parent.parent


def repack(
    data: bytes,
    *,
    version: int | None = None,
    slot0_kdf: container.KdfParams | None = None,
    header_size: int | None = None,
) -> bytes:
    """The same file with some header fields changed and a correct checksum again.

    Damage would be caught by the checksum; these are *well-formed* files that say
    something unusual, as a newer Pendamping or a hostile file would.
    """
    parsed = container.parse(data)
    header = parsed.header
    if slot0_kdf is not None:
        slot = header.slots[0]
        assert slot is not None
        header = replace(header, slots=(replace(slot, kdf=slot0_kdf), *header.slots[1:]))
    raw = bytearray(header.pack())
    if version is not None or header_size is not None:
        size = header_size if header_size is not None else container.HEADER_SIZE
        raw[: container.PRELUDE.size] = container.PRELUDE.pack(
            container.MAGIC, version if version is not None else container.FORMAT_VERSION, size
        )
        raw.extend(bytes(max(0, size - len(raw))))  # a longer future header, zero-filled
    body = bytes(parsed.body)
    return bytes(raw) + hashlib.sha256(bytes(raw)).digest() + body


def test_wrong_passphrase_changes_nothing(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"n": 1})
    vault.close()
    before = folder_state(vault_path.parent)
    with pytest.raises(WrongPassphrase) as caught:
        Vault.open(vault_path, OTHER_PASSPHRASE)
    assert "passphrase is wrong" in str(caught.value)
    assert folder_state(vault_path.parent) == before
    with Vault.open(vault_path, PASSPHRASE) as again:  # and the lock was let go
        assert again.db.table("t").all() == [{"n": 1}]


def test_missing_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultMissing):
        Vault.open(tmp_path / "nowhere.vault", PASSPHRASE)
    assert list(tmp_path.iterdir()) == []  # not even a lock file


@pytest.mark.parametrize("header_size", [None, container.HEADER_SIZE + 64])
def test_newer_format_version_is_unsupported(
    vault: Vault, vault_path: Path, header_size: int | None
) -> None:
    vault.close()
    newer = container.FORMAT_VERSION + 1
    vault_path.write_bytes(repack(vault_path.read_bytes(), version=newer, header_size=header_size))
    before = folder_state(vault_path.parent)
    with pytest.raises(UnsupportedVersion) as caught:
        Vault.open(vault_path, PASSPHRASE)
    assert caught.value.params["version"] == newer
    assert "newer" in str(caught.value)
    with pytest.raises(UnsupportedVersion):
        probe(vault_path)
    assert folder_state(vault_path.parent) == before


def test_create_refuses_to_overwrite(vault: Vault, vault_path: Path) -> None:
    vault.db.table("t").insert({"n": 1})
    vault.close()
    before = folder_state(vault_path.parent)
    with pytest.raises(VaultExists):
        Vault.create(vault_path, OTHER_PASSPHRASE, kdf=FAST)
    assert folder_state(vault_path.parent) == before


def test_create_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "case.vault"
    link.symlink_to(tmp_path / "elsewhere.vault")
    with pytest.raises(VaultExists):
        Vault.create(link, PASSPHRASE, kdf=FAST)
    assert not (tmp_path / "elsewhere.vault").exists()


def test_second_writer_in_the_same_process_is_refused(vault: Vault, vault_path: Path) -> None:
    with pytest.raises(VaultLocked) as caught:
        Vault.open(vault_path, PASSPHRASE)
    assert "open in another" in str(caught.value)
    with pytest.raises(VaultLocked):
        Vault.create(vault_path, PASSPHRASE, kdf=FAST, overwrite=True)
    with pytest.raises(VaultLocked):
        probe(vault_path)
    vault.db.table("t").insert({"still": "works"})  # the holder is unharmed
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert again.db.table("t").all() == [{"still": "works"}]


HOLDER = """
import sys, time
from models.vault import Vault
vault = Vault.open(sys.argv[1], sys.argv[2])
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(vault: Vault, vault_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that opens the vault and keeps it open."""
    vault.close()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(vault_path), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "ready", process.stderr.read() if process.stderr else line
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()


def test_second_writer_in_another_process_is_refused(
    holder: subprocess.Popen[str], vault_path: Path
) -> None:
    before = folder_state(vault_path.parent)
    with pytest.raises(VaultLocked):
        Vault.open(vault_path, PASSPHRASE)
    with pytest.raises(VaultLocked):
        probe(vault_path)
    assert folder_state(vault_path.parent) == before
    # reading beside the writer (for a backup) needs no lock
    with Vault.open(vault_path, PASSPHRASE, read_only=True):
        pass


def test_lock_is_freed_when_the_holder_is_killed(
    holder: subprocess.Popen[str], vault_path: Path
) -> None:
    with pytest.raises(VaultLocked):
        Vault.open(vault_path, PASSPHRASE)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    with Vault.open(vault_path, PASSPHRASE) as again:
        again.db.table("t").insert({"after": "the crash"})


@pytest.fixture
def unwritable_folder(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The vault's folder and file cannot be written (the vault is already open), as on
    a card switched to read-only."""
    folder = vault_path.parent
    if os.geteuid() == 0:
        # root writes anywhere whatever the mode says: make opening for writing fail.
        def refuse(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
            if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return os.open(path, flags, mode)

        monkeypatch.setattr(atomic, "os", OsProxy(open=refuse))
        yield
        return
    folder.chmod(0o500)
    vault_path.chmod(0o400)
    try:
        yield
    finally:
        vault_path.chmod(0o600)
        folder.chmod(0o700)


def test_read_only_folder(vault: Vault, vault_path: Path, unwritable_folder: None) -> None:
    table = vault.db.table("t")
    before = vault_path.read_bytes()
    with pytest.raises(VaultReadOnly) as caught:
        table.insert({"n": 1})
    assert "cannot be written" in str(caught.value)
    assert vault_path.read_bytes() == before
    assert table.all() == []  # the refused insert is not shown as if saved
    assert not [p for p in vault_path.parent.iterdir() if p.name.startswith(atomic.TEMP_MARK)]


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int, data: bytes | memoryview) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "os", OsProxy(write=no_space))


def test_disk_full(vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repository(vault.db, today=today)
    client = repo.add(Client(code="MA", first_contact=today()))
    before = vault_path.read_bytes()
    disk_full(monkeypatch)
    with pytest.raises(DiskFull) as caught:
        repo.add(SessionNote(client_id=client.id or 0, date=today(), body="lost to a full disk"))
    assert "disk is full" in str(caught.value)
    assert vault_path.read_bytes() == before
    assert repo.records(SessionNote) == []  # memory is back to what is on disk
    assert repo.records(Client) == [client]
    assert not [p for p in vault_path.parent.iterdir() if p.name.startswith(atomic.TEMP_MARK)]

    monkeypatch.undo()  # space was freed
    saved = repo.add(SessionNote(client_id=client.id or 0, date=today(), body="saved"))
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as again:
        notes = Repository(again.db, today=today).records(SessionNote)
    assert notes == [saved]


def test_disk_full_at_the_end_of_a_batch(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = vault.db.table("t")
    table.insert({"n": 1})
    before = vault_path.read_bytes()
    disk_full(monkeypatch)
    with pytest.raises(DiskFull), vault.batch():
        table.insert({"n": 2})
        table.insert({"n": 3})
    assert vault_path.read_bytes() == before
    assert table.all() == [{"n": 1}]


def test_disk_full_while_changing_the_passphrase(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.db.table("t").insert({"n": 1})
    disk_full(monkeypatch)
    with pytest.raises(DiskFull):
        vault.change_passphrase(OTHER_PASSPHRASE, kdf=FAST)
    monkeypatch.undo()
    # The next ordinary save must not quietly switch to the passphrase that failed.
    vault.db.table("t").insert({"n": 2})
    assert vault.verify_passphrase(PASSPHRASE)
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert len(again.db.table("t")) == 2


def test_other_save_failure_is_save_failed(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    before = vault_path.read_bytes()
    monkeypatch.setattr(atomic, "os", OsProxy(fsync=broken))
    with pytest.raises(SaveFailed) as caught:
        vault.db.table("t").insert({"n": 1})
    assert "nothing was changed" in str(caught.value)
    assert vault_path.read_bytes() == before


@pytest.mark.parametrize(
    "kdf",
    [
        container.KdfParams(container.MAX_KDF.memory_kib + 1, 1, 1),
        container.KdfParams(2**32 - 1, 1, 1),
        container.KdfParams(8, 2**31, 1),
        container.KdfParams(8 * 17, 1, 17),
        container.KdfParams(8, 1, 0),
        container.KdfParams(8, 0, 1),
        container.KdfParams(7, 1, 1),
    ],
    ids=[
        "memory-just-over",
        "memory-4TiB",
        "iterations",
        "lanes",
        "no-lanes",
        "no-iterations",
        "memory-below-minimum",
    ],
)
def test_hostile_kdf_parameters_are_refused_without_deriving(
    vault: Vault,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kdf: container.KdfParams,
) -> None:
    vault.close()
    vault_path.write_bytes(repack(vault_path.read_bytes(), slot0_kdf=kdf))
    before = folder_state(vault_path.parent)

    def must_not_derive(*args: object) -> bytes:
        raise AssertionError("a key was derived with hostile parameters")

    monkeypatch.setattr(container, "derive_kek", must_not_derive)
    started = time.perf_counter()
    with pytest.raises(VaultCorrupt) as caught:
        Vault.open(vault_path, PASSPHRASE)
    assert time.perf_counter() - started < 1.0
    assert caught.value.part == "header"
    assert "damaged" in str(caught.value)
    assert folder_state(vault_path.parent) == before


def test_every_error_is_a_vault_error() -> None:
    # The screens catch VaultError; an error outside it would end in a traceback.
    for cls in (
        DiskFull,
        SaveFailed,
        UnsupportedVersion,
        VaultCorrupt,
        VaultExists,
        VaultLocked,
        VaultMissing,
        VaultReadOnly,
        WrongPassphrase,
    ):
        assert issubclass(cls, VaultError)


def test_same_vault_through_a_symlink_is_in_use(vault: Vault, vault_path: Path) -> None:
    link = vault_path.with_name("shortcut.vault")
    link.symlink_to(vault_path)
    with pytest.raises(VaultLocked):
        Vault.open(link, PASSPHRASE).close()
