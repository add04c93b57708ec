"""The export screens typed through at 80x24, in both languages: tick parts with the
keyboard, pick a format and a folder, write, and find the files where the screen says,
private to the worker and holding what was chosen.

The overview and caseload keys for these screens are wired by the app (tui/app.py and
the overview); here each screen is opened the way those keys will open it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static

from app_support import (
    MA_FULL_NAME,
    SIZE,
    build_app,
    fictional_ma,
    seed_ma_assessment,
    seed_ma_contract,
    seed_ma_full_name,
    seed_ma_intervention,
    seed_ma_termination,
    seed_vault,
    settle,
    type_text,
    unlock,
)
from screen_text import screen_text
from screens import export as export_module
from screens.caseload import CaseloadScreen
from screens.client_overview import ClientOverviewScreen
from screens.journal import JournalScreen
from screens.report import CaseloadSummaryScreen, ClientDataScreen, ReportScreen

LANGUAGES = ["en", "id"]
NOT_ENCRYPTED = {"en": "NOT encrypted", "id": "TIDAK terenkripsi"}
REPORT_FILE = {"en": "MA-case-report-2026-11-28", "id": "MA-laporan-kasus-2026-11-28"}


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """MA's whole case; the default export folder is inside the test's folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(export_module, "exports_dir", lambda: tmp_path / "Pendamping")
    path = tmp_path / "case.vault"
    seed_vault(path, [fictional_ma()])
    seed_ma_assessment(path)
    seed_ma_contract(path)
    seed_ma_intervention(path)
    seed_ma_termination(path)
    seed_ma_full_name(path)
    yield tmp_path


async def open_ma(pilot: Pilot[object]) -> ClientOverviewScreen:
    await unlock(pilot)
    await pilot.press("c")  # closed cases: MA's case is closed
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ClientOverviewScreen) and screen.client is not None
    return screen


def message(pilot: Pilot[object]) -> str:
    return str(pilot.app.screen.query_one("#export-message", Static).content)


def written_paths(pilot: Pilot[object]) -> list[Path]:
    """The files the screen says it wrote: the lines of its message that are paths."""
    return [Path(line) for line in message(pilot).splitlines() if line.startswith("/")]


async def write(pilot: Pilot[object], key: str = "ctrl+s") -> None:
    await pilot.press(key)
    await settle(pilot)


