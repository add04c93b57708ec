"""Replacing the vault's data key together with its kept generations, safe at any crash.

A passphrase change (or a new recovery key) gives the vault a new random data key, so
the old passphrase, with any older copy of the file, opens nothing written afterwards.
The kept generations must follow, or they would go on opening with the old passphrase.
Several files cannot be replaced in one atomic step, so the change is staged:

1. each generation `NAME.N` is re-encrypted under the new key into `NAME.N.rekey`; one
   that cannot be read (damaged) gets an empty `NAME.N.rekey`, meaning "remove it";
2. `NAME.rekey` records a digest of the new key slots (nothing secret: the slots are in
   every header anyway);
3. the vault is replaced atomically: the commit point;
4. the staged files replace (or remove) the generations, then `NAME.rekey` goes.

`settle` finishes or undoes a change a crash interrupted: if the vault's slots match the
recorded digest the change was committed and is carried forward, otherwise every staged
file is deleted. `Vault.open` calls it while holding the vault's lock, so after a crash
at any moment the vault, and every generation kept beside it, opens with exactly one
passphrase, the same for all, and no staged file is left.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from . import container
from .atomic import atomic_write, fsync_dir, translate_os_error

SUFFIX = ".rekey"


def intent_path(path: Path) -> Path:
    return path.with_name(f"{path.name}{SUFFIX}")


def staged_path(generation: Path) -> Path:
    return generation.with_name(f"{generation.name}{SUFFIX}")


def leftovers(path: Path, generations: list[Path]) -> list[Path]:
    """The names whose temporaries a killed change may have left beside the vault."""
    return [intent_path(path), *(staged_path(g) for g in generations)]


def replace_files(
    path: Path,
    vault_data: bytes,
    generations: list[tuple[int, Path]],
    reseal: Callable[[Path], bytes],
    unreadable: tuple[type[BaseException], ...],
) -> list[int]:
    """Write `vault_data` (sealed under the new key) as the vault and re-encrypt the
    generations with `reseal`; returns the numbers of those that could not be read
    (`reseal` raised one of `unreadable`) and were removed instead."""
    removed: list[int] = []
    try:
        for number, generation in generations:
            try:
                data = reseal(generation)
            except unreadable:
                data = b""  # "remove it": it would go on opening with the old secret
                removed.append(number)
            atomic_write(staged_path(generation), data)
        atomic_write(intent_path(path), container.slots_digest(vault_data))
        atomic_write(path, vault_data)  # the commit point
    finally:
        settle(path, [g for _, g in generations])
    return removed


def settle(path: Path, generations: list[Path]) -> None:
    """Carry forward a committed change, or undo one that was not (see the module)."""
    intent = intent_path(path)
    staged = [(g, staged_path(g)) for g in generations if staged_path(g).exists()]
    if not staged and not intent.exists():
        return
    committed = False
    with contextlib.suppress(OSError):
        with path.open("rb") as vault:
            header = vault.read(container.HEADER_SIZE)
        committed = container.slots_digest(header) == intent.read_bytes()
    try:
        for generation, replacement in staged:
            if not committed:
                replacement.unlink()
            elif replacement.stat().st_size == 0:
                generation.unlink(missing_ok=True)
                replacement.unlink()
            else:
                os.replace(replacement, generation)
        fsync_dir(path.parent)
        intent.unlink(missing_ok=True)
        fsync_dir(path.parent)
    except OSError as exc:
        raise translate_os_error(exc, path) from None
