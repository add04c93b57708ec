"""How guessable a new passphrase is, and whether it is refused.

The estimate is zxcvbn's (Dropbox's model of how people choose passwords and how they
are cracked: common passwords, words, names, keyboard patterns, repeats, sequences,
dates). A passphrase that would fall to fewer than about 10^10 guesses (score below 3)
is refused, with the reason in the worker's language: with Argon2id that is still years
of work for a stolen laptop's thief, and anything weaker is not.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MIN_LENGTH = 8
MIN_SCORE = 3  # zxcvbn: 0 too guessable … 4 very unguessable
STRENGTHS = ("empty", "too_short", "weak", "fair", "good", "strong")
# Why a passphrase is refused (keys `passphrase.reason.<x>`), by what zxcvbn matched.
REASONS = ("common_password", "common_words", "keyboard", "repeated", "sequence", "date", "simple")
# Words that belong to the app itself: a passphrase made of them is easy to guess.
APP_WORDS = [
    "pendamping",
    "brankas",
    "vault",
    "frasa",
    "sandi",
    "passphrase",
    "kunci",
    "cadangan",
    "backup",
    "klien",
    "client",
    "catatan",
]


@lru_cache(maxsize=64)
def _estimate(passphrase: str) -> dict[str, Any]:
    from zxcvbn import zxcvbn  # loads its word lists: only when a passphrase is chosen

    # zxcvbn looks only at the first 100 characters, as its authors advise.
    estimate: dict[str, Any] = zxcvbn(passphrase[:100], user_inputs=APP_WORDS)
    return estimate


def strength(passphrase: str) -> str:
    """One of STRENGTHS (keys `strength.<x>`), for the hint under the field."""
    if not passphrase:
        return "empty"
    if len(passphrase) < MIN_LENGTH:
        return "too_short"
    return ("weak", "weak", "fair", "good", "strong")[_estimate(passphrase)["score"]]


def refusal(passphrase: str) -> str | None:
    """Why `passphrase` may not protect records (a key in REASONS, or "too_short"), or
    None if it may."""
    if len(passphrase) < MIN_LENGTH:
        return "too_short"
    result = _estimate(passphrase)
    if result["score"] >= MIN_SCORE:
        return None
    return _reason(result["sequence"])


def refusal_text(passphrase: str) -> str | None:
    """`refusal`, as one line in the worker's language."""
    from .i18n import t

    reason = refusal(passphrase)
    if reason is None:
        return None
    if reason == "too_short":
        return t("passphrase.too_short", min=MIN_LENGTH)
    return t("passphrase.guessable", reason=t(f"passphrase.reason.{reason}"))


def _reason(matches: list[dict[str, Any]]) -> str:
    """The most telling of what zxcvbn recognised, in the order a person would fix it."""
    patterns = {match.get("pattern") for match in matches}
    dictionaries = {
        match.get("dictionary_name") for match in matches if match.get("pattern") == "dictionary"
    }
    if "passwords" in dictionaries:
        return "common_password"
    for pattern, reason in (
        ("spatial", "keyboard"),
        ("repeat", "repeated"),
        ("sequence", "sequence"),
        ("date", "date"),
        ("regex", "date"),
    ):
        if pattern in patterns:
            return reason
    if dictionaries:
        return "common_words"
    return "simple"
