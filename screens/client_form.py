"""Client intake: who the client is, how they came, and what they consented to."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult

from models.records import Client, ConsentForm, Gender
from tui.i18n import t
from tui.widgets.form import AreaField, CheckField, ChoiceField, DateField, IntField, TextField

from .form import FormScreen

# A number this small in the birth-year field is an age: "40" means born 40 years ago.
MAX_AGE = 130


class ClientFormScreen(FormScreen[Client]):
    HELP_KEY = "intake.help"
    INTRO_KEY = "intake.intro"

    def __init__(self, client: Client | None = None) -> None:
        super().__init__()
        self.client = client

    def title_text(self) -> str:
        if self.client is None:
            return t("intake.title_new")
        return t("intake.title_edit", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        c = self.client or Client(code="", first_contact=self.repo.today())
        today = self.repo.today()
        yield TextField(
            "code", "intake.code", c.code, required=True, max_length=16, hint_key="intake.code.hint"
        )
        yield TextField(
            "full_name", "intake.full_name", c.full_name, hint_key="intake.full_name.hint"
        )
        yield IntField(
            "birth_year", "intake.birth_year", c.birth_year, hint_key="intake.birth_year.hint"
        )
        yield ChoiceField("gender", "intake.gender", list(Gender), c.gender)
        yield TextField("occupation", "intake.occupation", c.occupation)
        yield TextField("contact", "intake.contact", c.contact)
        yield TextField(
            "referral_source",
            "intake.referral_source",
            c.referral_source,
            placeholder_key="intake.referral_source.placeholder",
        )
        yield DateField(
            "first_contact",
            "intake.first_contact",
            c.first_contact,
            today=today,
            required=True,
            suggested=self.client is None,
        )
        yield CheckField(
            "consent_given", "intake.consent_given", "intake.consent_given.check", c.consent_given
        )
        yield ChoiceField("consent_form", "intake.consent_form", list(ConsentForm), c.consent_form)
        yield DateField("consent_date", "intake.consent_date", c.consent_date, today=today)
        yield AreaField(
            "consent_scope",
            "intake.consent_scope",
            c.consent_scope,
            hint_key="intake.consent_scope.hint",
        )
        if self.client is not None:  # a withdrawal is about consent already recorded
            yield DateField(
                "consent_withdrawn_on",
                "intake.consent_withdrawn_on",
                c.consent_withdrawn_on,
                today=today,
                hint_key="intake.consent_withdrawn_on.hint",
            )
            yield TextField(
                "consent_withdrawal_note",
                "intake.consent_withdrawal_note",
                c.consent_withdrawal_note,
            )

    def build_record(self, values: dict[str, Any]) -> Client:
        birth_year = values["birth_year"]
        if birth_year is not None and 0 < birth_year < MAX_AGE:
            birth_year = self.repo.today().year - birth_year
        base = self.client or Client(code="")
        return replace(
            base,
            code=values["code"],
            full_name=values["full_name"],
            birth_year=birth_year,
            gender=values["gender"],
            occupation=values["occupation"],
            contact=values["contact"],
            referral_source=values["referral_source"],
            first_contact=values["first_contact"],
            consent_given=values["consent_given"],
            consent_date=values["consent_date"],
            consent_scope=values["consent_scope"],
            consent_form=values["consent_form"],
            consent_withdrawn_on=values.get("consent_withdrawn_on", base.consent_withdrawn_on),
            consent_withdrawal_note=values.get(
                "consent_withdrawal_note", base.consent_withdrawal_note
            ),
        )

    def persist(self, record: Client) -> Client:
        return self.repo.add(record) if record.id is None else self.repo.update(record)

    def after_save(self, record: Client) -> None:
        self.notify(t("intake.saved", code=record.code), timeout=3)
        if self.client is None:
            from .client_overview import ClientOverviewScreen

            # The intake is done: show the new client's case instead of the form.
            self.app.switch_screen(ClientOverviewScreen(record.id or 0))
        else:
            self.dismiss(record)
