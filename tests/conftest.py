"""Shared fixtures for the storage tests.

A cheap Argon2 cost (the default one is slow on purpose), a freshly created vault, a
repository on it, and one fictional case: client "MA", a 40-year-old private tutor who
came through a peer supporter and joined a journaling group. Every name, place and
story here is invented; none of it describes a real person.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from command_support import PENDAMPING
from models.container import KdfParams
from models.records import (
    RECORD_TYPES,
    Action,
    Addendum,
    Adherence,
    Administration,
    Assessment,
    Attendance,
    BioSection,
    Client,
    Communication,
    ConsentForm,
    Contract,
    EventCategory,
    Flow,
    Gender,
    Goal,
    Group,
    GroupSession,
    HealthPicture,
    JournalEntry,
    LifeEvent,
    Member,
    NoteKind,
    NoteTemplate,
    Observation,
    Phase,
    PhaseChange,
    Plan,
    PsychoSection,
    Record,
    Reflection,
    Regimen,
    Relation,
    RelationKind,
    Responsible,
    SessionNote,
    SocialSection,
    SpiritualSection,
    Status,
    Strength,
    Termination,
    TerminationReason,
    Treatment,
    ViralLoad,
    ViralLoadTest,
)
from models.repository import Repository
from models.vault import Vault

# 8 KiB, one pass, one lane: the lowest cost the format accepts. Every test uses it, so a
# suite that opens vaults thousands of times stays quick.
FAST = KdfParams(8, 1, 1)
# Validation refuses dates in the future; a fixed day keeps the fictional dates valid.
TODAY = date(2026, 11, 28)
PASSPHRASE = "kopi tubruk di teras belakang"
OTHER_PASSPHRASE = "hujan sore di jalan kenari"
# Western Indonesia time, so stored timestamps carry a real, non-UTC offset.
WIB = timezone(timedelta(hours=7))

# A blinking cursor makes every screenshot depend on the moment it is taken; people see
# the blink, the tests see a steady cursor.
Input.cursor_blink._default = False
TextArea.cursor_blink._default = False


def today() -> date:
    return TODAY


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "case.vault"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    opened = Vault.create(vault_path, PASSPHRASE, kdf=FAST)
    yield opened
    opened.close()  # closing twice is harmless, so tests may close it themselves


@pytest.fixture
def repo(vault: Vault) -> Repository:
    return Repository(vault.db, today=today)


# -- the fictional case ----------------------------------------------------------------

CLIENT_CODE = "MA"


def fictional_client() -> Client:
    """MA, fictional: 40 in 2026, private tutor, referred by a peer supporter."""
    return Client(
        code=CLIENT_CODE,
        full_name="Maya Anindita Sulistyowati",  # invented for the tests
        birth_year=TODAY.year - 40,
        gender=Gender.FEMALE,
        occupation="private tutor (mathematics, junior high)",
        contact="+62 812 0000 0000 (fictional)",
        referral_source="peer supporter at the community health centre",
        first_contact=date(2026, 3, 2),
        consent_given=True,
        consent_date=date(2026, 3, 2),
        consent_scope="casework records, supervision with the team lead",
        consent_form=ConsentForm.BOTH,
        # After the case ended she asked that nothing more be recorded (every field is
        # filled here, so the round trip covers the withdrawal too).
        consent_withdrawn_on=date(2026, 11, 21),
        consent_withdrawal_note="moved towns; no new records after the ending",
        phase=Phase.INTERVENTION,
        phase_history=[
            PhaseChange(Phase.ASSESSMENT, date(2026, 3, 16), Phase.STUDY, "contract agreed"),
            PhaseChange(Phase.INTERVENTION, date(2026, 4, 20), Phase.ASSESSMENT, "plan agreed"),
        ],
    )


def fictional_records(
    client_id: int, *, group_id: int = 1, note_id: int = 1, group_session_id: int = 1
) -> dict[type[Record], Record]:
    """One fully filled record of every type about client `client_id`.

    Every field is set to something other than its default, so a round trip that drops
    or mangles any field shows up. The references to other records are parameters
    because their ids are only known once those records are stored.
    """
    member = f"client:{client_id}"
    peer = "code:RB"  # another participant of the group, known only by a code
    records: list[Record] = [
        replace(fictional_client(), id=None),
        Contract(
            client_id=client_id,
            version=2,
            agreed_on=date(2026, 4, 6),
            meeting_weekday=2,
            meeting_time="16:30",
            interval_weeks=2,
            place="the reading room of the community library",
            communication=Communication.MESSAGING,
            communication_notes="messages after 19:00 only, tutoring ends late",
            client_expectations="someone to talk to who does not judge; help with the clinic",
            worker_expectations="come on time or send a message the day before",
            renegotiation_reason="tutoring schedule changed to mornings",
        ),
        Assessment(
            client_id=client_id,
            date=date(2026, 3, 30),
            bio=BioSection(
                text="tired in the afternoons",
                diagnosed_year=2019,
                treatment=Treatment.ON_ART,
                health_service="community health centre",
                other_conditions="mild asthma",
            ),
            psycho=PsychoSection(
                text="worries at night",
                mood="low but steady",
                coping="writes lists, walks in the evening",
            ),
            social=SocialSection(
                text="lives with a younger sister",
                living_situation="rented room",
                work="private tutor, six pupils",
                support="peer supporter",
            ),
            spiritual=SpiritualSection(
                text="prays daily",
                beliefs="faith is a comfort",
                community="a small prayer circle",
                meaning="wants to see her pupils graduate",
            ),
            problem_statement="# Isolation\nkeeps her status from her family",
            causes="fear of gossip in the neighbourhood",
            strengths="- patient teacher\n- keeps appointments",
            needs="- someone to confide in\n- regular clinic visits",
        ),
        Administration(
            client_id=client_id,
            instrument="phq9",
            date=date(2026, 4, 1),
            answers=[1, 2, 1, 1, 0, 2, 1, 0, 1],
            total=9,
            band="mild",
            flagged=True,
            follow_up_on=date(2026, 4, 2),
            follow_up_note="talked it through; no plan or intent; safety contacts agreed",
        ),
        LifeEvent(
            client_id=client_id,
            when="2019-05",
            what="diagnosis at the health centre",
            category=EventCategory.HEALTH,
            weight=-2,
            notes="told only her sister",
            position=1,
        ),
        Relation(
            client_id=client_id,
            name="peer supporter",
            kind=RelationKind.PEER,
            strength=Strength.STRONG,
            stressful=True,
            flow=Flow.TO_CLIENT,
            notes="meets monthly; pushes her hard about disclosure",
            position=1,
        ),
        HealthPicture(
            client_id=client_id,
            art_start="2009-08",
            clinic="Puskesmas Sei Agul",
            regimens=[
                Regimen("TLE", "2009-08"),
                Regimen("TLD", "2021-02", "the clinic moved everyone to TLD"),
            ],
            missed_doses=2,
            adherence=Adherence.GOOD,
            adherence_on=date(2026, 11, 2),
            viral_loads=[
                ViralLoadTest(date(2025, 10, 1), ViralLoad.SUPPRESSED, "< 50"),
                ViralLoadTest(date(2026, 10, 9), ViralLoad.SUPPRESSED, "not detected"),
            ],
            next_pickup=date(2026, 12, 3),
        ),
        Plan(
            client_id=client_id,
            agreed_on=date(2026, 4, 20),
            goals=[
                Goal(
                    title="keep every clinic appointment",
                    need="regular clinic visits",
                    target_date=date(2026, 10, 31),
                    measure="no missed appointment in three months",
                    status=Status.IN_PROGRESS,
                    reason="no reason needed yet",
                    outcome="on track so far",
                    actions=[
                        Action(
                            what="write appointments in the tutoring diary",
                            responsible=Responsible.CLIENT,
                            due=date(2026, 5, 1),
                            status=Status.DONE,
                            done_on=date(2026, 4, 28),
                        ),
                        Action(
                            what="arrange a later clinic slot",
                            responsible=Responsible.OTHER,
                            responsible_name="the clinic's peer counsellor",
                            due=date(2026, 12, 5),
                            status=Status.DROPPED,
                            reason="the clinic opened an evening session",
                            done_on=None,
                        ),
                    ],
                )
            ],
        ),
        SessionNote(
            client_id=client_id,
            date=date(2026, 5, 13),
            kind=NoteKind.HOME_VISIT,
            duration_minutes=55,
            template=NoteTemplate.DAP,
            body="## Data\nMA showed her new pupil schedule.\n## Assessment\ncalmer\n",
            signed_at=at(date(2026, 5, 13), 18, 5),
            signed_by="worker A",
            signature_imported=True,  # as if it came with a case from worker A
            addenda=[
                Addendum(
                    at=at(date(2026, 5, 14), 9, 0),
                    reason="date of next visit",
                    text="next visit moved to the 27th",
                    by="worker A",
                )
            ],
        ),
        Group(
            name="journaling group",
            purpose="write and share once a fortnight",
            facilitator="worker A",
            members=[
                Member(
                    key=member, joined=date(2026, 4, 1), client_id=client_id, left=date(2026, 10, 1)
                ),
                Member.for_code("RB", date(2026, 4, 1)),
            ],
        ),
        GroupSession(
            group_id=group_id,
            date=date(2026, 5, 20),
            topic="a letter to my younger self",
            activity="ten minutes of writing, then reading aloud (optional)",
            materials="notebooks, pens",
            reflection="quiet start, warm end",
            attendance={member: Attendance.PRESENT, peer: Attendance.LATE},
            observations=[
                Observation(
                    member=member,
                    engagement=4,
                    emotions="moved",
                    support_given="encouraged RB",
                    support_received="applause",
                    note="read her letter aloud",
                ),
                Observation(
                    member=peer,
                    engagement=3,
                    emotions="shy",
                    support_given="listened",
                    support_received="encouragement",
                    note="arrived late from work",
                ),
            ],
        ),
        JournalEntry(
            member=f"client:{client_id}",
            client_id=client_id,
            group_session_id=group_session_id,
            date=date(2026, 5, 16),
            prompt="A letter to another participant",
            in_collection=True,
            text="To P-03: you are braver than you think.",
            page="an envelope drawn in blue",
        ),
        Reflection(
            date=date(2026, 5, 20),
            title="after the letter exercise",
            body="I was surprised how much the group carried MA today.",
            client_id=client_id,
            note_id=note_id,
            group_session_id=group_session_id,
        ),
        Termination(
            client_id=client_id,
            date=date(2026, 11, 20),
            reason=TerminationReason.OTHER,
            reason_detail="moved her tutoring to another town",
            changes="keeps her appointments; confides in her sister",
            goals_outcome="clinic goal met",
            follow_up="peer supporter stays in touch",
            handed_over="contact of the health centre in the new town",
            joint_reflection="proud of the letters she wrote",
        ),
    ]
    by_type = {type(record): record for record in records}
    assert set(by_type) == set(RECORD_TYPES), "a record type has no fictional example"
    return by_type


def store_fictional_case(repo: Repository) -> dict[type[Record], Record]:
    """Add MA's whole case, wiring the references to the ids the records really got."""
    stored: dict[type[Record], Record] = {Client: repo.add(fictional_client())}
    client_id = stored[Client].id
    assert client_id is not None
    draft = fictional_records(client_id)
    for cls in (
        Contract,
        Assessment,
        HealthPicture,
        Administration,
        LifeEvent,
        Relation,
        Plan,
        SessionNote,
        Group,
    ):
        stored[cls] = repo.add(draft[cls])
    stored[GroupSession] = repo.add(replace(draft[GroupSession], group_id=stored[Group].id))
    stored[JournalEntry] = repo.add(
        replace(draft[JournalEntry], group_session_id=stored[GroupSession].id)
    )
    stored[Reflection] = repo.add(
        replace(
            draft[Reflection],
            note_id=stored[SessionNote].id,
            group_session_id=stored[GroupSession].id,
        )
    )
    stored[Termination] = repo.add(draft[Termination])
    return stored


# -- looking at files ------------------------------------------------------------------


def folder_state(folder: Path, *, ignore: tuple[str, ...] = (".lock",)) -> dict[str, bytes]:
    """Every file in `folder` and its bytes (the lock file holds no data: ignored)."""
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(folder.iterdir())
        if entry.is_file() and not entry.name.endswith(ignore)
    }


class OsProxy:
    """Stands in for the `os` module inside one module of ours, overriding a few calls.

    Patching the real `os.write` or `os.open` would also break pytest's own capture and
    every other module; swapping the module's `os` name keeps the fault where we aim it.
    """

    def __init__(self, **overrides: Callable[..., Any]) -> None:
        self._overrides = overrides

    def __getattr__(self, name: str) -> Any:
        if name in self._overrides:
            return self._overrides[name]
        return getattr(os, name)


def private(path: Path) -> bool:
    """Neither group nor others may read or write it."""
    return os.stat(path).st_mode & 0o077 == 0


@pytest.fixture
def pendamping_installed() -> None:
    """The installed command, which the README's test command always installs."""
    assert PENDAMPING.exists(), (
        f"{PENDAMPING} is missing: run the tests with `python3 dev.py test`, which installs it"
    )
