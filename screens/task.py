"""A screen that asks for a few things (paths, passphrases), then does one slow job in
the background while showing its progress, and says plainly how it went. Backups, case
transfer and passphrase changes are all of this shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, ProgressBar, Static

from models.errors import VaultError, WrongPassphrase
from tui.i18n import error_text, t
from tui.widgets.chrome import screen_bottom, screen_top

from .base import BaseScreen


class TaskScreen(BaseScreen[Any]):
    DEFAULT_CSS = """
    TaskScreen #task { height: 1fr; padding: 0 2; }
    TaskScreen .task-intro { height: auto; margin-bottom: 1; }
    TaskScreen .task-warning { height: auto; color: $warning; margin-top: 1; }
    TaskScreen Input { margin-top: 1; }
    TaskScreen ProgressBar { margin-top: 1; display: none; }
    TaskScreen.-running ProgressBar { display: block; }
    TaskScreen #task-message { height: auto; margin-top: 1; }
    TaskScreen #task-message.-error { color: $error; text-style: bold; }
    TaskScreen #task-message.-done { color: $success; }
    """
    BINDINGS = [Binding("ctrl+s", "run", "key.run", id="task.run")]

    TITLE_KEY = ""
    STEPS: tuple[str, ...] = ()  # names of the job's steps, for the progress bar

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self._focused_before: object = None

    def compose(self) -> ComposeResult:
        yield from screen_top(self.title_text(), private=False)
        with VerticalScroll(id="task", can_focus=False):
            yield from self.compose_task()
            yield ProgressBar(total=max(1, len(self.STEPS)), show_eta=False)
            yield Static("", id="task-message")
        yield from screen_bottom()

    def title_text(self) -> str:
        return t(self.TITLE_KEY)

    def compose_task(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        # A field's text is never selected on arriving in it: a secret typed into a path
        # by mistake would replace the path and stand there in clear.
        for field in self.query(Input):
            field.select_on_focus = False
        # The first field still to fill: a secret, where the paths are already given.
        empty = [field for field in self.query(Input) if not field.value]
        inputs = empty or list(self.query(Input))
        if inputs:
            inputs[0].focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on to the next field still empty, and runs the job when every
        # field after this one is filled (a path given already needs no stop).
        inputs = [i for i in self.query(Input) if i.display and not i.disabled]
        later = inputs[inputs.index(event.input) + 1 :] if event.input in inputs else []
        empty = [field for field in later if not field.value]
        if empty:
            empty[0].focus()
        else:
            self.action_run()

    # -- the job --------------------------------------------------------------------------

    def check(self) -> str | None:
        """A problem with what was typed, or None to go ahead."""
        return None

    def job(self, progress: Callable[[str], None]) -> Any:
        """The slow part; runs in a worker thread (only models calls here)."""
        raise NotImplementedError

    def finished(self, result: Any) -> None:
        raise NotImplementedError

    def say(self, text: str, kind: str = "") -> None:
        message = self.query_one("#task-message", Static)
        message.update(text)
        message.set_class(kind == "error", "-error")
        message.set_class(kind == "done", "-done")
        self.call_after_refresh(message.scroll_visible)

    def action_run(self) -> None:
        if self.running:
            return
        problem = self.check()
        if problem:
            self.say(problem, "error")
            return
        self.running = True
        self._focused_before = self.focused  # disabling the fields takes the focus away
        self.set_class(True, "-running")
        bar = self.query_one(ProgressBar)
        bar.update(progress=0)
        for field in self.query(Input):
            field.disabled = True
        self.say(t("task.working"))

        def progress(step: str) -> None:
            self.app.call_from_thread(self._step, step)

        self.run_save(
            lambda: self.job(progress),
            self._done,
            on_failed=self._failed,
            on_invalid=lambda error: self._failed(error),
        )

    def _step(self, step: str) -> None:
        if step in self.STEPS:
            self.query_one(ProgressBar).update(progress=self.STEPS.index(step))
        self.say(t(f"task.step.{step}"))

    def _done(self, result: Any) -> None:
        self.running = False
        self.set_class(False, "-running")
        for field in self.query(Input):
            field.disabled = False
        self._refocus()
        self.finished(result)

    def _refocus(self) -> None:
        """The cursor back where it was, so Enter or typing works again at once."""
        before = self._focused_before
        if isinstance(before, Input) and before.is_attached and not before.disabled:
            before.focus()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.set_class(False, "-running")
        for field in self.query(Input):
            field.disabled = False
        self._refocus()
        self.say(
            error_text(error)
            if isinstance(error, VaultError)
            else t("save.unexpected", error=type(error).__name__),
            "error",
        )
        if isinstance(error, WrongPassphrase):  # back to the secret, emptied, to retype
            secrets = [field for field in self.query(Input) if field.password]
            if secrets:
                secrets[0].value = ""
                secrets[0].focus()
