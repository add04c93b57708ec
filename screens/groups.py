"""Groups (a journaling group, a support group): the list of them, the form for one,
and one group's page with its members and sessions.

On a group's page `c` adds a client of this worker by code, `p` another participant
known only by a code, `x` records that the highlighted member left, `n` starts a
session (its form, then attendance, then observations), Enter opens a session (or the
client's case, from the members), `s` shows attendance as a grid over the sessions.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static
from textual.widgets.data_table import CellDoesNotExist

from models.groups import (
    Participant,
    client_codes,
    group_rows,
    is_recorded,
    participants,
    roster,
    sessions_of,
    summarize,
    without_member,
)
from models.records import Group, GroupSession
from tui.i18n import format_date, t
from tui.widgets.attendance import SYMBOLS, kind_text, rate_text
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.form import AreaField, TextField
from tui.widgets.status import SaveStatus

from .base import BaseScreen
from .form import FormScreen
from .list_screen import ListScreen


def selected_key(table: DataTable[Any]) -> str | None:
    """The row key under the table's cursor, or None for an empty table."""
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except CellDoesNotExist:
        return None


class GroupsScreen(ListScreen[None]):
    HELP_KEY = "groups.help"
    DEFAULT_CSS = """
    GroupsScreen #groups { height: 1fr; }
    GroupsScreen #groups-empty { padding: 1 2; color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("n", "new_group", "key.new_group", id="groups.new"),
        Binding("enter", "open_group", "key.open", id="groups.open", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield from screen_top(t("groups.title"))
        yield Static(t("groups.empty"), id="groups-empty")
        yield DataTable(id="groups", cursor_type="row", zebra_stripes=True, classes="sensitive")
        yield SaveStatus(classes="status-bar")
        yield from screen_bottom()

    def columns(self) -> list[str]:
        return [
            t("groups.col.name"),
            t("groups.col.members"),
            t("groups.col.sessions"),
            t("groups.col.last_session"),
        ]

    def reload(self) -> None:
        table = self.query_one(DataTable)
        keep = selected_key(table)
        table.clear()
        rows = group_rows(self.repo)
        for index, row in enumerate(rows):
            table.add_row(
                row.group.name[:40],
                str(row.members_now),
                str(row.sessions),
                format_date(row.last_session),
                key=str(row.group.id),
            )
            if str(row.group.id) == keep:
                table.move_cursor(row=index)
        self.query_one("#groups-empty").display = not rows

    def action_new_group(self) -> None:
        self.app.push_screen(GroupFormScreen())

    def action_open_group(self) -> None:
        key = selected_key(self.query_one(DataTable))
        if key is not None:
            self.app.push_screen(GroupScreen(int(key)))

    @on(DataTable.RowSelected, "#groups")
    def _row_selected(self) -> None:
        self.action_open_group()


class GroupFormScreen(FormScreen[Group]):
    HELP_KEY = "group_form.help"

    def __init__(self, group: Group | None = None) -> None:
        super().__init__()
        self.group = group

    def title_text(self) -> str:
        if self.group is None:
            return t("group_form.title_new")
        return t("group_form.title_edit", name=self.group.name)

    def compose_fields(self) -> ComposeResult:
        # A new group's facilitator is, most often, the worker using this laptop.
        g = self.group or Group(name="", facilitator=str(self.repo.meta().get("worker_name", "")))
        yield TextField(
            "name",
            "group_form.name",
            g.name,
            required=True,
            max_length=80,
            placeholder_key="group_form.name.placeholder",
        )
        yield TextField("facilitator", "group_form.facilitator", g.facilitator)
        yield AreaField(
            "purpose", "group_form.purpose", g.purpose, hint_key="group_form.purpose.hint"
        )

    def build_record(self, values: dict[str, Any]) -> Group:
        base = self.group or Group(name="")
        return replace(
            base, name=values["name"], facilitator=values["facilitator"], purpose=values["purpose"]
        )

    def persist(self, record: Group) -> Group:
        return self.repo.add(record) if record.id is None else self.repo.update(record)

    def after_save(self, record: Group) -> None:
        self.notify(t("group_form.saved", name=record.name), timeout=3)
        if self.group is None:
            # A new group has no members yet: go straight to its page to add them.
            self.app.switch_screen(GroupScreen(record.id or 0))
        else:
            self.dismiss(record)


class GroupScreen(BaseScreen[None]):
    HELP_KEY = "group.help"
    DEFAULT_CSS = """
    GroupScreen #group-body { height: 1fr; padding: 0 1; }
    GroupScreen #group-about { height: auto; max-height: 3; color: $text-muted; }
    GroupScreen #members { height: auto; max-height: 9; }
    GroupScreen #sessions { height: 1fr; min-height: 3; }
    GroupScreen .section-title { margin-top: 0; }
    """
    BINDINGS = [
        # Most used first: the footer is cut at 80 columns; help and Ctrl+P list them all.
        Binding("n", "new_session", "key.new_session", id="group.new_session"),
        Binding("s", "summary", "key.attendance_summary", id="group.summary"),
        Binding("enter", "open", "key.open", id="group.open", show=False),
        Binding("c", "add_member(True)", "key.add_client_member", id="group.add_client"),
        Binding("p", "add_member(False)", "key.add_participant", id="group.add_participant"),
        Binding("x", "member_left", "key.member_left", id="group.member_left"),
        Binding("e", "edit", "key.edit_group", id="group.edit", show=False),
        Binding("d", "remove_member", "key.remove_member", id="group.remove_member", show=False),
    ]

    def __init__(self, group_id: int) -> None:
        super().__init__()
        self.group_id = group_id
        self.group: Group | None = None
        self.people: list[Participant] = []
        self.sessions: list[GroupSession] = []

    def compose(self) -> ComposeResult:
        yield from screen_top("", id="group-title")
        with Vertical(id="group-body", classes="sensitive"):
            yield Static("", id="group-about")
            yield Label("", id="members-title", classes="section-title")
            yield DataTable(id="members", cursor_type="row")
            yield Label(t("group.sessions"), classes="section-title")
            yield DataTable(id="sessions", cursor_type="row")
        yield SaveStatus(classes="status-bar")
        yield from screen_bottom()

    def on_mount(self) -> None:
        self.query_one("#members", DataTable).add_columns(
            t("group.col.code"),
            t("group.col.kind"),
            t("group.col.joined"),
            t("group.col.left"),
            t("group.col.attended"),
        )
        self.query_one("#sessions", DataTable).add_columns(
            t("overview.col.date"),
            t("group.col.topic"),
            t("group.col.attendance"),
            t("group.col.observed"),
        )
        self.reload()
        first = "#sessions" if self.sessions else "#members"
        self.query_one(first, DataTable).focus()

    def on_return(self) -> None:
        self.reload()

    # -- what is shown -----------------------------------------------------------------

    def reload(self) -> None:
        group = self.repo.find(Group, self.group_id)
        if group is None:  # removed meanwhile
            self.dismiss()
            return
        self.group = group
        codes = client_codes(self.repo)
        self.people = participants(group.members, codes)
        self.sessions = sessions_of(self.repo, self.group_id)
        self.query_one("#group-title", Label).update(t("group.title", name=group.name))
        about = [t("group.facilitator", name=group.facilitator or "—")]
        if group.purpose:
            about.append(group.purpose.strip().splitlines()[0])
        self.query_one("#group-about", Static).update(" · ".join(about))
        today = self.repo.today()
        self.query_one("#members-title", Label).update(
            t("group.members", now=len(group.members_on(today)), total=len(group.members))
        )
        self.fill_members(codes)
        self.fill_sessions(codes)

    def fill_members(self, codes: dict[int, str]) -> None:
        assert self.group is not None
        table = self.query_one("#members", DataTable)
        keep = selected_key(table)
        table.clear()
        summary = summarize(self.group, self.sessions, codes)
        rows = {row.participant.key: row for row in summary.rows}
        for index, person in enumerate(self.people):
            member = person.member
            row = rows.get(person.key)
            rate = rate_text(row.attended, row.recorded) if row else "—"
            table.add_row(
                person.label,
                kind_text(person),
                format_date(member.joined),
                format_date(member.left) if member.left else "",
                rate,
                key=person.key,
            )
            if person.key == keep:
                table.move_cursor(row=index)

    def fill_sessions(self, codes: dict[int, str]) -> None:
        assert self.group is not None
        table = self.query_one("#sessions", DataTable)
        keep = selected_key(table)
        table.clear()
        # Newest first: the session the worker is after is nearly always a recent one.
        ordered = list(reversed(self.sessions))
        for index, session in enumerate(ordered):
            people = roster(self.group, session.date or self.repo.today(), codes, session)
            statuses = list(session.attendance.values())
            counts = " ".join(
                f"{symbol}{statuses.count(status)}" for status, symbol in SYMBOLS.items()
            )
            marked = t("group.marked", marked=len(session.attendance), total=len(people))
            table.add_row(
                format_date(session.date),
                session.topic[:30],
                f"{counts}  {marked}",
                str(len(session.observations)),
                key=str(session.id),
            )
            if str(session.id) == keep:
                table.move_cursor(row=index)
        if not ordered:
            table.add_row("", t("group.no_sessions"), "", "")

    def selected_person(self) -> Participant | None:
        key = selected_key(self.query_one("#members", DataTable))
        return next((p for p in self.people if p.key == key), None)

    def selected_session(self) -> GroupSession | None:
        key = selected_key(self.query_one("#sessions", DataTable))
        return next((s for s in self.sessions if str(s.id) == key), None)

    # -- actions -----------------------------------------------------------------------

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id == "members":
            self.open_member()
        else:
            self.open_session()

    @on(DataTable.RowSelected, "#sessions")
    def _session_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_session()

    @on(DataTable.RowSelected, "#members")
    def _member_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_member()

    def open_session(self) -> None:
        from .group_session import GroupSessionScreen

        session = self.selected_session()
        if self.group is not None and session is not None:
            self.app.push_screen(GroupSessionScreen(self.group, session.id or 0))

    def open_member(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        if person.member.client_id is None:
            self.notify(t("group.only_a_code", code=person.label))
        else:
            self.pendamping.open_client(person.member.client_id)

    def action_new_session(self) -> None:
        from .group_session import GroupSessionFormScreen

        if self.group is not None:
            self.app.push_screen(GroupSessionFormScreen(self.group))

    def action_add_member(self, client: bool) -> None:
        from .group_members import MemberFormScreen

        if self.group is not None:
            self.app.push_screen(MemberFormScreen(self.group, client=client))

    def action_member_left(self) -> None:
        from .group_members import LeftFormScreen

        person = self.selected_person()
        if self.group is None or person is None:
            self.notify(t("group.no_member_selected"))
            return
        self.app.push_screen(LeftFormScreen(self.group, person, self.sessions))

    def action_remove_member(self) -> None:
        group, person = self.group, self.selected_person()
        if group is None or person is None:
            self.notify(t("group.no_member_selected"))
            return
        if is_recorded(person.key, self.sessions):
            # Removing would orphan their attendance and observations: they leave instead.
            self.notify(t("group.remove_recorded", code=person.label), severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                changed = without_member(group, person.key)
                self.run_save(lambda: self.repo.update(changed), lambda _: self.reload())

        self.app.push_screen(
            ConfirmDialog(
                t("group.remove.title"),
                t("group.remove.text", code=person.label, group=group.name),
                danger=True,
            ),
            answered,
        )

    def action_summary(self) -> None:
        from .group_summary import AttendanceSummaryScreen

        if self.group is not None:
            self.app.push_screen(AttendanceSummaryScreen(self.group))

    def action_edit(self) -> None:
        if self.group is not None:
            self.app.push_screen(GroupFormScreen(self.group))
