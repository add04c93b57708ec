"""The history map: life events on a timeline, and the relations of an ecomap."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .base import Choice, Problem, Record, in_range, limit, require


class EventCategory(Choice):
    HEALTH = "health"
    FAMILY = "family"
    EDUCATION = "education"
    WORK = "work"
    RELATIONSHIPS = "relationships"
    OTHER = "other"


# How an event weighed on the client: -2 very hard ... +2 very good.
WEIGHTS = (-2, -1, 0, 1, 2)

WHEN_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_when(text: str) -> tuple[int, int, int] | None:
    """ "2009", "2009-05" or "2009-05-14" as a sortable (year, month, day); None if invalid."""
    match = WHEN_PATTERN.match(text.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if month:
        try:
            date(year, month, day or 1)
        except ValueError:
            return None
    return year, month, day


@dataclass(kw_only=True)
class LifeEvent(Record):
    TABLE = "life_events"

    client_id: int
    when: str  # a year, a year-month or a full ISO date
    what: str
    category: EventCategory = EventCategory.OTHER
    weight: int = 0
    notes: str = ""
    position: int = 0  # the worker's order among events of the same date

    def validate(self, today: date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "when", self.when)
        parsed = parse_when(self.when) if self.when.strip() else None
        if self.when.strip() and parsed is None:
            problems.append(Problem("when", "problem.when_format"))
        elif parsed and parsed > (today.year, today.month, today.day):
            problems.append(Problem("when", "problem.future_date"))
        elif parsed and parsed[0] < 1900:
            problems.append(Problem("when", "problem.range", {"min": 1900, "max": today.year}))
        require(problems, "what", self.what)
        limit(problems, "what", self.what)
        limit(problems, "notes", self.notes, 5000)
        in_range(problems, "weight", self.weight, -2, 2)
        return problems

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], int]:
        return parse_when(self.when) or (0, 0, 0), self.position


class RelationKind(Choice):
    FAMILY = "family"
    FRIEND = "friend"
    PEER = "peer"
    ORGANISATION = "organisation"
    HEALTH = "health"
    OTHER = "other"


class Strength(Choice):
    """How strong a connection is, as an ecomap draws it (Hartman): the thickness of the
    line. Whether it is also stressful is a separate mark, since a tie can be both."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"


class Flow(Choice):
    """Which way energy or resources go between the client and a relation."""

    UNKNOWN = "unknown"
    TO_CLIENT = "to_client"
    FROM_CLIENT = "from_client"
    BOTH = "both"


@dataclass(kw_only=True)
class Relation(Record):
    TABLE = "relations"

    client_id: int
    name: str
    kind: RelationKind = RelationKind.OTHER
    strength: Strength = Strength.MODERATE
    stressful: bool = False
    flow: Flow = Flow.UNKNOWN
    notes: str = ""
    position: int = 0

    def validate(self, today: date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "name", self.name)
        limit(problems, "name", self.name, 60)
        limit(problems, "notes", self.notes, 5000)
        return problems
