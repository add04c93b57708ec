"""Building and driving the app in tests: a fixed day, cheap key derivation, a vault
with the fictional client MA (DOMAIN.md), and helpers to type through screens."""

from __future__ import annotations

from collections.abc import Iterable
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
    return make_app(folder / vault, language=language, kdf=FAST,
                    settings_path=folder / "settings.json", today=lambda: TODAY)


def fictional_ma() -> Client:
    return Client(code="MA", birth_year=1986, gender=Gender.FEMALE, occupation="private tutor",
                  referral_source="peer supporter", first_contact=date(2026, 3, 2),
                  consent_given=True, consent_date=date(2026, 3, 2),
                  consent_scope="casework records and supervision")


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
    return {" ": "space", "/": "slash", ":": "colon", ".": "full_stop", "-": "minus",
            ",": "comma", "?": "question_mark", "'": "apostrophe"}.get(ch, ch)


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
        repo.add(Assessment(
            client_id=ma.id, date=date(2026, 3, 16),
            bio=BioSection(text="Tested positive years ago; confident living with HIV.",
                           diagnosed_year=2009, treatment=Treatment.ON_ART,
                           health_service="community health centre"),
            psycho=PsychoSection(text="Bored and tired from constant work.",
                                 mood="flat", coping="keeps busy"),
            social=SocialSection(text="No close friends in Medan since Yogyakarta.",
                                 living_situation="lives alone", work="private tutor",
                                 support="a peer supporter"),
            spiritual=SpiritualSection(meaning="saving for old age"),
            problem_statement="Lacks recreation and social support.",
            causes="Works constantly; friends left behind in Yogyakarta.",
            strengths="wants to try new things\nconfident about living with HIV",
            needs="recreation\nsocial support"))
        first = repo.record_administration(ma.id, "phq9", date(2026, 3, 16),
                                           [2, 2, 1, 2, 1, 1, 1, 0, 1])
        repo.record_follow_up(first.id, date(2026, 3, 16), "Safety plan agreed")
        repo.record_administration(ma.id, "gad7", date(2026, 3, 16), [2, 1, 2, 1, 1, 1, 1])
        for position, (when, what, weight, category) in enumerate([
            ("1986", "Born in Medan", 0, EventCategory.FAMILY),
            ("2004", "Studied in Yogyakarta", 1, EventCategory.EDUCATION),
            ("2009", "Tested positive for HIV", -2, EventCategory.HEALTH),
            ("2010", "Started treatment, felt stronger", 1, EventCategory.HEALTH),
            ("2012", "Back in Medan, no close friends", -1, EventCategory.RELATIONSHIPS),
            ("2020", "Tutoring every day, no rest", -1, EventCategory.WORK),
        ]):
            repo.add(LifeEvent(client_id=ma.id, when=when, what=what, weight=weight,
                               category=category, position=position))
        for position, (name, kind, strength) in enumerate([
            ("Mother", RelationKind.FAMILY, Strength.STRONG),
            ("Peer supporter", RelationKind.PEER, Strength.STRONG),
            ("Tutoring pupils", RelationKind.OTHER, Strength.STRESSFUL),
            ("Health centre", RelationKind.HEALTH, Strength.WEAK),
            ("Friends in Yogyakarta", RelationKind.FRIEND, Strength.WEAK),
        ]):
            repo.add(Relation(client_id=ma.id, name=name, kind=kind, strength=strength,
                              position=position))


def seed_ma_intervention(path: Path) -> None:
    """MA's plan, two session notes (one signed, with an addendum) and a reflection."""
    from datetime import datetime, timezone

    from models.records import (
        Action,
        Goal,
        NoteKind,
        NoteTemplate,
        Phase,
        Plan,
        Reflection,
        Responsible,
        SessionNote,
        Status,
    )

    signed_at = datetime(2026, 4, 5, 17, 30, tzinfo=timezone.utc)
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY, now=lambda: signed_at)
        ma = repo.client_by_code("MA")
        repo.move_phase(ma.id, Phase.INTERVENTION, on=date(2026, 3, 30))
        repo.set_meta(worker_name="Dewi (fictional)")
        repo.add(Plan(client_id=ma.id, agreed_on=date(2026, 3, 30), goals=[
            Goal(title="Join the journaling group", need="social support",
                 status=Status.IN_PROGRESS, actions=[
                     Action(what="Ask the foundation for the schedule",
                            responsible=Responsible.WORKER, due=date(2026, 4, 2),
                            status=Status.DONE, done_on=date(2026, 4, 1)),
                     Action(what="Attend the first session", due=date(2026, 12, 1)),
                 ]),
            Goal(title="Try a new hobby", need="recreation", actions=[
                Action(what="Visit the lake with a friend", due=date(2026, 11, 20))]),
        ]))
        first = repo.add(SessionNote(
            client_id=ma.id, date=date(2026, 4, 5), kind=NoteKind.INDIVIDUAL,
            duration_minutes=60, template=NoteTemplate.DAP,
            body="## Data\n\nMA talked about tutoring every day.\n\n## Assessment\n\n"
                 "Tired, wants company.\n\n## Plan\n\nAsk about the journaling group."))
        repo.sign_note(first.id, "Dewi (fictional)")
        repo.add_addendum(first.id, "name of the group", "The group meets on Saturdays.",
                          "Dewi (fictional)")
        repo.add(SessionNote(client_id=ma.id, date=date(2026, 4, 19), kind=NoteKind.PHONE,
                             duration_minutes=15, body="Called to confirm Saturday."))
        repo.add(Reflection(client_id=ma.id, date=date(2026, 4, 6), title="Patience",
                            body="I rushed the first meeting; she needed more time."))


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
