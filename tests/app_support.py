"""Building and driving the app in tests: a fixed day, cheap key derivation, a vault
with the fictional client MA (DOMAIN.md), and helpers to type through screens."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from models.container import KdfParams
from models.records import Client, Gender
from models.repository import Repository
from models.vault import Vault
from tui.app import PendampingApp, make_app

FAST = KdfParams(8, 1, 1)
TODAY = date(2026, 11, 28)
PASSPHRASE = "kopi manis di pagi"
SIZE = (80, 24)


def build_app(folder: Path, language: str = "en", vault: str = "case.vault") -> PendampingApp:
    return make_app(
        folder / vault,
        language=language,
        kdf=FAST,
        settings_path=folder / "settings.json",
        today=lambda: TODAY,
    )


def fictional_ma() -> Client:
    return Client(
        code="MA",
        birth_year=1986,
        gender=Gender.FEMALE,
        occupation="private tutor",
        referral_source="peer supporter",
        first_contact=date(2026, 3, 2),
        consent_given=True,
        consent_date=date(2026, 3, 2),
        consent_scope="casework records and supervision",
    )


def seed_vault(path: Path, clients: Iterable[Client] = ()) -> None:
    """A vault holding `clients`, made without the app."""
    with Vault.create(path, PASSPHRASE, kdf=FAST) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        for client in clients:
            repo.add(client)


def open_repo(path: Path) -> tuple[Vault, Repository]:
    vault = Vault.open(path, PASSPHRASE, read_only=True)
    return vault, Repository(vault.db, today=lambda: TODAY)


async def settle(pilot: Pilot[object]) -> None:
    """Let workers (saves, key derivation) finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot[object], text: str) -> None:
    await pilot.press(*[_key(ch) for ch in text])


def _key(ch: str) -> str:
    return {
        " ": "space",
        "/": "slash",
        ":": "colon",
        ".": "full_stop",
        "-": "minus",
        ",": "comma",
        "?": "question_mark",
        "'": "apostrophe",
    }.get(ch, ch)


async def unlock(pilot: Pilot[object], passphrase: str = PASSPHRASE) -> None:
    await pilot.pause()
    await type_text(pilot, passphrase)
    await pilot.press("enter")
    await settle(pilot)


def seed_ma_assessment(path: Path) -> None:
    """MA's assessment phase as DOMAIN.md tells it: BPSS, baseline scores, history map."""
    from models.records import (
        Assessment,
        BioSection,
        EventCategory,
        Flow,
        LifeEvent,
        Phase,
        PsychoSection,
        Relation,
        RelationKind,
        SocialSection,
        SpiritualSection,
        Strength,
        Treatment,
    )

    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        repo.move_phase(ma.id, Phase.ASSESSMENT, on=date(2026, 3, 16))
        repo.add(
            Assessment(
                client_id=ma.id,
                date=date(2026, 3, 16),
                bio=BioSection(
                    text="Tested positive years ago; confident living with HIV.",
                    diagnosed_year=2009,
                    treatment=Treatment.ON_ART,
                    health_service="community health centre",
                ),
                psycho=PsychoSection(
                    text="Bored and tired from constant work.", mood="flat", coping="keeps busy"
                ),
                social=SocialSection(
                    text="No close friends in Medan since Yogyakarta.",
                    living_situation="lives alone",
                    work="private tutor",
                    support="a peer supporter",
                ),
                spiritual=SpiritualSection(meaning="saving for old age"),
                problem_statement="Lacks recreation and social support.",
                causes="Works constantly; friends left behind in Yogyakarta.",
                strengths="wants to try new things\nconfident about living with HIV",
                needs="recreation\nsocial support",
            )
        )
        first = repo.record_administration(
            ma.id, "phq9", date(2026, 3, 16), [2, 2, 1, 2, 1, 1, 1, 0, 1]
        )
        repo.record_follow_up(first.id, date(2026, 3, 16), "Safety plan agreed")
        repo.record_administration(ma.id, "gad7", date(2026, 3, 16), [2, 1, 2, 1, 1, 1, 1])
        for position, (when, what, weight, category) in enumerate(
            [
                ("1986", "Born in Medan", 0, EventCategory.FAMILY),
                ("2004", "Studied in Yogyakarta", 1, EventCategory.EDUCATION),
                ("2009", "Tested positive for HIV", -2, EventCategory.HEALTH),
                ("2010", "Started treatment, felt stronger", 1, EventCategory.HEALTH),
                ("2012", "Back in Medan, no close friends", -1, EventCategory.RELATIONSHIPS),
                ("2020", "Tutoring every day, no rest", -1, EventCategory.WORK),
            ]
        ):
            repo.add(
                LifeEvent(
                    client_id=ma.id,
                    when=when,
                    what=what,
                    weight=weight,
                    category=category,
                    position=position,
                )
            )
        for position, (name, kind, strength, stressful, flow) in enumerate(
            [
                ("Mother", RelationKind.FAMILY, Strength.STRONG, True, Flow.BOTH),
                ("Peer supporter", RelationKind.PEER, Strength.STRONG, False, Flow.TO_CLIENT),
                ("Tutoring pupils", RelationKind.OTHER, Strength.MODERATE, True, Flow.FROM_CLIENT),
                ("Health centre", RelationKind.HEALTH, Strength.WEAK, False, Flow.TO_CLIENT),
                ("Friends in Yogyakarta", RelationKind.FRIEND, Strength.WEAK, False, Flow.UNKNOWN),
            ]
        ):
            repo.add(
                Relation(
                    client_id=ma.id,
                    name=name,
                    kind=kind,
                    strength=strength,
                    stressful=stressful,
                    flow=flow,
                    position=position,
                )
            )


