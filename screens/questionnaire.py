"""Scored questionnaires: give one (number keys), see every administration, and record
the safety follow-up of a flagged answer.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from models.dates import parse_date
from models.instruments import Instrument, instruments
from models.records import Administration, Client
from tui.bindings import bind, translate_bindings
from tui.charts import scores_chart
from tui.i18n import format_date, t
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.questionnaire import ItemList, localized
from tui.widgets.status import SaveStatus, StatusLine
from tui.widgets.text_input import TextInput

from .base import BaseScreen


def safety_text(instrument: Instrument) -> str:
    return "⚑ " + localized(instrument.safety_message)


class QuestionnaireScreen(BaseScreen[Administration | None]):
    HELP_KEY = "questionnaire.help"
    DEFAULT_CSS = """
    QuestionnaireScreen #q-top { height: 1; padding: 0 1; }
    QuestionnaireScreen #q-date-label { width: auto; padding-right: 1; color: $text-muted; }
    QuestionnaireScreen #q-date { width: 16; background: $boost; }
    QuestionnaireScreen #q-total { width: 1fr; content-align: right middle; text-style: bold; }
    QuestionnaireScreen #q-prompt { padding: 0 1; color: $text-muted; height: auto; }
    QuestionnaireScreen #q-flag {
        display: none; height: auto; padding: 0 1; background: $error; color: $text;
        text-style: bold;
    }
    QuestionnaireScreen.-flagged #q-flag { display: block; }
    QuestionnaireScreen #q-scroll { height: 1fr; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save"),
        Binding("v", "toggle_view", "key.one_at_a_time", id="questionnaire.view"),
    ]
    AUTO_FOCUS = "ItemList"  # answers first: the date above is today unless changed

    def __init__(self, client: Client, instrument: Instrument) -> None:
        super().__init__()
        self.client = client
        self.instrument = instrument

    def compose(self) -> ComposeResult:
        yield from screen_top(
            t("questionnaire.title", code=self.client.code, name=localized(self.instrument.title))
        )
        with Horizontal(id="q-top", classes="sensitive"):
            yield Label(t("questionnaire.date"), id="q-date-label")
            yield TextInput(format_date(self.repo.today(), "short"), id="q-date", compact=True)
            yield Static("", id="q-total")
        yield Static(
            localized(self.instrument.prompt) + " " + t("questionnaire.keys"),
            id="q-prompt",
            classes="sensitive",
        )
        yield Static(safety_text(self.instrument), id="q-flag")
        with VerticalScroll(id="q-scroll", classes="sensitive", can_focus=False) as scroll:
            yield ItemList(self.instrument)
        yield StatusLine("", scroll)
        yield from screen_bottom()

    def on_mount(self) -> None:
        self.query_one(ItemList).focus()
        self.show_total()

    @property
    def items(self) -> ItemList:
        return self.query_one(ItemList)

    def show_total(self) -> None:
        answers = self.items.answers
        given = [a for a in answers if a is not None]
        total = sum(given)
        text = t(
            "questionnaire.total",
            total=total,
            max=self.instrument.max_total,
            answered=len(given),
            items=len(answers),
        )
        if self.items.complete:
            text += " · " + localized(self.instrument.band_for(total).text)
        self.query_one("#q-total", Static).update(text)
        # The warning is a banner of the screen itself, above the items: a notice too
        # would say it twice and take the lines the items need.
        flagged = any((answers[i - 1] or 0) > 0 for i in self.instrument.safety_items)
        self.set_class(flagged, "-flagged")

    @on(ItemList.Answered)
    def _answered(self) -> None:
        self.show_total()

    def action_toggle_view(self) -> None:
        self.items.one_at_a_time = not self.items.one_at_a_time

    def action_save(self) -> None:
        day = parse_date(self.query_one("#q-date", Input).value, self.repo.today())
        if day is None or day > self.repo.today():
            self.notify(
                t("problem.date_format") if day is None else t("problem.future_date"),
                severity="error",
            )
            self.query_one("#q-date", Input).focus()
            return
        if not self.items.complete:
            missing = self.items.answers.index(None)
            self.items.cursor = missing
            self.items.focus()
            self.notify(t("questionnaire.incomplete", number=missing + 1), severity="warning")
            return
        answers = [int(a) for a in self.items.answers if a is not None]
        client_id, instrument_id = self.client.id or 0, self.instrument.id
        self.run_save(
            lambda: self.repo.record_administration(client_id, instrument_id, day, answers),
            self._saved,
        )

    def _saved(self, administration: Administration) -> None:
        self.notify(
            t(
                "questionnaire.saved",
                name=localized(self.instrument.name),
                total=administration.total,
            ),
            timeout=4,
        )
        self.dismiss(administration)


