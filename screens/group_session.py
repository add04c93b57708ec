"""A group session: its form (date, topic, activity, materials, the facilitator's
reflection) and its page (everything recorded about it, in one scroll).

A new session goes on from its form to the attendance grid, and from there to the
observations of those who took part, so one session is recorded in one pass. An
existing one is opened on its page: `e` edits the form, `a` takes attendance again,
`o` the observations, `d` deletes it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from models.groups import Participant, attendance_complete, client_codes, roster, sessions_of
from models.records import Group, GroupSession, Reflection
from models.snippets import first_meaningful_line
from tui.i18n import format_date, label, t
from tui.widgets.attendance import STYLES, SYMBOLS, counts_text
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.engagement import engagement_text
from tui.widgets.form import AreaField, DateField, TextField
from tui.widgets.markdown_view import MarkdownView
from tui.widgets.status import SaveStatus

from .base import BaseScreen
from .form import FormScreen


def session_title(group: Group, session: GroupSession) -> str:
    return t("session.title", group=group.name, date=format_date(session.date))


class GroupSessionFormScreen(FormScreen[GroupSession]):
    HELP_KEY = "session_form.help"

    def __init__(self, group: Group, session: GroupSession | None = None) -> None:
        super().__init__()
        self.group = group
        self.session = session

    def title_text(self) -> str:
        if self.session is None:
            return t("session_form.title_new", group=self.group.name)
        return t(
            "session_form.title_edit", group=self.group.name, date=format_date(self.session.date)
        )

    def draft(self) -> GroupSession:
        if self.session is not None:
            return self.session
        # A group's materials rarely change between sessions: start from the last list.
        earlier = sessions_of(self.repo, self.group.id or 0)
        materials = earlier[-1].materials if earlier else ""
        return GroupSession(
            group_id=self.group.id or 0, date=self.repo.today(), materials=materials
        )

    def compose_fields(self) -> ComposeResult:
        s = self.draft()
        today = self.repo.today()
        yield DateField(
            "date",
            "session_form.date",
            s.date,
            today=today,
            required=True,
            suggested=self.session is None,
        )
        yield TextField(
            "topic",
            "session_form.topic",
            s.topic,
            required=True,
            placeholder_key="session_form.topic.placeholder",
        )
        yield AreaField(
            "activity", "session_form.activity", s.activity, hint_key="session_form.activity.hint"
        )
        yield TextField(
            "materials",
            "session_form.materials",
            s.materials,
            placeholder_key="session_form.materials.placeholder",
        )
        yield AreaField(
            "reflection",
            "session_form.reflection",
            s.reflection,
            tall=True,
            hint_key="session_form.reflection.hint",
        )

    def build_record(self, values: dict[str, Any]) -> GroupSession:
        return replace(
            self.draft(),
            date=values["date"],
            topic=values["topic"],
            activity=values["activity"],
            materials=values["materials"],
            reflection=values["reflection"],
        )

    def persist(self, record: GroupSession) -> GroupSession:
        return self.repo.add(record) if record.id is None else self.repo.update(record)

    def after_save(self, record: GroupSession) -> None:
        from .group_attendance import AttendanceScreen

        self.notify(t("session_form.saved", topic=record.topic), timeout=3)
        people = roster(
            self.group, record.date or self.repo.today(), client_codes(self.repo), record
        )
        if self.session is None or not attendance_complete(record, people):
            # Straight on to attendance: a new session (or one with a new date) needs it.
            self.app.switch_screen(AttendanceScreen(self.group, record))
        else:
            self.dismiss(record)


class GroupSessionScreen(BaseScreen[None]):
    HELP_KEY = "session.help"
    DEFAULT_CSS = """
    GroupSessionScreen #session-body { height: 1fr; padding: 0 1; }
    GroupSessionScreen #session-body > Static { height: auto; }
    GroupSessionScreen #session-reflection { height: auto; margin: 0; padding: 0; }
    """
    BINDINGS = [
        Binding("e", "edit", "key.edit_session", id="session.edit"),
        Binding("a", "attendance", "key.attendance", id="session.attendance"),
        Binding("o", "observations", "key.observations", id="session.observations"),
        Binding("j", "journal", "key.journal_entries", id="session.journal"),
        Binding("r", "reflect", "key.new_reflection", id="session.reflect"),
        Binding("d", "delete", "key.delete", id="session.delete", show=False),
    ]

    def __init__(self, group: Group, session_id: int) -> None:
        super().__init__()
        self.group = group
        self.session_id = session_id
        self.session: GroupSession | None = None
        self.people: list[Participant] = []

    def compose(self) -> ComposeResult:
        yield from screen_top("", id="session-title")
        with VerticalScroll(id="session-body", classes="sensitive"):
            yield Static("", id="session-about")
            yield Label(t("session.attendance"), classes="section-title")
            yield Static("", id="session-attendance")
            yield Label(t("session.observations"), classes="section-title")
            yield Static("", id="session-observations")
            yield Label(t("session.reflection"), classes="section-title")
            yield MarkdownView(id="session-reflection")
            yield Label(t("session.worker_reflections"), classes="section-title")
            yield Static("", id="session-worker-reflections")
        yield SaveStatus(classes="status-bar")
        yield from screen_bottom()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#session-body").focus()

    def on_return(self) -> None:
        self.reload()

    def reload(self) -> None:
        session = self.repo.find(GroupSession, self.session_id)
        group = self.repo.find(Group, self.group.id or 0)
        if session is None or group is None:  # deleted meanwhile
            self.dismiss()
            return
        self.session, self.group = session, group
        self.people = roster(
            group, session.date or self.repo.today(), client_codes(self.repo), session
        )
        self.query_one("#session-title", Label).update(session_title(group, session))
        self.query_one("#session-about", Static).update(self.about_text(session))
        self.query_one("#session-attendance", Static).update(self.attendance_text(session))
        self.query_one("#session-observations", Static).update(self.observations_text(session))
        self.query_one(MarkdownView).show(session.reflection or t("session.no_reflection"))
        # The worker's own reflections on this session: apart from the record above.
        mine = self.repo.records(Reflection, group_session_id=self.session_id)
        self.query_one("#session-worker-reflections", Static).update(
            "\n".join(
                f"{format_date(r.date)} · {r.title or first_meaningful_line(r.body, 50)}"
                for r in mine
            )
            or t("session.no_worker_reflections")
        )

    def action_reflect(self) -> None:
        from .reflections import ReflectionFormScreen

        self.app.push_screen(ReflectionFormScreen(None, group_session_id=self.session_id))

    def about_text(self, session: GroupSession) -> Text:
        text = Text()
        text.append(format_date(session.date, "full") + "\n", style="dim")
        text.append(session.topic, style="bold")
        for key, value in (
            ("session_form.activity", session.activity),
            ("session_form.materials", session.materials),
        ):
            if value:
                text.append(f"\n{t(key)}: ", style="bold")
                text.append(value)
        return text

    def attendance_text(self, session: GroupSession) -> Text:
        if not self.people:
            return Text(t("session.no_roster"), style="dim")
        entries: list[Text] = []
        for person in self.people:
            status = session.attendance.get(person.key)
            if status is None:
                entries.append(Text(f"? {person.label} {t('attendance.unmarked')}", style="dim"))
            else:
                entry = Text(f"{SYMBOLS[status]} {person.label}", style=STYLES[status])
                entries.append(entry.append(f" {label(status).lower()}", style="dim"))
        # In columns, so one person's mark never wraps onto the next line.
        width = max(e.cell_len for e in entries) + 3
        per_line = max(1, ((self.size.width or 80) - 2) // width)  # inside the padding
        text = Text()
        for index, entry in enumerate(entries):
            if index and index % per_line == 0:
                text.append("\n")
            entry.pad_right(width - entry.cell_len)
            text.append_text(entry)
        marks = {p.key: session.attendance.get(p.key) for p in self.people}
        text.append("\n" + counts_text(marks), style="dim")
        return text

    def observations_text(self, session: GroupSession) -> Text:
        labels = {p.key: p.label for p in self.people}
        if not session.observations:
            return Text(t("session.no_observations"), style="dim")
        text = Text()
        for observation in session.observations:
            if text:
                text.append("\n")
            text.append(labels.get(observation.member, observation.member), style="bold")
            text.append(
                " · " + t("session.engagement", rating=engagement_text(observation.engagement))
            )
            for key, value in (
                ("observation.emotions", observation.emotions),
                ("observation.support_given", observation.support_given),
                ("observation.support_received", observation.support_received),
                ("observation.note", observation.note),
            ):
                if value:
                    text.append(f"\n  {t(key)}: ", style="dim")
                    text.append(value)
        return text

    # -- actions -----------------------------------------------------------------------

    def action_edit(self) -> None:
        if self.session is not None:
            self.app.push_screen(GroupSessionFormScreen(self.group, self.session))

    def action_attendance(self) -> None:
        from .group_attendance import AttendanceScreen

        if self.session is not None:
            self.app.push_screen(AttendanceScreen(self.group, self.session))

    def action_observations(self) -> None:
        from .group_observations import ObservationsScreen

        if self.session is not None:
            self.app.push_screen(ObservationsScreen(self.group, self.session))

    def action_journal(self) -> None:
        from .group_journal import JournalEntriesScreen

        if self.session is not None:
            self.app.push_screen(JournalEntriesScreen(self.group, self.session))

    def action_delete(self) -> None:
        session = self.session
        if session is None:
            return

        def deleted(_: None) -> None:
            self.dismiss(None)

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_save(lambda: self.repo.delete(GroupSession, self.session_id), deleted)

        self.app.push_screen(
            ConfirmDialog(
                t("session.delete.title"),
                t("session.delete.text", topic=session.topic, date=format_date(session.date)),
                danger=True,
            ),
            answered,
        )
