"""Snapshots of the intervention screens (plan, notes, search, reflections) at 80x24."""

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
    seed_ma_intervention,
    seed_vault,
    settle,
    type_text,
    unlock,
)

LANGUAGES = ["en", "id"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    mark_backed_up(Path("."))
    seed_vault(Path("case.vault"), [fictional_ma()])
    seed_ma_assessment(Path("case.vault"))
    seed_ma_intervention(Path("case.vault"))
    return Path(".")


def shot(
    snap_compare: Callable[..., bool], folder: Path, language: str, *keys: str, typing: str = ""
) -> None:
    async def before(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if typing:
            await type_text(pilot, typing)
        await settle(pilot)

    assert snap_compare(build_app(folder, language), run_before=before, terminal_size=(80, 24))


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_in_intervention(
    snap_compare: Callable[..., bool], folder: Path, language: str
) -> None:
    shot(snap_compare, folder, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "l")


@pytest.mark.parametrize("language", LANGUAGES)
def test_action_form(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "l", "down", "enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_notes_list(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "n")


@pytest.mark.parametrize("language", LANGUAGES)
def test_signed_note(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "n", "down", "enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_note_preview(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "n", "down", "enter", "ctrl+r")


@pytest.mark.parametrize("language", LANGUAGES)
def test_search(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "n", "slash", typing="saturday")


@pytest.mark.parametrize("language", LANGUAGES)
def test_reflections(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "r")


@pytest.mark.parametrize("language", LANGUAGES)
def test_health(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "b")
