"""What each participant wrote or shared in a group session: their journal entries.

The list on the left holds those who took part; the fields on the right (what the
session asked them to write about, what they wrote or chose to share, the page itself,
and whether it goes into their collection) follow the person under the cursor, as on the
observations screen. These are the participant's words; the worker's view of them stays
in the observations, which never reach anything handed to the client.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Static, TextArea

from models.groups import Participant, client_codes, roster, took_part
from models.records import Group, GroupSession, JournalEntry
from models.repository import RecordInvalid
from tui.i18n import t
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.form import AreaField, CheckField, Field, TextField, read_form, show_problems
from tui.widgets.roster import RosterList
from tui.widgets.status import SaveStatus

from .group_session import session_title
from .session_part import SessionPartScreen

FIELDS = ("prompt", "text", "page", "in_collection")


class WriterList(RosterList):
    """Those who took part, each marked once something of theirs is written."""

    def __init__(self, people: list[Participant], written: set[str], **kwargs: object) -> None:
        super().__init__(people, **kwargs)
        self.written = written

    def row_text(self, index: int, person: Participant) -> Text:
        mark = "✎" if person.key in self.written else " "
        return Text(person.label.ljust(self.label_width), style="bold") + Text(mark)


class JournalEntriesScreen(SessionPartScreen[None]):
    HELP_KEY = "journal_entry.help"
    AUTO_FOCUS = "WriterList"
    DEFAULT_CSS = """
    JournalEntriesScreen #je-body { height: 1fr; }
    JournalEntriesScreen #je-left { width: 22; height: 1fr; border-right: vkey $panel; }
    JournalEntriesScreen #je-hint { height: auto; padding: 0 1; color: $text-muted; }
    JournalEntriesScreen #je-right { width: 1fr; height: 1fr; padding: 0 1; }
    JournalEntriesScreen #je-who {
        height: auto; margin-bottom: 1; text-style: bold; background: $boost; padding: 0 1;
    }
    JournalEntriesScreen #je-empty { height: auto; padding: 1 2; color: $text-muted; }
    JournalEntriesScreen Field { grid-columns: 16 1fr; }
    JournalEntriesScreen Field .field-label { width: 16; }
    JournalEntriesScreen Field .field-error, JournalEntriesScreen Field .field-hint {
        padding-left: 16;
    }
    """

    def __init__(self, group: Group, session: GroupSession) -> None:
        super().__init__(group, session)
        self.people: list[Participant] = []
        self.drafts: dict[str, JournalEntry] = {}
        self._initial: dict[str, JournalEntry] = {}
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        day = self.session.date or self.repo.today()
        self.people = took_part(
            self.session, roster(self.group, day, client_codes(self.repo), self.session)
        )
        stored = self.repo.journal_entries_of_session(self.session.id or 0)
        self.drafts = {p.key: stored.get(p.key) or self.blank(p) for p in self.people}
        self._initial = dict(self.drafts)
        yield from screen_top(
            t("journal_entry.title", session=session_title(self.group, self.session))
        )
        if not self.people:
            yield Static(t("observations.nobody"), id="je-empty")
        with Horizontal(id="je-body", classes="sensitive"):
            with Vertical(id="je-left"):
                yield Static(t("journal_entry.keys"), id="je-hint")
                yield WriterList(self.people, {k for k, e in self.drafts.items() if not e.is_blank})
            with VerticalScroll(id="je-right", can_focus=False):
                yield Static("", id="je-who")
                yield TextField("prompt", "journal_entry.prompt")
                yield AreaField("text", "journal_entry.text", hint_key="journal_entry.text.hint")
                yield TextField(
                    "page", "journal_entry.page", placeholder_key="journal_entry.page.placeholder"
                )
                yield CheckField(
                    "in_collection", "journal_entry.collection_label", "journal_entry.in_collection"
                )
        yield SaveStatus(classes="status-bar")
        yield from screen_bottom()

    def blank(self, person: Participant) -> JournalEntry:
        return JournalEntry(
            member=person.key,
            client_id=person.member.client_id,
            group_session_id=self.session.id,
            date=self.session.date,
            prompt=self.session.topic,
        )

    @property
    def writers(self) -> WriterList:
        return self.query_one(WriterList)

    def on_mount(self) -> None:
        self.query_one("#je-body").display = bool(self.people)
        if self.people:
            self.show(self.people[0])

    # -- the person under the cursor -----------------------------------------------------

    def keep_fields(self) -> None:
        """Put what is typed for the person shown back into their draft."""
        if self._shown is None:
            return
        values, _ = read_form(self.query_one("#je-right"))
        draft = replace(self.drafts[self._shown], **{name: values[name] for name in FIELDS})
        self.drafts[self._shown] = draft
        written = self.writers.written
        (written.discard if draft.is_blank else written.add)(self._shown)
        self.writers.refresh()

    def show(self, person: Participant) -> None:
        self.keep_fields()
        draft = self.drafts[person.key]
        for field in self.query_one("#je-right").query(Field):
            value: Any = getattr(draft, field.field_name)
            control = field.control
            if isinstance(control, TextArea):
                control.text = value
            elif isinstance(control, Input):
                control.value = value
            elif isinstance(control, Checkbox):
                control.value = bool(value)
        self._shown = person.key
        self.query_one("#je-who", Static).update(t("journal_entry.about", who=person.label))

    @on(RosterList.Moved)
    def _moved(self) -> None:
        person = self.writers.current
        if person is not None and person.key != self._shown:
            self.show(person)

    # -- saving --------------------------------------------------------------------------

    def entries(self) -> list[JournalEntry]:
        self.keep_fields()
        return [self.drafts[p.key] for p in self.people]

    @property
    def is_dirty(self) -> bool:
        return bool(self.people) and any(
            entry != self._initial[entry.member] for entry in self.entries()
        )

    def action_save(self) -> None:
        if self.saves_in_flight or not self.people:
            return
        entries = [e for e in self.entries() if e != self._initial[e.member]]
        today = self.repo.today()
        for entry in entries:
            if not entry.is_blank and (problems := entry.validate(today)):
                self.writers.cursor = next(
                    i for i, p in enumerate(self.people) if p.key == entry.member
                )
                show_problems(self, problems)
                return
        self.run_save(
            lambda: self.repo.save_journal_entries(entries), self._saved, on_invalid=self._invalid
        )

    def _saved(self, kept: list[JournalEntry]) -> None:
        self.notify(t("journal_entry.saved", count=len(kept)), timeout=3)
        self.dismiss(None)

    def _invalid(self, error: RecordInvalid) -> None:
        show_problems(self, error.problems)

    def action_back(self) -> None:
        self.leave_unless_unsaved(self.is_dirty, "journal_entry.discard")