def seed_ma_intervention(path: Path) -> None:
    """MA's plan, two session notes (one signed, with an addendum) and a reflection."""
    from datetime import datetime, timezone

    from models.records import (
        Action,
        Goal,
        HealthPicture,
        NoteKind,
        NoteTemplate,
        Phase,
        Plan,
        Reflection,
        Regimen,
        Responsible,
        SessionNote,
        Status,
        ViralLoad,
        ViralLoadTest,
    )

    signed_at = datetime(2026, 4, 5, 17, 30, tzinfo=timezone.utc)
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY, now=lambda: signed_at)
        ma = repo.client_by_code("MA")
        repo.move_phase(ma.id, Phase.INTERVENTION, on=date(2026, 3, 30))
        repo.set_meta(worker_name="Dewi (fictional)")
        repo.add(
            Plan(
                client_id=ma.id,
                agreed_on=date(2026, 3, 30),
                goals=[
                    Goal(
                        title="Join the journaling group",
                        need="social support",
                        status=Status.IN_PROGRESS,
                        target_date=date(2026, 6, 30),
                        measure="goes to four sessions in a row",
                        actions=[
                            Action(
                                what="Ask the foundation for the schedule",
                                responsible=Responsible.WORKER,
                                due=date(2026, 4, 2),
                                status=Status.DONE,
                                done_on=date(2026, 4, 1),
                            ),
                            Action(what="Attend the first session", due=date(2026, 12, 1)),
                        ],
                    ),
                    Goal(
                        title="Try a new hobby",
                        need="recreation",
                        actions=[
                            Action(what="Visit the lake with a friend", due=date(2026, 11, 20))
                        ],
                    ),
                ],
            )
        )
        first = repo.add(
            SessionNote(
                client_id=ma.id,
                date=date(2026, 4, 5),
                kind=NoteKind.INDIVIDUAL,
                duration_minutes=60,
                template=NoteTemplate.DAP,
                body="## Data\n\nMA talked about tutoring every day.\n\n## Assessment\n\n"
                "Tired, wants company.\n\n## Plan\n\nAsk about the journaling group.",
            )
        )
        repo.sign_note(first.id, "Dewi (fictional)")
        repo.add_addendum(
            first.id, "name of the group", "The group meets on Saturdays.", "Dewi (fictional)"
        )
        repo.add(
            SessionNote(
                client_id=ma.id,
                date=date(2026, 4, 19),
                kind=NoteKind.PHONE,
                duration_minutes=15,
                body="Called to confirm Saturday.",
            )
        )
        repo.add(
            Reflection(
                client_id=ma.id,
                date=date(2026, 4, 6),
                title="Patience",
                body="I rushed the first meeting; she needed more time.",
            )
        )
        repo.save_health(
            HealthPicture(
                client_id=ma.id,
                art_start="2010-02",
                clinic="Puskesmas Helvetia",
                regimens=[Regimen("TLE", "2010-02"), Regimen("TLD", "2021-06", "national switch")],
                missed_doses=1,
                adherence_on=date(2026, 11, 2),
                viral_loads=[ViralLoadTest(date(2026, 5, 12), ViralLoad.SUPPRESSED, "< 50")],
                next_pickup=date(2026, 12, 1),
            )
        )


