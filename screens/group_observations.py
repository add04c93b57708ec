"""How each participant took part in a group session: one observation per person present
or late. The list on the left rates engagement with the number keys; the fields on the
right (emotions expressed, support given and received, a note) follow the person under
the cursor, and Tab moves between the list and the fields.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static, TextArea

from models.groups import Participant, client_codes, is_blank, roster, took_part
from models.records import Group, GroupSession, Observation
from models.repository import RecordInvalid
from tui.i18n import label, t
from tui.widgets.attendance import SYMBOLS
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.engagement import EngagementList, engagement_text, scale_text
from tui.widgets.form import AreaField, Field, TextField, read_form, show_problems
from tui.widgets.status import SaveStatus

from .group_session import session_title
from .session_part import SessionPartScreen

TEXT_FIELDS = ("emotions", "support_given", "support_received", "note")


class ObservationsScreen(SessionPartScreen[GroupSession | None]):
    HELP_KEY = "observations.help"
    DEFAULT_CSS = """
    ObservationsScreen #obs-body { height: 1fr; }
    ObservationsScreen #obs-left { width: 26; height: 1fr; border-right: vkey $panel; }
    ObservationsScreen #obs-hint { height: auto; padding: 0 1; color: $text-muted; }
    ObservationsScreen #obs-list { height: 1fr; }
    ObservationsScreen #obs-scale { height: auto; padding: 0 1; color: $text-muted; }
    ObservationsScreen #obs-right { width: 1fr; height: 1fr; padding: 0 1; }
    ObservationsScreen #obs-who {
        height: auto; margin-bottom: 1; text-style: bold; background: $boost; padding: 0 1;
    }
    ObservationsScreen #obs-empty { height: auto; padding: 1 2; color: $text-muted; }
    ObservationsScreen Field { grid-columns: 20 1fr; }
    ObservationsScreen Field .field-label { width: 20; }
    ObservationsScreen Field .field-error, ObservationsScreen Field .field-hint {
        padding-left: 20;
    }
    """

    def __init__(self, group: Group, session: GroupSession) -> None:
        super().__init__(group, session)
        self.people: list[Participant] = []
        self.drafts: dict[str, Observation] = {}
        self._shown: str | None = None
        self._initial: list[Observation] = []

    def compose(self) -> ComposeResult:
        day = self.session.date or self.repo.today()
        self.people = took_part(
            self.session, roster(self.group, day, client_codes(self.repo), self.session)
        )
        self.drafts = {
            p.key: self.session.observation(p.key) or Observation(member=p.key) for p in self.people
        }
        ratings = {key: o.engagement for key, o in self.drafts.items()}
        yield from screen_top(
            t("observations.title", session=session_title(self.group, self.session))
        )
        if not self.people:
            yield Static(t("observations.nobody"), id="obs-empty")
        with Horizontal(id="obs-body", classes="sensitive"):
            with Vertical(id="obs-left"):
                yield Static(t("observations.keys"), id="obs-hint")
                with VerticalScroll(id="obs-list", can_focus=False):
                    yield EngagementList(self.people, self.session.attendance, ratings)
                yield Static(scale_text().replace(" · ", "\n"), id="obs-scale")
            with VerticalScroll(id="obs-right", can_focus=False):
                yield Static("", id="obs-who")
                yield TextField(
                    "emotions",
                    "observation.emotions",
                    placeholder_key="observation.emotions.placeholder",
                )
                yield TextField("support_given", "observation.support_given")
                yield TextField("support_received", "observation.support_received")
                yield AreaField("note", "observation.note")
        yield SaveStatus(classes="status-bar")
        yield from screen_bottom()

    @property
    def engagement(self) -> EngagementList:
        return self.query_one(EngagementList)

    def on_mount(self) -> None:
        self.query_one("#obs-body").display = bool(self.people)
        if self.people:
            self.show(self.people[0])
            self.engagement.focus()
        self._initial = self.observations()

    # -- the person under the cursor -----------------------------------------------------

    def keep_fields(self) -> None:
        """Put what is typed for the person shown back into their draft."""
        if self._shown is None:
            return
        values, _ = read_form(self.query_one("#obs-right"))
        self.drafts[self._shown] = replace(
            self.drafts[self._shown], **{name: values[name] for name in TEXT_FIELDS}
        )

    def show(self, person: Participant) -> None:
        self.keep_fields()
        draft = self.drafts[person.key]
        for field in self.query_one("#obs-right").query(Field):
            value = getattr(draft, field.field_name)
            control = field.control
            if isinstance(control, TextArea):
                control.text = value
            elif isinstance(control, Input):
                control.value = value
        self._shown = person.key
        self.show_who()

    def show_who(self) -> None:
        person = self.engagement.current
        if person is None:
            return
        status = self.session.attendance.get(person.key)
        who = person.label
        if status is not None:
            who += f" · {SYMBOLS[status]} {label(status)}"
        who += " · " + t(
            "session.engagement", rating=engagement_text(self.engagement.ratings.get(person.key))
        )
        self.query_one("#obs-who", Static).update(t("observations.about", who=who))

    @on(EngagementList.Moved)
    def _moved(self) -> None:
        person = self.engagement.current
        if person is not None and person.key != self._shown:
            self.show(person)

    @on(EngagementList.Rated)
    def _rated(self) -> None:
        self.show_who()

    # -- saving --------------------------------------------------------------------------

    def observations(self) -> list[Observation]:
        """Everyone's observation as it stands, in roster order; untouched ones left out."""
        self.keep_fields()
        found = []
        for person in self.people:
            observation = replace(
                self.drafts[person.key], engagement=self.engagement.ratings.get(person.key)
            )
            if not is_blank(observation):
                found.append(observation)
        return found

    @property
    def is_dirty(self) -> bool:
        return bool(self.people) and self.observations() != self._initial

    def action_save(self) -> None:
        if self.saves_in_flight or not self.people:
            return
        observations = self.observations()
        session = replace(self.session, observations=observations)
        problems = session.validate(self.repo.today())
        if problems:
            show_problems(self, problems)
            return
        self.run_save(lambda: self.repo.update(session), self._saved, on_invalid=self._invalid)

    def _saved(self, session: GroupSession) -> None:
        self.session = session
        self._initial = self.observations()
        self.notify(t("observations.saved", count=len(session.observations)), timeout=3)
        self.dismiss(session)

    def _invalid(self, error: RecordInvalid) -> None:
        show_problems(self, error.problems)

    def action_back(self) -> None:
        self.leave_unless_unsaved(self.is_dirty, "observations.discard")
