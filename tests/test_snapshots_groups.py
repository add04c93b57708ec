"""Snapshots of the group screens at 80x24, in both languages, on the fictional
journaling group of tests/group_support.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from app_support import build_app, seed_vault, settle, unlock
from group_support import group_clients, seed_journaling_group
from screens.groups import GroupsScreen

LANGUAGES = ["en", "id"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # relative paths: the snapshots do not depend on tmp_path
    seed_vault(Path("case.vault"), group_clients())
    seed_journaling_group(Path("case.vault"))
    return Path(".")


def shot(snap_compare: Callable[..., bool], folder: Path, language: str, *keys: str) -> None:
    async def before(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        pilot.app.clear_notifications()  # what unlocking says is not about these screens
        pilot.app.push_screen(GroupsScreen())  # the caseload's key is wired by the app
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(build_app(folder, language), run_before=before, terminal_size=(80, 24))


@pytest.mark.parametrize("language", LANGUAGES)
def test_groups(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_group_form(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "n")


@pytest.mark.parametrize("language", LANGUAGES)
def test_group(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_add_client_member(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter", "c")


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_left(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter", "tab", "ctrl+end", "x")  # YT, who left


@pytest.mark.parametrize("language", LANGUAGES)
def test_session_form(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter", "n")


@pytest.mark.parametrize("language", LANGUAGES)
def test_session_page(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter", "down", "enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_attendance_grid(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter", "enter", "a", "down", "backspace")


@pytest.mark.parametrize("language", LANGUAGES)
def test_observations(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter", "down", "enter", "o")


@pytest.mark.parametrize("language", LANGUAGES)
def test_journal_entries(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter", "down", "enter", "j")


@pytest.mark.parametrize("language", LANGUAGES)
def test_attendance_summary(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, "enter", "s")
