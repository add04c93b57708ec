"""The vault: one encrypted TinyDB file, opened by one process at a time.

    with Vault.create(path, "passphrase") as vault:
        vault.db.table("clients").insert({...})

`vault.db` is a plain `tinydb.TinyDB` whose Storage encrypts. Every write goes straight
to disk (no write cache): when an insert or update returns, the change is durable. The
decrypted tables are kept in memory as a read cache only, and are dropped when the vault
is locked or closed.

A save appends one encrypted frame holding only the records it changed to the vault's
save log (FORMAT.md), so it costs what the change costs, not what the vault weighs. A
change too big for a frame, a save log grown too big, and closing rewrite the whole file
atomically as a new snapshot (compaction), which empties the save log.

One module per job:

- `session`: the open vault (`Vault`): unlocking, saving, compacting, changing keys,
  locking, and `probe` before a passphrase is asked;
- `bridge`: TinyDB's Storage on top of the vault, and tables that note what changed;
- `save_log`: the frames a save appends, and replaying them on opening;
- `files`: reading and checking the container, its header, slots and body; the
  generations kept beside the vault;
- `generations`: going back to a kept generation; noticing a rolled-back file;
- `recovery`: the recovery key as written down.
"""

from __future__ import annotations

from ..errors import SaveFailed
from .bridge import VaultStorage
from .files import (
    GENERATIONS,
    KIND_NAMES,
    Generation,
    Tables,
    check_is_vault,
    decode_body,
    generation_path,
    list_generations,
    looks_like_tables,
    parse_container,
    read_container,
    unlock_key,
)
from .generations import Rollback
from .recovery import format_recovery_key, recovery_secret
from .save_log import vault_plaintext
from .session import Rekeyed, Vault, lock_path, probe

__all__ = [
    "GENERATIONS",
    "KIND_NAMES",
    "Generation",
    "Rekeyed",
    "Rollback",
    "SaveFailed",
    "Tables",
    "Vault",
    "VaultStorage",
    "check_is_vault",
    "decode_body",
    "format_recovery_key",
    "generation_path",
    "list_generations",
    "lock_path",
    "looks_like_tables",
    "parse_container",
    "probe",
    "read_container",
    "recovery_secret",
    "unlock_key",
    "vault_plaintext",
]
