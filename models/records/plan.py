"""The intervention plan: goals agreed with the client, and the actions towards them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .base import Choice, Problem, Record, limit, not_future, require


class Status(Choice):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        return self in (Status.PLANNED, Status.IN_PROGRESS)


class Responsible(Choice):
    CLIENT = "client"
    WORKER = "worker"
    OTHER = "other"


@dataclass
class Action:
    what: str
    responsible: Responsible = Responsible.CLIENT
    responsible_name: str = ""  # who, when someone else is responsible
    due: date | None = None
    status: Status = Status.PLANNED
    reason: str = ""  # why it was dropped
    done_on: date | None = None

    def is_due(self, today: date, within_days: int = 0) -> bool:
        return (
            self.status.is_open and self.due is not None and (self.due - today).days <= within_days
        )


@dataclass
class Goal:
    title: str
    need: str = ""  # the assessed need this goal answers
    status: Status = Status.PLANNED
    reason: str = ""
    target_date: date | None = None  # when the client and worker hope to reach it
    measure: str = ""  # how success will be known, e.g. "adherence of 95% or more"
    outcome: str = ""  # stated at termination
    actions: list[Action] = field(default_factory=list)


@dataclass(kw_only=True)
class Plan(Record):
    TABLE = "plans"

    client_id: int
    agreed_on: date | None = None
    goals: list[Goal] = field(default_factory=list)

    def validate(self, today: date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "agreed_on", "x" if self.agreed_on else "")
        not_future(problems, "agreed_on", self.agreed_on, today)
        for g, goal in enumerate(self.goals):
            require(problems, f"goals.{g}.title", goal.title)
            limit(problems, f"goals.{g}.title", goal.title)
            limit(problems, f"goals.{g}.measure", goal.measure, 1000)
            if goal.status is Status.DROPPED:
                require(problems, f"goals.{g}.reason", goal.reason)
            for a, action in enumerate(goal.actions):
                prefix = f"goals.{g}.actions.{a}"
                require(problems, f"{prefix}.what", action.what)
                limit(problems, f"{prefix}.what", action.what)
                if action.responsible is Responsible.OTHER:
                    require(problems, f"{prefix}.responsible_name", action.responsible_name)
                if action.status is Status.DROPPED:
                    require(problems, f"{prefix}.reason", action.reason)
                not_future(problems, f"{prefix}.done_on", action.done_on, today)
        return problems

    def open_actions(self) -> list[tuple[Goal, Action]]:
        return [(g, a) for g in self.goals for a in g.actions if a.status.is_open]

    def due_actions(self, today: date, within_days: int = 0) -> list[tuple[Goal, Action]]:
        """Open actions due by `today + within_days` (overdue ones included), soonest first."""
        due = [(g, a) for g, a in self.open_actions() if a.is_due(today, within_days)]
        return sorted(due, key=lambda pair: pair[1].due or today)
