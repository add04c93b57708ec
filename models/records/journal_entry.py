"""What a participant wrote or chose to share in journaling work: their words, not the
worker's. In the journaling group each participant writes about a hard moment of their
life, decorates the page and tells the group (DOMAIN.md); the worker types what was
shared, with consent, or sums it up in the participant's own words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .base import MAX_LONG, Problem, Record, limit, not_future, require


@dataclass(kw_only=True)
class JournalEntry(Record):
    """One participant's entry, from a group session (`group_session_id`) or from
    individual work (none). Only entries the participant agreed to include
    (`in_collection`) go into their journal collection; the worker's observations of them
    are a separate, professional record that never does."""

    TABLE = "journal_entries"

    member: str = ""  # Member.key in the group: "client:<id>" or "code:<CODE>"
    client_id: int | None = None  # set when the participant is one of the worker's clients
    group_session_id: int | None = None
    date: dt.date | None = None
    prompt: str = ""  # what the session asked them to write about, or the activity
    text: str = ""  # what they wrote or chose to share, in their words
    page: str = ""  # the page itself: drawings, clippings, colours
    in_collection: bool = False  # they agreed to include it in their collection

    def validate(self, today: dt.date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "date", "x" if self.date else "")
        not_future(problems, "date", self.date, today)
        require(problems, "text", self.text or self.page)
        if self.client_id is None and not self.member:
            problems.append(Problem("member", "problem.required"))
        limit(problems, "prompt", self.prompt, 1000)
        limit(problems, "text", self.text, MAX_LONG)
        limit(problems, "page", self.page, 5000)
        return problems

    @property
    def is_blank(self) -> bool:
        return not (self.text.strip() or self.page.strip())
