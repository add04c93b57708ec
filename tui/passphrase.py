"""How strong a new passphrase looks: a hint for the worker, not a rule."""

from __future__ import annotations

import math

MIN_LENGTH = 8
STRENGTHS = ("empty", "too_short", "weak", "fair", "good", "strong")


def strength(passphrase: str) -> str:
    """One of: empty, too_short, weak, fair, good, strong (keys `strength.<x>`)."""
    if not passphrase:
        return "empty"
    if len(passphrase) < MIN_LENGTH:
        return "too_short"
    if len(set(passphrase)) <= 3:
        return "weak"
    pool = 0
    pool += 26 if any(c.islower() for c in passphrase) else 0
    pool += 26 if any(c.isupper() for c in passphrase) else 0
    pool += 10 if any(c.isdigit() for c in passphrase) else 0
    pool += 33 if any(not c.isalnum() for c in passphrase) else 0
    bits = len(passphrase) * math.log2(max(pool, 2))
    if bits < 45:
        return "weak"
    if bits < 65:
        return "fair"
    if bits < 85:
        return "good"
    return "strong"
