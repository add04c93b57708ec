"""A vault's files: reading its container, header and key slots, and its body, checked
before anything is believed; the kept generations beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .. import container
from ..container import (
    FileKind,
    SlotKind,
)
from ..errors import (
    NotAVault,
    UnsupportedVersion,
    VaultCorrupt,
    VaultError,
    VaultMissing,
    VaultReadOnly,
    VaultUnreadable,
    WrongPassphrase,
)

GENERATIONS = 3
Tables = dict[str, dict[str, Any]]


def generation_path(path: Path, number: int) -> Path:
    return path.with_name(f"{path.name}.{number}")


@dataclass(frozen=True)
class Generation:
    number: int
    path: Path
    modified: float


KIND_NAMES = {
    FileKind.VAULT: "vault",
    FileKind.BACKUP: "backup",
    FileKind.CASE_BUNDLE: "case_bundle",
}


# What reading a kept generation can raise: it is then passed over (or, re-keying, removed).
UNREADABLE: tuple[type[Exception], ...] = (
    container.NotAContainer,
    container.NewerVersion,
    container.FormatProblem,
    VaultError,
    OSError,
)
# Decades of notes take tens of megabytes; a file this big is not ours, or not any more.
MAX_CONTAINER_BYTES = 1 << 30


def read_container(path: Path, expected: FileKind = FileKind.VAULT) -> bytes:
    """The raw bytes of a vault-like file, with clear errors for the usual mishaps.

    The kind of file and its size are checked, and its first bytes read, before the rest:
    a pipe would make the read wait for ever, and a film or a disk image picked by mistake
    would be read whole into memory just to be refused.
    """
    what = KIND_NAMES[expected]
    try:
        # Non-blocking, so a pipe opens at once (and is then refused) instead of waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise VaultMissing(f"{path} does not exist", path=str(path)) from None
    except IsADirectoryError:
        raise NotAVault(f"{path} is a folder, not a {what}", path=str(path), kind=what) from None
    except PermissionError:
        raise VaultReadOnly(f"{path} cannot be read", path=str(path)) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        return _read_checked(path, fd, what)
    except MemoryError:
        raise VaultUnreadable(
            f"{path} is too large for the memory free", path=str(path), why="no_memory"
        ) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(fd)


def _read_checked(path: Path, fd: int, what: str) -> bytes:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise NotAVault(f"{path} is a folder, not a {what}", path=str(path), kind=what)
    if not stat.S_ISREG(info.st_mode):
        raise VaultUnreadable(f"{path} is not a regular file", path=str(path), why="not_a_file")
    start = os.read(fd, container.HEADER_SIZE + container.CHECKSUM_SIZE)
    if not container.sniff(start):
        return start  # too short or foreign: parse says which, without reading the rest
    if info.st_size > MAX_CONTAINER_BYTES:
        raise VaultUnreadable(
            f"{path} is too large to be a {what}",
            path=str(path),
            why="too_large",
            reason=f"{info.st_size >> 20} MiB",
        )
    parts = [start]
    while chunk := os.read(fd, 1 << 20):  # a writer may append meanwhile: read to the end
        parts.append(chunk)
    return b"".join(parts)


def _unreadable(path: Path, exc: OSError) -> VaultError:
    if exc.errno == errno.ELOOP:
        return VaultUnreadable(f"{path} is a symbolic link loop", path=str(path), why="loop")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return VaultReadOnly(f"{path} cannot be read", path=str(path))
    return VaultUnreadable(
        f"{path} cannot be read ({exc.strerror or exc})",
        path=str(path),
        why="other",
        reason=exc.strerror or str(exc),
    )


def parse_container(path: Path, data: bytes, expected: FileKind) -> container.Parsed:
    """Parse and check the kind; raise the user-facing error for each problem."""
    what = KIND_NAMES[expected]
    try:
        parsed = container.parse(data)
    except container.NotAContainer:
        if expected == FileKind.VAULT and list_generations(path):
            # Kept generations beside it: this was our vault, and its start is damaged.
            raise VaultCorrupt(
                f"{path} is damaged: its first bytes are wrong", part="header", path=path
            ) from None
        raise NotAVault(f"{path} is not a Pendamping {what}", path=str(path), kind=what) from None
    except container.NewerVersion as exc:
        raise UnsupportedVersion(
            f"{path} was written by a newer Pendamping (format {exc.version}); update first",
            path=str(path),
            version=exc.version,
        ) from None
    except container.FormatProblem as exc:
        raise VaultCorrupt(f"{path} is damaged: {exc}", part=exc.part, path=path) from None
    if parsed.header.kind != expected:
        raise NotAVault(f"{path} is not a Pendamping {what}", path=str(path), kind=what)
    return parsed


def unlock_key(path: Path, parsed: container.Parsed, secret: bytes, kind: SlotKind) -> bytes:
    return unlock_key_and_kek(path, parsed, secret, kind)[0]


def unlock_key_and_kek(
    path: Path, parsed: container.Parsed, secret: bytes, kind: SlotKind
) -> tuple[bytes, bytes]:
    slot = parsed.header.slot(kind)
    if slot is None:
        raise WrongPassphrase(f"{path} has no recovery key", path=str(path))
    try:
        return container.unwrap_with_kek(slot, secret)
    except container.SecretRejected:
        raise WrongPassphrase(
            "the passphrase is wrong"
            if kind == SlotKind.PASSPHRASE
            else "the recovery key is wrong",
            path=str(path),
        ) from None


def decode_body(path: Path, parsed: container.Parsed, key: bytes) -> Any:
    try:
        return orjson.loads(container.open_body(parsed, key))
    except (container.BodyRejected, orjson.JSONDecodeError):
        raise VaultCorrupt(
            f"{path} is damaged or was altered (its contents fail verification)",
            part="body",
            path=path,
        ) from None


def looks_like_tables(value: Any) -> bool:
    """Tables of documents under canonical decimal ids ("12", never "012", "+12", " 12" or
    other digits Python would also read as numbers): anything else is not ours."""
    return isinstance(value, dict) and all(
        isinstance(table, dict)
        and all(
            isinstance(document, dict)
            and doc_id.isascii()
            and doc_id.isdigit()
            and doc_id[0] != "0"
            for doc_id, document in table.items()
        )
        for table in value.values()
    )


def check_is_vault(path: Path) -> None:
    """Raise NotAVault, VaultMissing or UnsupportedVersion unless `path` is a vault.

    A damaged vault passes: opening it names the generation to go back to, and a
    restore may replace it.
    """
    with contextlib.suppress(VaultCorrupt):
        parse_container(path, read_container(path), FileKind.VAULT)


def generation_paths(path: Path) -> list[Path]:
    return [generation_path(path, number) for number in range(1, GENERATIONS + 1)]


def list_generations(path: Path) -> list[Generation]:
    found = []
    for number in range(1, GENERATIONS + 1):
        candidate = generation_path(path, number)
        with contextlib.suppress(OSError):
            found.append(Generation(number, candidate, candidate.stat().st_mtime))
    return found
