"""Taking attendance for a group session on a grid of the members on its date.

p / l / e / a mark the current row present, late, excused or absent and move down; r
marks everyone still unmarked present; Ctrl+S saves and goes on to the observations of
those who took part.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from models.groups import client_codes, roster, with_attendance
from models.records import Attendance, Group, GroupSession, Observation
from models.repository import RecordInvalid
from tui.i18n import t
from tui.widgets.attendance import AttendanceGrid, counts_text, legend
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.form import show_problems
from tui.widgets.status import SaveStatus

from .group_session import session_title
from .session_part import SessionPartScreen


class AttendanceScreen(SessionPartScreen[GroupSession | None]):
    HELP_KEY = "attendance.help"
    DEFAULT_CSS = """
    AttendanceScreen #attendance-counts { height: 1; padding: 0 1; margin-bottom: 1; }
    AttendanceScreen #attendance-scroll { height: 1fr; }
    AttendanceScreen #attendance-empty { height: auto; padding: 1 2; color: $text-muted; }
    AttendanceScreen #attendance-legend { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, group: Group, session: GroupSession) -> None:
        super().__init__(group, session)
        self._initial: dict[str, Attendance | None] = {}

    def compose(self) -> ComposeResult:
        people = roster(
            self.group,
            self.session.date or self.repo.today(),
            client_codes(self.repo),
            self.session,
        )
        yield from screen_top(
            t("attendance.title", session=session_title(self.group, self.session))
        )
        yield Static("", id="attendance-counts", classes="sensitive")
        with VerticalScroll(id="attendance-scroll", classes="sensitive", can_focus=False):
            if not people:
                yield Static(t("attendance.no_roster"), id="attendance-empty")
            yield AttendanceGrid(people, self.session.attendance)
        yield Static(legend(keys=True), id="attendance-legend")
        yield SaveStatus(classes="status-bar")
        yield from screen_bottom()

    @property
    def grid(self) -> AttendanceGrid:
        return self.query_one(AttendanceGrid)

    def on_mount(self) -> None:
        self._initial = dict(self.grid.marks)
        self.grid.focus()
        self.show_counts()

    @on(AttendanceGrid.Changed)
    def show_counts(self) -> None:
        self.query_one("#attendance-counts", Static).update(counts_text(self.grid.marks))

    @property
    def is_dirty(self) -> bool:
        return self.grid.marks != self._initial

    # -- saving ------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saves_in_flight:
            return
        if not self.grid.people:
            self.notify(t("attendance.no_roster"), severity="warning")
            return
        changed, dropped = with_attendance(self.session, self.grid.marks)
        if not dropped:
            self._store(changed)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._store(changed)

        # Observations belong to those who took part; changing that loses them: ask.
        self.app.push_screen(
            ConfirmDialog(
                t("attendance.drop.title"),
                t("attendance.drop.text", codes=", ".join(self._labels(dropped))),
                confirm_key="attendance.drop.confirm",
                danger=True,
            ),
            answered,
        )

    def _labels(self, observations: list[Observation]) -> list[str]:
        labels = {p.key: p.label for p in self.grid.people}
        return [labels.get(o.member, o.member) for o in observations]

    def _store(self, session: GroupSession) -> None:
        self.run_save(lambda: self.repo.update(session), self._saved, on_invalid=self._invalid)

    def _saved(self, session: GroupSession) -> None:
        from .group_observations import ObservationsScreen

        self.session = session
        self._initial = dict(self.grid.marks)
        self.notify(t("attendance.saved", counts=counts_text(self.grid.marks)), timeout=3)
        if any(status.took_part for status in session.attendance.values()):
            self.app.switch_screen(ObservationsScreen(self.group, session))
        else:
            self.dismiss(session)

    def _invalid(self, error: RecordInvalid) -> None:
        show_problems(self, error.problems)  # none is about a field here: each is said

    # -- leaving -----------------------------------------------------------------------

    def action_back(self) -> None:
        self.leave_unless_unsaved(self.is_dirty, "attendance.discard")
