"""The client's case at a glance: phase, what each phase has and lacks, alerts, and a
timeline of every entry, newest first. Moving to the next phase, reopening a closed case
and deleting the client are deliberate, confirmed actions.
"""

from __future__ import annotations

import importlib
from datetime import date

from rich.text import Text
from textual import on
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region, Spacing
from textual.widgets import DataTable, Label, Static

from models.casefile import DUE_SOON_DAYS, CaseFacts, case_facts, checklist, missing_now
from models.dates import format_when, parse_iso
from models.erasure import Erasure
from models.instruments import instruments
from models.records import (
    WORKING_PHASES,
    Adherence,
    Client,
    HealthPicture,
    Phase,
    SessionNote,
    ViralLoad,
)
from models.timeline import TimelineEntry, case_timeline
from tui.charts import scores_chart
from tui.i18n import format_date, label, long_label, t
from tui.widgets.attendance import client_attendance_text
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import (
    DatedConfirmDialog,
    MessageDialog,
    ReasonDialog,
    TypeToConfirmDialog,
)
from tui.widgets.phase_line import PhaseLine
from tui.widgets.questionnaire import localized
from tui.widgets.status import StatusLine

from .base import BaseScreen
from .plan import status_mark


def entry_text(entry: TimelineEntry) -> str:
    """What happened, in a few words, for one line of the timeline."""
    detail = entry.detail or {}
    if entry.kind == "phase":
        text = "→ " + label(Phase(entry.title))
        return f"{text}: {detail['reason']}" if detail.get("reason") else text
    if entry.kind == "administration":
        flag = " ⚑" if detail.get("flagged") else ""
        instrument = instruments().get(entry.title)
        if instrument is None:  # an instrument this version no longer defines
            return f"{entry.title}: {detail.get('total')}{flag}"
        band = localized(instrument.band_for(int(detail.get("total") or 0)).text)
        return f"{localized(instrument.name)}: {detail.get('total')} ({band}){flag}"
    if entry.kind == "group_session":
        # Attendance and engagement first: the topic is the part that may be cut.
        parts = []
        if detail.get("attendance"):
            parts.append(t(f"choice.attendance.{detail['attendance']}"))
        if detail.get("engagement"):
            parts.append(t("timeline.engagement", rating=detail["engagement"]))
        parts += [entry.title, detail.get("group", "")]
        return " · ".join(p for p in parts if p)
    if entry.kind == "plan":
        return t("timeline.plan_goals", count=entry.title)
    if entry.kind == "termination":
        return t(f"choice.termination_reason.{entry.title}")
    return entry.title


def consent_alert(client: Client) -> Text:
    """The work rests on informed consent: say when there is none, or it was withdrawn."""
    if client.consent_withdrawn_on is not None:
        return Text(
            t("overview.alert.consent_withdrawn", date=format_date(client.consent_withdrawn_on))
            + "\n",
            style="bold red",
        )
    if not client.consent_given:
        return Text(t("overview.alert.no_consent") + "\n", style="bold yellow")
    return Text()


def pickup_alert(health: HealthPicture, today: date) -> Text:
    days = health.pickup_due(today, DUE_SOON_DAYS)
    if days is None or health.next_pickup is None:
        return Text()
    when = format_date(health.next_pickup, "full")
    if days < 0:
        return Text(t("overview.alert.pickup_late", date=when) + "\n", style="bold yellow")
    return Text(t("overview.alert.pickup_due", date=when) + "\n")


def health_text(health: HealthPicture | None, phase: Phase, today: date) -> Text:
    """The health picture in one or two lines: treatment, clinic, viral load, adherence;
    or, while assessing and intervening, which key records it."""
    if not phase.is_open:
        return Text()
    if health is None or health.is_empty:
        if phase in (Phase.ASSESSMENT, Phase.INTERVENTION):
            return Text(t("overview.health.none"), style="dim")
        return Text()
    parts = []
    if health.art_start or health.regimen:
        regimen = ""
        if health.regimen is not None:  # the current one, and since when if it changed
            regimen = (
                f"({health.regimen.name})"
                if not health.regimen.since or len(health.regimens) == 1
                else "("
                + t(
                    "overview.health.regimen",
                    name=health.regimen.name,
                    since=format_when(health.regimen.since),
                )
                + ")"
            )
        since = format_when(health.art_start) if health.art_start else ""
        parts.append(
            " ".join(
                p
                for p in (
                    t("overview.health.art", since=since) if since else t("overview.health.art_on"),
                    regimen,
                )
                if p
            )
        )
    if health.clinic:
        parts.append(health.clinic)
    test = health.viral_load
    if test is not None:
        parts.append(t("overview.health.vl", date=format_date(test.on), result=label(test.result)))
    if health.missed_doses is not None:
        parts.append(t("overview.health.missed", count=health.missed_doses))
    elif health.adherence is not Adherence.NOT_RATED:
        parts.append(t("overview.health.adherence", rating=label(health.adherence)))
    if health.next_pickup is not None and health.pickup_due(today, DUE_SOON_DAYS) is None:
        # (a near or missed pick-up is among the alerts instead)
        parts.append(t("overview.health.pickup", date=format_date(health.next_pickup)))
    text = Text(t("overview.health") + ": ", style="bold")
    text.append(" · ".join(parts) + " (b)")
    if test is not None and test.result is ViralLoad.NOT_SUPPRESSED:
        text.stylize("yellow", len(t("overview.health")) + 2)
    return text


