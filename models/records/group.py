"""Groups (such as a journaling group), their members, and each session held."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .base import MAX_LONG, Choice, Problem, Record, in_range, limit, not_before, require
from .client import CODE_PATTERN


@dataclass
class Member:
    """A client of this worker (by id) or another participant known only by a code."""

    key: str  # stable within the group: "client:<id>" or "code:<CODE>"
    joined: dt.date
    client_id: int | None = None
    code: str = ""
    left: dt.date | None = None

    @staticmethod
    def for_client(client_id: int, joined: dt.date) -> Member:
        return Member(key=f"client:{client_id}", joined=joined, client_id=client_id)

    @staticmethod
    def for_code(code: str, joined: dt.date) -> Member:
        return Member(key=f"code:{code.strip().upper()}", joined=joined, code=code.strip().upper())

    def active_on(self, day: dt.date) -> bool:
        return self.joined <= day and (self.left is None or day <= self.left)


@dataclass(kw_only=True)
class Group(Record):
    TABLE = "groups"

    name: str
    purpose: str = ""
    facilitator: str = ""
    members: list[Member] = field(default_factory=list)

    def validate(self, today: dt.date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "name", self.name)
        limit(problems, "name", self.name, 80)
        limit(problems, "purpose", self.purpose, 5000)
        limit(problems, "facilitator", self.facilitator)
        seen: set[str] = set()
        for i, member in enumerate(self.members):
            if member.key in seen:
                problems.append(Problem(f"members.{i}", "problem.duplicate_member"))
            seen.add(member.key)
            if member.client_id is None and not CODE_PATTERN.match(member.code):
                problems.append(Problem(f"members.{i}.code", "problem.code_format"))
            not_before(problems, f"members.{i}.left", member.left, member.joined)
        return problems

    def members_on(self, day: dt.date) -> list[Member]:
        return [m for m in self.members if m.active_on(day)]

    def member(self, key: str) -> Member | None:
        return next((m for m in self.members if m.key == key), None)


class Attendance(Choice):
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"

    @property
    def took_part(self) -> bool:
        return self in (Attendance.PRESENT, Attendance.LATE)


@dataclass
class Observation:
    """How one participant took part in a group session."""

    member: str  # Member.key
    engagement: int | None = None  # 1 (withdrawn) .. 5 (fully engaged)
    emotions: str = ""
    support_given: str = ""
    support_received: str = ""
    note: str = ""


@dataclass(kw_only=True)
class GroupSession(Record):
    TABLE = "group_sessions"

    group_id: int
    date: dt.date | None = None
    topic: str = ""
    activity: str = ""
    materials: str = ""
    reflection: str = ""  # the facilitator's, Markdown
    attendance: dict[str, Attendance] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)

    def validate(self, today: dt.date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "date", "x" if self.date else "")
        require(problems, "topic", self.topic)
        limit(problems, "topic", self.topic)
        for name in ("activity", "materials", "reflection"):
            limit(problems, name, getattr(self, name), MAX_LONG)
        for i, obs in enumerate(self.observations):
            in_range(problems, f"observations.{i}.engagement", obs.engagement, 1, 5)
            status = self.attendance.get(obs.member)
            if status is None or not status.took_part:
                problems.append(Problem(f"observations.{i}", "problem.observation_absent"))
        return problems

    def observation(self, member: str) -> Observation | None:
        return next((o for o in self.observations if o.member == member), None)
