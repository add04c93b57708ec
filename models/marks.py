"""How far each vault had got when this computer last left it, kept outside the vault.

A vault's file cannot prove on its own that it is the newest: an older copy put in its
place (generation 1 copied over it, a USB copy from last week, the file cut after a
complete save) verifies perfectly. So each vault counts its saves inside its encrypted
content (FORMAT.md, "Counting saves"), and this file remembers, per vault, the count at
the last close, lock or passphrase change on this computer. A vault that opens with a
lower count is older than what this computer last saw, and the worker is asked.

Nothing in it reveals anything about a vault's content or even its name:

- an entry is named by the SHA-256 of the vault's real path;
- the count is encrypted (AES-256-GCM) under a key derived (HKDF-SHA256) from the
  vault's data key, so only someone who can open the vault can read it;
- the digest of the vault's key slots, public in every copy of its header anyway, tells
  a passphrase that is wrong from key slots that changed since this computer last saw
  them (the file was altered, or its passphrase was changed elsewhere).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import atomic_write
from .errors import VaultError

MARK_INFO = b"pendamping: how far the vault had got"
NONCE_SIZE = 12


def _entry_name(vault: Path) -> str:
    return hashlib.sha256(os.fsencode(vault)).hexdigest()


def _mark_key(data_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=MARK_INFO).derive(data_key)


@dataclass(frozen=True)
class Marks:
    """The marks file at `path` (None: remember nothing, for tests and read-only use)."""

    path: Path | None

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) else {}

    def _entry(self, vault: Path) -> dict[str, Any]:
        entry = self._load().get(_entry_name(vault))
        return entry if isinstance(entry, dict) else {}

    def slots_changed(self, vault: Path, slots_digest: bytes) -> bool:
        """Were this vault's key slots different when this computer last left it?"""
        known = self._entry(vault).get("slots")
        return isinstance(known, str) and known != slots_digest.hex()

    def saves(self, vault: Path, data_key: bytes) -> int | None:
        """The count of saves remembered for this vault, if it was left under this key."""
        sealed = self._entry(vault).get("mark")
        if not isinstance(sealed, str):
            return None
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            raw = base64.b64decode(sealed, validate=True)
            plain = AESGCM(_mark_key(data_key)).decrypt(
                raw[:NONCE_SIZE], raw[NONCE_SIZE:], _entry_name(vault).encode()
            )
            count = json.loads(plain)
        except (ValueError, InvalidTag):  # another key: re-keyed or replaced elsewhere
            return None
        return count if isinstance(count, int) and count >= 0 else None

    def record(self, vault: Path, slots_digest: bytes, data_key: bytes, saves: int) -> bool:
        """Remember how far the vault has got; False if the file could not be written
        (nothing is lost: the next record tries again)."""
        if self.path is None:
            return True
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        name = _entry_name(vault)
        nonce = os.urandom(NONCE_SIZE)
        sealed = nonce + AESGCM(_mark_key(data_key)).encrypt(
            nonce, json.dumps(saves).encode(), name.encode()
        )
        marks = self._load()
        marks[name] = {
            "slots": slots_digest.hex(),
            "mark": base64.b64encode(sealed).decode("ascii"),
        }
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            atomic_write(self.path, json.dumps(marks, indent=1).encode("utf-8"), mode=0o600)
        except VaultError:
            return False
        return True
