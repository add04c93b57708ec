"""The Bio-Psycho-Social-Spiritual assessment: one per date; the latest is current.

The list shows every assessment, newest first, with the selected one in full below;
`n` starts a reassessment from the current one's text, Enter edits the selected one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from documents.casework import ASSESSMENT_FINDINGS, assessment_markdown
from models.records import (
    Assessment,
    BioSection,
    Client,
    PsychoSection,
    SocialSection,
    SpiritualSection,
    Treatment,
)
from tui.i18n import format_date, t
from tui.rendering import app_rendering
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.form import AreaField, ChoiceField, DateField, IntField, TextField
from tui.widgets.markdown_view import MarkdownView

from .form import FormScreen
from .list_screen import ListScreen


class AssessmentFormScreen(FormScreen[Assessment]):
    HELP_KEY = "assessment.help"

    def __init__(
        self,
        client: Client,
        assessment: Assessment | None = None,
        start_from: Assessment | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.assessment = assessment
        self.start_from = start_from

    def title_text(self) -> str:
        return t("assessment.title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        today = self.repo.today()
        a = self.assessment or (
            replace(self.start_from, id=None, date=today)
            if self.start_from
            else Assessment(client_id=self.client.id or 0, date=today)
        )
        if self.start_from and not self.assessment:
            yield Static(
                t("assessment.reassessing", date=format_date(self.start_from.date)),
                classes="form-intro",
            )
        yield DateField(
            "date",
            "assessment.date",
            a.date,
            today=today,
            required=True,
            suggested=self.assessment is None,
        )
        yield Static(t("assessment.section.bio"), classes="section-title")
        yield AreaField("bio.text", "assessment.text", a.bio.text)
        yield IntField("bio.diagnosed_year", "assessment.bio.diagnosed_year", a.bio.diagnosed_year)
        yield ChoiceField(
            "bio.treatment", "assessment.bio.treatment", list(Treatment), a.bio.treatment
        )
        yield TextField(
            "bio.health_service",
            "assessment.bio.health_service",
            a.bio.health_service,
            hint_key="assessment.bio.health_service.hint",
        )
        yield TextField(
            "bio.other_conditions", "assessment.bio.other_conditions", a.bio.other_conditions
        )
        yield Static(t("assessment.section.psycho"), classes="section-title")
        yield AreaField(
            "psycho.text", "assessment.text", a.psycho.text, hint_key="assessment.psycho.hint"
        )
        yield TextField("psycho.mood", "assessment.psycho.mood", a.psycho.mood)
        yield TextField("psycho.coping", "assessment.psycho.coping", a.psycho.coping)
        yield Static(t("assessment.section.social"), classes="section-title")
        yield AreaField("social.text", "assessment.text", a.social.text)
        yield TextField(
            "social.living_situation",
            "assessment.social.living_situation",
            a.social.living_situation,
        )
        yield TextField("social.work", "assessment.social.work", a.social.work)
        yield TextField("social.support", "assessment.social.support", a.social.support)
        yield Static(t("assessment.section.spiritual"), classes="section-title")
        yield AreaField("spiritual.text", "assessment.text", a.spiritual.text)
        yield TextField("spiritual.beliefs", "assessment.spiritual.beliefs", a.spiritual.beliefs)
        yield TextField(
            "spiritual.community", "assessment.spiritual.community", a.spiritual.community
        )
        yield TextField("spiritual.meaning", "assessment.spiritual.meaning", a.spiritual.meaning)
        yield Static(t("assessment.section.findings"), classes="section-title")
        yield AreaField("problem_statement", "assessment.problem_statement", a.problem_statement)
        yield AreaField("causes", "assessment.causes", a.causes)
        yield AreaField(
            "strengths", "assessment.strengths", a.strengths, hint_key="assessment.list_hint"
        )
        yield AreaField("needs", "assessment.needs", a.needs, hint_key="assessment.list_hint")

    def build_record(self, values: dict[str, Any]) -> Assessment:
        def section(name: str) -> dict[str, Any]:
            prefix = f"{name}."
            return {
                key[len(prefix) :]: value for key, value in values.items() if key.startswith(prefix)
            }

        base = self.assessment or Assessment(client_id=self.client.id or 0)
        return replace(
            base,
            date=values["date"],
            bio=BioSection(**section("bio")),
            psycho=PsychoSection(**section("psycho")),
            social=SocialSection(**section("social")),
            spiritual=SpiritualSection(**section("spiritual")),
            **{name: values[name] for name in ASSESSMENT_FINDINGS},
        )

    def persist(self, record: Assessment) -> Assessment:
        return self.repo.add(record) if record.id is None else self.repo.update(record)

    def after_save(self, record: Assessment) -> None:
        self.notify(t("assessment.saved", date=format_date(record.date)), timeout=3)
        self.dismiss(record)


class AssessmentListScreen(ListScreen[None]):
    HELP_KEY = "assessment.list.help"
    DEFAULT_CSS = """
    AssessmentListScreen #assessments { height: auto; max-height: 7; }
    AssessmentListScreen #assessment-preview { height: 1fr; padding: 0 1; }
    AssessmentListScreen #assessment-empty { padding: 1 2; color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("n", "new", "key.new_assessment", id="assessment.new"),
        Binding("enter", "edit", "key.edit", id="assessment.edit"),
    ]

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.assessments: list[Assessment] = []

    def compose(self) -> ComposeResult:
        yield from screen_top(t("assessment.list.title", code=self.client.code))
        yield Static(t("assessment.none"), id="assessment-empty")
        yield DataTable(id="assessments", cursor_type="row", classes="sensitive")
        with VerticalScroll(id="assessment-preview", classes="sensitive"):
            yield MarkdownView()
        yield from screen_bottom()

    def columns(self) -> list[str]:
        return [t("overview.col.date"), t("assessment.problem_statement")]

    def reload(self) -> None:
        self.assessments = self.repo.assessments_of(self.client.id or 0)
        table = self.query_one(DataTable)
        table.clear()
        for index, assessment in enumerate(self.assessments):
            current = " ★" if index == 0 else ""
            first = (assessment.problem_statement.splitlines() or [""])[0]
            table.add_row(format_date(assessment.date) + current, first[:50], key=str(index))
        self.query_one("#assessment-empty").display = not self.assessments
        if self.assessments:
            self.query_one(MarkdownView).show(
                assessment_markdown(self.assessments[0], app_rendering())
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            chosen = self.assessments[int(event.row_key.value)]
            self.query_one(MarkdownView).show(assessment_markdown(chosen, app_rendering()))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_new(self) -> None:
        latest = self.assessments[0] if self.assessments else None
        self.app.push_screen(AssessmentFormScreen(self.client, start_from=latest))

    def action_edit(self) -> None:
        table = self.query_one(DataTable)
        if not self.assessments:
            self.action_new()
            return
        self.app.push_screen(AssessmentFormScreen(self.client, self.assessments[table.cursor_row]))
