"""The recovery key as a person writes it down: 32 letters and digits in groups."""

from __future__ import annotations

import base64

from ..errors import (
    WrongPassphrase,
)

RECOVERY_KEY_BYTES = 20  # 160 bits, 32 base32 characters
_RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_secret(text: str) -> bytes:
    """Read a recovery key as the worker typed it (spaces, dashes, lower case, 0/O, 1/I)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != 32 or any(ch not in _RECOVERY_ALPHABET for ch in cleaned):
        raise WrongPassphrase("the recovery key is not in the right form")
    return base64.b32decode(cleaned)
