"""Session notes: typed during or after a meeting; signed notes only take addenda."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime

from .base import MAX_LONG, Choice, Problem, Record, in_range, limit, not_future, require


class NoteKind(Choice):
    INDIVIDUAL = "individual"
    HOME_VISIT = "home_visit"
    PHONE = "phone"
    OTHER = "other"


class NoteTemplate(Choice):
    FREE = "free"
    DAP = "dap"
    SOAP = "soap"
    BIRP = "birp"


@dataclass
class Addendum:
    """A dated correction or addition to a signed note; the original stays as it was."""

    at: datetime
    reason: str
    text: str
    by: str = ""


@dataclass(kw_only=True)
class SessionNote(Record):
    TABLE = "notes"

    client_id: int
    date: dt.date | None = None
    kind: NoteKind = NoteKind.INDIVIDUAL
    duration_minutes: int | None = None
    template: NoteTemplate = NoteTemplate.FREE
    body: str = ""
    signed_at: datetime | None = None
    signed_by: str = ""
    # Came with a case bundle: `signed_by` is what the sender's file says, unverified.
    signature_imported: bool = False
    addenda: list[Addendum] = field(default_factory=list)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def refused_change(self, stored: SessionNote) -> list[Problem]:
        """A signed note keeps its text, date, kind and signature; only addenda may grow."""
        if not stored.is_signed:
            return []
        kept = ("body", "date", "kind", "duration_minutes", "signed_at", "signed_by")
        if (
            any(getattr(stored, name) != getattr(self, name) for name in kept)
            or self.addenda[: len(stored.addenda)] != stored.addenda
        ):
            return [Problem("body", "problem.note_signed")]
        return []

    def validate(self, today: dt.date) -> list[Problem]:
        problems: list[Problem] = []
        require(problems, "date", "x" if self.date else "")
        not_future(problems, "date", self.date, today)
        in_range(problems, "duration_minutes", self.duration_minutes, 1, 24 * 60)
        limit(problems, "body", self.body, MAX_LONG)
        for i, addendum in enumerate(self.addenda):
            require(problems, f"addenda.{i}.reason", addendum.reason)
            require(problems, f"addenda.{i}.text", addendum.text)
        return problems
