"""Going back: which kept generation still verifies, and how a vault older than the
one this computer last saw is noticed (a rollback).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import container
from ..container import (
    SlotKind,
)
from .files import UNREADABLE, list_generations, read_container, unlock_key
from .save_log import SaveLogState, decode_vault


@dataclass(frozen=True)
class Rollback:
    """The vault opened is older than this computer last left it."""

    saves: int  # the count of saves the file has
    remembered: int  # the count this computer remembers
    newer: Path | None  # a kept generation newer than the file, if any


def slots_digest_of(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return container.slots_digest(file.read(container.HEADER_SIZE))
    except OSError:
        return b""


def newer_generation(path: Path, key: bytes, saves: int) -> Path | None:
    """The kept generation with the most saves, if it has more than the vault."""
    newer = [
        (save_log.saves, found)
        for found, save_log in _readable_generations(path, lambda *_: key)
        if save_log.saves > saves
    ]
    return max(newer, key=lambda pair: pair[0])[1] if newer else None


def _readable_generations(
    path: Path, key_for: Callable[[Path, container.Parsed], bytes]
) -> Iterator[tuple[Path, SaveLogState]]:
    """The kept generations that fully verify, newest first, each with where its
    save log stands; `key_for` gives the key to read one with."""
    for generation in list_generations(path):
        try:
            parsed = container.parse(read_container(generation.path))
            _, save_log = decode_vault(generation.path, parsed, key_for(generation.path, parsed))
        except UNREADABLE:
            continue
        yield generation.path, save_log


def newest_good_generation(
    path: Path, secret: bytes, kind: SlotKind, key: bytes | None
) -> Path | None:
    """The newest kept generation that fully verifies (with the key, if we have it)."""
    readable = _readable_generations(
        path, lambda found, parsed: key or unlock_key(found, parsed, secret, kind)
    )
    return next((found for found, _ in readable), None)
