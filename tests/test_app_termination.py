"""Termination and everything that protects the records, typed through at 80x24:
closing and reopening a case, backups made and checked from the app, the recovery key,
a passphrase change, a case transfer, and the backup reminder."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from app_support import (
    FAST,
    PASSPHRASE,
    SIZE,
    TODAY,
    build_app,
    fictional_ma,
    seed_ma_assessment,
    seed_ma_intervention,
    seed_vault,
    settle,
    type_text,
    unlock,
    until,
)
from models.backup import verify_backup
from models.records import Phase, TerminationReason
from models.repository import Repository
from models.transfer import export_case
from models.vault import Vault
from screen_text import screen_text
from screens.backup import BackupExportScreen, BackupsScreen
from screens.caseload import CaseloadScreen
from screens.client_overview import ClientOverviewScreen
from screens.keys import ChangePassphraseScreen, RecoveryKeyScreen
from screens.termination import TerminationScreen
from screens.transfer import CaseImportScreen
from screens.unlock import UnlockScreen

LANGUAGES = ["en", "id"]
BACKUP_PASS = "a separate backup phrase"
NEW_PASS = "another long passphrase"


@pytest.fixture
def ma_at_the_end(tmp_path: Path) -> Path:
    path = tmp_path / "case.vault"
    seed_vault(path, [fictional_ma()])
    seed_ma_assessment(path)
    seed_ma_intervention(path)
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        repo.record_administration(ma.id, "phq9", date(2026, 11, 14), [1, 0, 1, 0, 0, 1, 1, 0, 0])
        repo.record_administration(ma.id, "gad7", date(2026, 11, 14), [1, 1, 0, 1, 0, 1, 0])
        repo.move_phase(ma.id, Phase.TERMINATION, on=date(2026, 11, 14))
    return tmp_path


async def fill(pilot: Pilot[object], selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = ""
    else:
        widget.value = ""
    await type_text(pilot, text)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_termination_with_before_and_after_then_reopening(
    ma_at_the_end: Path, language: str
) -> None:
    app = build_app(ma_at_the_end, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TerminationScreen)
        shown = screen_text(app)
        assert "11" in shown and "→ 4" in shown and "-7" in shown  # the evidence
        await fill(pilot, "#field-changes", "More confident; expresses her emotions.")
        await fill(pilot, "#field-goal-0-outcome", "Joined; now a regular member.")
        await fill(pilot, "#field-joint_reflection", "She said the group feels like family.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("n")  # not yet
        await settle(pilot)
        assert isinstance(app.screen, TerminationScreen)
        assert app.repository.client_by_code("MA").phase is Phase.TERMINATION
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ClientOverviewScreen)
        ma = app.repository.client_by_code("MA")
        assert ma.phase is Phase.CLOSED
        termination = app.repository.termination_of(ma.id)
        assert termination.reason is TerminationReason.GOALS_MET
        assert termination.date == TODAY
        plan = app.repository.plan_of(ma.id)
        assert plan.goals[0].outcome == "Joined; now a regular member."
        await pilot.press("o")
        await pilot.pause()
        await type_text(pilot, "Asked for support again")
        await pilot.press("enter")
        await settle(pilot)
        assert app.repository.client_by_code("MA").phase.is_open


async def test_backup_made_in_the_app_verifies_and_is_remembered(ma_at_the_end: Path) -> None:
    app = build_app(ma_at_the_end)
    out = ma_at_the_end / "usb" / "monday.pbak"
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert "backup due" in screen_text(app)  # the reminder: never backed up
        assert "Press b to make one" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BackupsScreen)
        assert "Press b" not in screen_text(app)  # b is no key here: the notice has gone
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, BackupExportScreen)
        await fill(pilot, "#backup-out", str(out))
        await fill(pilot, ".new-first", "short")
        await fill(pilot, ".new-repeat", "short")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not out.exists() and "at least 8" in screen_text(app)
        await fill(pilot, ".new-first", BACKUP_PASS)
        await fill(pilot, ".new-repeat", BACKUP_PASS)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "verified" in screen_text(app))
        assert "Clients: 1" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "No backup" not in screen_text(app)
        # Verify offers the backup just made; the next backup starts in its folder.
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one("#backup-file", Input).value == str(out)
        await fill(pilot, "#backup-passphrase", BACKUP_PASS)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "verified" in screen_text(app))
        # The cursor is back in the passphrase: a wrong one typed at once is checked and
        # refused, not left under the earlier "verified".
        await pilot.press("ctrl+u")
        await type_text(pilot, "not the passphrase")
        await pilot.press("enter")
        await until(pilot, lambda: "wrong" in screen_text(app))
        assert "verified" not in screen_text(app)
        await pilot.press("escape", "e")
        await pilot.pause()
        assert app.screen.query_one("#backup-out", Input).value == str(
            out.parent / "pendamping-backup-2026-11-28.pbak"
        )
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        app.screen.reload()
        assert "backup due" not in screen_text(app)
    info = verify_backup(out, BACKUP_PASS)
    assert info.clients == 1 and info.notes == 2
    assert app.last_backup() == TODAY
    # Remembered across runs: the settings file keeps the folder and the file.
    again = build_app(ma_at_the_end)
    assert again.settings.backup_folder == str(out.parent)
    assert list(again.settings.backup_files.values()) == [str(out)]


async def test_restore_into_a_new_vault_from_the_app(ma_at_the_end: Path) -> None:
    backup = ma_at_the_end / "monday.pbak"
    with Vault.open(ma_at_the_end / "case.vault", PASSPHRASE) as vault:
        from models.backup import export_backup

        export_backup(vault.snapshot(), backup, BACKUP_PASS, kdf=FAST)
    target = ma_at_the_end / "restored.vault"
    app = build_app(ma_at_the_end)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("b", "r")
        await pilot.pause()
        await fill(pilot, "#backup-file", str(backup))
        await fill(pilot, "#backup-passphrase", "wrong backup phrase")
        await fill(pilot, "#restore-target", str(target))
        await fill(pilot, ".new-first", NEW_PASS)
        await fill(pilot, ".new-repeat", NEW_PASS)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.screen.running)
        assert not target.exists() and "wrong" in screen_text(app)
        await fill(pilot, "#backup-passphrase", BACKUP_PASS)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: target.exists() and not app.screen.running)
    with Vault.open(target, NEW_PASS) as vault:
        restored = Repository(vault.db, today=lambda: TODAY)
        assert [c.code for c in restored.clients(include_closed=True)] == ["MA"]


async def test_recovery_key_unlocks_and_a_replaced_one_does_not(ma_at_the_end: Path) -> None:
    app = build_app(ma_at_the_end)
    keys: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("b", "k")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryKeyScreen)
        for _ in range(2):
            await pilot.press("ctrl+s")
            await pilot.pause()
            if keys:  # a key exists: replacing it is confirmed first
                await pilot.press("y")
            await until(
                pilot,
                lambda: (
                    app.screen.has_class("-shown")
                    and str(app.screen.query_one("#recovery-key").render()) not in keys
                ),
            )
            keys.append(str(app.screen.query_one("#recovery-key").render()).strip())
            assert len(keys[-1]) == 39 and keys[-1].count("-") == 7
    # The old key is useless; the new one opens the vault.
    from models.errors import WrongPassphrase

    with pytest.raises(WrongPassphrase):
        Vault.open(ma_at_the_end / "case.vault", recovery_key=keys[0])
    app = build_app(ma_at_the_end)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press("f3")
        await pilot.pause()
        await type_text(pilot, keys[0].lower())
        await pilot.press("enter")
        await settle(pilot)
        assert "does not open" in screen_text(app)
        app.screen.query_one("#key", Input).value = keys[1].lower().replace("-", " ")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChangePassphraseScreen)
        await pilot.press("escape")  # a new passphrase is not optional here
        await pilot.pause()
        assert isinstance(app.screen, ChangePassphraseScreen)
        await fill(pilot, ".new-first", NEW_PASS)
        await fill(pilot, ".new-repeat", NEW_PASS)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
    Vault.open(ma_at_the_end / "case.vault", NEW_PASS).close()


async def test_passphrase_change_from_the_app(ma_at_the_end: Path) -> None:
    app = build_app(ma_at_the_end, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("comma")
        await pilot.pause()
        await pilot.press("ctrl+b", "p")
        await pilot.pause()
        assert isinstance(app.screen, ChangePassphraseScreen)
        await fill(pilot, "#current", "bukan frasa sandinya")
        await fill(pilot, ".new-first", NEW_PASS)
        await fill(pilot, ".new-repeat", NEW_PASS)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.screen.running)
        assert "salah" in screen_text(app)
        await fill(pilot, "#current", PASSPHRASE)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, ChangePassphraseScreen))
    Vault.open(ma_at_the_end / "case.vault", NEW_PASS).close()


async def test_a_case_imported_from_the_caseload(ma_at_the_end: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "ma.pcase"
    with Vault.open(ma_at_the_end / "case.vault", PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        code = export_case(repo, repo.client_by_code("MA").id, bundle, kdf=FAST).code
    receiver = tmp_path / "receiver"
    receiver.mkdir()
    seed_vault(receiver / "case.vault", [fictional_ma()])
    app = build_app(receiver)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, CaseImportScreen)
        # The secret's field has the cursor (the folder is given, never selected), and a
        # code typed at once is hidden there, not written over the path in clear.
        code_field = app.screen.query_one("#case-passphrase", Input)
        assert code_field.has_focus and code_field.password
        await type_text(pilot, "WRONG-CODE")
        assert "WRONG-CODE" not in screen_text(app)
        await fill(pilot, "#case-file", str(bundle))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.screen.running)
        # Wrong: said, and the cursor back in the code's field, emptied for the retry.
        assert code_field.has_focus and code_field.value == ""
        await type_text(pilot, code)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "MA-2" in screen_text(app))
        # The same file again: asked first; no leaves the vault as it is, yes makes MA-3.
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "imported before" in screen_text(app))
        await pilot.press("n")
        await until(pilot, lambda: "nothing was changed" in screen_text(app))
        assert app.repository.client_by_code("MA-3") is None
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "imported before" in screen_text(app))
        await pilot.press("y")
        await until(pilot, lambda: app.repository.client_by_code("MA-3") is not None)
        await pilot.press("escape")
        await pilot.pause()
        app.screen.reload()
        assert "MA-2" in screen_text(app)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_restoring_over_the_open_vault_asks_for_the_word_it_accepts(
    ma_at_the_end: Path, language: str
) -> None:
    """The dialog says which word to type, and that word is the one it accepts (in
    Indonesian it once asked for RESTORE and accepted only PULIHKAN)."""
    backup = ma_at_the_end / "monday.pbak"
    with Vault.open(ma_at_the_end / "case.vault", PASSPHRASE) as vault:
        from models.backup import export_backup

        export_backup(vault.snapshot(), backup, BACKUP_PASS, kdf=FAST)
    app = build_app(ma_at_the_end, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("b", "r")
        await pilot.pause()
        await fill(pilot, "#backup-file", str(backup))
        await fill(pilot, "#backup-passphrase", BACKUP_PASS)
        await fill(pilot, "#restore-target", str(ma_at_the_end / "case.vault"))
        await fill(pilot, ".new-first", NEW_PASS)
        await fill(pilot, ".new-repeat", NEW_PASS)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen.query("#typed"))
        asked = re.search(r"(?:Type|Ketik) (\S+) (?:to|untuk)", screen_text(app))
        assert asked is not None
        await type_text(pilot, asked.group(1))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, UnlockScreen))
    Vault.open(ma_at_the_end / "case.vault", NEW_PASS).close()  # restored over it
