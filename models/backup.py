"""Encrypted backups: export with their own passphrase, verify, restore into a vault.

A backup is the same container as a vault (FORMAT.md) with kind 2 and its own random
data key, so a backup passphrase never unlocks the vault and the vault's passphrase
never unlocks a backup. Its body says when it was made and what it holds. A backup is
decrypted and compared record for record after it is written, before we call it done.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from . import container, dates
from .atomic import atomic_write
from .container import DEFAULT_KDF, Compression, FileKind, Header, KdfParams, SlotKind
from .errors import UnsupportedVersion, VaultCorrupt, VaultExists
from .migrations import META_TABLE, SCHEMA_VERSION
from .records import Client, GroupSession, SessionNote
from .vault import (
    Tables,
    Vault,
    check_is_vault,
    decode_body,
    looks_like_tables,
    parse_container,
    read_container,
    recovery_secret,
    unlock_key,
)

BACKUP_FORMAT = "pendamping-backup"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    clients: int
    notes: int
    group_sessions: int
    records: int

    @staticmethod
    def describe(path: Path, body: dict[str, Any]) -> BackupInfo:
        tables = body["tables"]
        return BackupInfo(
            path=path,
            made_at=datetime.fromisoformat(body["made_at"]),
            clients=len(tables.get(Client.TABLE, {})),
            notes=len(tables.get(SessionNote.TABLE, {})),
            group_sessions=len(tables.get(GroupSession.TABLE, {})),
            records=sum(len(t) for name, t in tables.items() if name != META_TABLE),
        )


def seal_bundle(
    body: dict[str, Any], passphrase: str, kind: FileKind, kdf: KdfParams = DEFAULT_KDF
) -> bytes:
    """A container of `kind` holding `body`, under its own key and passphrase."""
    return _seal(body, SlotKind.PASSPHRASE, container.normalise_secret(passphrase), kind, kdf)


def seal_bundle_for_code(
    body: dict[str, Any], code: bytes, kind: FileKind, kdf: KdfParams = DEFAULT_KDF
) -> bytes:
    """`seal_bundle` under a generated code (the recovery key's form, in its kind of slot)
    instead of a passphrase a person chose."""
    return _seal(body, SlotKind.RECOVERY, code, kind, kdf)


def _seal(
    body: dict[str, Any], slot_kind: SlotKind, secret: bytes, kind: FileKind, kdf: KdfParams
) -> bytes:
    key = secrets.token_bytes(container.KEY_SIZE)
    header = Header(
        kind, Compression.ZLIB, (container.make_slot(slot_kind, secret, key, kdf), None)
    )
    return container.seal(header, key, orjson.dumps(body))


def open_bundle(path: Path, passphrase: str, kind: FileKind) -> dict[str, Any]:
    """Read, verify and decrypt a backup or case bundle; clear errors for every failure."""
    path = Path(path)
    parsed = parse_container(path, read_container(path, kind), kind)
    if parsed.header.slot(SlotKind.RECOVERY) is not None:  # sealed for a generated code
        key = unlock_key(path, parsed, recovery_secret(passphrase), SlotKind.RECOVERY)
    else:
        key = unlock_key(path, parsed, container.normalise_secret(passphrase), SlotKind.PASSPHRASE)
    body = decode_body(path, parsed, key)
    if (
        not isinstance(body, dict)
        or not looks_like_tables(body.get("tables"))
        or not isinstance(body.get("made_at"), str)
    ):
        raise VaultCorrupt(f"{path} does not hold Pendamping data", part="body", path=path)
    schema = int(body["tables"].get(META_TABLE, {}).get("1", {}).get("schema", 0))
    if schema > SCHEMA_VERSION:
        raise UnsupportedVersion(
            f"{path} holds records of a newer Pendamping (schema {schema}); update first",
            path=str(path),
            version=schema,
        )
    return body


BACKUP_STEPS = ("encrypting", "writing", "verifying")


def export_backup(
    snapshot: bytes,
    out: str | os.PathLike[str],
    passphrase: str,
    *,
    kdf: KdfParams = DEFAULT_KDF,
    overwrite: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BackupInfo:
    """Write an encrypted backup of `snapshot` (from `Vault.snapshot()`), then verify it.

    `progress` hears each of BACKUP_STEPS as it starts (the screen shows them).
    """
    out = Path(out)
    step = progress or (lambda _: None)
    if out.exists() and not overwrite:
        raise VaultExists(f"{out} already exists; nothing was changed", path=str(out))
    step("encrypting")
    tables = orjson.loads(snapshot)
    body = {"format": BACKUP_FORMAT, "made_at": dates.now().isoformat(), "tables": tables}
    sealed = seal_bundle(body, passphrase, FileKind.BACKUP, kdf)
    step("writing")
    atomic_write(out, sealed)
    step("verifying")
    written = open_bundle(out, passphrase, FileKind.BACKUP)
    if written["tables"] != tables:
        raise VaultCorrupt(f"{out} did not read back as written", part="body", path=out)
    return BackupInfo.describe(out, written)


def verify_backup(path: str | os.PathLike[str], passphrase: str) -> BackupInfo:
    path = Path(path)
    return BackupInfo.describe(path, open_bundle(path, passphrase, FileKind.BACKUP))


def restore_backup(
    path: str | os.PathLike[str],
    passphrase: str,
    target: str | os.PathLike[str],
    new_passphrase: str,
    *,
    overwrite: bool = False,
    kdf: KdfParams = DEFAULT_KDF,
    marks: Path | None = None,
) -> BackupInfo:
    """Make `target` a vault holding exactly the backup's records.

    Refuses an existing vault unless `overwrite`; the replaced vault is then kept as
    its generation 1, so a restore over the wrong vault can still be undone.
    """
    path, target = Path(path), Path(target)
    body = open_bundle(path, passphrase, FileKind.BACKUP)
    if target.exists():
        if not overwrite:
            raise VaultExists(f"{target} already exists; nothing was changed", path=str(target))
        check_is_vault(target)  # --force replaces a vault, never somebody's document
    tables: Tables = body["tables"]
    Vault.create(
        target, new_passphrase, kdf=kdf, tables=tables, overwrite=overwrite, marks=marks
    ).close()
    return BackupInfo.describe(path, body)


__all__ = [
    "BACKUP_STEPS",
    "BackupInfo",
    "export_backup",
    "open_bundle",
    "restore_backup",
    "seal_bundle",
    "verify_backup",
]
