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