def mark_backed_up(folder: Path, vault: str = "case.vault") -> None:
    """Record a backup made today, so the backup reminder stays out of the picture."""
    from tui.settings import record_backup

    record_backup(folder / vault, TODAY, folder / "settings.json")


async def paste_text(pilot: Pilot[object], text: str) -> None:
    """Long text arrives as a paste: what a terminal sends, and quicker than key by key."""
    from textual import events

    assert pilot.app.focused is not None, "nothing has focus to paste into"
    # Posted to the app, as the terminal driver does: it hands it to the focused widget.
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


# -- reports and exports ------------------------------------------------------------------

MA_FULL_NAME = "Maya Anindita Siregar"  # invented, like every name here


def seed_ma_full_name(path: Path, name: str = MA_FULL_NAME) -> None:
    """Give MA a (fictional) full name and contact, which exports must leave out."""
    from dataclasses import replace

    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        repo.update(replace(ma, full_name=name, contact="+62 812 0000 0001 (fictional)"))


def seed_ma_termination(path: Path) -> None:
    """The rest of MA's case (DOMAIN.md), after seed_ma_intervention: a journaling group
    of six (MA and five participants known by a code), four sessions (she was excused
    from one), her goals' outcomes, PHQ-9 and GAD-7 again, and the termination: more
    confident, expresses her emotions, connected to the group."""
    from dataclasses import replace

    from models.records import (
        Attendance,
        Group,
        GroupSession,
        JournalEntry,
        Member,
        Observation,
        Phase,
        Status,
        Termination,
        TerminationReason,
    )

    present, late, excused = Attendance.PRESENT, Attendance.LATE, Attendance.EXCUSED
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        me = f"client:{ma.id}"
        others = [f"P-0{n}" for n in range(1, 6)]
        group = repo.add(
            Group(
                name="Journaling group",
                facilitator="Dewi (fictional)",
                purpose="Recreation and social support through group expressive writing.",
                members=[
                    Member.for_client(ma.id, date(2026, 4, 4)),
                    *(Member.for_code(code, date(2026, 4, 4)) for code in others),
                ],
            )
        )
        everyone = {f"code:{code}": present for code in others}
        lowest = repo.add(
            GroupSession(
                group_id=group.id,
                date=date(2026, 4, 11),
                topic="The lowest point of my life",
                activity="Write down the lowest point of your life, decorate the page, then "
                "tell the group; the group answers with support.",
                materials="paper, scissors, glue, newspaper clippings, origami paper",
                reflection="The group carried her through the first telling.",
                attendance={**everyone, me: present},
                observations=[
                    Observation(
                        me,
                        engagement=2,
                        emotions="hesitant and anxious at first, then relieved",
                        support_received="hugs and words of encouragement",
                        note="Told the group about the year she tested positive; cried, then "
                        "laughed with the others.",
                    )
                ],
            )
        )
        letters = repo.add(
            GroupSession(
                group_id=group.id,
                date=date(2026, 5, 9),
                topic="Letters of encouragement",
                activity="Write a short letter to another participant.",
                materials="coloured paper, envelopes",
                attendance={**everyone, me: late},
                observations=[
                    Observation(
                        me,
                        engagement=4,
                        emotions="calm, proud",
                        support_given="wrote an encouraging letter to P-03",
                        note="Read her page aloud without being asked.",
                    )
                ],
            )
        )
        repo.add(
            GroupSession(
                group_id=group.id,
                date=date(2026, 6, 13),
                topic="What I want to try next",
                attendance={**everyone, me: excused},
            )
        )
        to_myself = repo.add(
            GroupSession(
                group_id=group.id,
                date=date(2026, 7, 11),
                topic="A letter to myself in a year",
                activity="Write to yourself, seal it, open it at the last session.",
                materials="paper, envelopes",
                attendance={**everyone, me: present},
                observations=[
                    Observation(
                        me,
                        engagement=5,
                        emotions="hopeful",
                        support_given="listened to P-01 and held her hand",
                        note="Went to the lake afterwards with two members of the group.",
                    )
                ],
            )
        )
        # What MA wrote herself: two pages she chose for her collection, one she keeps
        # sealed; and a page of another participant's, which is never hers to receive.
        repo.save_journal_entries(
            [
                JournalEntry(
                    member=me,
                    client_id=ma.id,
                    group_session_id=lowest.id,
                    date=lowest.date,
                    prompt=lowest.topic,
                    in_collection=True,
                    text="The day the clinic called me back. I sat on the bus and "
                    "could not go home.",
                    page="a grey bus cut from the newspaper, a yellow sun in the corner",
                ),
                JournalEntry(
                    member="code:P-01",
                    group_session_id=lowest.id,
                    date=lowest.date,
                    prompt=lowest.topic,
                    in_collection=True,
                    text="P-01's own page about her mother.",
                ),
                JournalEntry(
                    member=me,
                    client_id=ma.id,
                    group_session_id=letters.id,
                    date=letters.date,
                    prompt="A letter to P-03",
                    in_collection=True,
                    text="You are braver than you think. See you on Saturday.",
                ),
                JournalEntry(
                    member=me,
                    client_id=ma.id,
                    group_session_id=to_myself.id,
                    date=to_myself.date,
                    prompt=to_myself.topic,
                    text="Dear me, in a year: keep going to the lake.",
                ),
            ]
        )
        plan = repo.plan_of(ma.id)
        first, second = plan.goals
        repo.update(
            replace(
                plan,
                goals=[
                    replace(
                        first,
                        status=Status.DONE,
                        outcome="Took part in three of four sessions; meets two members "
                        "outside the group.",
                        actions=[
                            replace(a, status=Status.DONE, done_on=date(2026, 4, 11))
                            if a.status is not Status.DONE
                            else a
                            for a in first.actions
                        ],
                    ),
                    replace(
                        second,
                        status=Status.DONE,
                        outcome="Went to the lake with friends from the group.",
                        actions=[
                            replace(a, status=Status.DONE, done_on=date(2026, 7, 11))
                            for a in second.actions
                        ],
                    ),
                ],
            )
        )
        repo.record_administration(ma.id, "phq9", date(2026, 11, 14), [1, 0, 1, 0, 0, 1, 1, 0, 0])
        repo.record_administration(ma.id, "gad7", date(2026, 11, 14), [1, 1, 0, 1, 0, 1, 0])
        repo.move_phase(ma.id, Phase.TERMINATION, on=date(2026, 11, 14))
        repo.terminate(
            Termination(
                client_id=ma.id,
                date=date(2026, 11, 21),
                reason=TerminationReason.GOALS_MET,
                changes="More confident; expresses her emotions in words and in writing; "
                "connected to the group and meets two members outside it.",
                goals_outcome="Both goals met.",
                follow_up="The peer supporter calls monthly; the group stays open to her.",
                handed_over="Her journal collection; the foundation's contacts.",
                joint_reflection="She said writing down the lowest point of her life was the "
                "hardest and the best thing she did this year.",
            )
        )


