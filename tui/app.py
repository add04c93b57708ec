"""The Pendamping app: screen routing, global keys, auto-lock, privacy, theme, language.

Kept small on purpose: the work happens in `screens/`, the data in `models/`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import NoActiveWorker, get_current_worker

from models import dates
from models.atomic import real_path
from models.container import DEFAULT_KDF, KdfParams
from models.errors import VaultError

from . import i18n
from .bindings import binding_description, translate_bindings
from .commands import ClientCommands
from .i18n import error_text, t
from .keygate import KeyGate
from .locations import marks_file
from .settings import Settings, load_settings, record_backup, save_settings
from .widgets.notice import NoticeBar, NoticeBoard

if TYPE_CHECKING:  # loaded by the unlock screen's worker, after the first screen is up
    from models.repository import Repository

    from .session import Session

IDLE_CHECK_SECONDS = 5.0
TIDY_CHECK_SECONDS = 1.0  # a pause this long is used to collect garbage
BACKUP_REMINDER = "backup-reminder"  # the tag of the caseload's reminder notice


class PendampingApp(App[None]):
    CSS_PATH = "pendamping.tcss"
    TITLE = "Pendamping"
    # What a new screen focuses while it is built: the first thing a worker types into
    # or moves through. Never a scrolling container: focusing one, then the field in
    # it, restyled the whole screen twice and left an invisible stop for Tab.
    AUTO_FOCUS = "Input, TextArea, ChoiceSelect, Checkbox, DataTable, ItemList, RosterList"
    COMMANDS = App.COMMANDS | {ClientCommands}

    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True, id="app.quit"),
        Binding("ctrl+l", "lock", "key.lock", id="app.lock", tooltip="key.lock.tip"),
        Binding("f2", "toggle_privacy", "key.privacy", id="app.privacy", tooltip="key.privacy.tip"),
        Binding("f1,question_mark", "help", "key.help", id="app.help"),
        # Declared here (Textual would add its own) so the description is translated.
        Binding(
            "ctrl+p", "command_palette", "key.palette", show=False, priority=True, id="app.palette"
        ),
    ]

    #: Privacy mode: every screen hides all but client codes.
    private: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        vault_path: Path,
        *,
        settings: Settings | None = None,
        settings_path: Path | None = None,
        kdf: KdfParams = DEFAULT_KDF,
        today: Callable[[], date] = dates.today,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or load_settings(settings_path)
        self.settings_path = settings_path
        self.marks_path = marks_file(settings_path)
        i18n.use_language(i18n.detect_language(self.settings.language))
        super().__init__()
        translate_bindings(self)
        self.vault_path = vault_path
        self.kdf = kdf
        self.today = today
        self._clock = clock
        self._last_activity = clock()
        self.session: Session | None = None
        self.key_gate = KeyGate(self, self._deliver_key)
        self.notice_board = NoticeBoard()

    def _handle_exception(self, error: Exception) -> None:
        """Textual's own handling prints a traceback with the values of local variables
        (a note, the worker's name) when the app exits: say what happened without them."""
        super()._handle_exception(error)
        from rich.text import Text

        from .crash import crash_text

        self._exit_renderables[:] = [Text(crash_text(error))]

    # -- the session -------------------------------------------------------------------

    @property
    def repository(self) -> Repository:
        if self.session is None:
            raise RuntimeError("no vault is open")
        return self.session.repository

    @property
    def is_unlocked(self) -> bool:
        return self.session is not None and not self.session.is_locked

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        # The mask a worker turned on stays on, across restarts, until turned off.
        self.set_reactive(PendampingApp.private, self.settings.private)
        self.set_class(self.settings.private, "-private")
        from screens.unlock import CreateVaultScreen, UnlockScreen

        first_run = not self.vault_path.exists()
        self.push_screen(
            CreateVaultScreen(self.vault_path) if first_run else UnlockScreen(self.vault_path)
        )
        self.set_interval(IDLE_CHECK_SECONDS, self.check_autolock)
        self.set_interval(TIDY_CHECK_SECONDS, self.tidy_when_idle)

    def start_session(
        self, session: Session, *, after_recovery: bool = False, created: bool = False
    ) -> None:
        """Called by the create / unlock screens once the vault is open (or made)."""
        from screens.caseload import CaseloadScreen

        self.session = session
        self._last_activity = self._clock()
        self.start_over(CaseloadScreen(ask_worker_name=created))
        if after_recovery:
            from screens.keys import ChangePassphraseScreen

            self.push_screen(ChangePassphraseScreen(after_recovery=True))
        if session.rollback is not None:
            self.ask_about_older_file(session)
        self.refresh_bindings()

    def ask_about_older_file(self, session: Session) -> None:
        """The vault is older than this computer last left it: say so before anything
        is written, and let the worker choose (Enter, the choice that loses nothing, quits
        with every file as it is)."""
        from .widgets.dialogs import ConfirmDialog

        rollback = session.rollback
        assert rollback is not None
        text = t(
            "vault.rollback.text",
            path=session.path.name,
            missing=rollback.remembered - rollback.saves,
        )
        if rollback.newer is not None:
            text += " " + t("vault.rollback.newer", newer=rollback.newer.name)

        def answered(go_on: bool | None) -> None:
            if go_on:
                session.accept_older_file()
                return
            session.forget_marks()  # closing (on the way out) must not accept the file
            self.exit(return_code=1, message=t("vault.rollback.quit", path=session.path))

        self.push_screen(
            ConfirmDialog(
                t("vault.rollback.title"),
                text,
                confirm_key="vault.rollback.continue",
                danger=True,
                cancel_key="vault.rollback.stop",
            ),
            answered,
        )

    # -- backups -----------------------------------------------------------------------

    def last_backup(self) -> date | None:
        return dates.parse_iso(self.settings.last_backups.get(str(real_path(self.vault_path)), ""))

    def remember_backup(self, file: Path | None = None) -> None:
        """Note that the vault was backed up today, by the same clock the reminder reads
        (and, given the backup's file, that Verify offers it)."""
        record_backup(self.vault_path, self.today(), self.settings_path, file=file)
        saved = load_settings(self.settings_path)
        self.settings = self.settings.with_changes(
            last_backups=saved.last_backups,
            backup_files=saved.backup_files,
            backup_folder=saved.backup_folder,
        )
        self.withdraw_notices(BACKUP_REMINDER)

    def remember(self, **changes: Any) -> None:
        """Keep a convenience in the settings (the folder used last); a settings file
        that cannot be written never fails the export or backup that was just made."""
        # From the file, not this window's copy: another Pendamping (the command line's
        # backup, say) may have written since, and what it wrote is kept.
        self.settings = load_settings(self.settings_path).with_changes(**changes)
        with contextlib.suppress(VaultError):
            save_settings(self.settings, self.settings_path)

    def backup_overdue(self) -> bool:
        last = self.last_backup()
        return last is None or (self.today() - last).days >= self.settings.backup_reminder_days

    def after_restore(self, error: BaseException | None) -> None:
        """The vault was replaced from a backup (or that failed): unlock it afresh."""
        from screens.unlock import UnlockScreen

        self.start_over(UnlockScreen(self.vault_path))
        if error is None:
            self.notify(t("backup.restored", path=self.vault_path), timeout=8)
        else:
            self.notify(
                error_text(error) if isinstance(error, VaultError) else str(error),
                severity="error",
                timeout=10,
            )

    async def action_quit(self) -> None:
        """Quit; if a form holds unsaved typing, ask first (never lose it by accident)."""
        from screens.base import BaseScreen

        # Notes save themselves (flushed on the way out); forms wait for Ctrl+S, so ask.
        unsaved = [
            s
            for s in self.screen_stack
            if isinstance(s, BaseScreen) and s.is_dirty and not s.saves_itself
        ]
        if unsaved and self.is_unlocked:
            from .widgets.dialogs import ConfirmDialog

            async def answered(leave: bool | None) -> None:
                if leave:
                    await self._quit_now()

            await self.push_screen(
                ConfirmDialog(
                    t("quit.unsaved.title"),
                    t("quit.unsaved.text"),
                    confirm_key="quit.unsaved.quit",
                    danger=True,
                ),
                answered,
            )
            return
        await self._quit_now()

    async def _quit_now(self) -> None:
        if self.is_unlocked:
            await self.flush_screens()
        await self.close_session()
        self.exit()

    def on_unmount(self) -> None:
        # However the app ends, release the vault (waits for a save in flight).
        if self.session is not None:
            self.session.close()
            self.session = None

    async def close_session(self) -> None:
        """Let saves in flight finish, then release the vault. Called from a worker (a
        restore over the open vault), it does not wait for that worker itself."""
        try:
            current: object = get_current_worker()
        except NoActiveWorker:
            current = None
        others = [w for w in self.workers if w is not current]
        if others:  # (an empty list would mean "every worker" to Textual)
            await self.workers.wait_for_complete(others)
        if self.session is not None:
            self.session.close()
            self.session = None

    # -- auto-lock -----------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(
            event,
            (
                events.Key,
                events.MouseDown,
                events.MouseScrollDown,
                events.MouseScrollUp,
                events.Paste,
            ),
        ):
            self._last_activity = self._clock()
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            await self.key_gate.offer(event)  # one at a time, to the screen it was meant for
            return
        await super().on_event(event)

    async def _deliver_key(self, event: events.Event) -> None:
        await super().on_event(event)

    def tidy_when_idle(self) -> None:
        """Collect garbage while the worker pauses, not while a screen is being built."""
        if (
            self.is_unlocked
            and not self.key_gate.waiting
            and self._clock() - self._last_activity >= TIDY_CHECK_SECONDS
        ):
            from .session import collect_garbage_if_due

            collect_garbage_if_due()

    def check_autolock(self) -> None:
        idle = self._clock() - self._last_activity
        if self.is_unlocked and idle >= self.settings.autolock_minutes * 60:
            self.call_later(self.action_lock, True)

    async def action_lock(self, by_itself: bool = False) -> None:
        """Save what is being typed, then cover the screen and drop the keys.

        The screens stay as they were underneath, so the passphrase brings the worker
        back to where they were.
        """
        if not self.is_unlocked or self.session is None:
            return
        from screens.unlock import LockScreen

        await self.flush_screens()
        if self.session is None or not self.is_unlocked:
            return
        self.session.lock()
        await self.push_screen(LockScreen(self.vault_path, by_itself=by_itself))
        self.refresh_bindings()

    async def flush_screens(self) -> None:
        """Ask every screen holding unsaved typing (a note) to save it, and wait."""
        from screens.base import BaseScreen

        for screen in list(self.screen_stack):
            if isinstance(screen, BaseScreen) and screen.saves_itself:
                await screen.flush()

    def unlocked(self) -> None:
        self._last_activity = self._clock()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("quit", "help", "toggle_privacy"):
            return True
        if action in ("lock", "command_palette"):
            return self.is_unlocked
        return True

    # -- notices ---------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
        tag: str = "",
    ) -> None:
        """Say something to the worker in the notice line above the footer.

        Screens without that line (the unlock screen, dialogs on their own) get
        Textual's toast. A `tag` lets the notice be taken back (`withdraw_notices`).
        """
        if not any(screen.query(NoticeBar) for screen in self.screen_stack):
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
            return
        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self.notice_board.post(message, title=title, severity=severity, timeout=seconds, tag=tag)
        self.show_notices()
        self.set_timer(seconds + 0.05, self.show_notices)

    def withdraw_notices(self, tag: str) -> None:
        self.notice_board.withdraw(tag)
        self.show_notices()

    def clear_notifications(self) -> None:
        self.notice_board.clear()
        self.show_notices()
        super().clear_notifications()

    def show_notices(self) -> None:
        current = self.notice_board.current()
        for screen in self.screen_stack:
            for bar in screen.query(NoticeBar):
                bar.show(current)
        # A notice takes lines from the screen: keep what is being typed in view.
        self.call_after_refresh(self._keep_focus_in_view)

    def _keep_focus_in_view(self) -> None:
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)

    # -- privacy, help, settings -------------------------------------------------------------

    def action_toggle_privacy(self) -> None:
        self.private = not self.private
        self.remember(private=self.private)

    def watch_private(self, private: bool) -> None:
        self.set_class(private, "-private")
        # Screens underneath are restyled too, or going back would show what is hidden.
        for screen in self.screen_stack:
            self.stylesheet.update(screen)
        self.notify(t("privacy.on") if private else t("privacy.off"), timeout=2)

    def action_command_palette(self) -> None:
        from .palette import Palette

        if self.use_command_palette and not isinstance(self.screen, Palette):
            self.push_screen(Palette())

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_settings(self) -> None:
        from screens.settings import SettingsScreen

        if self.is_unlocked:
            self.push_screen(SettingsScreen())

    def apply_settings(self, settings: Settings) -> bool:
        """Store new settings and show them at once (a new language redraws the screens);
        False if they could not be written (the worker has been told)."""
        language_changed = settings.language != self.settings.language
        self.settings = settings
        saved = True
        try:
            save_settings(settings, self.settings_path)
        except VaultError as error:  # they still hold for this session
            self.notify(
                t("settings.not_saved", reason=error_text(error)), severity="error", timeout=15
            )
            saved = False
        self.theme = settings.theme
        if language_changed:
            i18n.use_language(i18n.detect_language(settings.language))
            translate_bindings(self)
            self.redraw_screens()
        return saved

    def start_over(self, screen: Screen[Any]) -> None:
        """Close every screen (e.g. the recovery-key screen over the unlock) and show
        `screen` alone above the default one, which sits underneath everything."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    def redraw_screens(self) -> None:
        """Rebuild the screens in the new language, back on the caseload."""
        from screens.caseload import CaseloadScreen

        self.start_over(CaseloadScreen())

    # -- navigation helpers used by screens and the command palette -----------------------------

    def open_client(self, client_id: int) -> None:
        from screens.client_overview import ClientOverviewScreen

        self.push_screen(ClientOverviewScreen(client_id))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of the current screen and of the app, by its translated name."""
        if not self.is_unlocked:
            return
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            # Ours carry an id (and a translated name); Textual's own widget keys ("Page
            # Left", "Focus Next") have none and would speak English.
            if (
                binding.id is None
                or not active.enabled
                or binding.action in seen
                or binding.action == "back"
            ):
                continue
            seen.add(binding.action)
            title = binding_description(binding)
            if not title:
                continue
            yield SystemCommand(
                title,
                t("palette.key", key=self.get_key_display(binding)),
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand(t("palette.settings"), t("palette.settings.help"), self.action_settings)


def make_app(
    vault_path: Path,
    *,
    language: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    settings_path: Path | None = None,
    today: Callable[[], date] = dates.today,
) -> PendampingApp:
    """The app as the command line and the tests build it."""
    settings = load_settings(settings_path)
    if language:
        settings = settings.with_changes(language=language)
    return PendampingApp(
        vault_path, settings=settings, settings_path=settings_path, kdf=kdf, today=today
    )


def run_app(vault_path: Path, *, language: str | None = None, kdf: KdfParams = DEFAULT_KDF) -> int:
    app = make_app(vault_path, language=language, kdf=kdf)
    app.run()
    if app.session is not None:  # closed by a signal rather than by quitting
        app.session.close()
    return app.return_code or 0
