"""What a case already has and what it still lacks, phase by phase.

`CaseFacts` is a small summary of one client's records, computed for the whole caseload
in one pass over each table (so the caseload stays quick with years of notes). The
checklist and the "open items" of the caseload are derived from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .records import (
    Administration,
    Assessment,
    Client,
    Contract,
    GroupSession,
    LifeEvent,
    Phase,
    Plan,
    Record,
    Relation,
    SessionNote,
    Termination,
)
from .repository import Repository, locked

DUE_SOON_DAYS = 7  # an action due within a week shows as due on the caseload


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
            ChecklistItem(
                "remeasure", facts.follow_up_measured("phq9") or facts.follow_up_measured("gad7")
            ),
            ChecklistItem("termination", facts.has_termination),
        ],
    }


def missing_now(facts: CaseFacts) -> list[str]:
    """Checklist keys still missing in the case's current phase."""
    items = checklist(facts).get(facts.client.phase, [])
    return [item.key for item in items if not item.done]


@locked
def case_facts(
    repo: Repository,
    *,
    include_closed: bool = False,
    client_id: int | None = None,
    due_within_days: int = DUE_SOON_DAYS,
) -> list[CaseFacts]:
    """A summary of each case, one pass over each table (notes are read raw)."""
    today = repo.today()
    clients = (
        [repo.get(Client, client_id)]
        if client_id is not None
        else repo.clients(include_closed=include_closed)
    )
    facts = {c.id: CaseFacts(c) for c in clients}
    for c in clients:
        facts[c.id].last_contact = c.first_contact
    # One client's overview: build only that client's records, not the caseload's.
    only: dict[str, Any] = {} if client_id is None else {"client_id": client_id}
    latest_contract: dict[int, Contract] = {}
    for contract in repo.records(Contract, **only):
        if contract.client_id in facts:
            facts[contract.client_id].has_contract = True
            known = latest_contract.get(contract.client_id)
            if known is None or contract.version > known.version:
                latest_contract[contract.client_id] = contract
    for cid, contract in latest_contract.items():
        if facts[cid].client.phase.is_open:  # a closed case has no next meeting
            facts[cid].next_meeting = contract.next_meeting(today)

    def docs(cls: type[Record]) -> Iterator[Mapping[str, Any]]:
        """The stored documents to count: one client's only, for an overview."""
        if client_id is None:
            return iter(repo.stored_documents(cls).values())
        return (doc for _, doc in repo.documents_where(cls, "client_id", client_id))

    for doc in docs(Assessment):
        if (f := facts.get(doc.get("client_id"))) is not None:
            f.assessments += 1
    for adm in repo.records(Administration, **only):
        if (f := facts.get(adm.client_id)) is None or adm.date is None:
            continue
        f.instruments.add(adm.instrument)
        first = f.first_instrument_dates.get(adm.instrument)
        f.first_instrument_dates[adm.instrument] = min(first or adm.date, adm.date)
        latest = f.latest_instrument_dates.get(adm.instrument)
        f.latest_instrument_dates[adm.instrument] = max(latest or adm.date, adm.date)
        if adm.needs_follow_up:
            f.unresolved_flags += 1
    for doc in docs(LifeEvent):
        if (f := facts.get(doc.get("client_id"))) is not None:
            f.life_events += 1
    for doc in docs(Relation):
        if (f := facts.get(doc.get("client_id"))) is not None:
            f.relations += 1
    for plan in repo.records(Plan, **only):
        if (f := facts.get(plan.client_id)) is None:
            continue
        f.goals += len(plan.goals)
        for _, action in plan.due_actions(today, due_within_days):
            if action.due is not None and action.due < today:
                f.overdue_actions += 1
            else:
                f.due_actions += 1
    for doc in docs(SessionNote):  # years of notes: read raw, stay quick
        if (f := facts.get(doc.get("client_id"))) is not None:
            f.notes += 1
            day = doc.get("date")
            if day:
                f.last_contact = _later(f.last_contact, date.fromisoformat(day))
    for doc in repo.stored_documents(GroupSession).values():
        day = doc.get("date")
        for key, status in (doc.get("attendance") or {}).items():
            if not key.startswith("client:"):
                continue
            f = facts.get(int(key.split(":", 1)[1]))
            if f is None:
                continue
            f.group_sessions += 1
            if day and status in ("present", "late"):
                f.last_contact = _later(f.last_contact, date.fromisoformat(day))
    for doc in docs(Termination):
        if (f := facts.get(doc.get("client_id"))) is not None:
            f.has_termination = True
    return [facts[c.id] for c in clients]


def _later(known: date | None, candidate: date) -> date:
    return candidate if known is None or candidate > known else known
