"""The journal collection, the client's farewell gift: their work from the journaling
group, and the session notes the worker chooses (Space ticks a note; none is ticked at
first, because notes are the worker's record and go in only by choice).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from models.document import Document
from models.journal import journal, sessions_taken_part
from models.records import Client, SessionNote
from tui.i18n import format_date, label, t
from tui.widgets.form import CheckField, TickBox

from .export import ExportScreen, app_rendering

NOTE_PREFIX = "note."
FIRST_LINE = 40  # characters of a note shown beside its tick box


def first_line(body: str) -> str:
    """The first line of what was said: a DAP note's "## Data" tells nothing apart."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    text = [line for line in lines if not line.startswith("#")]
    return (text or [line.lstrip("#").strip() for line in lines] or [""])[0]


class NoteChoice(CheckField):
    """A tick box for one note, showing its kind and first line (the worker's text)."""

    def __init__(self, note: SessionNote) -> None:
        super().__init__(f"{NOTE_PREFIX}{note.id}", "journal.screen_note", "journal.screen_note",
                         False, label_text=format_date(note.date), sensitive=True)
        self.text = label(note.kind)
        first = first_line(note.body)
        if first:
            self.text += f" · {first[:FIRST_LINE]}"

    def make_control(self) -> Widget:
        return TickBox(self.text, False, classes="field-control",
                        id=f"field-{self.field_name.replace('.', '-')}")


class JournalScreen(ExportScreen):
    HELP_KEY = "journal.help"
    INTRO_KEY = "journal.screen_intro"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.sessions = 0

    def title_text(self) -> str:
        return t("journal.screen_title", code=self.client.code)

    def compose_options(self) -> ComposeResult:
        client_id = self.client.id or 0
        self.sessions = len(sessions_taken_part(self.repo, client_id))
        yield Static(t("journal.screen_sessions", count=self.sessions),
                     classes="export-intro")
        notes = list(reversed(self.repo.notes_of(client_id)))  # oldest first, as printed
        if notes:
            yield Static(t("journal.screen_choose"), classes="export-intro")
        for note in notes:
            choice = NoteChoice(note)
            choice.add_class("export-part")
            yield choice
        names = CheckField("names", "journal.screen_names", "journal.screen_names_check", False)
        names.add_class("export-part", "export-gap")
        yield names

    def note_ids(self, values: dict[str, Any]) -> list[int]:
        return [int(name[len(NOTE_PREFIX):]) for name, ticked in values.items()
                if name.startswith(NOTE_PREFIX) and ticked]

    def check(self, values: dict[str, Any]) -> str | None:
        if not self.sessions and not self.note_ids(values):
            return t("journal.screen_empty")
        return None

    def build(self, values: dict[str, Any]) -> Document:
        return journal(self.repo, self.client.id or 0, self.note_ids(values), app_rendering(),
                       with_names=bool(values["names"]))
