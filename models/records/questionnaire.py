"""One administration of a scored questionnaire (PHQ-9, GAD-7, ...), kept with its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .base import Problem, Record, limit, not_before, not_future, require


@dataclass(kw_only=True)
class Administration(Record):
    TABLE = "administrations"

    client_id: int
    instrument: str  # the id of a definition in models/instruments/
    date: dt.date | None = None
    answers: list[int] = field(default_factory=list)
    total: int = 0  # computed by models.instruments.score, stored for reports
    band: str = ""
    flagged: bool = False  # a safety item was answered above 0
    follow_up_on: dt.date | None = None
    follow_up_note: str = ""

    def validate(self, today: dt.date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "date", "x" if self.date else "")
        not_future(problems, "date", self.date, today)
        not_future(problems, "follow_up_on", self.follow_up_on, today)
        not_before(problems, "follow_up_on", self.follow_up_on, self.date)
        if self.follow_up_on is not None:
            require(problems, "follow_up_note", self.follow_up_note)
        limit(problems, "follow_up_note", self.follow_up_note, 5000)
        return problems

    @property
    def needs_follow_up(self) -> bool:
        return self.flagged and self.follow_up_on is None
