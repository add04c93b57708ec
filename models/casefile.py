"""What a case already has and what it still lacks, phase by phase.

`CaseFacts` is a small summary of one client's records, computed for the whole caseload
in one pass over each table (so the caseload stays quick with years of notes). The
checklist and the "open items" of the caseload are derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .records import Client, Phase


@dataclass
class CaseFacts:
    client: Client
    has_contract: bool = False
    next_meeting: date | None = None
    assessments: int = 0
    instruments: set[str] = field(default_factory=set)  # instruments given at least once
    latest_instrument_dates: dict[str, date] = field(default_factory=dict)
    first_instrument_dates: dict[str, date] = field(default_factory=dict)
    life_events: int = 0
    relations: int = 0
    goals: int = 0
    notes: int = 0
    group_sessions: int = 0
    has_termination: bool = False
    last_contact: date | None = None
    due_actions: int = 0  # open actions due today or within the warning window
    overdue_actions: int = 0
    unresolved_flags: int = 0  # safety items answered > 0 without a recorded follow-up

    def follow_up_measured(self, instrument: str) -> bool:
        """The instrument was given again after the baseline (for termination)."""
        first = self.first_instrument_dates.get(instrument)
        latest = self.latest_instrument_dates.get(instrument)
        return first is not None and latest is not None and latest > first


@dataclass(frozen=True)
class ChecklistItem:
    key: str  # catalogue key: checklist.<key>
    done: bool


def checklist(facts: CaseFacts) -> dict[Phase, list[ChecklistItem]]:
    """For each working phase, the records a complete phase would have."""
    client = facts.client
    return {
        Phase.STUDY: [
            ChecklistItem("consent", client.has_consent),
            ChecklistItem("contract", facts.has_contract),
        ],
        Phase.ASSESSMENT: [
            ChecklistItem("bpss", facts.assessments > 0),
            ChecklistItem("phq9", "phq9" in facts.instruments),
            ChecklistItem("gad7", "gad7" in facts.instruments),
            ChecklistItem("history", facts.life_events > 0),
            ChecklistItem("ecomap", facts.relations > 0),
        ],
        Phase.INTERVENTION: [
            ChecklistItem("plan", facts.goals > 0),
            ChecklistItem("notes", facts.notes > 0 or facts.group_sessions > 0),
        ],
        Phase.TERMINATION: [
            ChecklistItem("remeasure", facts.follow_up_measured("phq9")
                          or facts.follow_up_measured("gad7")),
            ChecklistItem("termination", facts.has_termination),
        ],
    }


def missing_now(facts: CaseFacts) -> list[str]:
    """Checklist keys still missing in the case's current phase."""
    items = checklist(facts).get(facts.client.phase, [])
    return [item.key for item in items if not item.done]