# What the footer offers in each phase: the keys for the work of that phase. Every key
# works in every phase; the help screen and the command palette list them all.
PHASE_KEYS: dict[Phase, frozenset[str]] = {
    Phase.STUDY: frozenset({"edit", "contract", "next_phase"}),
    Phase.ASSESSMENT: frozenset({"assessments", "scores", "history", "ecomap", "next_phase"}),
    Phase.INTERVENTION: frozenset({"plan", "notes", "reflections", "next_phase"}),
    Phase.TERMINATION: frozenset({"termination", "scores", "report"}),
    Phase.CLOSED: frozenset({"reopen", "report", "journal"}),
}
CASE_ACTIONS = frozenset().union(*PHASE_KEYS.values())

# What each of the overview's keys opens for the client: (module in screens/, class).
# Loaded when first opened, so the overview appears without importing every screen.
CLIENT_SCREENS: dict[str, tuple[str, str]] = {
    "edit": ("client_form", "ClientFormScreen"),
    "contract": ("contract", "ContractScreen"),
    "assessments": ("assessment", "AssessmentListScreen"),
    "scores": ("questionnaire", "ScoresScreen"),
    "history": ("history", "LifeEventsScreen"),
    "ecomap": ("history", "EcomapScreen"),
    "health": ("health", "HealthFormScreen"),
    "plan": ("plan", "PlanScreen"),
    "notes": ("notes", "NotesScreen"),
    "journal_entries": ("client_journal", "ClientJournalScreen"),
    "reflections": ("reflections", "ReflectionsScreen"),
    "termination": ("termination", "TerminationScreen"),
    "report": ("report", "ReportScreen"),
    "journal": ("journal", "JournalScreen"),
    "client_data": ("report", "ClientDataScreen"),
    "transfer": ("transfer", "CaseExportScreen"),
}
# Where Enter on a timeline entry of each kind goes (the others open their record).
ENTRY_SCREENS = {
    "first_contact": "edit",
    "assessment": "assessments",
    "administration": "scores",
    "plan": "plan",
    "reflection": "reflections",
    "termination": "termination",
}


def key_name(action: str) -> str:
    """The name PHASE_KEYS knows an action by: `open('notes')` is "notes"."""
    _, name, parameters = parse_action(action)
    return str(parameters[0]) if name == "open" and parameters else name


