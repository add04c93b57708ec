"""The worker's preferences that are safe to keep outside the vault.

Language, theme, auto-lock and reminders are needed before the vault is unlocked, so
they live in a small JSON file in the config folder. Nothing about clients, and not the
worker's name (that is kept inside the vault), is ever written here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from models.atomic import atomic_write

from .locations import settings_file

THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "textual-ansi")
AUTOLOCK_RANGE = (1, 240)


@dataclass(frozen=True)
class Settings:
    language: str | None = None  # None: follow the system locale
    theme: str = "textual-dark"
    autolock_minutes: int = 5
    backup_reminder_days: int = 7

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
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(asdict(settings), indent=2).encode("utf-8"), mode=0o600)
