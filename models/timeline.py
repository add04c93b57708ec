"""A case's timeline: every dated thing that happened in it, newest first (the client's
overview lists it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .records import (
    Administration,
    Assessment,
    Client,
    Contract,
    GroupSession,
    Plan,
    Record,
    Reflection,
    SessionNote,
    Termination,
)
from .repository import Repository, locked
from .snippets import first_meaningful_line

TIMELINE_KINDS = (
    "first_contact",
    "phase",
    "contract",
    "assessment",
    "administration",
    "plan",
    "note",
    "group_session",
    "reflection",
    "termination",
)


@dataclass(frozen=True)
class TimelineEntry:
    """One dated thing that happened in a case, for the client's timeline."""

    on: date
    kind: str  # one of TIMELINE_KINDS
    title: str  # a short, non-translated summary (a topic, the first line of a note, ...)
    record_type: type[Record] | None = None
    record_id: int | None = None
    detail: dict[str, Any] | None = None


@locked
def case_timeline(repo: Repository, client_id: int) -> list[TimelineEntry]:
    """Every dated entry of the client's case, newest first."""
    client = repo.get(Client, client_id)
    entries: list[TimelineEntry] = []
    if client.first_contact:
        entries.append(
            TimelineEntry(
                client.first_contact, "first_contact", client.referral_source, Client, client.id
            )
        )
    for change in client.phase_history:
        entries.append(
            TimelineEntry(
                change.on, "phase", change.to_phase.value, detail={"reason": change.reason}
            )
        )
    for contract in repo.contracts_of(client_id):
        if contract.agreed_on:
            entries.append(
                TimelineEntry(
                    contract.agreed_on, "contract", f"v{contract.version}", Contract, contract.id
                )
            )
    for assessment in repo.assessments_of(client_id):
        if assessment.date:
            entries.append(
                TimelineEntry(
                    assessment.date,
                    "assessment",
                    first_meaningful_line(assessment.problem_statement),
                    Assessment,
                    assessment.id,
                )
            )
    for adm in repo.administrations_of(client_id):
        if adm.date:
            entries.append(
                TimelineEntry(
                    adm.date,
                    "administration",
                    adm.instrument,
                    Administration,
                    adm.id,
                    {"total": adm.total, "band": adm.band, "flagged": adm.flagged},
                )
            )
    plan = repo.plan_of(client_id)
    if plan and plan.agreed_on:
        entries.append(TimelineEntry(plan.agreed_on, "plan", str(len(plan.goals)), Plan, plan.id))
    for note in repo.notes_of(client_id):
        if note.date:
            entries.append(
                TimelineEntry(
                    note.date,
                    "note",
                    first_meaningful_line(note.body),
                    SessionNote,
                    note.id,
                    {"kind": note.kind.value},
                )
            )
    for group, session in repo.group_sessions_with(client_id):
        if session.date:
            key = f"client:{client_id}"
            status = session.attendance.get(key)
            observation = session.observation(key)
            entries.append(
                TimelineEntry(
                    session.date,
                    "group_session",
                    session.topic,
                    GroupSession,
                    session.id,
                    {
                        "group": group.name,
                        "attendance": status.value if status else "",
                        "engagement": observation.engagement if observation else None,
                        "observed": observation is not None,
                    },
                )
            )
    for reflection in repo.reflections_of(client_id):
        if reflection.date:
            title = reflection.title or first_meaningful_line(reflection.body)
            entries.append(
                TimelineEntry(reflection.date, "reflection", title, Reflection, reflection.id)
            )
    termination = repo.termination_of(client_id)
    if termination and termination.date:
        entries.append(
            TimelineEntry(
                termination.date,
                "termination",
                termination.reason.value,
                Termination,
                termination.id,
            )
        )
    return sorted(entries, key=lambda e: e.on, reverse=True)
