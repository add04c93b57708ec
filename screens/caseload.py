"""The caseload: every client at a glance, by code only.

`/` filters (typing narrows the table at once; arrows and enter keep working from the
filter), `s` sorts by the next column, `r` reverses, `c` shows closed cases too,
enter opens a client, `n` takes in a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static
from textual.widgets.data_table import CellDoesNotExist

from models.casefile import CaseFacts, case_facts, missing_now
from models.records import Phase
from tui.app import BACKUP_REMINDER
from tui.i18n import format_date, label, t
from tui.widgets.chrome import screen_bottom
from tui.widgets.status import SaveStatus
from tui.widgets.text_input import TextInput

from .base import BaseScreen

COLUMNS = ("code", "phase", "last_contact", "next_meeting", "open_items")


@dataclass(frozen=True)
class Row:
    client_id: int
    code: str
    phase: Phase
    last_contact: date | None
    next_meeting: date | None
    overdue: int
    due: int
    missing: int
    flags: int

    @staticmethod
    def from_facts(facts: CaseFacts) -> Row:
        return Row(
            client_id=facts.client.id or 0,
            code=facts.client.code,
            phase=facts.client.phase,
            last_contact=facts.last_contact,
            next_meeting=facts.next_meeting,
            overdue=facts.overdue_actions,
            due=facts.due_actions,
            missing=len(missing_now(facts)),
            flags=facts.unresolved_flags,
        )

    @property
    def open_items(self) -> int:
        return self.overdue + self.due + self.missing + self.flags

    def sort_value(self, column: str) -> tuple[int, object]:
        # Empty dates sort last whichever way the column is sorted.
        value = {
            "code": self.code.upper(),
            "phase": list(Phase).index(self.phase),
            "last_contact": self.last_contact,
            "next_meeting": self.next_meeting,
            "open_items": (self.flags, self.overdue, self.open_items),
        }[column]
        return (value is None, value if value is not None else 0)

    def open_items_text(self) -> str:
        parts = []
        if self.flags:
            parts.append(t("caseload.items.flag", count=self.flags))
        if self.overdue:
            parts.append(t("caseload.items.overdue", count=self.overdue))
        if self.due:
            parts.append(t("caseload.items.due", count=self.due))
        if self.missing:
            parts.append(t("caseload.items.missing", count=self.missing))
        return " · ".join(parts) or "—"


class CaseloadScreen(BaseScreen[None]):
    HELP_KEY = "caseload.help"
    AUTO_FOCUS = "DataTable"  # the list of cases, not the filter above it

    DEFAULT_CSS = """
    CaseloadScreen #caseload-top { height: 1; padding: 0 1; margin-bottom: 1; }
    CaseloadScreen #caseload-title { width: auto; padding: 0 2 0 0; text-style: bold; }
    CaseloadScreen #filter { width: 1fr; background: $boost; }
    CaseloadScreen #caseload-table { height: 1fr; }
    CaseloadScreen #caseload-empty { padding: 1 2; color: $text-muted; height: auto; }
    CaseloadScreen #caseload-bottom { height: 1; }
    CaseloadScreen #caseload-count { width: 1fr; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("n", "new_client", "key.new_client", id="caseload.new"),
        Binding("enter", "open_client", "key.open", id="caseload.open", show=False),
        Binding("slash", "filter", "key.filter", id="caseload.filter"),
        Binding("s", "sort", "key.sort", id="caseload.sort", show=False),
        Binding("r", "reverse", "key.reverse", id="caseload.reverse", show=False),
        Binding("c", "toggle_closed", "key.show_closed", id="caseload.closed"),
        Binding("comma", "settings", "key.settings", id="caseload.settings", show=False),
        Binding("g", "groups", "key.groups", id="caseload.groups"),
        Binding("b", "backups", "key.backups", id="caseload.backups"),
        Binding("i", "import_case", "key.import_case", id="caseload.import", show=False),
        Binding("e", "caseload_summary", "key.caseload_summary", id="caseload.summary", show=False),
        Binding("escape", "clear_filter", "key.clear_filter", show=False, id="screen.back"),
    ]

    def __init__(self, *, ask_worker_name: bool = False) -> None:
        """`ask_worker_name`: the vault was just made, so ask who the worker is."""
        super().__init__()
        self.ask_worker_name = ask_worker_name
        self.rows: list[Row] = []
        self.sort_column = "code"
        self.sort_reverse = False
        self.show_closed = False
        self.closed = 0  # closed cases, counted also while they are hidden

    def compose(self) -> ComposeResult:
        with Horizontal(id="caseload-top"):
            yield Label(t("caseload.title"), id="caseload-title")
            yield TextInput(placeholder=t("caseload.filter_placeholder"), id="filter", compact=True)
        yield Static(t("caseload.empty"), id="caseload-empty")
        yield DataTable(id="caseload-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="caseload-bottom"):
            yield Static("", id="caseload-count")
            yield SaveStatus()
        yield from screen_bottom()

    def on_mount(self) -> None:
        self.watch(self.app, "private", self._privacy_changed, init=False)
        self.reload()
        self.query_one(DataTable).focus()
        if self.ask_worker_name:
            from .worker_name import ask_worker_name

            ask_worker_name(self, "worker_name.at_creation")
        session = self.pendamping.session
        if session is not None and session.found_unfinished_save:
            self.pendamping.notify(t("vault.unfinished_save"), severity="warning", timeout=30)
        if self.rows and self.pendamping.backup_overdue():
            last = self.pendamping.last_backup()
            self.pendamping.notify(
                t("backups.reminder", date=format_date(last))
                if last
                else t("backups.reminder_never"),
                severity="warning",
                timeout=10,
                tag=BACKUP_REMINDER,
            )

    def on_return(self) -> None:
        self.reload()

    # -- data -------------------------------------------------------------------------

    def reload(self) -> None:
        facts = case_facts(self.repo, include_closed=self.show_closed)
        self.rows = [Row.from_facts(f) for f in facts]
        self.closed = len(self.repo.clients_in_phase(Phase.CLOSED))
        self.refresh_table()

    def visible_rows(self) -> list[Row]:
        needle = self.query_one("#filter", Input).value.strip().upper()
        rows = [
            r
            for r in self.rows
            if not needle or needle in r.code.upper() or needle in label(r.phase).upper()
        ]
        return sorted(rows, key=lambda r: r.sort_value(self.sort_column), reverse=self.sort_reverse)

    def refresh_table(self) -> None:
        table = self.query_one(DataTable)
        selected = self.selected_client_id()
        table.clear(columns=True)
        private = getattr(self.app, "private", False)
        for column in COLUMNS:
            if private and column != "code":
                continue
            title = t(f"caseload.col.{column}")
            if column == self.sort_column:
                title += " ▼" if self.sort_reverse else " ▲"
            table.add_column(title, key=column)
        rows = self.visible_rows()
        for row in rows:
            cells = [row.code]
            if not private:
                cells += [
                    label(row.phase),
                    format_date(row.last_contact),
                    format_date(row.next_meeting),
                    row.open_items_text(),
                ]
            table.add_row(*cells, key=str(row.client_id))
        if selected is not None:
            for index, row in enumerate(rows):
                if row.client_id == selected:
                    table.move_cursor(row=index)
        empty = self.query_one("#caseload-empty", Static)
        empty.display = not self.rows
        if not self.rows:
            # Every case closed: say where they went, rather than "no clients yet".
            empty.update(
                t("caseload.all_closed", count=self.closed) if self.closed else t("caseload.empty")
            )
        shown = t("caseload.count", shown=len(rows), total=len(self.rows))
        if self.show_closed:
            shown += " · " + t("caseload.closed_shown")
        elif self.closed:
            shown += " · " + t("caseload.closed_hidden", count=self.closed)
        if self.rows and self.pendamping.backup_overdue():
            shown += " · " + t("backups.overdue_short")
        self.query_one("#caseload-count", Static).update(shown)

    def selected_client_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return int(key.value) if key.value is not None else None

    def _privacy_changed(self, private: bool) -> None:
        self.refresh_table()

    # -- actions ------------------------------------------------------------------------

    def action_new_client(self) -> None:
        from .client_form import ClientFormScreen

        self.app.push_screen(ClientFormScreen())

    def action_open_client(self) -> None:
        client_id = self.selected_client_id()
        if client_id is not None:
            self.pendamping.open_client(client_id)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.pendamping.open_client(int(event.row_key.value))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(DataTable).focus()

    def action_sort(self) -> None:
        index = COLUMNS.index(self.sort_column)
        self.sort_column = COLUMNS[(index + 1) % len(COLUMNS)]
        self.sort_reverse = False
        self.refresh_table()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refresh_table()

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.reload()

    def action_settings(self) -> None:
        self.pendamping.action_settings()

    def action_groups(self) -> None:
        from .groups import GroupsScreen

        self.app.push_screen(GroupsScreen())

    def action_backups(self) -> None:
        from .backup import BackupsScreen

        self.app.push_screen(BackupsScreen())

    def action_caseload_summary(self) -> None:
        from .report import CaseloadSummaryScreen

        self.app.push_screen(CaseloadSummaryScreen())

    def action_import_case(self) -> None:
        from .transfer import CaseImportScreen

        self.app.push_screen(CaseImportScreen())

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        table = self.query_one(DataTable)
        table.focus()
        if table.row_count == 1:
            self.action_open_client()

    def on_key(self, event: events.Key) -> None:
        # Arrows from the filter move the table, so filtering never traps the cursor.
        if not self.query_one("#filter", Input).has_focus:
            return
        table = self.query_one(DataTable)
        if event.key == "down":
            table.action_cursor_down()
            event.stop()
        elif event.key == "up":
            table.action_cursor_up()
            event.stop()
