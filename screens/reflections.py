"""The worker's own reflective writing, kept apart from the clinical record: on a client,
a session note or a group session. Listed on the client's overview.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from models.records import Client, Reflection
from models.snippets import first_meaningful_line
from tui.i18n import format_date, t
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.form import AreaField, DateField, OptionField, TextField
from tui.widgets.markdown_view import MarkdownView

from .form import FormScreen
from .list_screen import ListScreen

NONE = 0


class ReflectionFormScreen(FormScreen[Reflection]):
    HELP_KEY = "reflection.help"
    INTRO_KEY = "reflection.intro"

    def __init__(
        self,
        client: Client | None,
        reflection: Reflection | None = None,
        *,
        group_session_id: int | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.reflection = reflection
        self.group_session_id = group_session_id

    def title_text(self) -> str:
        return (
            t("reflection.title", code=self.client.code)
            if self.client
            else t("reflection.title_general")
        )

    def compose_fields(self) -> ComposeResult:
        r = self.reflection or Reflection(
            date=self.repo.today(),
            client_id=self.client.id if self.client else None,
            group_session_id=self.group_session_id,
        )
        yield DateField(
            "date",
            "reflection.date",
            r.date,
            today=self.repo.today(),
            required=True,
            suggested=self.reflection is None,
        )
        yield TextField("title", "reflection.title_field", r.title)
        if self.client is not None:
            notes = self.repo.notes_of(self.client.id or 0)
            options = [(t("reflection.about_case"), NONE)] + [
                (f"{format_date(n.date)} · {first_meaningful_line(n.body, 30)}", n.id or 0)
                for n in notes
            ]
            yield OptionField("note_id", "reflection.about", options, r.note_id or NONE)
        yield AreaField("body", "reflection.body", r.body, tall=True, required=True)

    def build_record(self, values: dict[str, Any]) -> Reflection:
        base = self.reflection or Reflection(
            client_id=self.client.id if self.client else None,
            group_session_id=self.group_session_id,
        )
        note_id = values.get("note_id") or None
        return replace(
            base, date=values["date"], title=values["title"], body=values["body"], note_id=note_id
        )

    def persist(self, record: Reflection) -> Reflection:
        return self.repo.add(record) if record.id is None else self.repo.update(record)


class ReflectionsScreen(ListScreen[None]):
    HELP_KEY = "reflections.help"
    DEFAULT_CSS = """
    ReflectionsScreen #reflections { height: auto; max-height: 8; }
    ReflectionsScreen #reflection-text { height: 1fr; padding: 0 1; }
    ReflectionsScreen #reflections-empty { padding: 1 2; color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("n", "new", "key.new_reflection", id="reflections.new"),
        Binding("enter", "edit", "key.edit", id="reflections.edit", show=False),
    ]

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.reflections: list[Reflection] = []

    def compose(self) -> ComposeResult:
        yield from screen_top(t("reflections.title", code=self.client.code))
        yield Static(t("reflections.empty"), id="reflections-empty")
        yield DataTable(id="reflections", cursor_type="row", classes="sensitive")
        with VerticalScroll(id="reflection-text", classes="sensitive"):
            yield MarkdownView()
        yield from screen_bottom()

    def columns(self) -> list[str]:
        return [t("overview.col.date"), t("reflection.title_field")]

    def reload(self) -> None:
        self.reflections = self.repo.reflections_of(self.client.id or 0)
        table = self.query_one(DataTable)
        table.clear()
        for reflection in self.reflections:
            title = reflection.title or first_meaningful_line(reflection.body)
            table.add_row(format_date(reflection.date), title[:60], key=str(reflection.id))
        self.query_one("#reflections-empty").display = not self.reflections
        self.show(0)

    def show(self, index: int) -> None:
        if 0 <= index < len(self.reflections):
            self.query_one(MarkdownView).show(self.reflections[index].body)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_new(self) -> None:
        self.app.push_screen(ReflectionFormScreen(self.client))

    def action_edit(self) -> None:
        table = self.query_one(DataTable)
        if self.reflections:
            self.app.push_screen(
                ReflectionFormScreen(
                    self.client, self.reflections[min(table.cursor_row, len(self.reflections) - 1)]
                )
            )
