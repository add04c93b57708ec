"""Snapshots of the export screens at 80x24, in both languages, on MA's whole case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from app_support import (
    build_app,
    fictional_ma,
    mark_backed_up,
    seed_ma_assessment,
    seed_ma_contract,
    seed_ma_full_name,
    seed_ma_intervention,
    seed_ma_termination,
    seed_vault,
    settle,
    unlock,
)
from models.records import Client
from screens import export as export_module
from screens.client_journal import ClientJournalScreen
from screens.journal import JournalScreen
from screens.report import CaseloadSummaryScreen, ClientDataScreen, ReportScreen

LANGUAGES = ["en", "id"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # relative paths: the snapshots do not depend on tmp_path
    # The folder shown is the same on every machine (it is only written to when asked).
    monkeypatch.setattr(export_module, "exports_dir", lambda: Path("~/Documents/Pendamping"))
    mark_backed_up(Path("."))
    path = Path("case.vault")
    seed_vault(path, [fictional_ma()])
    seed_ma_assessment(path)
    seed_ma_contract(path)
    seed_ma_intervention(path)
    seed_ma_termination(path)
    seed_ma_full_name(path)
    return Path(".")


def shot(
    snap_compare: Callable[..., bool],
    folder: Path,
    language: str,
    screen: Callable[[Client], Screen[None]],
    *keys: str,
) -> None:
    async def before(pilot: Pilot[object]) -> None:
        await unlock(pilot)
        pilot.app.clear_notifications()
        ma = pilot.app.repository.client_by_code("MA")
        pilot.app.push_screen(screen(ma))  # the overview's keys are wired by the app
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(build_app(folder, language), run_before=before, terminal_size=(80, 24))


@pytest.mark.parametrize("language", LANGUAGES)
def test_report(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, ReportScreen)


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_without_parts(
    snap_compare: Callable[..., bool], folder: Path, language: str
) -> None:
    # Every default part unticked (the reflections already are), then Ctrl+S.
    keys = [k for _ in range(8) for k in ("space", "tab")] + ["tab", "space", "ctrl+s"]
    shot(snap_compare, folder, language, ReportScreen, *keys)


@pytest.mark.parametrize("language", LANGUAGES)
def test_journal(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, JournalScreen, "space")


@pytest.mark.parametrize("language", LANGUAGES)
def test_client_journal(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, ClientJournalScreen)


@pytest.mark.parametrize("language", LANGUAGES)
def test_journal_entry_form(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, ClientJournalScreen, "enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_client_data(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, ClientDataScreen)


@pytest.mark.parametrize("language", LANGUAGES)
def test_caseload_summary(snap_compare: Callable[..., bool], folder: Path, language: str) -> None:
    shot(snap_compare, folder, language, lambda client: CaseloadSummaryScreen())
