"""Snapshots of the assessment screens at 80x24, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from app_support import (
    build_app,
    fictional_ma,
    mark_backed_up,
    seed_ma_assessment,
    seed_vault,
    settle,
    unlock,
)

LANGUAGES = ["en", "id"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    mark_backed_up(Path("."))
    seed_vault(Path("case.vault"), [fictional_ma()])
    seed_ma_assessment(Path("case.vault"))
    return Path(".")


def shot(snap_compare: Callable[..., bool], folder: Path, language: str, *keys: str) -> None:
    async def before(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)

    assert snap_compare(build_app(folder, language), run_before=before, terminal_size=(80, 24))


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_with_scores(
    snap_compare: Callable[..., bool], folder: Path, language: str
) -> None:
    shot(snap_compare, folder, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_assessment_list(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "a")


@pytest.mark.parametrize("language", LANGUAGES)
def test_assessment_form(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "a", "enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_scores(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "s")


@pytest.mark.parametrize("language", LANGUAGES)
def test_phq9_flagged(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "s", "1", *"001001002")


@pytest.mark.parametrize("language", LANGUAGES)
def test_gad7_one_item(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "s", "2", "v", "1")


@pytest.mark.parametrize("language", LANGUAGES)
def test_life_events(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "h")


@pytest.mark.parametrize("language", LANGUAGES)
def test_ecomap(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "m")


@pytest.mark.parametrize("language", LANGUAGES)
def test_life_event_form(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "h", "a")
