"""The open vault and its repository, as the app holds them while the worker is in.

Nothing here imports Textual; the app runs these calls in worker threads because key
derivation is slow on purpose.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path

from models import dates
from models.backup import BackupInfo, export_backup
from models.container import DEFAULT_KDF, KdfParams
from models.erasure import Erasure, erase_client
from models.repository import Repository
from models.vault import Rekeyed as Rekeyed  # what a change of keys tells the screens
from models.vault import Rollback, Vault, probe

# Python collects all generations after 10 collections of the middle one; do it during a
# pause once most of them have happened.
FULL_COLLECTION_DUE = 5


def settle_memory() -> None:
    """Keep the records just loaded out of the cyclic garbage collector's way.

    Years of notes are hundreds of thousands of objects; without this, every full
    collection walks them all, and the typing on screen stalls for a tenth of a second.
    The records hold no reference cycles, so plain reference counting still frees them
    when the vault is locked. Unfreezing first lets what was frozen last time and has
    since become garbage (a screen long closed) be collected now.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def collect_garbage_if_due() -> bool:
    """Run the full garbage collection now, if Python would soon run it by itself.

    Called when the worker has paused: a full collection walks every screen's widgets
    and caches (tens of milliseconds), and left to itself Python starts one whenever it
    counts enough new objects, which is while a screen is being built.
    """
    if gc.get_count()[2] < FULL_COLLECTION_DUE:
        return False
    gc.collect()
    return True


class Session:
    def __init__(self, vault: Vault, today: Callable[[], date] = dates.today) -> None:
        self.vault = vault
        self.repository = Repository(vault.db, today=today)
        settle_memory()

    @classmethod
    def open(
        cls,
        path: Path,
        passphrase: str,
        today: Callable[[], date] = dates.today,
        marks: Path | None = None,
    ) -> Session:
        return cls(Vault.open(path, passphrase, marks=marks), today)

    @classmethod
    def open_with_recovery_key(
        cls,
        path: Path,
        recovery_key: str,
        today: Callable[[], date] = dates.today,
        marks: Path | None = None,
    ) -> Session:
        return cls(Vault.open(path, recovery_key=recovery_key, marks=marks), today)

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        kdf: KdfParams = DEFAULT_KDF,
        today: Callable[[], date] = dates.today,
        marks: Path | None = None,
    ) -> Session:
        return cls(Vault.create(path, passphrase, kdf=kdf, marks=marks), today)

    @staticmethod
    def probe(path: Path) -> None:
        """Raise now, before the passphrase is typed, if the vault cannot be opened."""
        probe(path)

    @property
    def path(self) -> Path:
        return self.vault.path

    @property
    def is_locked(self) -> bool:
        return self.vault.is_locked

    @property
    def rollback(self) -> Rollback | None:
        """Set when the vault is older than this computer last left it."""
        return self.vault.rollback

    def accept_older_file(self) -> None:
        self.vault.accept_older_file()

    def forget_marks(self) -> None:
        """Leave this computer's memory of the vault as it was when it is closed (the
        worker chose not to go on with an older file)."""
        self.vault.forget_marks()

    @property
    def found_unfinished_save(self) -> bool:
        """The last save before this session was cut short; every earlier one is here."""
        return self.vault.found_unfinished_save

    def lock(self) -> None:
        with self.repository.lock:  # wait for a save in flight to finish
            self.vault.lock()

    def unlock(self, passphrase: str) -> None:
        self.vault.unlock(passphrase)
        settle_memory()

    def close(self) -> None:
        with self.repository.lock:
            self.vault.close()

    # -- keys --------------------------------------------------------------------------

    def check_passphrase(self, passphrase: str) -> bool:
        return self.vault.verify_passphrase(passphrase)

    def change_passphrase(self, new: str, kdf: KdfParams = DEFAULT_KDF) -> Rekeyed:
        with self.repository.lock:
            return self.vault.change_passphrase(new, kdf=kdf)

    def make_recovery_key(self, kdf: KdfParams = DEFAULT_KDF) -> Rekeyed:
        with self.repository.lock:
            return self.vault.set_recovery_key(kdf=kdf)

    @property
    def has_recovery_key(self) -> bool:
        return self.vault.has_recovery_key

    @property
    def recovery_key_follows(self) -> bool:
        return self.vault.recovery_key_follows

    @property
    def weak_passphrase_slot(self) -> bool:
        return self.vault.weak_passphrase_slot

    def strengthen(self, passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> Rekeyed:
        with self.repository.lock:
            return self.vault.strengthen(passphrase, kdf=kdf)

    def erase_client(self, client_id: int) -> Erasure:
        """Delete the client and every copy of them this vault keeps (the right to
        erasure); what is left elsewhere is in the answer."""
        return erase_client(self.vault, self.repository, client_id)

    # -- backups ------------------------------------------------------------------------

    def export_backup(
        self,
        out: Path,
        passphrase: str,
        kdf: KdfParams = DEFAULT_KDF,
        progress: Callable[[str], None] | None = None,
    ) -> BackupInfo:
        with self.repository.lock:  # a consistent snapshot: no save in between
            snapshot = self.vault.snapshot()
        return export_backup(snapshot, out, passphrase, kdf=kdf, progress=progress)
