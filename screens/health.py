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
    Problem,
    ViralLoad,
    ViralLoadTest,
)
from tui.i18n import format_date, label, t
from tui.widgets.form import (
    CheckField,
    ChoiceField,
    DateField,
    IntField,
    TextField,
    read_form,
)

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
            client_id=self.client.id or 0
        )
        self.picture = picture
        regimen, test = picture.regimen, picture.viral_load
        # Examples as placeholders, not hints under the fields: a dozen fields must
        # appear the moment `b` is pressed, and every hint is one more widget to draw.
        yield TextField(
            "art_start",
            "health.art_start",
            format_when(picture.art_start),
            placeholder_key="health.month.placeholder",
        )
        if regimen is not None or test is not None:  # something that may need correcting
            yield CheckField(
                "correct", "health.correct", "health.correct.check", hint_key="health.correct.hint"
            )
        yield TextField(
            "regimen",
            "health.regimen",
            regimen.name if regimen else "",
            placeholder_key="health.regimen.placeholder",
        )
        yield TextField(
            "regimen_since",
            "health.regimen_since",
            format_when(regimen.since) if regimen else "",
            placeholder_key="health.month.placeholder",
        )
        yield TextField(
            "regimen_reason", "health.regimen_reason", regimen.reason if regimen else ""
        )
        yield TextField(
            "clinic", "health.clinic", picture.clinic, placeholder_key="health.clinic.placeholder"
        )
        yield DateField(
            "next_pickup", "health.next_pickup", picture.next_pickup, today=today, ahead=True
        )
        yield IntField(
            "missed_doses",
            "health.missed_doses",
            picture.missed_doses,
            placeholder_key="health.missed_doses.placeholder",
        )
        yield ChoiceField("adherence", "health.adherence", list(Adherence), picture.adherence)
        yield DateField("adherence_on", "health.adherence_on", picture.adherence_on, today=today)
        yield DateField("vl_on", "health.vl_on", test.on if test else None, today=today)
        yield ChoiceField(
            "vl_result",
            "health.vl_result",
            list(ViralLoad),
            test.result if test else ViralLoad.NOT_RECORDED,
        )
        yield TextField(
            "vl_value",
            "health.vl_value",
            test.value if test else "",
            placeholder_key="health.vl_value.hint",
        )
        yield Static(health_history(picture), classes="form-intro")

    def _regimen_changed(self, values: dict[str, Any]) -> bool:
        assert self.picture is not None
        current = self.picture.regimen
        name = values["regimen"].strip()
        return bool(name) and (
            current is None or current.name.strip().casefold() != name.casefold()
        )

    def _new_test(self, values: dict[str, Any]) -> bool:
        assert self.picture is not None
        return (
            values["vl_on"] is not None
            and not values.get("correct")
            and all(test.on != values["vl_on"] for test in self.picture.viral_loads)
        )

    def form_problems(self, values: dict[str, Any]) -> list[Problem]:
        """What the fields say together: a new regimen needs its own start (the one in
        the field is the previous regimen's), and a start, reason, result or lab value
        needs the regimen or test it belongs to."""
        assert self.picture is not None
        problems: list[Problem] = []
        current, correct = self.picture.regimen, bool(values.get("correct"))
        if (
            not correct
            and current is not None
            and self._regimen_changed(values)
            and values["regimen_since"] == format_when(current.since)
        ):
            problems.append(Problem("regimen_since", "problem.new_regimen_since"))
        if (
            not values["regimen"]
            and (values["regimen_since"] or values["regimen_reason"])
            and not (correct and current is not None)
        ):
            problems.append(Problem("regimen", "problem.regimen_needed"))
        typed_result = values["vl_result"] is not ViralLoad.NOT_RECORDED or values["vl_value"]
        if values["vl_on"] is None and typed_result and not correct:
            problems.append(Problem("vl_on", "problem.test_date_needed"))
        return problems

    def build_record(self, values: dict[str, Any]) -> HealthPicture:
        assert self.picture is not None
        today = self.repo.today()
        correct = bool(values.get("correct"))
        reason = values["regimen_reason"]
        current = self.picture.regimen
        if (
            not correct
            and current is not None
            and self._regimen_changed(values)
            and reason == current.reason
        ):
            reason = ""  # the previous change's reason, still in the field
        picture = self.picture.with_regimen(
            values["regimen"],
            normalise_when(values["regimen_since"], today) if values["regimen_since"] else "",
            reason,
            correct=correct,
        )
        latest = self.picture.viral_load
        test = (
            None
            if values["vl_on"] is None
            else ViralLoadTest(
                on=values["vl_on"], result=values["vl_result"], value=values["vl_value"]
            )
        )
        if correct and latest is not None:  # the latest test was typed wrong
            picture = picture.with_viral_load(test, replacing=latest.on)
        elif test is not None:  # a result may still be awaited: NOT_RECORDED
            picture = picture.with_viral_load(test)
        return replace(
            picture,
            art_start=normalise_when(values["art_start"], today) if values["art_start"] else "",
            clinic=values["clinic"],
            next_pickup=values["next_pickup"],
            missed_doses=values["missed_doses"],
            adherence=values["adherence"],
            adherence_on=values["adherence_on"],
        )

    def confirmation(self, record: HealthPicture) -> tuple[str, str] | None:
        """A test on a new date starts with the previous test's result in the field: ask
        before storing it unchanged, so an old result is never copied onto a new test."""
        assert self.picture is not None
        values = read_form(self)[0]
        before = self.picture.viral_load  # the test the result fields were filled from
        if before is None or not self._new_test(values):
            return None
        after = next(test for test in record.viral_loads if test.on == values["vl_on"])
        if (after.result, after.value) != (before.result, before.value):
            return None
        return t("health.same_result.title"), t(
            "health.same_result.text",
            date=format_date(after.on),
            result=label(after.result) + (f" ({after.value})" if after.value else ""),
            previous=format_date(before.on),
        )

    def persist(self, record: HealthPicture) -> HealthPicture:
        return self.repo.save_health(record)

    def after_save(self, record: HealthPicture) -> None:
        self.notify(t("health.saved", code=self.client.code), timeout=3)
        self.dismiss(record)
