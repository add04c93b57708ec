"""The client's health picture: treatment, adherence, the last viral-load test, the
clinic and the next pick-up of ARV. One form, every field optional; a new regimen or a
test on a new date joins the history kept in the record, shown under the form.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from models.dates import format_when
from models.records import (
    Adherence,
    Client,
    HealthPicture,
    ViralLoad,
    ViralLoadTest,
)
from tui.i18n import format_date, label, t
from tui.widgets.form import ChoiceField, DateField, IntField, TextField

from .form import FormScreen
from .history import normalise_when


def health_history(picture: HealthPicture) -> Text:
    """Earlier regimens and tests, newest first, under the form."""
    text = Text()
    earlier = picture.regimens[:-1]
    if earlier:
        text.append(t("health.earlier_regimens"), style="bold")
        for regimen in reversed(earlier):
            reason = f": {regimen.reason}" if regimen.reason else ""
            since = format_when(regimen.since) or "—"
            text.append(f"\n  {since}  {regimen.name}{reason}")
    tests = picture.viral_loads[:-1]
    if tests:
        if text:
            text.append("\n")
        text.append(t("health.earlier_tests"), style="bold")
        for test in reversed(tests):
            value = f" ({test.value})" if test.value else ""
            text.append(f"\n  {format_date(test.on)}  {label(test.result)}{value}")
    return text


class HealthFormScreen(FormScreen[HealthPicture]):
    HELP_KEY = "health.help"
    INTRO_KEY = "health.intro"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.picture: HealthPicture | None = None

    def title_text(self) -> str:
        return t("health.title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        today = self.repo.today()
        picture = self.repo.health_of(self.client.id or 0) or HealthPicture(
            client_id=self.client.id or 0)
        self.picture = picture
        regimen, test = picture.regimen, picture.viral_load
        yield TextField("art_start", "health.art_start", format_when(picture.art_start),
                        hint_key="health.month.hint")
        yield TextField("regimen", "health.regimen", regimen.name if regimen else "",
                        hint_key="health.regimen.hint")
        yield TextField("regimen_since", "health.regimen_since",
                        format_when(regimen.since) if regimen else "",
                        hint_key="health.month.hint")
        yield TextField("regimen_reason", "health.regimen_reason",
                        regimen.reason if regimen else "")
        yield TextField("clinic", "health.clinic", picture.clinic,
                        hint_key="health.clinic.hint")
        yield DateField("next_pickup", "health.next_pickup", picture.next_pickup, today=today,
                        ahead=True)
        yield IntField("missed_doses", "health.missed_doses", picture.missed_doses,
                       hint_key="health.missed_doses.hint")
        yield ChoiceField("adherence", "health.adherence", list(Adherence), picture.adherence)
        yield DateField("adherence_on", "health.adherence_on", picture.adherence_on,
                        today=today)
        yield DateField("vl_on", "health.vl_on", test.on if test else None, today=today)
        yield ChoiceField("vl_result", "health.vl_result", list(ViralLoad),
                          test.result if test else ViralLoad.NOT_RECORDED)
        yield TextField("vl_value", "health.vl_value", test.value if test else "",
                        hint_key="health.vl_value.hint")
        yield Static(health_history(picture), classes="form-intro")

    def build_record(self, values: dict[str, Any]) -> HealthPicture:
        assert self.picture is not None
        today = self.repo.today()
        picture = self.picture.with_regimen(
            values["regimen"], normalise_when(values["regimen_since"], today) if values[
                "regimen_since"] else "", values["regimen_reason"])
        if values["vl_on"] is not None:  # a result may still be awaited: NOT_RECORDED
            picture = picture.with_viral_load(ViralLoadTest(
                on=values["vl_on"], result=values["vl_result"], value=values["vl_value"]))
        return replace(
            picture,
            art_start=normalise_when(values["art_start"], today) if values["art_start"] else "",
            clinic=values["clinic"], next_pickup=values["next_pickup"],
            missed_doses=values["missed_doses"], adherence=values["adherence"],
            adherence_on=values["adherence_on"])

    def confirmation(self, record: HealthPicture) -> tuple[str, str] | None:
        """A test on a new date starts with the previous test's result in the field: ask
        before storing it unchanged, so an old result is never copied onto a new test."""
        assert self.picture is not None
        before, after = self.picture.viral_load, record.viral_load
        if (before is None or after is None or after.on == before.on
                or any(t.on == after.on for t in self.picture.viral_loads)):
            return None
        if (after.result, after.value) != (before.result, before.value):
            return None
        return t("health.same_result.title"), t(
            "health.same_result.text", date=format_date(after.on),
            result=label(after.result) + (f" ({after.value})" if after.value else ""),
            previous=format_date(before.on))

    def persist(self, record: HealthPicture) -> HealthPicture:
        return self.repo.save_health(record)

    def after_save(self, record: HealthPicture) -> None:
        self.notify(t("health.saved", code=self.client.code), timeout=3)
        self.dismiss(record)
