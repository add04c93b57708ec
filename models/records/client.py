"""The client, and the phase their case is in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .base import Choice, Problem, Record, in_range, limit, not_future, require


class Phase(Choice):
    """The four phases of a case (Skidmore, Thackeray & Farley), then closed."""

    STUDY = "study"
    ASSESSMENT = "assessment"
    INTERVENTION = "intervention"
    TERMINATION = "termination"
    CLOSED = "closed"

    @property
    def next(self) -> Phase | None:
        order = list(Phase)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None

    @property
    def is_open(self) -> bool:
        return self is not Phase.CLOSED


WORKING_PHASES = (Phase.STUDY, Phase.ASSESSMENT, Phase.INTERVENTION, Phase.TERMINATION)


class Gender(Choice):
    UNSPECIFIED = "unspecified"
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class ConsentForm(Choice):
    """How the client gave informed consent."""

    NOT_RECORDED = "not_recorded"
    VERBAL = "verbal"
    WRITTEN = "written"
    BOTH = "both"


@dataclass
class PhaseChange:
    """One move of the case between phases; reopening a closed case needs a reason."""

    to_phase: Phase
    on: date
    from_phase: Phase | None = None
    reason: str = ""


CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")


@dataclass(kw_only=True)
class Client(Record):
    TABLE = "clients"

    code: str
    full_name: str = ""  # sensitive: never shown in lists
    birth_year: int | None = None
    gender: Gender = Gender.UNSPECIFIED
    occupation: str = ""
    contact: str = ""
    referral_source: str = ""
    first_contact: date | None = None
    consent_given: bool = False
    consent_date: date | None = None
    consent_scope: str = ""
    consent_form: ConsentForm = ConsentForm.NOT_RECORDED
    consent_withdrawn_on: date | None = None  # the client took their consent back
    consent_withdrawal_note: str = ""
    phase: Phase = Phase.STUDY
    phase_history: list[PhaseChange] = field(default_factory=list)

    def normalized(self) -> Client:
        return replace(self, code=self.code.strip())

    def conflict_scope(self) -> dict[str, Any]:
        return {}  # every client: a code names one client

    def conflicts(self, others: Sequence[Client]) -> list[Problem]:
        code = self.code.strip().upper()
        if any(other.id != self.id and other.code.strip().upper() == code for other in others):
            return [Problem("code", "problem.code_taken", {"code": self.code.strip()})]
        return []

    def validate(self, today: date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "code", self.code)
        if self.code.strip() and not CODE_PATTERN.match(self.code.strip()):
            problems.append(Problem("code", "problem.code_format"))
        for name in ("full_name", "occupation", "contact", "referral_source", "consent_scope"):
            limit(problems, name, getattr(self, name))
        in_range(problems, "birth_year", self.birth_year, 1900, today.year)
        require(problems, "first_contact", "x" if self.first_contact else "")
        not_future(problems, "first_contact", self.first_contact, today)
        if self.consent_given:
            if self.consent_date is None:
                problems.append(Problem("consent_date", "problem.consent_date_needed"))
            require(problems, "consent_scope", self.consent_scope)
        not_future(problems, "consent_date", self.consent_date, today)
        limit(problems, "consent_withdrawal_note", self.consent_withdrawal_note, 1000)
        not_future(problems, "consent_withdrawn_on", self.consent_withdrawn_on, today)
        if self.consent_withdrawn_on is not None:
            if not self.consent_given:
                problems.append(Problem("consent_withdrawn_on", "problem.consent_not_given"))
            elif self.consent_date and self.consent_withdrawn_on < self.consent_date:
                problems.append(
                    Problem(
                        "consent_withdrawn_on",
                        "problem.date_before",
                        {"date": self.consent_date.isoformat()},
                    )
                )
        return problems

    @property
    def has_consent(self) -> bool:
        """Consent given and not withdrawn: what the work with the client rests on."""
        return self.consent_given and self.consent_withdrawn_on is None

    def age_on(self, day: date) -> int | None:
        return None if self.birth_year is None else day.year - self.birth_year
