"""The worker's own reflective writing, kept apart from the clinical record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .base import MAX_LONG, Problem, Record, limit, not_future, require


@dataclass(kw_only=True)
class Reflection(Record):
    TABLE = "reflections"

    date: dt.date | None = None
    title: str = ""
    body: str = ""
    client_id: int | None = None
    note_id: int | None = None
    group_session_id: int | None = None

    def validate(self, today: dt.date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "date", "x" if self.date else "")
        not_future(problems, "date", self.date, today)
        require(problems, "body", self.body)
        limit(problems, "title", self.title)
        limit(problems, "body", self.body, MAX_LONG)
        return problems
