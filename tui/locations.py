"""Where Pendamping keeps its files; `pendamping locate` prints them.

The vault lives in the user data folder unless `--vault PATH` or `PENDAMPING_VAULT`
says otherwise; the (non-sensitive) settings live in the user config folder, or in
`PENDAMPING_CONFIG_DIR`.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pendamping"
VAULT_FILE = "pendamping.vault"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    override = os.environ.get("PENDAMPING_CONFIG_DIR")
    return Path(override) if override else platformdirs.user_config_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    return config_dir() / "settings.json"


def marks_file(settings: Path | None = None) -> Path:
    """Where this computer remembers how far each vault had got (models/marks.py):
    beside the settings."""
    return (settings or settings_file()).with_name("seen.json")


def default_vault_path() -> Path:
    override = os.environ.get("PENDAMPING_VAULT")
    return Path(override).expanduser() if override else data_dir() / VAULT_FILE


def exports_dir() -> Path:
    """Where reports and exports go unless the worker picks another folder."""
    return platformdirs.user_documents_path() / "Pendamping"
