"""Durable, atomic file replacement.

The one helper every file Pendamping writes goes through (vault, generations, backups,
exports): write a temporary file in the same folder, flush, fsync, `os.replace`, then
fsync the folder. When `atomic_write` returns the bytes are on disk; a crash at any
instant leaves either the old file or the new one, never a half-written mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path

from .errors import DiskFull, SaveFailed, VaultReadOnly

TEMP_MARK = ".pendamping-tmp-"


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; its rename is already durable.
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def translate_os_error(exc: OSError, path: Path) -> Exception:
    """Turn an operating-system failure into one of our clear, translatable errors."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(f"the disk is full; nothing was changed in {path}", path=str(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return VaultReadOnly(
            f"{path.parent} cannot be written; nothing was changed", path=str(path.parent)
        )
    return SaveFailed(
        f"saving {path} failed ({exc.strerror or exc}); nothing was changed",
        path=str(path),
        reason=exc.strerror or str(exc),
    )


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace `path` with `data` atomically and durably; new files get `mode`.

    Raises DiskFull, VaultReadOnly or SaveFailed, always leaving `path` as it was.
    """
    path = Path(path)
    folder = path.parent
    tmp = folder / f"{TEMP_MARK}{path.name}.{os.getpid()}.{os.urandom(4).hex()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    except OSError as exc:
        raise translate_os_error(exc, path) from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise translate_os_error(exc, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def append_at(path: Path, offset: int, data: bytes, *, cut_first: bool = False) -> None:
    """Write `data` at `offset` of the existing file `path`, end the file there, fsync.

    The vault's save log: a crash during the write leaves a torn last frame, which the
    reader detects and ignores. On failure the file is cut back to `offset`, so it is as
    it was; raises DiskFull, VaultReadOnly or SaveFailed. `cut_first` removes what lies
    beyond `offset` (an unfinished save) durably before writing, so no old bytes can
    follow a new frame that a crash tears.
    """
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise translate_os_error(exc, path) from None
    try:
        try:
            if cut_first:
                os.ftruncate(fd, offset)
                os.fsync(fd)
            os.lseek(fd, offset, os.SEEK_SET)
            _write_all(fd, data)
            # Cut off whatever lay beyond (a torn frame a failed save could not remove).
            os.ftruncate(fd, offset + len(data))
            os.fsync(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, offset)
                os.fsync(fd)
            raise translate_os_error(exc, path) from None
    finally:
        os.close(fd)


def real_path(path: Path) -> Path:
    """The file a (possibly symlinked) vault path really names.

    Saving replaces the file; through a symlink that would replace the link itself, and
    two spellings of one vault would take two different locks.
    """
    return Path(os.path.realpath(path))


def remove_stale_temporaries(path: Path) -> int:
    """Delete temporary files a killed process left beside `path`; returns how many.

    Only call this while holding the vault's lock, so no live writer owns them.
    """
    removed = 0
    # Exactly our names (see atomic_write), so "case.vault.old"'s temporaries are left alone.
    pattern = re.compile(rf"{re.escape(TEMP_MARK + path.name)}\.\d+\.[0-9a-f]{{8}}")
    for entry in path.parent.glob(f"{TEMP_MARK}*"):
        if pattern.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
    return removed
