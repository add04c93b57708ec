"""The engagement contract: how worker and client agreed to work together.

A renegotiation is a new version of the contract; earlier versions stay, so the history
of what was agreed, and why it changed, is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .base import MAX_LONG, Choice, Problem, Record, in_range, limit, not_future, require


class Communication(Choice):
    IN_PERSON = "in_person"
    PHONE = "phone"
    MESSAGING = "messaging"
    VIDEO = "video"
    OTHER = "other"


TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


@dataclass(kw_only=True)
class Contract(Record):
    TABLE = "contracts"

    client_id: int
    version: int = 1
    agreed_on: date | None = None
    meeting_weekday: int | None = None  # 0 = Monday
    meeting_time: str = ""  # "HH:MM"
    interval_weeks: int = 1
    place: str = ""
    communication: Communication = Communication.IN_PERSON
    communication_notes: str = ""
    client_expectations: str = ""
    worker_expectations: str = ""
    renegotiation_reason: str = ""

    def validate(self, today: date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "agreed_on", "x" if self.agreed_on else "")
        not_future(problems, "agreed_on", self.agreed_on, today)
        in_range(problems, "meeting_weekday", self.meeting_weekday, 0, 6)
        in_range(problems, "interval_weeks", self.interval_weeks, 1, 12)
        if self.meeting_time and not TIME_PATTERN.match(self.meeting_time):
            problems.append(Problem("meeting_time", "problem.time_format"))
        require(problems, "client_expectations", self.client_expectations)
        require(problems, "worker_expectations", self.worker_expectations)
        limit(problems, "place", self.place)
        limit(problems, "communication_notes", self.communication_notes)
        for name in ("client_expectations", "worker_expectations"):
            limit(problems, name, getattr(self, name), MAX_LONG)
        if self.version > 1:
            require(problems, "renegotiation_reason", self.renegotiation_reason)
        return problems

    def next_meeting(self, today: date) -> date | None:
        """The first scheduled meeting on or after `today`, from the agreed rhythm."""
        if self.meeting_weekday is None or self.agreed_on is None:
            return None
        offset = (self.meeting_weekday - self.agreed_on.weekday()) % 7
        first = self.agreed_on + timedelta(days=offset)
        if first >= today:
            return first
        step = 7 * max(1, self.interval_weeks)
        periods = -(-(today - first).days // step)  # ceiling division
        return first + timedelta(days=periods * step)
