"""The worker's preferences that are safe to keep outside the vault.

Language, theme, auto-lock and reminders are needed before the vault is unlocked, so
they live in a small JSON file in the config folder. Nothing about clients, and not the
worker's name (that is kept inside the vault), is ever written here.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from models.atomic import atomic_write, translate_os_error
from models.errors import VaultError

from .locations import settings_file

THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "textual-ansi")
AUTOLOCK_RANGE = (1, 240)


@dataclass(frozen=True)
class Settings:
    language: str | None = None  # None: follow the system locale
    theme: str = "textual-dark"
    autolock_minutes: int = 5
    backup_reminder_days: int = 7
    private: bool = False  # the privacy mask (F2) was left on, so the app starts with it on
    # When each vault (by its real path) was last backed up: a date, nothing sensitive.
    last_backups: dict[str, str] = field(default_factory=dict)
    # Where the worker last put files, so the next export or backup starts there; and
    # each vault's latest backup file, which Verify and Restore offer first. Folder and
    # file names only (the files' contents never come here).
    export_folder: str = ""
    backup_folder: str = ""
    backup_files: dict[str, str] = field(default_factory=dict)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; a missing or unreadable file gives the defaults."""
    path = path or settings_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}
    defaults = Settings()
    settings = replace(defaults, **values)
    low, high = AUTOLOCK_RANGE
    minutes = settings.autolock_minutes
    if not isinstance(minutes, int) or not low <= minutes <= high:
        settings = replace(settings, autolock_minutes=defaults.autolock_minutes)
    if settings.theme not in THEMES:
        settings = replace(settings, theme=defaults.theme)
    if not isinstance(settings.backup_reminder_days, int) or settings.backup_reminder_days < 1:
        settings = replace(settings, backup_reminder_days=defaults.backup_reminder_days)
    if not isinstance(settings.last_backups, dict):
        settings = replace(settings, last_backups={})
    if not isinstance(settings.private, bool):
        settings = replace(settings, private=False)
    if not isinstance(settings.backup_files, dict):
        settings = replace(settings, backup_files={})
    if not isinstance(settings.export_folder, str):
        settings = replace(settings, export_folder="")
    if not isinstance(settings.backup_folder, str):
        settings = replace(settings, backup_folder="")
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings file; raises a VaultError (DiskFull, VaultReadOnly, SaveFailed)
    that says why, in the worker's language, if it cannot be written."""
    path = path or settings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise translate_os_error(exc, path) from None
    atomic_write(path, json.dumps(asdict(settings), indent=2).encode("utf-8"), mode=0o600)


def latest_backup_file(settings: Settings, vault: Path) -> Path | None:
    """`vault`'s latest backup made in the app, if that file is still there."""
    made = settings.backup_files.get(os.path.realpath(vault), "")
    return Path(made) if made and Path(made).is_file() else None


def remembered_folder(folder: str) -> Path | None:
    """A folder used last, if it is still there: a USB stick not plugged in must not turn
    into a folder of the same name on the laptop's own disk."""
    return Path(folder) if folder and Path(folder).is_dir() else None


def record_backup(
    vault: Path, day: date, path: Path | None = None, *, file: Path | None = None
) -> None:
    """Remember that `vault` was backed up on `day` (for the backup reminder), and, given
    the backup's `file`, that it is the one Verify and Restore offer and that the next
    backup goes in its folder."""
    settings = load_settings(path)
    key = os.path.realpath(vault)
    settings = replace(settings, last_backups={**settings.last_backups, key: day.isoformat()})
    if file is not None:
        file = file.absolute()
        settings = replace(
            settings,
            backup_folder=str(file.parent),
            backup_files={**settings.backup_files, key: str(file)},
        )
    # A read-only config folder must not fail a backup that is already written.
    with contextlib.suppress(VaultError):
        save_settings(settings, path)
