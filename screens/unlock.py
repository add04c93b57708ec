"""The doors of the vault: create it (first run), unlock it (every day), and the lock
screen that covers everything after a few idle minutes.

Key derivation is slow on purpose, so opening runs in a thread worker while the screen
shows that it is working.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, LoadingIndicator, Static

from models.errors import KeySlotsChanged, VaultError, WrongPassphrase
from tui.bindings import translate_bindings
from tui.i18n import error_text, t
from tui.passphrase import refusal_text, strength
from tui.widgets.chrome import screen_bottom
from tui.widgets.text_input import TextInput

from .base import BaseScreen

if TYPE_CHECKING:
    from tui.session import Session


def sessions() -> type[Session]:
    """The Session class, imported on first use: the records, the repository and the
    cryptography load while the worker types the passphrase, not before the first
    screen appears (see `preload`)."""
    from tui.session import Session

    return Session


PRELOAD_WAIT_SECONDS = 30.0  # the check of the vault; a slow disk, not a hang


class _DoorScreen(BaseScreen[None]):
    """Shared layout: a centred panel with a title, some text and passphrase fields."""

    DEFAULT_CSS = """
    _DoorScreen { align: center middle; }
    _DoorScreen #door {
        width: 72; max-width: 100%; height: auto; border: round $primary;
        padding: 1 2; background: $surface;
    }
    _DoorScreen .door-title { text-style: bold; width: 1fr; content-align: center middle; }
    _DoorScreen .door-path { color: $text-muted; margin-bottom: 1; }
    _DoorScreen .door-message { height: auto; margin-top: 1; }
    _DoorScreen .door-message.-error { color: $error; text-style: bold; }
    _DoorScreen .door-warning { color: $warning; height: auto; margin: 1 0; }
    _DoorScreen #strength.-error { color: $error; text-style: bold; }
    _DoorScreen LoadingIndicator { height: 1; display: none; }
    _DoorScreen.-busy LoadingIndicator { display: block; }
    _DoorScreen Input { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "back", "key.back", show=False, id="screen.back")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._held: object | None = None
        self._preloaded = threading.Event()  # set while no check of the vault is pending
        self._preloaded.set()

    def message_area(self) -> Static:
        return self.query_one(".door-message", Static)

    def say(self, text: str, *, error: bool = False) -> None:
        area = self.message_area()
        area.update(text)
        area.set_class(error, "-error")

    def busy(self, busy: bool, *, keep_keys: bool = False) -> None:
        """While the vault opens, keys typed meanwhile wait for the screen that opens
        next (the caseload); if it does not open, they were for nothing and are dropped.
        """
        gate = self.pendamping.key_gate
        if busy and self._held is None:
            self._held = gate.hold()
        elif not busy and self._held is not None:
            gate.release(self._held, discard=not keep_keys)
            self._held = None
        self.set_class(busy, "-busy")
        for field in self.query(Input):
            field.disabled = busy

    def start_preload(self, check_vault: bool = False) -> None:
        self._preloaded.clear()
        self.call_after_refresh(self.preload, check_vault)  # once the screen is drawn

    @work(thread=True, exit_on_error=False, group="preload")
    def preload(self, check_vault: bool = False) -> None:
        """Import what opening the vault and the caseload need, off the UI thread while
        the worker types; first, if asked, check that the vault can be opened here at all
        (in use elsewhere, damaged, too new: then say why and leave it untouched)."""
        try:
            if check_vault:
                try:
                    sessions().probe(self.path)
                except VaultError as error:
                    self.app.call_from_thread(self.fatal, error)
                    return
            import screens.caseload  # noqa: F401
            import tui.session  # noqa: F401
            from models import container

            container.load_cryptography()
            if not check_vault:  # a new vault: its passphrase is judged as it is typed
                from tui.passphrase import strength

                strength("warm up the word lists")
        finally:
            self._preloaded.set()

    def fatal(self, error: VaultError) -> None:
        """A vault that cannot be opened here: say why and leave it untouched."""
        self.busy(False)
        self.app.exit(return_code=1, message=f"pendamping: {error_text(error)}")

    @work(thread=True, exclusive=True, exit_on_error=False, group="door")
    def open_session(self, opener: Callable[[], Session], *, after_recovery: bool = False) -> None:
        """Run the slow key derivation off the UI thread, then go in (or say why not)."""
        # A passphrase typed ahead can arrive before the check of the vault has run;
        # opening takes the vault's lock, and the check would then find it "in use".
        self._preloaded.wait(PRELOAD_WAIT_SECONDS)
        try:
            session = opener()
        except WrongPassphrase as error:
            self.app.call_from_thread(self.wrong_secret, error)
            return
        except VaultError as error:
            self.app.call_from_thread(self.fatal, error)
            return
        self.app.call_from_thread(self.went_in, session, after_recovery)

    CREATES = False  # this door makes a new vault

    def went_in(self, session: Session, after_recovery: bool) -> None:
        self.pendamping.start_session(session, after_recovery=after_recovery, created=self.CREATES)
        self.busy(False, keep_keys=True)  # what was typed meanwhile goes to the caseload
        self.after_going_in(session)

    def after_going_in(self, session: Session) -> None:
        """What a door does once the vault is open (the unlock screen: see there)."""

    def wrong_secret(self, error: WrongPassphrase) -> None:
        raise NotImplementedError


