"""What every screen of the app shares: translated keys, the repository, background saves.

A screen never touches TinyDB or a file: it asks the repository, and every call that
writes runs in a thread worker so the UI never waits for the disk. The result comes back
to the screen on the UI thread; a failure is shown in the worker's language and
whatever they typed stays on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from models.errors import VaultError
from tui.bindings import translate_bindings
from tui.i18n import error_text, t
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.status import SaveStatus

if TYPE_CHECKING:
    from models.repository import RecordInvalid, Repository
    from tui.app import PendampingApp

T = TypeVar("T")
ResultType = TypeVar("ResultType")

SAVE_GROUP = "save"


class _SaveCallbacks(NamedTuple):
    saved: Callable[[Any], None]
    invalid: Callable[[RecordInvalid], None] | None
    failed: Callable[[BaseException], None] | None
    held_keys: object | None  # the key gate's token while the save decides what is next


class BaseScreen(Screen[ResultType]):
    BINDINGS = [
        Binding("escape", "back", "key.back", id="screen.back", show=False),
    ]

    #: Shown by the help screen above the list of keys.
    HELP_KEY: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)
        self._save_callbacks: dict[Worker[Any], _SaveCallbacks] = {}
        self._resumed = False
        self._revision_when_left: object = None

    @property
    def pendamping(self) -> PendampingApp:
        return self.app  # type: ignore[return-value]

    @property
    def repo(self) -> Repository:
        return self.pendamping.repository

    # -- what the app asks of every screen -------------------------------------------

    @property
    def is_dirty(self) -> bool:
        """True while the screen holds typing that is not saved yet."""
        return False

    @property
    def saves_itself(self) -> bool:
        """True if the screen saves its typing unasked (a note): quitting or locking
        calls `flush` instead of asking the worker whether to leave it."""
        return False

    async def flush(self) -> None:
        """Save what is typed now and wait for it; only screens that save themselves do."""

    def shows_key(self, binding: Binding) -> bool:
        """Whether the footer offers `binding` (it still works, and help lists it)."""
        return True

    # -- coming back to a screen ------------------------------------------------------

    def on_screen_suspend(self) -> None:
        self._revision_when_left = self._revision_now()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Show what changed while another screen was on top, and only then.

        A screen loads what it shows when it is mounted, and Textual resumes it right
        after; neither that first resume nor coming back with nothing saved meanwhile
        reloads anything.
        """
        if not self._resumed:
            self._resumed = True
            # Just mounted, so just styled: restyling every widget again (Textual does on
            # every push) was a third of the time a form took to appear.
            event.refresh_styles = False
            return
        if not self.pendamping.is_unlocked:
            return  # locked, or closed on the way out: there is nothing to read now
        if self._revision_now() != self._revision_when_left:
            self.on_return()

    def on_return(self) -> None:
        """Reload what the screen shows; called on coming back after something changed."""

    def _revision_now(self) -> object:
        app = self.pendamping
        return app.repository.revision if app.is_unlocked else None

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:  # the default screen sits underneath everything
            self.dismiss()

    def leave_unless_unsaved(self, unsaved: bool, text_key: str = "form.discard_text") -> None:
        """Go back; if typing would be lost, ask first (never lose it by accident)."""
        if not unsaved:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                t("form.discard_title"), t(text_key), confirm_key="form.discard", danger=True
            ),
            answered,
        )

    # -- saving in the background ---------------------------------------------------

    def save_status(self) -> SaveStatus | None:
        found = self.query(SaveStatus)
        return found.first() if found else None

    def run_save(
        self,
        operation: Callable[[], T],
        on_saved: Callable[[T], None],
        *,
        on_invalid: Callable[[RecordInvalid], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        description: str = "save",
        hold_keys: bool = True,
    ) -> Worker[T]:
        """Run `operation` (repository calls) off the UI thread, then `on_saved(result)`.

        `on_invalid` receives validation problems; any other failure is shown on the
        status line and as a notification, and the screen keeps what was typed.

        Keys typed while the save runs wait for what comes after it (a form closes,
        the list underneath shows the change) unless `hold_keys` is False (a note
        saving itself while the worker goes on typing). If the save fails, they are
        dropped: they were meant for a screen that did not come.
        """
        status = self.save_status()
        if status is not None:
            status.saving()
        held = self.pendamping.key_gate.hold() if hold_keys else None
        worker = self.run_worker(
            operation, thread=True, group=SAVE_GROUP, exit_on_error=False, description=description
        )
        self._save_callbacks[worker] = _SaveCallbacks(on_saved, on_invalid, on_failed, held)
        return worker

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        callbacks = self._save_callbacks.get(event.worker)
        if callbacks is None or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            return
        del self._save_callbacks[event.worker]
        try:
            self._save_ended(event.worker, callbacks)
        finally:
            if callbacks.held_keys is not None:
                self.pendamping.key_gate.release(
                    callbacks.held_keys, discard=event.state is not WorkerState.SUCCESS
                )

    def _save_ended(self, worker: Worker[Any], callbacks: _SaveCallbacks) -> None:
        if worker.state is WorkerState.CANCELLED:
            return
        status = self.save_status()
        if worker.state is WorkerState.SUCCESS:
            if status is not None:
                status.saved()
            callbacks.saved(worker.result)
            return
        from models.repository import RecordInvalid  # loaded by then: a save ran

        error = worker.error
        if isinstance(error, RecordInvalid) and callbacks.invalid is not None:
            if status is not None:
                status.unsaved()
            callbacks.invalid(error)
            return
        reason = (
            error_text(error)
            if isinstance(error, VaultError)
            else t("save.unexpected", error=type(error).__name__)
        )
        if status is not None:
            status.failed(reason)
        self.notify(reason, title=t("save.failed_title"), severity="error", timeout=10)
        if callbacks.failed is not None and error is not None:
            callbacks.failed(error)

    def on_unmount(self) -> None:
        # A screen closed with a save still running must not leave the keys held.
        for callbacks in self._save_callbacks.values():
            if callbacks.held_keys is not None:
                self.pendamping.key_gate.release(callbacks.held_keys)

    @property
    def saves_in_flight(self) -> bool:
        return bool(self._save_callbacks)
