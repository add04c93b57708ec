"""Every error the data layer raises on purpose, under one base class.

Each carries a `key` into the translation catalogues and the `params` that message
needs, so the command line and the screens can tell the worker, in their language, what
happened and what to do. `str()` gives a plain English line for scripts and logs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class VaultError(Exception):
    """Base of every error a person can act on."""

    key = "error.vault"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.params: dict[str, Any] = params


class WrongPassphrase(VaultError):
    key = "error.wrong_passphrase"


class KeySlotsChanged(WrongPassphrase):
    """The secret did not open the vault, and its key slots are not the ones this computer
    last saw: the file was altered, or its passphrase was changed on another computer."""

    key = "error.slots_changed"


class NotAVault(VaultError):
    """Not one of our files, or not the kind expected (a backup where a vault should be)."""

    key = "error.not_a_vault"

    def __init__(self, message: str, *, path: str, kind: str = "vault") -> None:
        super().__init__(message, path=path)
        self.key = f"error.not_a_{kind}"


class VaultCorrupt(VaultError):
    """The file is damaged or was altered.

    `fallback` names the newest older generation that is intact (verified with the key
    when we had one), so the worker knows where to go back to.
    """

    key = "error.corrupt"

    def __init__(
        self, message: str, *, part: str, path: Path, fallback: Path | None = None
    ) -> None:
        super().__init__(message, part=part, path=str(path), fallback=str(fallback or ""))
        self.part = part
        self.path = path
        self.fallback = fallback

    def with_fallback(self, fallback: Path | None) -> VaultCorrupt:
        return type(self)(str(self), part=self.part, path=self.path, fallback=fallback)

    def __str__(self) -> str:
        text = super().__str__()
        if self.fallback:
            text += f"; the newest intact generation is {self.fallback}"
        return text


class UnsupportedVersion(VaultError):
    key = "error.unsupported_version"


class VaultLocked(VaultError):
    """Another Pendamping process holds this vault open."""

    key = "error.in_use"


class VaultExists(VaultError):
    key = "error.exists"


class VaultMissing(VaultError):
    key = "error.missing"


class VaultReadOnly(VaultError):
    """The folder or file cannot be written, so nothing can be saved."""

    key = "error.read_only"


class DiskFull(VaultError):
    key = "error.disk_full"


class SaveFailed(VaultError):
    """Any other operating-system failure while saving; the old file is untouched."""

    key = "error.save_failed"


class VaultUnreadable(VaultError):
    """The file cannot be read as it is: `why` is one of WHYS."""

    WHYS = (
        "loop",  # symbolic links that lead round in a circle
        "not_a_file",  # a pipe, a device
        "too_large",
        "no_memory",
        "other",
    )

    def __init__(self, message: str, *, path: str, why: str, reason: str = "") -> None:
        super().__init__(message, path=path, reason=reason)
        self.key = f"error.unreadable.{why}"


class VaultClosed(VaultError):
    """The vault was locked (auto-lock) or closed; unlock it before using the data."""

    key = "error.closed"
