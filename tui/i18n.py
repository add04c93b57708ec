"""Translation: every visible string comes from one catalogue per language.

The catalogues are `tui/locales/en.py` and `tui/locales/id.py`; a test fails when a key
is missing from either or used nowhere. Nothing here imports Textual, so the command
line stays quick to start.

    t("caseload.title")               -> "Daftar klien" / "Caseload"
    t("save.saved", time="10:42")     -> formatted with str.format
    label(Phase.STUDY)                -> the translated name of a choice
"""

from __future__ import annotations

import importlib
import locale
import os
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from models.dates import parse_iso
from models.errors import VaultCorrupt, VaultError

if TYPE_CHECKING:  # the records load after the unlock screen is up
    from models.backup import BackupInfo
    from models.records import Choice, Problem

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "en"

_language = DEFAULT_LANGUAGE


@cache
def catalogue(language: str) -> Mapping[str, str]:
    module = importlib.import_module(f"tui.locales.{language}")
    messages: Mapping[str, str] = module.MESSAGES
    return messages


def detect_language(setting: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The setting if there is one, else the system locale: `id_*` gives Indonesian."""
    if setting in LANGUAGES:
        return setting
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name, "")
        if value:
            return "id" if value.lower().startswith(("id", "in_")) else "en"
    try:
        system = locale.getlocale()[0] or ""
    except ValueError:
        system = ""
    return "id" if system.lower().startswith(("id", "indonesian")) else DEFAULT_LANGUAGE


def use_language(language: str) -> None:
    global _language
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _language


def t(key: str, /, **params: object) -> str:
    """The text of `key` in the current language, filled with `params`.

    `key` is positional-only, so a message may itself have a `{key}` placeholder
    (the palette's "key {key}") without clashing with it.
    """
    text = catalogue(_language).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**params) if params else text


def label(choice: Choice) -> str:
    return t(choice.label_key)


def long_label(choice: Choice) -> str:
    """A choice's label with its meaning, where the short one needs it: "Penelitian"
    alone reads as research, so dialogs and titles say "Penelitian (perkenalan &
    kontrak)". The short label elsewhere (the phase line and tables have no room)."""
    key = f"{choice.label_key}.long"
    return t(key) if key in catalogue(current_language()) else label(choice)


def problem_text(problem: Problem) -> str:
    """The problem in the worker's words; a date in it as dates are shown elsewhere
    (models give ISO dates: "2026-12-10" reads "10 Des 2026")."""
    params = dict(problem.params)
    day = parse_iso(params["date"]) if isinstance(params.get("date"), str) else None
    if day is not None:
        params["date"] = format_date(day)
    return t(problem.key, **params)


def error_text(error: VaultError) -> str:
    """One clear line for any VaultError, in the current language."""
    params = dict(error.params)
    if isinstance(error, VaultCorrupt):
        text = t(f"error.corrupt.{error.part}", **params)
        if error.fallback:
            text += " " + t("error.corrupt.fallback", **params)
        return text
    try:
        return t(error.key, **params)
    except (KeyError, IndexError):  # a message that needs a detail this error lacks
        return str(error)


def backup_text(info: BackupInfo) -> str:
    """What a backup holds, in one line: for the backups screen and the command line."""
    return t(
        "backup.summary",
        clients=info.clients,
        notes=info.notes,
        sessions=info.group_sessions,
        records=info.records,
        made=format_datetime(info.made_at),
    )


def format_date(day: date | None, style: str = "medium") -> str:
    """28 Nov 2026 (medium), 28 November 2026 (long), Sabtu, 28 November 2026 (full)."""
    if day is None:
        return t("date.none")
    if style == "iso":
        return day.isoformat()
    if style == "short":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if style == "medium":
        return f"{day.day} {t(f'month_short.{day.month}')} {day.year}"
    text = f"{day.day} {t(f'month.{day.month}')} {day.year}"
    if style == "full":
        text = f"{t(f'weekday.{day.weekday()}')}, {text}"
    return text


def format_datetime(moment: datetime | None) -> str:
    if moment is None:
        return t("date.none")
    return f"{format_date(moment.date())} {moment:%H:%M}"


def weekday_name(number: int) -> str:
    return t(f"weekday.{number}")
