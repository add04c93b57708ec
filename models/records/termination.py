"""The end of a case: why, what changed, and what happens next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .base import MAX_LONG, Choice, Problem, Record, limit, not_future, require


class TerminationReason(Choice):
    GOALS_MET = "goals_met"
    CLIENT_CHOICE = "client_choice"
    REFERRED = "referred"
    LOST_CONTACT = "lost_contact"
    MOVED = "moved"
    DIED = "died"
    OTHER = "other"


@dataclass(kw_only=True)
class Termination(Record):
    TABLE = "terminations"

    client_id: int
    date: dt.date | None = None
    reason: TerminationReason = TerminationReason.GOALS_MET
    reason_detail: str = ""
    changes: str = ""
    goals_outcome: str = ""
    follow_up: str = ""
    handed_over: str = ""
    joint_reflection: str = ""

    def validate(self, today: dt.date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "date", "x" if self.date else "")
        not_future(problems, "date", self.date, today)
        require(problems, "changes", self.changes)
        if self.reason is TerminationReason.OTHER:
            require(problems, "reason_detail", self.reason_detail)
        for name in (
            "changes",
            "goals_outcome",
            "follow_up",
            "handed_over",
            "joint_reflection",
            "reason_detail",
        ):
            limit(problems, name, getattr(self, name), MAX_LONG)
        return problems
