"""A group's attendance at a glance: members down, sessions across, a symbol per cell.

The member and rate columns stay put while ←/→ scroll through the sessions; the line
under the grid names the session under the cursor, and Enter opens it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from models.groups import AttendanceSummary, attendance_summary
from models.records import Group, GroupSession
from tui.i18n import format_date, t
from tui.widgets.attendance import cell_text, legend, rate_text
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.status import SaveStatus

from .list_screen import ListScreen

FIXED_COLUMNS = 2  # the member and their rate
# Row and column keys of the table (not catalogue keys): member keys and session ids
# never take these values.
MEMBER_COLUMN, RATE_COLUMN, TOTAL_ROW = "member", "rate", "total"


class AttendanceSummaryScreen(ListScreen[None]):
    HELP_KEY = "summary.help"
    DEFAULT_CSS = """
    AttendanceSummaryScreen #summary-body { height: 1fr; }
    AttendanceSummaryScreen #summary { height: auto; max-height: 100%; }
    AttendanceSummaryScreen #summary-session { height: auto; padding: 0 1; margin-top: 1; }
    AttendanceSummaryScreen #summary-legend { height: auto; padding: 0 1; color: $text-muted; }
    AttendanceSummaryScreen #summary-empty { height: auto; padding: 1 2; color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "open_session", "key.open_session", id="summary.open", show=False),
    ]

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        self.summary: AttendanceSummary | None = None

    def compose(self) -> ComposeResult:
        yield from screen_top(t("summary.title", name=self.group.name))
        with Vertical(id="summary-body", classes="sensitive"):
            yield Static(t("summary.empty"), id="summary-empty")
            yield DataTable(id="summary", cursor_type="cell", fixed_columns=FIXED_COLUMNS)
            yield Static("", id="summary-session")
            yield Static(legend(summary=True), id="summary-legend")
        yield SaveStatus(classes="status-bar")
        yield from screen_bottom()

    def reload(self) -> None:
        summary = attendance_summary(
            self.repo, self.repo.find(Group, self.group.id or 0) or self.group
        )
        if summary == self.summary:
            return  # nothing changed: keep the cursor and the scroll where they are
        self.summary = summary
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(t("group.col.code"), key=MEMBER_COLUMN)
        table.add_column(t("summary.col.rate"), key=RATE_COLUMN)
        for session in summary.sessions:
            day = session.date
            heading = f"{day.day:02d}/{day.month:02d}" if day else "?"
            table.add_column(heading, key=str(session.id))
        for row in summary.rows:
            table.add_row(
                row.participant.label,
                rate_text(row.attended, row.recorded),
                *(cell_text(cell) for cell in row.cells),
                key=row.participant.key,
            )
        if summary.rows:
            attended = [summary.attended_at(i) for i in range(len(summary.sessions))]
            total_attended = sum(r.attended for r in summary.rows)
            total_recorded = sum(r.recorded for r in summary.rows)
            table.add_row(
                Text(t("summary.attended"), style="bold"),
                rate_text(total_attended, total_recorded),
                *(Text(str(n), style="bold") for n in attended),
                key=TOTAL_ROW,
            )
        has_sessions = bool(summary.sessions and summary.rows)
        self.query_one("#summary-empty").display = not has_sessions
        table.display = bool(summary.rows)
        if table.row_count:
            # Start on the latest session: the one the worker most likely came about.
            column = cursor.column if cursor.column >= FIXED_COLUMNS else len(table.columns) - 1
            table.move_cursor(row=cursor.row, column=column)
        self.show_session()

    def session_at_cursor(self) -> GroupSession | None:
        table = self.query_one(DataTable)
        if self.summary is None or not table.row_count:
            return None
        index = table.cursor_coordinate.column - FIXED_COLUMNS
        sessions = self.summary.sessions
        return sessions[index] if 0 <= index < len(sessions) else None

    def show_session(self) -> None:
        session = self.session_at_cursor()
        text = (
            ""
            if session is None
            else t("summary.session", date=format_date(session.date), topic=session.topic)
        )
        self.query_one("#summary-session", Static).update(text)

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self.show_session()

    @on(DataTable.CellSelected)
    def _selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_open_session()

    def action_open_session(self) -> None:
        from .group_session import GroupSessionScreen

        session = self.session_at_cursor()
        if session is not None:
            self.app.push_screen(GroupSessionScreen(self.group, session.id or 0))
