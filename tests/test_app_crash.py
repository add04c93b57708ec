"""An unexpected error never shows data, and a settings file that cannot be written is
said, not a crash.

Textual's own crash report is a traceback with the values of local variables, printed to
the terminal in clear: a note, the worker's name. Pendamping prints one line in the
worker's language instead, and writes the traceback nowhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app_support import (
    PASSPHRASE,
    SIZE,
    build_app,
    fictional_ma,
    mark_backed_up,
    seed_vault,
    settle,
    unlock,
)
from models.container import KdfParams
from screen_text import screen_text
from screens.caseload import CaseloadScreen
from tui import cli
from tui.app import make_app

SECRET = "Sari Wulandari, fictional, positive since 2019"


@pytest.mark.parametrize(
    ("language", "said"), [("en", "unexpected error"), ("id", "kesalahan tak terduga")]
)
async def test_a_crash_says_so_without_any_data(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], language: str, said: str
) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    mark_backed_up(tmp_path)
    app = build_app(tmp_path, language)

    def a_bug(worker_name: str = SECRET) -> None:
        note_body = worker_name * 2
        raise KeyError(note_body)

    with pytest.raises(KeyError):  # the test harness re-raises what stopped the app
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            app.screen.call_later(a_bug)
            await settle(pilot)
    printed = capfd.readouterr()
    shown = printed.out + printed.err
    assert said in shown and "KeyError" in shown
    assert "Sari" not in shown and "Traceback" not in shown and PASSPHRASE not in shown
    assert app.return_code == 1
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".log", ".txt")]


def test_the_command_line_says_an_unexpected_error_without_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def a_bug(args: object, ask: object) -> int:
        secret = SECRET
        raise RuntimeError(secret)

    monkeypatch.setitem(cli.COMMANDS, "locate", a_bug)
    assert cli.main(["--lang", "en", "locate"]) == 1
    printed = capsys.readouterr()
    assert "unexpected error (RuntimeError" in printed.err
    assert "Sari" not in printed.out + printed.err


async def test_settings_that_cannot_be_written_are_said_and_still_apply(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the settings folder should be")
    app = make_app(
        tmp_path / "case.vault",
        language="en",
        kdf=KdfParams(8, 1, 1),
        settings_path=blocked / "settings.json",
    )
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("comma")
        await settle(pilot)
        app.screen.query_one("#field-autolock_minutes").value = "12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert "could not be kept" in screen_text(app)
        assert "Settings saved" not in screen_text(app)
        assert app.settings.autolock_minutes == 12  # for this session
    assert blocked.read_text() == "a file where the settings folder should be"