class CreateVaultScreen(_DoorScreen):
    """First run: choose the passphrase that protects every record."""

    CREATES = True

    def compose(self) -> ComposeResult:
        with Vertical(id="door"):
            yield Label(t("create.title"), classes="door-title")
            yield Static(t("create.where", path=self.path), classes="door-path")
            yield Static(t("create.intro"))
            yield Static(t("create.warning"), classes="door-warning")
            yield TextInput(password=True, placeholder=t("create.passphrase"), id="passphrase")
            yield Static(t("strength.empty"), id="strength")
            yield TextInput(password=True, placeholder=t("create.repeat"), id="repeat")
            yield LoadingIndicator()
            yield Static("", classes="door-message")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()
        self.start_preload()

    @on(Input.Changed, "#passphrase")
    def show_strength(self, event: Input.Changed) -> None:
        line = self.query_one("#strength", Static)
        if not event.value and line.has_class("-error"):
            return  # the field was emptied after a refusal: the refusal stays
        line.update(t(f"strength.{strength(event.value)}"))
        line.remove_class("-error")

    @on(Input.Submitted, "#passphrase")
    def to_repeat(self) -> None:
        self.query_one("#repeat", Input).focus()

    @on(events.DescendantFocus)
    @on(Input.Changed, "#repeat")
    def show_match(self, event: events.DescendantFocus | Input.Changed) -> None:
        """Under the repeat field, say whether the two agree yet. It also shows that the
        cursor has moved: keys typed before that still land in the first field."""
        if isinstance(event, events.DescendantFocus) and (
            self.message_area().has_class("-error")
            or self.query_one("#strength", Static).has_class("-error")
        ):
            return  # a refusal stays until the worker types again
        repeat = self.query_one("#repeat", Input)
        if repeat.has_focus or repeat.value:
            same = bool(repeat.value) and repeat.value == self.query_one("#passphrase", Input).value
            self.say(t("create.repeat_same" if same else "create.repeat_hint"))

    @on(Input.Submitted, "#repeat")
    def create(self) -> None:
        passphrase = self.query_one("#passphrase", Input).value
        repeat = self.query_one("#repeat", Input).value
        refused = refusal_text(passphrase)
        if refused:
            # Said under the passphrase, where it is typed (and where the focus goes).
            # Both fields are emptied for a new one: the cursor is back in the first.
            for field in self.query(Input):
                field.value = ""
            line = self.query_one("#strength", Static)
            line.update(refused)
            line.add_class("-error")
            self.say("")
            self.query_one("#passphrase", Input).focus()
            return
        if repeat != passphrase:
            self.say(t("passphrase.mismatch"), error=True)
            self.query_one("#repeat", Input).focus()
            return
        self.busy(True)
        self.say(t("create.working"))
        self._create(passphrase)

    @work(thread=True, exclusive=True, exit_on_error=False, group="door")
    def _create(self, passphrase: str) -> None:
        app = self.pendamping
        try:
            session = sessions().create(
                self.path, passphrase, kdf=app.kdf, today=app.today, marks=app.marks_path
            )
        except VaultError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self.went_in, session, False)

    def _failed(self, error: VaultError) -> None:
        self.busy(False)
        self.say(error_text(error), error=True)


