"""The Bio-Psycho-Social-Spiritual assessment: one per date, the latest is current."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .base import MAX_LONG, Choice, Problem, Record, in_range, limit, not_future, require


class Treatment(Choice):
    UNKNOWN = "unknown"
    ON_ART = "on_art"
    NOT_STARTED = "not_started"
    INTERRUPTED = "interrupted"


@dataclass
class BioSection:
    text: str = ""
    diagnosed_year: int | None = None
    treatment: Treatment = Treatment.UNKNOWN
    health_service: str = ""
    other_conditions: str = ""


@dataclass
class PsychoSection:
    text: str = ""
    mood: str = ""
    coping: str = ""


@dataclass
class SocialSection:
    text: str = ""
    living_situation: str = ""
    work: str = ""
    support: str = ""


@dataclass
class SpiritualSection:
    text: str = ""
    beliefs: str = ""
    community: str = ""
    meaning: str = ""


def bullet_lines(text: str) -> list[str]:
    """Lines of a free-text list, without bullets: "- rest\\n* friends" -> [rest, friends]."""
    lines = (line.strip().lstrip("-*•").strip() for line in text.splitlines())
    return [line for line in lines if line]


@dataclass(kw_only=True)
class Assessment(Record):
    TABLE = "assessments"

    client_id: int
    date: dt.date | None = None
    bio: BioSection = field(default_factory=BioSection)
    psycho: PsychoSection = field(default_factory=PsychoSection)
    social: SocialSection = field(default_factory=SocialSection)
    spiritual: SpiritualSection = field(default_factory=SpiritualSection)
    problem_statement: str = ""
    causes: str = ""
    strengths: str = ""
    needs: str = ""

    def conflict_scope(self) -> dict[str, Any] | None:
        # One assessment per date for a client: a reassessment gets its own date.
        return {"client_id": self.client_id} if self.date else None

    def conflicts(self, others: Sequence[Assessment]) -> list[Problem]:
        if any(other.id != self.id and other.date == self.date for other in others):
            return [Problem("date", "problem.assessment_date_taken")]
        return []

    def validate(self, today: dt.date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "date", "x" if self.date else "")
        not_future(problems, "date", self.date, today)
        in_range(problems, "bio.diagnosed_year", self.bio.diagnosed_year, 1980, today.year)
        for section_name in ("bio", "psycho", "social", "spiritual"):
            section = getattr(self, section_name)
            for name, value in vars(section).items():
                if isinstance(value, str):
                    limit(problems, f"{section_name}.{name}", value, MAX_LONG)
        for name in ("problem_statement", "causes", "strengths", "needs"):
            limit(problems, name, getattr(self, name), MAX_LONG)
        return problems

    def needs_list(self) -> list[str]:
        return bullet_lines(self.needs)

    def strengths_list(self) -> list[str]:
        return bullet_lines(self.strengths)
