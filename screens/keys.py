"""The keys to the vault: change the passphrase, make a recovery key (shown once, in
groups easy to write down for a supervisor), and unlock with it when the passphrase is
forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, LoadingIndicator, Static

from models.errors import VaultError, WrongPassphrase
from tui.i18n import error_text, t
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.passphrase import NewPassphrase
from tui.widgets.text_input import TextInput

from .task import TaskScreen
from .unlock import _DoorScreen, sessions

if TYPE_CHECKING:  # the vault's modules load in the background, not with this screen
    from tui.app import PendampingApp
    from tui.session import Rekeyed, Session


class RecoveryKeyShown(Static):
    """A recovery key, shown once, large enough to copy by hand."""

    DEFAULT_CSS = """
    RecoveryKeyShown {
        height: auto; margin: 1 0; padding: 1 2; border: heavy $warning;
        text-style: bold; display: none;
    }
    RecoveryKeyShown.-shown { display: block; }
    """

    def show(self, key: str) -> None:
        self.update(key)
        self.add_class("-shown")


def tell_removed_generations(screen: TaskScreen, rekeyed: Rekeyed) -> None:
    """Earlier versions that could not be re-encrypted were removed: never silently."""
    if rekeyed.removed_generations:
        name = screen.pendamping.vault_path.name
        screen.notify(
            t(
                "keys.generations_removed",
                names=", ".join(f"{name}.{n}" for n in rekeyed.removed_generations),
            ),
            severity="warning",
            timeout=30,
        )


def offer_to_strengthen(app: PendampingApp, session: Session, passphrase: str) -> None:
    """Ask to write the passphrase slot again at today's key-derivation cost (a few
    seconds, in the background); Enter keeps it as it is."""

    def strengthen() -> None:
        try:
            session.strengthen(passphrase, kdf=app.kdf)
        except VaultError as error:
            app.call_from_thread(app.notify, error_text(error), severity="error", timeout=15)
        else:
            app.call_from_thread(app.notify, t("vault.weak.done"), timeout=5)

    def answered(yes: bool | None) -> None:
        if yes:
            app.notify(t("vault.weak.working"), timeout=5)
            app.run_worker(strengthen, thread=True, exit_on_error=False, group="strengthen")

    app.push_screen(
        ConfirmDialog(
            t("vault.weak.title"), t("vault.weak.text"), confirm_key="vault.weak.strengthen"
        ),
        answered,
    )


class ChangePassphraseScreen(TaskScreen):
    """With the current passphrase; after a recovery-key unlock, without it."""

    TITLE_KEY = "keys.passphrase.title"
    STEPS = ("checking", "changing")

    def __init__(self, *, after_recovery: bool = False) -> None:
        super().__init__()
        self.after_recovery = after_recovery

    def compose_task(self) -> ComposeResult:
        yield Static(
            t("keys.passphrase.after_recovery" if self.after_recovery else "keys.passphrase.intro"),
            classes="task-intro",
        )
        session = self.pendamping.session
        if not self.after_recovery and session is not None and not session.recovery_key_follows:
            yield Static(t("keys.passphrase.recovery_replaced_too"), classes="task-warning")
        if not self.after_recovery:
            yield TextInput(
                password=True, placeholder=t("cli.prompt.current_passphrase"), id="current"
            )
        yield NewPassphrase("cli.prompt.new_passphrase")
        yield RecoveryKeyShown(id="recovery-key")

    def on_mount(self) -> None:
        if self.after_recovery:
            self.query_one(NewPassphrase).focus_first()
        else:
            super().on_mount()

    def check(self) -> str | None:
        return self.query_one(NewPassphrase).problem()

    def job(self, progress: Callable[[str], None]) -> Rekeyed:
        session = self.pendamping.session
        assert session is not None
        if not self.after_recovery:
            progress("checking")
            if not session.check_passphrase(self.query_one("#current", Input).value):
                raise WrongPassphrase("the current passphrase is wrong")
        progress("changing")
        return session.change_passphrase(
            self.query_one(NewPassphrase).value, kdf=self.pendamping.kdf
        )

    def finished(self, result: Rekeyed) -> None:
        tell_removed_generations(self, result)
        self.after_recovery = False  # done: going back is allowed again
        if result.recovery_key is None:
            self.notify(t("passphrase.changed"), timeout=5)
            self.dismiss(True)
            return
        # The old recovery key cannot open the re-encrypted vault: show its successor.
        for field in self.query(Input):
            field.disabled = True
        self.query_one(RecoveryKeyShown).show(result.recovery_key)
        self.say(t("keys.passphrase.recovery_replaced"), "done")

    def action_run(self) -> None:
        if self.query_one(RecoveryKeyShown).has_class("-shown"):
            return  # changed already: Ctrl+S again would replace the key just shown
        super().action_run()

    def action_back(self) -> None:
        if self.after_recovery:  # a forgotten passphrase must be replaced before going on
            self.notify(t("keys.passphrase.must_set"), severity="warning")
            return
        super().action_back()


class RecoveryKeyScreen(TaskScreen):
    TITLE_KEY = "keys.recovery.title"
    STEPS = ("making",)
    BINDINGS = [Binding("ctrl+s", "run", "key.make_recovery_key", id="task.run")]

    def compose_task(self) -> ComposeResult:
        yield Static(t("keys.recovery.intro"), classes="task-intro")
        session = self.pendamping.session
        if session is not None and session.has_recovery_key:
            yield Static(t("keys.recovery.replaces"), classes="task-warning")
        yield Static(t("keys.recovery.keys"), classes="muted")
        yield RecoveryKeyShown(id="recovery-key")

    def action_run(self) -> None:
        session = self.pendamping.session
        if session is not None and session.has_recovery_key and not self.running:

            def answered(yes: bool | None) -> None:
                if yes:
                    super(RecoveryKeyScreen, self).action_run()

            self.app.push_screen(
                ConfirmDialog(
                    t("keys.recovery.replace_title"), t("keys.recovery.replaces"), danger=True
                ),
                answered,
            )
            return
        super().action_run()

    def job(self, progress: Callable[[str], None]) -> Rekeyed:
        progress("making")
        session = self.pendamping.session
        assert session is not None
        return session.make_recovery_key(kdf=self.pendamping.kdf)

    def finished(self, result: Rekeyed) -> None:
        tell_removed_generations(self, result)
        assert result.recovery_key is not None
        self.query_one(RecoveryKeyShown).show(result.recovery_key)
        self.set_class(True, "-shown")
        self.say(t("keys.recovery.shown_once"), "done")


class RecoveryUnlockScreen(_DoorScreen):
    """The passphrase is forgotten: the recovery key opens the vault, then a new
    passphrase must be chosen."""

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="door"):
            yield Label(t("keys.recover.title"), classes="door-title")
            yield Static(t("unlock.where", path=self.path), classes="door-path")
            yield Static(t("keys.recover.intro"))
            yield TextInput(placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX", id="key")
            yield LoadingIndicator()
            yield Static("", classes="door-message")

    def on_mount(self) -> None:
        self.query_one("#key", Input).focus()

    def action_back(self) -> None:
        self.dismiss()

    @on(Input.Submitted, "#key")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.busy(True)
            self.say(t("unlock.working"))
            path, today, key = Path(self.path), self.pendamping.today, event.value
            marks = self.pendamping.marks_path
            self.open_session(
                lambda: sessions().open_with_recovery_key(path, key, today=today, marks=marks),
                after_recovery=True,
            )

    def wrong_secret(self, error: WrongPassphrase) -> None:
        self.busy(False)
        self.say(t("keys.recover.wrong"), error=True)
        self.query_one("#key", Input).focus()


__all__ = ["ChangePassphraseScreen", "RecoveryKeyScreen", "RecoveryUnlockScreen"]