class UnlockScreen(_DoorScreen):
    """Every day: the passphrase, and a few seconds of key derivation."""

    BINDINGS = [Binding("f3", "recover", "key.recover", id="unlock.recover")]
    _typed = ""  # the passphrase being tried, kept only until the vault is open

    def compose(self) -> ComposeResult:
        with Vertical(id="door"):
            yield Label(t("unlock.title"), classes="door-title")
            yield Static(t("unlock.where", path=self.path), classes="door-path")
            yield TextInput(password=True, placeholder=t("unlock.passphrase"), id="passphrase")
            yield LoadingIndicator()
            yield Static(t("unlock.hint"), classes="door-message")
            yield from screen_bottom()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()
        self.start_preload(check_vault=True)

    @on(Input.Submitted, "#passphrase")
    def unlock(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        self.busy(True)
        self.say(t("unlock.working"))
        path, today, passphrase = self.path, self.pendamping.today, event.value
        marks = self.pendamping.marks_path
        self._typed = passphrase
        self.open_session(lambda: sessions().open(path, passphrase, today=today, marks=marks))

    def after_going_in(self, session: Session) -> None:
        # A key slot written too cheaply (by a test build, or an older release) is only as
        # strong as its cost: with the passphrase just typed it can be written again.
        typed, self._typed = self._typed, ""
        if (
            typed
            and session.weak_passphrase_slot
            and not self.pendamping.kdf.weak
            and session.rollback is None
        ):
            from .keys import offer_to_strengthen

            offer_to_strengthen(self.pendamping, session, typed)

    def wrong_secret(self, error: WrongPassphrase) -> None:
        self.busy(False)
        self._typed = ""
        wrong = error_text(error) if isinstance(error, KeySlotsChanged) else t("unlock.wrong")
        self.say(wrong + " " + t("unlock.forgot"), error=True)
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.focus()

    def action_recover(self) -> None:
        from .keys import RecoveryUnlockScreen

        self.app.push_screen(RecoveryUnlockScreen(self.path))


class LockScreen(ModalScreen[None]):
    """Covers the app while the keys are dropped; the passphrase brings the worker back."""

    DEFAULT_CSS = """
    LockScreen { align: center middle; background: $background; }
    LockScreen #door {
        width: 60; height: auto; border: round $primary; padding: 1 2; background: $surface;
    }
    LockScreen .door-title { text-style: bold; }
    LockScreen .door-message { height: auto; margin-top: 1; }
    LockScreen .door-message.-error { color: $error; text-style: bold; }
    LockScreen LoadingIndicator { height: 1; display: none; }
    LockScreen.-busy LoadingIndicator { display: block; }
    """

    def __init__(self, path: Path, *, by_itself: bool = False) -> None:
        """`by_itself`: locked after the idle minutes, not by the worker's Ctrl+L."""
        super().__init__()
        translate_bindings(self)
        self.path = path
        self.by_itself = by_itself
        self._held: object = None

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="door"):
            yield Label(t("lock.title"), classes="door-title")
            yield Static(t("lock.text" if self.by_itself else "lock.text_by_you"))
            yield TextInput(password=True, placeholder=t("unlock.passphrase"), id="passphrase")
            yield LoadingIndicator()
            yield Static("", classes="door-message")
            yield Static(t("lock.hint"), classes="muted")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def unlock(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        self.set_class(True, "-busy")
        self.query_one("#passphrase", Input).disabled = True
        # Keys typed while it unlocks are for the screen underneath.
        self._held = self.app.key_gate.hold()  # type: ignore[attr-defined]
        self._unlock(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="door")
    def _unlock(self, passphrase: str) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        try:
            session.unlock(passphrase)
        except VaultError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._back)

    def _back(self) -> None:
        self.dismiss()
        self.app.unlocked()  # type: ignore[attr-defined]
        self.app.key_gate.release(self._held)  # type: ignore[attr-defined]

    def _failed(self, error: VaultError) -> None:
        self.set_class(False, "-busy")
        self.app.key_gate.release(self._held, discard=True)  # type: ignore[attr-defined]
        message = self.query_one(".door-message", Static)
        message.update(
            t("unlock.wrong") if isinstance(error, WrongPassphrase) else error_text(error)
        )
        message.set_class(True, "-error")
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
