"""Backups a worker can trust: export one with its own passphrase (verified before it is
called done), verify one, restore one into a new vault (or, deliberately, over this one).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from models.backup import BACKUP_STEPS, BackupInfo, restore_backup, verify_backup
from tui.app import BACKUP_REMINDER
from tui.i18n import backup_text, format_date, format_datetime, t
from tui.locations import exports_dir
from tui.settings import latest_backup_file, remembered_folder
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import TypeToConfirmDialog
from tui.widgets.passphrase import NewPassphrase
from tui.widgets.text_input import TextInput

from .base import BaseScreen
from .task import TaskScreen


def default_backup_path(screen: BaseScreen[Any]) -> Path:
    """A new backup's file: today's name, in the folder the last backup went to."""
    folder = remembered_folder(screen.pendamping.settings.backup_folder)
    name = f"pendamping-backup-{screen.repo.today().isoformat()}.pbak"
    return (folder or exports_dir()) / name


def latest_backup_path(screen: BaseScreen[Any]) -> Path:
    """The backup to verify or restore: this vault's latest one, if it is still there."""
    app = screen.pendamping
    return latest_backup_file(app.settings, app.vault_path) or default_backup_path(screen)


class BackupExportScreen(TaskScreen):
    TITLE_KEY = "backup.export.title"
    STEPS = BACKUP_STEPS

    def compose_task(self) -> ComposeResult:
        yield Static(t("backup.export.intro"), classes="task-intro")
        # The passphrase first, where the cursor starts; the file (already named) after
        # it, so Tab goes on in the order the fields are seen.
        yield NewPassphrase("backup.export.passphrase")
        yield TextInput(str(default_backup_path(self)), id="backup-out")
        yield Static(t("backup.export.warning"), classes="task-warning")

    def check(self) -> str | None:
        out = Path(self.query_one("#backup-out", Input).value.strip()).expanduser()
        if not out.name:
            return t("problem.required")
        if out.exists():
            return t("error.exists", path=out)
        return self.query_one(NewPassphrase).problem()

    def job(self, progress: Callable[[str], None]) -> BackupInfo:
        out = Path(self.query_one("#backup-out", Input).value.strip()).expanduser()
        out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        session = self.pendamping.session
        assert session is not None
        return session.export_backup(
            out, self.query_one(NewPassphrase).value, kdf=self.pendamping.kdf, progress=progress
        )

    def finished(self, info: BackupInfo) -> None:
        self.pendamping.remember_backup(Path(info.path))
        self.say(t("backup.exported", path=info.path) + "\n" + backup_text(info), "done")


class BackupVerifyScreen(TaskScreen):
    TITLE_KEY = "backup.verify.title"
    STEPS = ("verifying",)

    def compose_task(self) -> ComposeResult:
        yield Static(t("backup.verify.intro"), classes="task-intro")
        yield TextInput(
            password=True, placeholder=t("cli.prompt.backup_passphrase"), id="backup-passphrase"
        )
        yield TextInput(str(latest_backup_path(self)), id="backup-file")

    def job(self, progress: Callable[[str], None]) -> BackupInfo:
        progress("verifying")
        return verify_backup(
            Path(self.query_one("#backup-file", Input).value).expanduser(),
            self.query_one("#backup-passphrase", Input).value,
        )

    def finished(self, info: BackupInfo) -> None:
        self.say(t("backup.verified", path=info.path) + "\n" + backup_text(info), "done")