class FollowUpDialog(ModalScreen["tuple[date, str] | None"]):
    """When and how the safety procedure was followed for a flagged answer."""

    DEFAULT_CSS = """
    FollowUpDialog { align: center middle; }
    FollowUpDialog > VerticalScroll {
        width: 70; height: auto; max-height: 20; border: thick $error;
        background: $surface; padding: 1 2;
    }
    FollowUpDialog Input { margin-top: 1; }
    FollowUpDialog .dialog-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "key.back", show=False, id="dialog.no")]

    def __init__(self, today: date) -> None:
        super().__init__()
        translate_bindings(self)
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            yield Label(t("followup.title"), classes="section-title")
            yield Static(t("followup.text"))
            yield TextInput(format_date(self.today, "short"), id="followup-date")
            yield TextInput(placeholder=t("followup.note"), id="followup-note")
            yield Static("", classes="dialog-error")

    def on_mount(self) -> None:
        self.query_one("#followup-date", Input).focus()  # first field first, always

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        day = parse_date(self.query_one("#followup-date", Input).value, self.today)
        note = self.query_one("#followup-note", Input).value.strip()
        error = self.query_one(".dialog-error", Static)
        if day is None or day > self.today:
            error.update(t("problem.date_format") if day is None else t("problem.future_date"))
            self.query_one("#followup-date", Input).focus()
        elif not note:
            error.update(t("problem.required"))
            self.query_one("#followup-note", Input).focus()
        else:
            self.dismiss((day, note))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ScoresScreen(BaseScreen[None]):
    """Every administration of every instrument, with the scores over time."""

    HELP_KEY = "scores.help"
    DEFAULT_CSS = """
    ScoresScreen #scores-chart { height: auto; padding: 0 1; margin-bottom: 1; }
    ScoresScreen #scores { height: 1fr; }
    ScoresScreen #scores-detail { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("f", "follow_up", "key.follow_up", id="scores.follow_up"),
    ]

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.administrations: list[Administration] = []
        # One key per instrument (1: PHQ-9, 2: GAD-7, ...): a new file adds a key.
        for number, instrument in enumerate(instruments().values(), start=1):
            bind(
                self,
                str(number),
                f"give('{instrument.id}')",
                t("key.give", name=localized(instrument.name)),
            )

    def compose(self) -> ComposeResult:
        yield from screen_top(t("scores.title", code=self.client.code))
        yield Static("", id="scores-chart", classes="sensitive")
        yield DataTable(id="scores", cursor_type="row", classes="sensitive")
        yield Static("", id="scores-detail", classes="sensitive")
        yield SaveStatus(classes="status-bar")
        yield from screen_bottom()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(
            t("overview.col.date"),
            t("scores.col.instrument"),
            t("scores.col.total"),
            t("scores.col.band"),
            t("scores.col.safety"),
        )
        self.reload()
        table.focus()

    def on_return(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.administrations = self.repo.administrations_of(self.client.id or 0)
        chart = Text("\n").join(
            scores_chart(
                instrument, [a for a in self.administrations if a.instrument == instrument.id]
            )
            for instrument in instruments().values()
        )
        self.query_one("#scores-chart", Static).update(chart)
        table = self.query_one(DataTable)
        table.clear()
        for index, adm in enumerate(reversed(self.administrations)):
            instrument = instruments().get(adm.instrument)
            name = localized(instrument.name) if instrument else adm.instrument
            band = localized(instrument.band_for(adm.total).text) if instrument else adm.band
            safety = ""
            if adm.flagged:
                safety = (
                    t("scores.followed_up", date=format_date(adm.follow_up_on))
                    if adm.follow_up_on
                    else t("scores.needs_follow_up")
                )
            table.add_row(
                format_date(adm.date),
                name,
                str(adm.total),
                band,
                safety,
                key=str(len(self.administrations) - 1 - index),
            )
        if not self.administrations:
            self.query_one("#scores-detail", Static).update(t("scores.empty"))

    def selected(self) -> Administration | None:
        table = self.query_one(DataTable)
        if not self.administrations or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.administrations[int(key)] if key is not None else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        adm = self.selected()
        if adm is None:
            return
        detail = t("scores.answers", answers=" ".join(str(a) for a in adm.answers))
        if adm.follow_up_note:
            detail += "\n" + t("scores.follow_up_note", note=adm.follow_up_note)
        self.query_one("#scores-detail", Static).update(detail)

    def action_give(self, instrument_id: str) -> None:
        self.app.push_screen(QuestionnaireScreen(self.client, instruments()[instrument_id]))

    def action_follow_up(self) -> None:
        adm = self.selected()
        if adm is None or not adm.needs_follow_up:
            self.notify(t("scores.no_follow_up_needed"))
            return
        administration_id = adm.id or 0

        def answered(result: tuple[date, str] | None) -> None:
            if result is not None:
                on, note = result
                self.run_save(
                    lambda: self.repo.record_follow_up(administration_id, on, note),
                    lambda _: self.reload(),
                )

        self.app.push_screen(FollowUpDialog(self.repo.today()), answered)
