"""Settings: language, auto-lock, theme, backup reminder and the worker's own name.

The first four live in the (non-sensitive) settings file; the worker's name is kept in
the vault, because it appears in signed notes and reports.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from models.records import Problem
from tui.i18n import t
from tui.settings import AUTOLOCK_RANGE, THEMES
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.form import IntField, OptionField, TextField, read_form, show_problems
from tui.widgets.status import StatusLine

from .base import BaseScreen

SYSTEM = "system"


class SettingsScreen(BaseScreen[None]):
    HELP_KEY = "settings.help"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save"),
        Binding("ctrl+b", "backups", "key.backups_keys", id="settings.backups"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.pendamping.settings
        yield from screen_top(t("settings.title"), private=False)
        with VerticalScroll(classes="form-scroll", can_focus=False):
            yield OptionField(
                "language",
                "settings.language",
                [
                    (t("settings.language.system"), SYSTEM),
                    ("Bahasa Indonesia", "id"),
                    ("English", "en"),
                ],
                settings.language or SYSTEM,
            )
            yield IntField(
                "autolock_minutes",
                "settings.autolock",
                settings.autolock_minutes,
                hint_key="settings.autolock.hint",
            )
            # Keys spelled out so the catalogue test can see them.
            names = {
                "textual-dark": t("theme.textual_dark"),
                "textual-light": t("theme.textual_light"),
                "nord": t("theme.nord"),
                "gruvbox": t("theme.gruvbox"),
                "textual-ansi": t("theme.textual_ansi"),
            }
            yield OptionField(
                "theme",
                "settings.theme",
                [(names.get(name, name), name) for name in THEMES],
                settings.theme,
                hint_key="settings.theme.hint",
            )
            yield IntField(
                "backup_reminder_days", "settings.backup_reminder", settings.backup_reminder_days
            )
            yield TextField(
                "worker_name",
                "settings.worker_name",
                str(self.repo.meta().get("worker_name", "")),
                hint_key="settings.worker_name.hint",
            )
        yield StatusLine()
        yield from screen_bottom()

    def on_mount(self) -> None:
        self.query("ChoiceSelect").first().focus()

    def action_save(self) -> None:
        values, problems = read_form(self)
        problems += self.check(values)
        if show_problems(self, problems):
            return
        language = None if values["language"] == SYSTEM else values["language"]
        settings = self.pendamping.settings.with_changes(
            language=language,
            theme=values["theme"],
            autolock_minutes=values["autolock_minutes"],
            backup_reminder_days=values["backup_reminder_days"],
        )
        worker_name = values["worker_name"]

        def done(_: Any) -> None:
            if self.pendamping.apply_settings(settings):
                self.notify(t("settings.saved"), timeout=3)
            if self.is_attached and self.app.screen is self:
                self.dismiss()

        self.run_save(lambda: self.repo.set_meta(worker_name=worker_name), done)

    def action_backups(self) -> None:
        from .backup import BackupsScreen

        self.app.push_screen(BackupsScreen())

    @staticmethod
    def check(values: dict[str, Any]) -> list[Problem]:
        problems = []
        low, high = AUTOLOCK_RANGE
        minutes = values["autolock_minutes"]
        if minutes is None or not low <= minutes <= high:
            problems.append(Problem("autolock_minutes", "problem.range", {"min": low, "max": high}))
        days = values["backup_reminder_days"]
        if days is None or not 1 <= days <= 365:
            problems.append(
                Problem("backup_reminder_days", "problem.range", {"min": 1, "max": 365})
            )
        if len(values["worker_name"]) > 100:
            problems.append(Problem("worker_name", "problem.too_long", {"max": 100}))
        return problems
