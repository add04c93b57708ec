"""The history map: the client's life events as a timeline, and their relations and
resources as an ecomap. Both are drawn above their list and edited from the keyboard:
`a` adds, Enter edits, `d` deletes, Shift+↑/↓ (or [ and ]) reorder.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from models.dates import format_when, parse_date
from models.records import (
    Client,
    EventCategory,
    Flow,
    LifeEvent,
    Relation,
    RelationKind,
    Strength,
)
from models.records.history import WEIGHTS
from tui.history_map import render_ecomap, render_timeline
from tui.i18n import label, t
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.form import AreaField, CheckField, ChoiceField, OptionField, TextField
from tui.widgets.status import StatusLine

from .form import FormScreen
from .list_screen import ListScreen

M = TypeVar("M", LifeEvent, Relation)
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")


def normalise_when(text: str, today: Any) -> str:
    """ "2009" stays; "05/2009" -> "2009-05"; any full date -> "2009-05-14"."""
    text = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return text
    if match := _MONTH_YEAR.match(text):
        return f"{match[2]}-{int(match[1]):02d}"
    day = parse_date(text, today)
    return day.isoformat() if day else text


def weight_options() -> list[tuple[str, int]]:
    return [(t(f"history.weight.{w}"), w) for w in WEIGHTS]


class LifeEventFormScreen(FormScreen[LifeEvent]):
    HELP_KEY = "history.form.help"

    def __init__(self, client: Client, event: LifeEvent | None = None) -> None:
        super().__init__()
        self.client = client
        self.event = event

    def title_text(self) -> str:
        return t("history.form.title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        e = self.event or LifeEvent(client_id=self.client.id or 0, when="", what="")
        yield TextField(
            "when", "history.when", format_when(e.when), required=True, hint_key="history.when.hint"
        )
        yield TextField("what", "history.what", e.what, required=True)
        yield ChoiceField("category", "history.category", list(EventCategory), e.category)
        yield OptionField("weight", "history.weight", weight_options(), e.weight)
        yield AreaField("notes", "history.notes", e.notes)

    def build_record(self, values: dict[str, Any]) -> LifeEvent:
        base = self.event or LifeEvent(client_id=self.client.id or 0, when="", what="")
        return replace(
            base,
            when=normalise_when(values["when"], self.repo.today()),
            what=values["what"],
            category=values["category"],
            weight=values["weight"],
            notes=values["notes"],
        )

    def persist(self, record: LifeEvent) -> LifeEvent:
        if record.id is not None:
            return self.repo.update(record)
        position = self.repo.next_position(LifeEvent, record.client_id)
        return self.repo.add(replace(record, position=position))


class RelationFormScreen(FormScreen[Relation]):
    HELP_KEY = "ecomap.form.help"

    def __init__(self, client: Client, relation: Relation | None = None) -> None:
        super().__init__()
        self.client = client
        self.relation = relation

    def title_text(self) -> str:
        return t("ecomap.form.title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        r = self.relation or Relation(client_id=self.client.id or 0, name="")
        yield TextField(
            "name", "ecomap.name", r.name, required=True, max_length=60, hint_key="ecomap.name.hint"
        )
        yield ChoiceField("kind", "ecomap.kind", list(RelationKind), r.kind)
        yield ChoiceField("strength", "ecomap.strength", list(Strength), r.strength)
        yield CheckField("stressful", "ecomap.stressful", "ecomap.stressful.check", r.stressful)
        yield ChoiceField("flow", "ecomap.flow", list(Flow), r.flow, hint_key="ecomap.flow.hint")
        yield AreaField("notes", "ecomap.notes", r.notes)

    def build_record(self, values: dict[str, Any]) -> Relation:
        base = self.relation or Relation(client_id=self.client.id or 0, name="")
        return replace(
            base,
            name=values["name"],
            kind=values["kind"],
            strength=values["strength"],
            stressful=values["stressful"],
            flow=values["flow"],
            notes=values["notes"],
        )

    def persist(self, record: Relation) -> Relation:
        if record.id is not None:
            return self.repo.update(record)
        position = self.repo.next_position(Relation, record.client_id)
        return self.repo.add(replace(record, position=position))


class _MapScreen(ListScreen[None], Generic[M]):
    """A drawing above its editable list."""

    DEFAULT_CSS = """
    _MapScreen #drawing-scroll { height: 1fr; padding: 0 1; }
    _MapScreen #drawing { width: auto; height: auto; }
    _MapScreen #map-list { height: 8; }
    """
    BINDINGS = [
        Binding("a", "add", "key.add", id="map.add"),
        Binding("enter", "edit", "key.edit", id="map.edit", show=False),
        Binding("d", "delete", "key.delete", id="map.delete"),
        Binding("shift+up,left_square_bracket", "move(-1)", "key.move_up", id="map.up", show=False),
        Binding(
            "shift+down,right_square_bracket", "move(1)", "key.move_down", id="map.down", show=False
        ),
    ]
    RECORD: type[LifeEvent] | type[Relation]
    TITLE_KEY = ""

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.records: list[M] = []

    def compose(self) -> ComposeResult:
        yield from screen_top(t(self.TITLE_KEY, code=self.client.code))
        with VerticalScroll(id="drawing-scroll", classes="sensitive"):
            yield Static("", id="drawing")
        table: DataTable[Any] = DataTable(id="map-list", cursor_type="row", classes="sensitive")
        yield table
        yield StatusLine(scroll=table)
        yield from screen_bottom()

    def columns(self) -> list[str]:
        raise NotImplementedError

    def row(self, record: M) -> list[str]:
        raise NotImplementedError

    def load(self) -> list[M]:
        raise NotImplementedError

    def drawing(self, records: list[M]) -> Text:
        raise NotImplementedError

    def form(self, record: M | None) -> FormScreen[Any]:
        raise NotImplementedError

    def reload(self, keep: int | None = None) -> None:
        table = self.query_one(DataTable)
        selected = keep if keep is not None else self.selected_id()
        self.records = self.load()
        self.query_one("#drawing", Static).update(self.drawing(self.records))
        table.clear()
        for record in self.records:
            table.add_row(*self.row(record), key=str(record.id))
        for index, record in enumerate(self.records):
            if record.id == selected:
                table.move_cursor(row=index)

    def selected_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.records or not table.row_count:
            return None
        return self.records[min(table.cursor_row, len(self.records) - 1)].id

    def selected(self) -> M | None:
        chosen = self.selected_id()
        return next((r for r in self.records if r.id == chosen), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        self.app.push_screen(self.form(None), self._after_form)

    def action_edit(self) -> None:
        record = self.selected()
        self.app.push_screen(self.form(record), self._after_form)

    def _after_form(self, record: M | None) -> None:
        # Keep the cursor on what the worker just added or changed.
        if record is not None:
            self.reload(keep=record.id)

    def action_delete(self) -> None:
        record = self.selected()
        if record is None:
            return
        cls, record_id = type(record), record.id or 0

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_save(lambda: self.repo.delete(cls, record_id), lambda _: self.reload())

        name = record.what if isinstance(record, LifeEvent) else record.name
        self.app.push_screen(
            ConfirmDialog(t("map.delete.title"), t("map.delete.text", name=name), danger=True),
            answered,
        )

    def action_move(self, step: int) -> None:
        record = self.selected()
        if record is None:
            return
        cls, record_id = type(record), record.id or 0
        self.run_save(
            lambda: self.repo.move_in_order(cls, record_id, step),
            lambda _: self.reload(keep=record_id),
        )


class LifeEventsScreen(_MapScreen[LifeEvent]):
    HELP_KEY = "history.help"
    TITLE_KEY = "history.title"

    def columns(self) -> list[str]:
        return [t("history.when"), t("history.what"), t("history.category"), t("history.weight")]

    def row(self, record: LifeEvent) -> list[str]:
        return [
            format_when(record.when),
            record.what[:34],
            label(record.category),
            t(f"history.weight.{record.weight}"),
        ]

    def load(self) -> list[LifeEvent]:
        return self.repo.life_events_of(self.client.id or 0)

    def drawing(self, records: list[LifeEvent]) -> Text:
        return render_timeline(records, width=78)

    def form(self, record: LifeEvent | None) -> FormScreen[Any]:
        return LifeEventFormScreen(self.client, record)


class EcomapScreen(_MapScreen[Relation]):
    HELP_KEY = "ecomap.help"
    TITLE_KEY = "ecomap.title"

    def columns(self) -> list[str]:
        return [t("ecomap.name"), t("ecomap.kind"), t("ecomap.strength"), t("ecomap.col.flow")]

    def row(self, record: Relation) -> list[str]:
        strength = label(record.strength)
        if record.stressful:
            strength += " + " + t("ecomap.stressful").lower()
        flow = label(record.flow) if record.flow is not Flow.UNKNOWN else ""
        return [record.name[:24], label(record.kind), strength, flow]

    def load(self) -> list[Relation]:
        return self.repo.relations_of(self.client.id or 0)

    def drawing(self, records: list[Relation]) -> Text:
        return render_ecomap(self.client.code, records, width=78)

    def form(self, record: Relation | None) -> FormScreen[Any]:
        return RelationFormScreen(self.client, record)