class ClientOverviewScreen(BaseScreen[None]):
    HELP_KEY = "overview.help"
    AUTO_FOCUS = ""  # on_mount focuses the timeline without scrolling the case's top away

    DEFAULT_CSS = """
    ClientOverviewScreen #overview { height: 1fr; padding: 0 1; }
    ClientOverviewScreen #overview-about { color: $text-muted; height: auto; }
    ClientOverviewScreen #overview-checklist { height: auto; margin-top: 1; }
    ClientOverviewScreen #overview-alerts { height: auto; margin-top: 1; }
    ClientOverviewScreen #overview-scores { height: auto; }
    ClientOverviewScreen #overview-health { height: auto; margin-bottom: 1; }
    ClientOverviewScreen #overview-intervention { height: auto; }
    ClientOverviewScreen #timeline { height: auto; }
    """

    BINDINGS = [
        Binding("e", "open('edit')", "key.edit_client", id="overview.edit"),
        Binding("k", "open('contract')", "key.contract", id="overview.contract"),
        Binding("a", "open('assessments')", "key.assessment", id="overview.assessment"),
        Binding("s", "open('scores')", "key.scores", id="overview.scores"),
        Binding("h", "open('history')", "key.history_map", id="overview.history"),
        Binding("m", "open('ecomap')", "key.ecomap", id="overview.ecomap"),
        # Not in the footer (it is full): the overview's health line names the key.
        Binding("b", "open('health')", "key.health", id="overview.health", show=False),
        Binding("l", "open('plan')", "key.plan", id="overview.plan"),
        Binding("n", "open('notes')", "key.notes", id="overview.notes"),
        Binding("r", "open('reflections')", "key.reflections", id="overview.reflections"),
        Binding("t", "open('termination')", "key.termination", id="overview.termination"),
        Binding("x", "open('transfer')", "key.transfer", id="overview.transfer", show=False),
        Binding("c", "open('report')", "key.case_report", id="overview.report"),
        Binding("j", "open('journal')", "key.journal", id="overview.journal"),
        Binding(
            "w",
            "open('journal_entries')",
            "key.journal_entries",
            id="overview.journal_entries",
            show=False,
        ),
        Binding(
            "u", "open('client_data')", "key.client_data", id="overview.client_data", show=False
        ),
        Binding("p", "next_phase", "key.next_phase", id="overview.next_phase"),
        Binding("o", "reopen", "key.reopen", id="overview.reopen", show=False),
        Binding("d", "delete", "key.delete_client", id="overview.delete", show=False),
    ]

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.client: Client | None = None
        self.facts: CaseFacts | None = None
        self.entries: list[TimelineEntry] = []

    def compose(self) -> ComposeResult:
        yield from screen_top("", id="overview-title")
        with VerticalScroll(id="overview", classes="sensitive") as overview:
            yield PhaseLine()
            yield Static("", id="overview-about")
            yield Static("", id="overview-checklist")
            yield Static("", id="overview-alerts")
            yield Static("", id="overview-health")
            yield Static("", id="overview-scores")
            yield Static("", id="overview-intervention")
            yield Label(t("overview.timeline"), classes="section-title")
            yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
        yield StatusLine(scroll=overview)
        yield from screen_bottom()

    def on_mount(self) -> None:
        table = self.query_one("#timeline", DataTable)
        table.add_columns(t("overview.col.date"), t("overview.col.kind"), t("overview.col.what"))
        self.refresh_case()
        table.focus(scroll_visible=False)  # the case's top (phase, alerts) stays in view

    def on_return(self) -> None:
        self.refresh_case()

    # -- what is shown ---------------------------------------------------------------

    def refresh_case(self) -> None:
        client = self.repo.find(Client, self.client_id)
        if client is None:  # deleted meanwhile
            self.dismiss()
            return
        self.client = client
        self.facts = case_facts(self.repo, client_id=self.client_id)[0]
        self.entries = case_timeline(self.repo, self.client_id)
        self.query_one("#overview-title", Label).update(
            t("overview.title", code=client.code, phase=long_label(client.phase))
        )
        self.query_one(PhaseLine).phase = client.phase
        self.query_one("#overview-about", Static).update(self.about_text(client))
        self.query_one("#overview-checklist", Static).update(self.checklist_text())
        health = self.repo.health_of(self.client_id)
        self.query_one("#overview-alerts", Static).update(self.alerts_text(health))
        shown_health = health_text(health, client.phase, self.repo.today())
        health_line = self.query_one("#overview-health", Static)
        health_line.update(shown_health)
        health_line.display = bool(shown_health)
        self.query_one("#overview-scores", Static).update(self.scores_text())
        self.query_one("#overview-intervention", Static).update(self.intervention_text())
        self.fill_timeline()
        self.refresh_bindings()  # the footer offers this phase's keys

    def shows_key(self, binding: Binding) -> bool:
        name = key_name(binding.action)
        if name not in CASE_ACTIONS or self.client is None:
            return True
        return name in PHASE_KEYS[self.client.phase]

    def about_text(self, client: Client) -> str:
        parts = []
        if client.full_name:
            parts.append(client.full_name)
        age = client.age_on(self.repo.today())
        if age is not None:
            parts.append(t("overview.age", age=age))
        if client.occupation:
            parts.append(client.occupation)
        if client.referral_source:
            parts.append(t("overview.referred", source=client.referral_source))
        return " · ".join(parts)

    def checklist_text(self) -> Text:
        assert self.facts is not None
        text = Text()
        for phase, items in checklist(self.facts).items():
            if text:
                text.append("\n")
            style = "bold" if phase is self.facts.client.phase else ""
            text.append(f"{label(phase)}: ", style=style)
            for item in items:
                mark, item_style = ("✓", "green") if item.done else ("✗", "red")
                text.append(f"{mark} {t(f'checklist.{item.key}')}  ", style=item_style)
        return text

    def alerts_text(self, health: HealthPicture | None) -> Text:
        assert self.facts is not None
        facts = self.facts
        text = Text()
        if not facts.client.phase.is_open:  # a closed case has nothing due
            return text
        text.append_text(consent_alert(facts.client))
        if health is not None:
            text.append_text(pickup_alert(health, self.repo.today()))
        if facts.unresolved_flags:
            text.append(
                t("overview.alert.flag", count=facts.unresolved_flags) + "\n", style="bold red"
            )
        if facts.overdue_actions:
            text.append(
                t("overview.alert.overdue", count=facts.overdue_actions) + "\n", style="bold yellow"
            )
        if facts.due_actions:
            text.append(t("overview.alert.due", count=facts.due_actions) + "\n")
        plan = self.repo.plan_of(self.client_id)
        if plan is not None:
            today = self.repo.today()
            for _goal, action in plan.due_actions(today, DUE_SOON_DAYS)[:3]:
                late = action.due is not None and action.due < today
                text.append(
                    f"  {'!' if late else '•'} {action.what} "
                    f"({label(action.responsible)}, {format_date(action.due)})\n",
                    style="yellow" if late else "",
                )
        if facts.next_meeting:
            text.append(
                t("overview.next_meeting", date=format_date(facts.next_meeting, "full")) + "\n"
            )
        missing = missing_now(facts)
        if missing and facts.client.phase.is_open:
            names = ", ".join(t(f"checklist.{key}") for key in missing)
            text.append(t("overview.missing", phase=label(facts.client.phase), items=names))
        return text

    def scores_text(self) -> Text:
        administrations = self.repo.administrations_of(self.client_id)
        if not administrations:
            return Text()
        lines = [
            scores_chart(instrument, [a for a in administrations if a.instrument == instrument.id])
            for instrument in instruments().values()
        ]
        return Text("\n").join([Text(t("overview.scores"), style="bold"), *lines])

    def intervention_text(self) -> Text:
        """The plan, notes, group participation and reflections, one line each."""
        text = Text()
        plan = self.repo.plan_of(self.client_id)
        if plan is not None and plan.goals:
            text.append(t("overview.plan") + ": ", style="bold")
            text.append(" · ".join(f"{status_mark(g.status)} {g.title}" for g in plan.goals))
            text.append("\n")
        notes = self.repo.notes_of(self.client_id)
        if notes:
            text.append(t("overview.notes") + ": ", style="bold")
            text.append(
                t("overview.notes_summary", count=len(notes), last=format_date(notes[0].date))
                + "\n"
            )
        groups = client_attendance_text(self.repo, self.client_id)
        if groups:
            text.append(t("overview.groups") + ": ", style="bold")
            text.append(groups + "\n")
        reflections = self.repo.reflections_of(self.client_id)
        if reflections:
            text.append(t("overview.reflections") + ": ", style="bold")
            text.append(
                t(
                    "overview.reflections_summary",
                    count=len(reflections),
                    last=format_date(reflections[0].date),
                )
            )
        if text:
            text = Text("\n") + text
        return text

    def fill_timeline(self) -> None:
        table = self.query_one("#timeline", DataTable)
        table.clear()
        for index, entry in enumerate(self.entries):
            table.add_row(
                format_date(entry.on),
                t(f"timeline.kind.{entry.kind}"),
                entry_text(entry)[:50],
                key=str(index),
            )
        if not self.entries:
            table.add_row("", "", t("overview.timeline_empty"))

    # -- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.client is None:
            return True
        if action == "next_phase":
            return self.client.phase in WORKING_PHASES[:-1]
        if action == "reopen":
            return self.client.phase is Phase.CLOSED
        return True

    def action_open(self, what: str) -> None:
        """Open the screen CLIENT_SCREENS names for this client."""
        module, name = CLIENT_SCREENS[what]
        screen = getattr(importlib.import_module(f"screens.{module}"), name)
        if self.client is not None:
            self.app.push_screen(screen(self.client))

    def open_group_session(self, session_id: int) -> None:
        from models.records import Group, GroupSession

        from .group_session import GroupSessionScreen

        session = self.repo.find(GroupSession, session_id)
        group = self.repo.find(Group, session.group_id) if session else None
        if group is not None:
            self.app.push_screen(GroupSessionScreen(group, session_id))

    def action_next_phase(self) -> None:
        client, facts = self.client, self.facts
        if client is None or facts is None or client.phase.next is None:
            return
        target = client.phase.next
        missing = missing_now(facts)
        message = t("overview.move.text", code=client.code, phase=long_label(target))
        if missing:
            message += "\n\n" + t(
                "overview.move.missing",
                phase=long_label(client.phase),
                items=", ".join(t(f"checklist.{k}") for k in missing),
            )

        # The day it happened, for a case entered after the fact: never before the last move.
        earliest = client.phase_history[-1].on if client.phase_history else None

        def answered(day: date | None) -> None:
            if day is not None:
                self.run_save(
                    lambda: self.repo.move_phase(self.client_id, target, on=day),
                    lambda _: self.refresh_case(),
                )

        self.app.push_screen(
            DatedConfirmDialog(
                t("overview.move.title"), message, today=self.repo.today(), earliest=earliest
            ),
            answered,
        )

    def action_reopen(self) -> None:
        client = self.client
        if client is None or client.phase is not Phase.CLOSED:
            return
        before = next(
            (
                c.from_phase
                for c in reversed(client.phase_history)
                if c.to_phase is Phase.CLOSED and c.from_phase
            ),
            Phase.INTERVENTION,
        )

        def answered(result: tuple[object, str] | None) -> None:
            if result is None:
                return
            phase, reason = result
            assert isinstance(phase, Phase)
            self.run_save(
                lambda: self.repo.move_phase(self.client_id, phase, reason=reason),
                lambda _: self.refresh_case(),
            )

        self.app.push_screen(
            ReasonDialog(
                t("overview.reopen.title", code=client.code),
                t("overview.reopen.text"),
                choices=[(long_label(p), p) for p in WORKING_PHASES],
                default=before,
            ),
            answered,
        )

    def action_delete(self) -> None:
        client = self.client
        if client is None:
            return

        session = self.pendamping.session
        assert session is not None

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_save(lambda: session.erase_client(self.client_id), self._erased)

        self.app.push_screen(
            TypeToConfirmDialog(
                t("overview.delete.title", code=client.code),
                t("overview.delete.text", code=client.code),
                client.code,
            ),
            answered,
        )

    def _erased(self, erased: Erasure) -> None:
        """Say what was erased, and what Pendamping could not reach: earlier backups,
        and text elsewhere that names the code."""
        lines = [t("erasure.done", code=erased.code, count=erased.generations)]
        if erased.removed:
            lines.append(t("erasure.removed", count=len(erased.removed)))
        last = self.pendamping.last_backup()
        lines.append(
            t("erasure.backups", code=erased.code, date=format_date(last))
            if last
            else t("erasure.no_backups")
        )
        if erased.mentions:
            lines.append(t("erasure.mentions", code=erased.code))
            lines += [
                f"• {t(f'table.{m.table}')} {format_date(parse_iso(m.day))}: {m.excerpt}"
                for m in erased.mentions
            ]
        self.dismiss()
        self.app.push_screen(
            MessageDialog(
                t("erasure.title", code=erased.code),
                "\n\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]),
            )
        )

    @on(DataTable.RowHighlighted, "#timeline")
    def follow_cursor(self, event: DataTable.RowHighlighted) -> None:
        """Keep the timeline's cursor in view: the table is as tall as its rows, so it is
        the overview around it that scrolls (Down, Page Down and End move the cursor)."""
        overview = self.query_one("#overview", VerticalScroll)
        if event.cursor_row == 0:  # the first entry (as the case opens): the case's top
            overview.scroll_home(animate=False)
            return
        table = event.data_table
        row = table.virtual_region.y + 1 + event.cursor_row  # under the header
        overview.scroll_to_region(Region(0, row, 1, 1), animate=False, spacing=Spacing(1, 0, 1, 0))

    @on(DataTable.RowSelected, "#timeline")
    def open_entry(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is None or not self.entries or self.client is None:
            return
        entry = self.entries[int(event.row_key.value)]
        if entry.kind in ENTRY_SCREENS:
            self.action_open(ENTRY_SCREENS[entry.kind])
        elif entry.kind == "contract":
            from .contract import ContractHistoryScreen

            self.app.push_screen(ContractHistoryScreen(self.client))
        elif entry.kind == "note" and entry.record_id is not None:
            from .notes import NoteEditorScreen

            note = self.repo.find(SessionNote, entry.record_id)
            if note is not None:
                self.app.push_screen(NoteEditorScreen(self.client, note))
        elif entry.kind == "group_session" and entry.record_id is not None:
            self.open_group_session(entry.record_id)
