"""The vault while it is open: unlocking, saving, compacting, changing keys, locking."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB

from .. import container, rekey
from ..atomic import (
    append_at,
    atomic_write,
    real_path,
    remove_stale_temporaries,
    translate_os_error,
)
from ..container import (
    DEFAULT_KDF,
    Compression,
    FileKind,
    Header,
    KdfParams,
    SlotKind,
)
from ..errors import (
    KeySlotsChanged,
    SaveFailed,
    VaultClosed,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultReadOnly,
    WrongPassphrase,
)
from ..marks import Marks
from .bridge import TrackedTable, VaultDB, VaultStorage
from .files import (
    GENERATIONS,
    UNREADABLE,
    Generation,
    Tables,
    check_is_vault,
    generation_path,
    generation_paths,
    list_generations,
    parse_container,
    read_container,
    unlock_key,
    unlock_key_and_kek,
)
from .generations import Rollback, newer_generation, newest_good_generation, slots_digest_of
from .recovery import RECOVERY_KEY_BYTES, format_recovery_key, recovery_secret
from .save_log import Changes, SaveLogState, decode_vault, vault_plaintext

# Compact (rewrite the file as one snapshot) once the save log outgrows this share of the
# snapshot, or a single change outgrows it; below COMPACT_FLOOR bytes, never.
COMPACT_SHARE = 4
COMPACT_FLOOR = 1 << 20
# While a session saves, how far it has got is remembered at most this often (seconds).
MARK_EVERY = 30.0


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


class Vault:
    """An open, unlocked vault. Use `create` or `open`, never the constructor."""

    def __init__(
        self,
        path: Path,
        header: Header,
        key: bytes,
        tables: Tables,
        lock: FileLock | None,
        save_log: SaveLogState | None = None,
        keks: dict[SlotKind, bytes] | None = None,
        marks: Marks | None = None,
    ) -> None:
        self.path = path
        self._header = header
        self._key: bytearray | None = bytearray(key)
        # The key-encryption keys of the slots whose secret was typed this session: a new
        # data key can be wrapped for them again without asking for that secret twice.
        self._keks: dict[SlotKind, bytearray] = {
            kind: bytearray(kek) for kind, kek in (keks or {}).items()
        }
        self.revision = 0  # counts every change to the tables held in memory
        self._cached: Tables | None = tables
        self._lock = lock
        self._rotated = False
        self._batch_depth = 0
        self._pending = False
        self._changes = Changes()  # since the last save, in a batch
        self._save_log = save_log or SaveLogState()
        # The file ended in a save that did not finish (a crash or power cut while it was
        # written): the vault opened with every save before it; the worker should know.
        self.found_unfinished_save = bool(self._save_log.unfinished)
        # Set by `open` when the file is older than this computer last left it.
        self.rollback: Rollback | None = None
        self._marks = marks or Marks(None)
        self._marks_on_hold = Marks(None)
        self._marked_at = time.monotonic()
        self.read_only = lock is None
        self.db: TinyDB = VaultDB(storage=VaultStorage, vault=self)

    @property
    def _tables(self) -> Tables | None:
        return self._cached

    @_tables.setter
    def _tables(self, tables: Tables | None) -> None:
        # Every write ends here (TinyDB edits the tables in place, then hands them back),
        # as does every reload; so `revision` tells a reader whether anything changed.
        self._cached = tables
        self.revision += 1
        # No table may answer from anything but what is set here (nothing, once locked).
        for table in getattr(getattr(self, "db", None), "_tables", {}).values():
            table.clear_cache()

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        kdf: KdfParams = DEFAULT_KDF,
        tables: Tables | None = None,
        overwrite: bool = False,
        marks: Path | None = None,
    ) -> Vault:
        """Make a new vault, empty or holding `tables`.

        Refuses an existing file unless `overwrite` (a restore the worker confirmed);
        even then the replaced vault is kept as generation 1.
        """
        path = Path(path)
        if not overwrite and (path.exists() or path.is_symlink()):
            raise VaultExists(f"{path} already exists; nothing was changed", path=str(path))
        if not path.parent.is_dir():
            try:
                path.parent.mkdir(parents=True, mode=0o700)
            except OSError as exc:
                raise translate_os_error(exc, path) from None
        path = real_path(path)
        lock = _acquire_lock(path)
        try:
            if not overwrite and path.exists():  # made by someone else meanwhile
                raise VaultExists(f"{path} already exists; nothing was changed", path=str(path))
            key = secrets.token_bytes(container.KEY_SIZE)
            slot, kek = container.make_slot_and_kek(
                SlotKind.PASSPHRASE, container.normalise_secret(passphrase), key, kdf
            )
            header = Header(FileKind.VAULT, Compression.NONE, (slot, None))
            vault = cls(
                path,
                header,
                key,
                tables if tables is not None else {},
                lock,
                keks={SlotKind.PASSPHRASE: kek},
                marks=Marks(marks),
            )
            vault._save(vault._tables or {})
            vault._remember()
            return vault
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        read_only: bool = False,
        marks: Path | None = None,
    ) -> Vault:
        """Open an existing vault with its passphrase (or its recovery key).

        `read_only` opens without taking the writer's lock, for reading a vault that is
        open elsewhere (backups); every write then fails with VaultReadOnly.

        `marks` is the file where this computer remembers how far each vault had got
        (models/marks.py): a file older than that opens with `rollback` set, and key
        slots that changed since turn a failed unlock into KeySlotsChanged.
        """
        path = real_path(Path(path))
        if passphrase is None and recovery_key is None:
            raise TypeError("a passphrase or a recovery key is needed")
        # Refuse a non-vault (a document, a backup) before putting a lock file beside it.
        check_is_vault(path)
        lock = None if read_only else _acquire_lock(path)
        try:
            if recovery_key is not None:
                secret, kind = recovery_secret(recovery_key), SlotKind.RECOVERY
            else:
                secret, kind = container.normalise_secret(passphrase or ""), SlotKind.PASSPHRASE
            if lock is not None:
                # Finish or undo a change of keys a crash interrupted (ours: we hold the
                # lock), so the generations open with the same passphrase as the vault.
                rekey.settle(path, generation_paths(path))
            remembered = Marks(marks)
            try:
                loaded = _load(path, secret, kind)
            except WrongPassphrase:
                if remembered.slots_changed(path, slots_digest_of(path)):
                    raise KeySlotsChanged(
                        f"{path} does not open, and its keys changed since this computer "
                        "last closed it",
                        path=str(path),
                    ) from None
                raise
            if lock is not None:
                # What a killed save or generation copy left behind.
                for name in (
                    path,
                    *generation_paths(path),
                    *rekey.leftovers(path, generation_paths(path)),
                ):
                    remove_stale_temporaries(name)
            vault = cls(
                path,
                loaded.header,
                loaded.key,
                loaded.tables,
                lock,
                loaded.save_log,
                keks={kind: loaded.kek},
                marks=Marks(None) if lock is None else remembered,
            )
            seen = remembered.saves(path, loaded.key)
            if seen is not None and loaded.save_log.saves < seen:
                vault.rollback = Rollback(
                    loaded.save_log.saves,
                    seen,
                    newer_generation(path, loaded.key, loaded.save_log.saves),
                )
                # Until the worker chooses, nothing may overwrite what this computer knows.
                vault._marks_on_hold, vault._marks = vault._marks, Marks(None)
            if lock is not None and loaded.version < container.FORMAT_VERSION:
                # An older format: write it anew now; the old file stays as generation 1.
                with contextlib.suppress(VaultError):
                    vault._save(loaded.tables)
            return vault
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def close(self) -> None:
        if self._save_log.frames and not self.read_only and self._key is not None:
            # Fold the save log into one snapshot, so the next opening reads one body.
            # Should that fail, nothing is lost: the save log holds every change.
            # The content does not change, so the kept generations stay as they are.
            with contextlib.suppress(VaultError):
                self._save(self._read_tables(), rotate=False)
        self.lock()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- auto-lock -----------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._key is None

    def lock(self) -> None:
        """Drop the key and the decrypted data from memory; the file lock stays held."""
        self._remember()
        self._wipe()

    def _wipe(self) -> None:
        for secret in (self._key, *self._keks.values()):
            if secret is not None:
                secret[:] = bytes(len(secret))  # overwrite what Python lets us reach
        self._key = None
        self._keks = {}
        self._tables = None

    def _remember(self) -> None:
        """Note outside the vault how far it has got (models/marks.py)."""
        if self.read_only or self._key is None:
            return
        self._marks.record(
            self.path,
            container.slots_digest(self._header.pack()),
            bytes(self._key),
            self._save_log.saves,
        )
        self._marked_at = time.monotonic()

    def forget_marks(self) -> None:
        """Leave this computer's memory of the vault as it is: the worker chose not to
        go on with an older file, and must be asked again next time."""
        self._marks = self._marks_on_hold = Marks(None)

    def accept_older_file(self) -> None:
        """The worker chose to go on with this older file: from now on it is the one this
        computer remembers."""
        self._marks, self._marks_on_hold = self._marks_on_hold, Marks(None)
        self.rollback = None

    def unlock(self, passphrase: str) -> None:
        """Bring a locked vault back; raises WrongPassphrase and stays locked if wrong."""
        loaded = _load(self.path, container.normalise_secret(passphrase), SlotKind.PASSPHRASE)
        self._header, self._key, self._tables = loaded.header, bytearray(loaded.key), loaded.tables
        self._keks = {SlotKind.PASSPHRASE: bytearray(loaded.kek)}
        self._save_log = loaded.save_log

    def verify_passphrase(self, passphrase: str) -> bool:
        parsed = parse_container(self.path, self._file_bytes(), FileKind.VAULT)
        try:
            unlock_key(
                self.path, parsed, container.normalise_secret(passphrase), SlotKind.PASSPHRASE
            )
        except WrongPassphrase:
            return False
        return True

    # -- keys ----------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> Rekeyed:
        """Choose a new passphrase; the records are re-encrypted under a new data key.

        So the old passphrase, even with an older copy of the file, opens nothing saved
        from now on. The kept generations follow (see models/rekey.py). A recovery key
        stays valid if it opened the vault this session; otherwise it cannot follow the
        new key (only its holder has it) and a new one is made and returned.
        """
        secret = container.normalise_secret(new_passphrase)
        return self._rekey(kdf or DEFAULT_KDF, passphrase=secret)

    def set_recovery_key(self, *, kdf: KdfParams | None = None) -> Rekeyed:
        """Make a new recovery key, replacing any old one (`recovery_key` of the result,
        for showing once).

        The data key is replaced too, so the old recovery key opens nothing saved from
        now on, even with an older copy of the file.
        """
        return self._rekey(kdf or DEFAULT_KDF, new_recovery_key=True)

    @property
    def has_recovery_key(self) -> bool:
        return self._header.slot(SlotKind.RECOVERY) is not None

    @property
    def recovery_key_follows(self) -> bool:
        """Would a change of keys keep the recovery key working? Only if its secret was
        typed (or made) this session, or there is none."""
        return not self.has_recovery_key or SlotKind.RECOVERY in self._keks

    @property
    def weak_passphrase_slot(self) -> bool:
        """Was the passphrase slot written with a key-derivation cost too low to protect
        it (by the test suite, or a release that allowed it)?"""
        slot = self._header.slot(SlotKind.PASSPHRASE)
        return slot is not None and slot.kdf.weak

    def strengthen(self, passphrase: str, *, kdf: KdfParams | None = None) -> Rekeyed:
        """Write the passphrase slot again at `kdf`, for the same passphrase and data key;
        the kept generations follow, as in a change of keys (models/rekey.py)."""
        return self._rekey(
            kdf or DEFAULT_KDF,
            passphrase=container.normalise_secret(passphrase),
            keep_data_key=True,
        )

    def _rekey(
        self,
        kdf: KdfParams,
        *,
        passphrase: bytes | None = None,
        new_recovery_key: bool = False,
        keep_data_key: bool = False,
    ) -> Rekeyed:
        if self.read_only:
            raise VaultReadOnly(f"{self.path} was opened read-only", path=str(self.path))
        tables, old_key = self._read_tables(), self._need_key()
        # Only a stronger slot for the same secret keeps the key: the other slots stay.
        new_key = old_key if keep_data_key else secrets.token_bytes(container.KEY_SIZE)
        keks: dict[SlotKind, bytes] = {}
        header = replace(self._header, slots=(None,) * container.SLOT_COUNT)
        slot: container.KeySlot | None
        if passphrase is not None:
            slot, keks[SlotKind.PASSPHRASE] = container.make_slot_and_kek(
                SlotKind.PASSPHRASE, passphrase, new_key, kdf
            )
        else:
            slot = self._rewrapped(SlotKind.PASSPHRASE, new_key, keks)
            if slot is None:  # opened with the recovery key: a passphrase must come first
                raise VaultClosed("choose a new passphrase first", path=str(self.path))
        header = header.with_slot(slot)
        recovery_key = None
        if keep_data_key:  # the recovery slot, if any, still wraps the same data key
            recovery = self._header.slot(SlotKind.RECOVERY)
            if SlotKind.RECOVERY in self._keks:
                keks[SlotKind.RECOVERY] = bytes(self._keks[SlotKind.RECOVERY])
        elif not new_recovery_key:
            recovery = self._rewrapped(SlotKind.RECOVERY, new_key, keks)
        else:
            recovery = None
        if recovery is None and not keep_data_key and (new_recovery_key or self.has_recovery_key):
            raw = secrets.token_bytes(RECOVERY_KEY_BYTES)
            recovery, keks[SlotKind.RECOVERY] = container.make_slot_and_kek(
                SlotKind.RECOVERY, raw, new_key, kdf
            )
            recovery_key = format_recovery_key(raw)
        if recovery is not None:
            header = header.with_slot(recovery)
        saves = self._save_log.saves + 1  # a save like any other: an older copy has fewer
        try:
            plaintext = vault_plaintext(tables, saves)
        except (TypeError, orjson.JSONEncodeError) as exc:
            raise _unstorable(self.path, exc) from None
        sealed, data = container.seal_with_header(header, new_key, plaintext)
        if not self._rotated:
            self._rotate_generations()  # generation 1 is still this session's start

        def reseal(generation: Path) -> bytes:
            parsed = container.parse(read_container(generation))
            old_tables, old_save_log = decode_vault(generation, parsed, old_key)
            return container.seal(
                replace(header, compression=parsed.header.compression),
                new_key,
                vault_plaintext(old_tables, old_save_log.saves),
            )

        removed = rekey.replace_files(
            self.path, data, [(g.number, g.path) for g in self.generations()], reseal, UNREADABLE
        )
        self._wipe()  # the old keys
        self._header, self._key, self._tables = sealed, bytearray(new_key), tables
        self._keks = {kind: bytearray(kek) for kind, kek in keks.items()}
        self._save_log = SaveLogState(end=len(data), snapshot=len(data), saves=saves)
        self._changes = Changes()
        self._remember()  # under the new key, so this computer still knows how far it got
        return Rekeyed(recovery_key, removed)

    def rewrite_everywhere(self, transform: Callable[[Tables], Tables]) -> list[int]:
        """Erase for good what was just deleted: write the vault anew as one snapshot
        (the save log's earlier frames, which still held it, go), and apply `transform`
        to every kept generation, with the same crash safety as a change of keys. Returns
        the numbers of generations that could not be read and were removed instead."""
        if self.read_only:
            raise VaultReadOnly(f"{self.path} was opened read-only", path=str(self.path))
        tables, key = self._read_tables(), self._need_key()
        saves = self._save_log.saves + 1
        try:
            plaintext = vault_plaintext(tables, saves)
        except (TypeError, orjson.JSONEncodeError) as exc:
            raise _unstorable(self.path, exc) from None
        sealed, data = container.seal_with_header(self._header, key, plaintext)
        if not self._rotated:
            self._rotate_generations()

        def reseal(generation: Path) -> bytes:
            parsed = container.parse(read_container(generation))
            old_tables, old_save_log = decode_vault(generation, parsed, key)
            return container.seal(
                parsed.header, key, vault_plaintext(transform(old_tables), old_save_log.saves)
            )

        removed = rekey.replace_files(
            self.path, data, [(g.number, g.path) for g in self.generations()], reseal, UNREADABLE
        )
        self._header, self._tables = sealed, tables
        self._save_log = SaveLogState(end=len(data), snapshot=len(data), saves=saves)
        self._changes = Changes()
        self._remember()
        return removed

    def _rewrapped(
        self, kind: SlotKind, new_key: bytes, keks: dict[SlotKind, bytes]
    ) -> container.KeySlot | None:
        """This vault's slot of `kind` wrapping `new_key`, if its secret was typed this
        session (so its key-encryption key is known); else None."""
        slot, kek = self._header.slot(kind), self._keks.get(kind)
        if slot is None or kek is None:
            return None
        keks[kind] = bytes(kek)
        return container.wrap_in_slot(slot, bytes(kek), new_key)

    # -- several changes, one save ---------------------------------------------------

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB writes into one atomic save when the block ends.

        Either every change in the block reaches the disk or none does: if the block
        raises, or the save fails, the in-memory edits are dropped and the data is read
        back from disk. Nothing is held past the block, so no write is cached.
        """
        nested = self._batch_depth > 0
        # An inner batch that fails must undo only its own changes, not the outer's.
        before = orjson.dumps(self._read_tables()) if nested else b""
        changes_before, pending_before = self._changes.copy(), self._pending
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if nested:
                self._tables = orjson.loads(before)
                self._changes, self._pending = changes_before, pending_before
            else:
                self._pending = False
                self._changes = Changes()
                self._tables = None
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._pending:
            self._pending = False
            self._commit(self._read_tables())

    # -- generations ---------------------------------------------------------------

    def generations(self) -> list[Generation]:
        return list_generations(self.path)

    # -- TinyDB's storage calls these ------------------------------------------------

    def _need_key(self) -> bytes:
        if self._key is None:
            raise VaultClosed("the vault is locked", path=str(self.path))
        return bytes(self._key)

    def _file_bytes(self) -> bytes:
        return read_container(self.path)

    def snapshot(self) -> bytes:
        """The decrypted tables as JSON bytes, for a backup or a report (not stored)."""
        return orjson.dumps(self._read_tables())

    def _read_tables(self) -> Tables:
        key = self._need_key()
        if self._tables is None:
            # A failed save left TinyDB's in-memory edit behind: believe the disk.
            parsed = parse_container(self.path, self._file_bytes(), FileKind.VAULT)
            self._tables, self._save_log = decode_vault(self.path, parsed, key)
        return self._tables

    def _write_tables(self, tables: Tables, changes: Changes | None = None) -> None:
        """Save `tables`, of which `changes` changed (None: anything may have)."""
        if self.read_only:
            self._tables = None
            raise VaultReadOnly(f"{self.path} was opened read-only", path=str(self.path))
        self._need_key()
        if changes is None:
            self._changes.everything = True
        else:
            for name, ids in changes.touched.items():
                self._changes.add(
                    name, ids, changes.removed.get(name, set()), name in changes.cleared
                )
        self._tables = tables
        if self._batch_depth:
            self._pending = True
            return
        self._commit(tables)

    def _failed_update(self, table: str, view: TrackedTable) -> None:
        """A TinyDB update raised halfway: what it did in memory may not be saved."""
        if self._batch_depth:
            # The batch saves what memory holds, or undoes all of it if this propagates.
            self._changes.add(table, view.touched, view.removed, view.cleared)
        else:
            self._tables = None

    def _commit(self, tables: Tables) -> None:
        """Write what changed since the last save: a save log frame, or a new snapshot."""
        changes, self._changes = self._changes, Changes()
        if not changes:  # already saved (a passphrase change inside the batch)
            self._tables = tables
            return
        try:
            if not self._rotated:
                self._rotate_generations()
            self._save_log.saves += 1  # on failure the state is read back from the disk
            frame = self._frame_for(changes, tables)
            if frame is None:
                self._save(tables)
            else:
                append_at(
                    self.path, self._save_log.end, frame, cut_first=bool(self._save_log.unfinished)
                )
                self._save_log.appended(len(frame))
        except BaseException:
            self._tables = None
            raise
        self._tables = tables
        if time.monotonic() - self._marked_at >= MARK_EVERY:
            self._remember()

    def _frame_for(self, changes: Changes, tables: Tables) -> bytes | None:
        """The sealed frame for `changes`, or None when a snapshot is the better save."""
        try:
            plaintext = changes.frame(tables, self._save_log.saves)
        except (TypeError, orjson.JSONEncodeError) as exc:
            raise _unstorable(self.path, exc) from None
        if plaintext is None:
            return None
        frame = container.seal_frame(
            self._need_key(), self._header.body_nonce, self._save_log.frames + 1, plaintext
        )
        limit = max(COMPACT_FLOOR, self._save_log.snapshot // COMPACT_SHARE)
        return None if self._save_log.size + len(frame) > limit else frame

    def _save(self, tables: Tables, *, rotate: bool = True) -> None:
        """Write `tables` as a new snapshot with an empty save log, atomically."""
        saves = self._save_log.saves
        try:
            plaintext = vault_plaintext(tables, saves)
        except (TypeError, orjson.JSONEncodeError) as exc:
            raise _unstorable(self.path, exc) from None
        header, data = container.seal_with_header(self._header, self._need_key(), plaintext)
        if rotate and not self._rotated:
            self._rotate_generations()
        atomic_write(self.path, data)
        self._header = header
        self._save_log = SaveLogState(end=len(data), snapshot=len(data), saves=saves)
        self._changes = Changes()

    def _rotate_generations(self) -> None:
        """Keep the vault as it was when this session began as generation 1.

        Once per session (the first save after opening), so the kept generations are
        "before today's work", "before yesterday's", ... rather than a few seconds apart.
        A copy, not a hard link: the session goes on appending to the vault's own file.
        """
        self._rotated = True
        if not self.path.exists():
            return
        try:
            for number in range(GENERATIONS - 1, 0, -1):
                older = generation_path(self.path, number)
                if older.exists():
                    os.replace(older, generation_path(self.path, number + 1))
            atomic_write(generation_path(self.path, 1), self.path.read_bytes())
        except (OSError, VaultError):
            # A generation is a convenience; the worker's save must still happen.
            pass


def _unstorable(path: Path, exc: Exception) -> SaveFailed:
    # e.g. a lone surrogate pasted into a note: say so instead of crashing.
    return SaveFailed(f"{path}: {exc}", path=str(path), reason="text that cannot be stored")


def probe(path: Path) -> None:
    """Check, before asking for the passphrase, that `path` can be opened at all.

    Raises what `Vault.open` would for a missing, foreign, damaged, newer or in-use
    vault, without the passphrase and without changing anything.
    """
    path = real_path(Path(path))
    try:
        parse_container(path, read_container(path), FileKind.VAULT)
    except VaultCorrupt as exc:
        # Without the passphrase only the header can be checked; `open` checks fully.
        intact = None
        for generation in list_generations(path):
            with contextlib.suppress(*UNREADABLE):
                container.parse(read_container(generation.path))
                intact = generation.path
                break
        raise exc.with_fallback(intact) from None
    _acquire_lock(path).release()


@dataclass(frozen=True)
class Rekeyed:
    """What a change of keys did beyond the change itself."""

    recovery_key: str | None  # a new recovery key, to show once, if one was made
    removed_generations: list[int]  # kept generations that could not be read, so removed


def _acquire_lock(path: Path) -> FileLock:
    lock = FileLock(lock_path(path), timeout=0, mode=0o600, fallback_to_soft=False)
    try:
        lock.acquire()
    except Timeout:
        raise VaultLocked(
            f"{path} is open in another Pendamping window; close that one first",
            path=str(path),
        ) from None
    except OSError as exc:
        raise translate_os_error(exc, path) from None
    return lock


@dataclass(frozen=True)
class _Loaded:
    header: Header
    key: bytes
    tables: Tables
    save_log: SaveLogState
    version: int
    kek: bytes


def _load(path: Path, secret: bytes, kind: SlotKind) -> _Loaded:
    """Read, verify and decrypt a vault; on damage, name the generation to go back to."""
    try:
        parsed = parse_container(path, read_container(path), FileKind.VAULT)
    except VaultCorrupt as exc:
        raise exc.with_fallback(newest_good_generation(path, secret, kind, None)) from None
    key, kek = unlock_key_and_kek(path, parsed, secret, kind)
    try:
        tables, save_log = decode_vault(path, parsed, key)
    except VaultCorrupt as exc:
        raise exc.with_fallback(newest_good_generation(path, secret, kind, key)) from None
    return _Loaded(parsed.header, key, tables, save_log, parsed.version, kek)
