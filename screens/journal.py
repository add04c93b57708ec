"""The journal collection, the client's farewell gift: their own journal entries that
they agreed to include, nothing of the worker's (entries are written on the group
session's journal screen, `j`)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from documents.document import Document
from documents.journal import collected_entries, journal
from models.records import Client
from tui.i18n import t
from tui.rendering import app_rendering
from tui.widgets.form import CheckField

from .export import ExportScreen


class JournalScreen(ExportScreen):
    HELP_KEY = "journal.help"
    INTRO_KEY = "journal.screen_intro"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.entries = 0

    def title_text(self) -> str:
        return t("journal.screen_title", code=self.client.code)

    def compose_options(self) -> ComposeResult:
        client_id = self.client.id or 0
        self.entries = len(collected_entries(self.repo, client_id))
        total = len(self.repo.journal_entries_of(client_id))
        yield Static(
            t("journal.screen_entries", count=self.entries, total=total), classes="export-intro"
        )
        names = CheckField("names", "journal.screen_names", "journal.screen_names_check", False)
        names.add_class("export-part", "export-gap")
        yield names

    def check(self, values: dict[str, Any]) -> str | None:
        return None if self.entries else t("journal.screen_empty")

    def build(self, values: dict[str, Any]) -> Document:
        return journal(
            self.repo, self.client.id or 0, app_rendering(), with_names=bool(values["names"])
        )
