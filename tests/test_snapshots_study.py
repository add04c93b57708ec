"""Snapshots of the study-phase screens at 80x24, in both languages.

After an intended layout change: `python3 dev.py test --snapshot-update`, then look at
the report before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from app_support import (
    PASSPHRASE,
    build_app,
    fictional_ma,
    mark_backed_up,
    seed_vault,
    settle,
    type_text,
    unlock,
)
from models.records import Client, Contract
from models.repository import Repository
from models.vault import Vault

LANGUAGES = ["en", "id"]
Steps = Callable[[Pilot[object]], Awaitable[None]]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A relative vault path keeps the path shown on screen the same on every machine.
    monkeypatch.chdir(tmp_path)
    return Path(".")


def seeded(folder: Path) -> None:
    mark_backed_up(folder)
    seed_vault(
        folder / "case.vault",
        [
            fictional_ma(),
            Client(code="BR", first_contact=date(2026, 6, 15), referral_source="outreach"),
        ],
    )
    with Vault.open(folder / "case.vault", PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: date(2026, 11, 28))
        ma = repo.client_by_code("MA")
        repo.add(
            Contract(
                client_id=ma.id,
                agreed_on=date(2026, 3, 9),
                meeting_weekday=1,
                meeting_time="10:00",
                place="foundation office",
                client_expectations="Someone to talk to; try new things",
                worker_expectations="Come on time; say when it is too much",
            )
        )


def run(snap_compare: Callable[..., bool], folder: Path, language: str, steps: Steps) -> None:
    app = build_app(folder, language)

    async def before(pilot: Pilot[object]) -> None:
        await steps(pilot)
        await settle(pilot)

    assert snap_compare(app, run_before=before, terminal_size=(80, 24))


@pytest.mark.parametrize("language", LANGUAGES)
def test_create_vault(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    async def steps(pilot: Pilot[object]) -> None:
        await pilot.pause()
        await type_text(pilot, "kopi")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_unlock_wrong(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot, "not it at all")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_caseload(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)
    run(snap_compare, folder, language, unlock)


@pytest.mark.parametrize("language", LANGUAGES)
def test_caseload_private(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("f2")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_intake_with_problems(
    snap_compare: Callable[..., bool], folder: Path, language: str
) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "M A")
        await pilot.press("ctrl+s")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("down", "enter")  # MA is second, after BR

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_renegotiation(
    snap_compare: Callable[..., bool], folder: Path, language: str
) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("k")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_history(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("f3")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_settings(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("comma")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_help(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("f1")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_lock_screen(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("ctrl+l")

    run(snap_compare, folder, language, steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_phase_confirmation(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    seeded(folder)

    async def steps(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("p")

    run(snap_compare, folder, language, steps)
