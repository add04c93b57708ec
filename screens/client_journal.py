"""One client's journal entries: from the group sessions they took part in, and from
individual work. `n` adds an entry of individual work, Enter opens one; what goes into
the journal collection is what the client agreed to include."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from models.records import Client, JournalEntry
from tui.i18n import format_date, t
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.form import AreaField, CheckField, DateField, TextField
from tui.widgets.markdown_view import MarkdownView

from .form import FormScreen
from .list_screen import ListScreen


class JournalEntryFormScreen(FormScreen[JournalEntry]):
    HELP_KEY = "journal_entry.form_help"
    INTRO_KEY = "journal_entry.form_intro"

    def __init__(self, client: Client, entry: JournalEntry | None = None) -> None:
        super().__init__()
        self.client = client
        self.entry = entry

    def title_text(self) -> str:
        return t("journal_entry.form_title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        e = self.entry or JournalEntry(date=self.repo.today())
        yield DateField(
            "date",
            "overview.col.date",
            e.date,
            today=self.repo.today(),
            required=True,
            suggested=self.entry is None,
        )
        yield TextField("prompt", "journal_entry.prompt", e.prompt)
        yield AreaField(
            "text", "journal_entry.text", e.text, tall=True, hint_key="journal_entry.text.hint"
        )
        yield TextField(
            "page", "journal_entry.page", e.page, placeholder_key="journal_entry.page.placeholder"
        )
        yield CheckField(
            "in_collection",
            "journal_entry.collection_label",
            "journal_entry.in_collection",
            e.in_collection,
        )

    def build_record(self, values: dict[str, Any]) -> JournalEntry:
        client_id = self.client.id or 0
        base = self.entry or JournalEntry(client_id=client_id, member=f"client:{client_id}")
        return replace(
            base,
            **{name: values[name] for name in ("date", "prompt", "text", "page", "in_collection")},
        )

    def persist(self, record: JournalEntry) -> JournalEntry:
        return self.repo.add(record) if record.id is None else self.repo.update(record)


class ClientJournalScreen(ListScreen[None]):
    HELP_KEY = "client_journal.help"
    DEFAULT_CSS = """
    ClientJournalScreen #entries { height: auto; max-height: 8; }
    ClientJournalScreen #entry-text { height: 1fr; padding: 0 1; }
    ClientJournalScreen #entries-empty { padding: 1 2; color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("n", "new", "key.new_journal_entry", id="client_journal.new"),
        Binding("enter", "edit", "key.edit", id="client_journal.edit", show=False),
    ]

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.entries: list[JournalEntry] = []

    def compose(self) -> ComposeResult:
        yield from screen_top(t("client_journal.title", code=self.client.code))
        yield Static(t("client_journal.empty"), id="entries-empty")
        yield DataTable(id="entries", cursor_type="row", classes="sensitive")
        with VerticalScroll(id="entry-text", classes="sensitive"):
            yield MarkdownView()
        yield from screen_bottom()

    def columns(self) -> list[str]:
        return [
            t("overview.col.date"),
            t("journal_entry.prompt"),
            t("journal_entry.collection_label"),
        ]

    def reload(self) -> None:
        self.entries = self.repo.journal_entries_of(self.client.id or 0)
        table = self.query_one(DataTable)
        table.clear()
        for entry in self.entries:
            table.add_row(
                format_date(entry.date),
                (entry.prompt or "—")[:44],
                "✓" if entry.in_collection else "—",
                key=str(entry.id),
            )
        self.query_one("#entries-empty").display = not self.entries
        self.show(0)

    def show(self, index: int) -> None:
        if 0 <= index < len(self.entries):
            entry = self.entries[index]
            page = f"\n\n*{t('journal_entry.page')}: {entry.page}*" if entry.page else ""
            self.query_one(MarkdownView).show(entry.text + page)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_new(self) -> None:
        self.app.push_screen(JournalEntryFormScreen(self.client))

    def action_edit(self) -> None:
        table = self.query_one(DataTable)
        if self.entries:
            self.app.push_screen(
                JournalEntryFormScreen(
                    self.client, self.entries[min(table.cursor_row, len(self.entries) - 1)]
                )
            )