def ticked(pilot: Pilot[object]) -> dict[str, bool]:
    return {box.id or "": box.value for box in pilot.app.screen.query(Checkbox)}


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_case_report_with_the_parts_ticked_by_keyboard(case: Path, language: str) -> None:
    app = build_app(case, language)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_ma(pilot)
        app.push_screen(ReportScreen(overview.client))
        await settle(pilot)
        assert ticked(pilot)["field-part-reflections"] is False  # kept apart: off at first
        assert NOT_ENCRYPTED[language] in screen_text(app)
        await pilot.press("space")  # intake off
        for _ in range(8):
            await pilot.press("tab")
        await pilot.press("space")  # reflections on
        await pilot.press("tab", "tab", "tab")  # past Termination and Names, to the format
        await pilot.press("enter", "down", "down", "enter")  # both Markdown and HTML
        await pilot.press("tab", "home", "ctrl+k")
        await type_text(pilot, "laporan")
        await write(pilot, "enter")  # Enter in the folder writes
        assert ticked(pilot)["field-part-intake"] is False
        assert ticked(pilot)["field-part-reflections"] is True
        paths = written_paths(pilot)
        assert [p.name for p in paths] == [
            REPORT_FILE[language] + ".md",
            REPORT_FILE[language] + ".html",
        ]
        assert all(p.parent == case / "laporan" for p in paths)
        assert NOT_ENCRYPTED[language] in message(pilot)
        # The next export starts in the folder used last.
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(ReportScreen(overview.client))
        await settle(pilot)
        assert app.screen.query_one("#field-folder", Input).value == str(Path.cwd() / "laporan")
    for path in paths:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        text = path.read_text(encoding="utf-8")
        assert "I rushed the first meeting" in text  # reflections, as ticked
        assert "casework records and supervision" not in text  # the intake, unticked
        assert "MA talked about tutoring every day." in text
        assert MA_FULL_NAME not in text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_names_go_in_only_when_ticked(case: Path, language: str) -> None:
    app = build_app(case, language)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_ma(pilot)
        app.push_screen(ReportScreen(overview.client))
        await settle(pilot)
        for _ in range(10):
            await pilot.press("tab")
        assert app.screen.focused is app.screen.query_one("#field-names")
        await pilot.press("space")
        await write(pilot)
        (path,) = written_paths(pilot)
        assert path.parent == case / "Pendamping"  # the default folder, made for it
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert MA_FULL_NAME in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_nothing_is_written_without_a_part_or_a_folder(case: Path, language: str) -> None:
    app = build_app(case, language)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_ma(pilot)
        app.push_screen(ReportScreen(overview.client))
        await settle(pilot)
        for index in range(10):
            if ticked(pilot)[list(ticked(pilot))[index]]:
                await pilot.press("space")
            await pilot.press("tab")
        await write(pilot)
        assert (
            "Tick at least one part" if language == "en" else "Centang paling sedikit satu bagian"
        ) in screen_text(app)
        await pilot.press("space")  # Names ticked; then the folder emptied
        await pilot.press("tab", "tab", "home", "ctrl+k")
        await write(pilot)
        assert ("Required" if language == "en" else "Wajib") in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ClientOverviewScreen)
    assert not (case / "Pendamping").exists()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_folder_that_cannot_be_made_is_said_plainly(case: Path, language: str) -> None:
    (case / "taken").write_text("a file, not a folder")
    app = build_app(case, language)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_ma(pilot)
        app.push_screen(ClientDataScreen(overview.client))
        await settle(pilot)
        await pilot.press("tab", "home", "ctrl+k")
        await type_text(pilot, "taken/out")
        await write(pilot)
        assert written_paths(pilot) == []
        assert "taken" in message(pilot) and isinstance(app.screen, ClientDataScreen)
        assert not app.screen.writing  # and it can be tried again
        await pilot.press("home", "ctrl+k")
        await type_text(pilot, "out")
        await write(pilot)
        assert [p.parent for p in written_paths(pilot)] == [case / "out"]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_clients_own_data_holds_their_name(case: Path, language: str) -> None:
    app = build_app(case, language)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_ma(pilot)
        app.push_screen(ClientDataScreen(overview.client))
        await settle(pilot)
        await write(pilot)
        (path,) = written_paths(pilot)
    text = path.read_text(encoding="utf-8")
    assert path.name.startswith("MA-") and "Maya" not in path.name
    assert MA_FULL_NAME in text and "UU No. 27 Tahun 2022" in text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_journal_of_the_clients_own_entries(case: Path, language: str) -> None:
    app = build_app(case, language)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_ma(pilot)
        app.push_screen(JournalScreen(overview.client))
        await settle(pilot)
        shown = screen_text(app)
        assert (
            "Entries the client agreed to include: 2 (of 3"
            if language == "en"
            else "Tulisan yang disetujui klien untuk dimasukkan: 2 (dari 3"
        ) in shown
        await pilot.press("tab")  # past Name, to the format
        await pilot.press("enter", "down", "enter")  # Markdown
        await write(pilot)
        (path,) = written_paths(pilot)
        assert path.suffix == ".md"
    text = path.read_text(encoding="utf-8")
    assert "The day the clinic called me back." in text  # her words
    assert "You are braver than you think." in text
    assert "keep going to the lake" not in text  # the page she keeps to herself
    assert "Read her page aloud without being asked." not in text  # the worker's view
    assert "MA talked about tutoring every day." not in text  # the worker's note
    assert "PHQ" not in text and MA_FULL_NAME not in text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_caseload_summary_by_code(case: Path, language: str) -> None:
    app = build_app(case, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        app.push_screen(CaseloadSummaryScreen())
        await settle(pilot)
        await pilot.press("space")  # closed cases too: MA's is closed
        await write(pilot)
        paths = written_paths(pilot)
        assert [p.name.split("-2026")[0] for p in paths] == [
            "caseload-summary" if language == "en" else "ringkasan-daftar-kasus"
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
    text = paths[0].read_text(encoding="utf-8")
    assert "<td>MA</td>" in text and MA_FULL_NAME not in text