def seed_ma_contract(path: Path) -> None:
    """MA's engagement contract (DOMAIN.md), agreed and then renegotiated once."""
    from models.records import Communication, Contract

    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        first = repo.renegotiate(
            Contract(
                client_id=ma.id,
                agreed_on=date(2026, 3, 9),
                meeting_weekday=0,
                meeting_time="16:00",
                place="the foundation's office",
                communication=Communication.MESSAGING,
                client_expectations="Someone to talk to; to try something new besides work.",
                worker_expectations="Message the day before if a meeting cannot happen.",
            )
        )
        repo.renegotiate(
            Contract(
                client_id=ma.id,
                agreed_on=date(2026, 4, 6),
                meeting_weekday=5,
                meeting_time="10:00",
                interval_weeks=2,
                place=first.place,
                communication=first.communication,
                client_expectations=first.client_expectations,
                worker_expectations=first.worker_expectations,
                renegotiation_reason="The journaling group meets on Saturdays; meet after it.",
            )
        )


async def open_ma(pilot: Pilot[object]) -> None:
    """Unlock and open the first client of the caseload (MA, in the seeded vaults)."""
    from screens.client_overview import ClientOverviewScreen

    await unlock(pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientOverviewScreen)


async def until(pilot: Pilot[object], condition: Callable[[], object], tries: int = 150) -> None:
    """Wait for the app's workers and timers until `condition()` holds."""
    for _ in range(tries):
        await settle(pilot)
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never held")