class BackupRestoreScreen(TaskScreen):
    """Restore into a new vault; over the open one only after typing a word."""

    TITLE_KEY = "backup.restore.title"
    STEPS = ("verifying", "restoring")

    def compose_task(self) -> ComposeResult:
        yield Static(t("backup.restore.intro"), classes="task-intro")
        yield TextInput(str(latest_backup_path(self)), id="backup-file")
        yield TextInput(
            password=True, placeholder=t("cli.prompt.backup_passphrase"), id="backup-passphrase"
        )
        restored = self.pendamping.vault_path.with_name("pendamping-restored.vault")
        yield TextInput(str(restored), id="restore-target")
        yield NewPassphrase("backup.restore.new_passphrase")

    def target(self) -> Path:
        return Path(self.query_one("#restore-target", Input).value.strip()).expanduser()

    def over_open_vault(self) -> bool:
        target = self.target()
        return os.path.realpath(target) == os.path.realpath(self.pendamping.vault_path)

    def check(self) -> str | None:
        if self.target().exists() and not self.over_open_vault():
            return t("backup.restore_exists", path=self.target())
        return self.query_one(NewPassphrase).problem()

    def job(self, progress: Callable[[str], None]) -> BackupInfo:
        progress("verifying")
        source = Path(self.query_one("#backup-file", Input).value).expanduser()
        passphrase = self.query_one("#backup-passphrase", Input).value
        info = verify_backup(source, passphrase)
        if self.over_open_vault():
            return info  # asked and done on the UI thread: the open vault must close first
        progress("restoring")
        return restore_backup(
            source,
            passphrase,
            self.target(),
            self.query_one(NewPassphrase).value,
            kdf=self.pendamping.kdf,
        )

    def finished(self, info: BackupInfo) -> None:
        if not self.over_open_vault():
            self.say(t("backup.restored", path=self.target()) + "\n" + backup_text(info), "done")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._restore_over_open(info), group="restore")

        word = t("backup.restore_over.word")  # the word asked for is the word accepted
        self.app.push_screen(
            TypeToConfirmDialog(
                t("backup.restore_over.title"),
                t("backup.restore_over.text", made=format_datetime(info.made_at), word=word),
                word,
            ),
            answered,
        )

    async def _restore_over_open(self, info: BackupInfo) -> None:
        app = self.pendamping
        source = Path(self.query_one("#backup-file", Input).value).expanduser()
        passphrase = self.query_one("#backup-passphrase", Input).value
        new_passphrase = self.query_one(NewPassphrase).value
        await app.flush_screens()
        await app.close_session()
        self.say(t("task.step.restoring"))
        worker = self.run_worker(
            lambda: restore_backup(
                source,
                passphrase,
                app.vault_path,
                new_passphrase,
                overwrite=True,
                kdf=app.kdf,
                marks=app.marks_path,
            ),
            thread=True,
            exit_on_error=False,
        )
        await worker.wait()
        app.after_restore(worker.error)


class BackupsScreen(BaseScreen[None]):
    """Backups and keys: everything that protects the records against loss."""

    HELP_KEY = "backups.help"
    DEFAULT_CSS = """
    BackupsScreen #backups { height: 1fr; padding: 1 2; }
    BackupsScreen .backups-line { height: auto; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("e", "export", "key.backup_export", id="backups.export"),
        Binding("v", "verify", "key.backup_verify", id="backups.verify"),
        Binding("r", "restore", "key.backup_restore", id="backups.restore"),
        Binding("k", "recovery_key", "key.recovery_key", id="backups.recovery"),
        Binding("p", "passphrase", "key.change_passphrase", id="backups.passphrase"),
    ]

    def compose(self) -> ComposeResult:
        yield from screen_top(t("backups.title"), private=False)
        with VerticalScroll(id="backups"):
            yield Static("", id="backups-last", classes="backups-line")
            yield Static("", id="backups-recovery", classes="backups-line")
            yield Static(
                t("backups.where", path=self.pendamping.vault_path), classes="backups-line"
            )
            yield Static(t("backups.keys"), classes="backups-line muted")
        yield from screen_bottom()

    def on_mount(self) -> None:
        # The caseload's reminder ("press b") has brought the worker here, where b is no
        # key: it has said what it had to.
        self.pendamping.withdraw_notices(BACKUP_REMINDER)
        self.refresh_state()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual runs BaseScreen's handler too: this one only adds the backup's state.
        self.refresh_state()

    def refresh_state(self) -> None:
        last = self.pendamping.last_backup()
        self.query_one("#backups-last", Static).update(
            t("backups.last", date=format_date(last)) if last else t("backups.never")
        )
        session = self.pendamping.session
        has_key = session is not None and session.has_recovery_key
        self.query_one("#backups-recovery", Static).update(
            t("backups.recovery_yes") if has_key else t("backups.recovery_no")
        )

    def action_export(self) -> None:
        self.app.push_screen(BackupExportScreen())

    def action_verify(self) -> None:
        self.app.push_screen(BackupVerifyScreen())

    def action_restore(self) -> None:
        self.app.push_screen(BackupRestoreScreen())

    def action_recovery_key(self) -> None:
        from .keys import RecoveryKeyScreen

        self.app.push_screen(RecoveryKeyScreen())

    def action_passphrase(self) -> None:
        from .keys import ChangePassphraseScreen

        self.app.push_screen(ChangePassphraseScreen())
