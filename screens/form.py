"""The shape every record form shares: fields in a scrolling column, Ctrl+S saves in
the background, problems appear next to their fields, and Escape asks before throwing
away anything typed.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from models.records import Problem, Record
from models.repository import RecordInvalid
from tui.i18n import t
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.form import read_form, show_problems
from tui.widgets.status import StatusLine

from .base import BaseScreen

R = TypeVar("R", bound=Record)


class FormScreen(BaseScreen[Any], Generic[R]):
    """Subclasses compose their fields and say how to build and store the record."""

    DEFAULT_CSS = """
    FormScreen .form-scroll { height: 1fr; padding: 0 1; }
    FormScreen .form-intro { color: $text-muted; height: auto; margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save"),
        Binding("escape", "back", "key.back", id="screen.back", show=False),
    ]

    TITLE_KEY = "form.title"
    INTRO_KEY: str | None = None

    def __init__(self) -> None:
        super().__init__()
        self._initial: dict[str, Any] | None = None

    # -- what subclasses provide --------------------------------------------------------

    def title_text(self) -> str:
        return t(self.TITLE_KEY)

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def build_record(self, values: dict[str, Any]) -> R:
        raise NotImplementedError

    def persist(self, record: R) -> R:
        """Store the record; runs in a worker thread, so only repository calls here."""
        raise NotImplementedError

    def form_problems(self, values: dict[str, Any]) -> list[Problem]:
        """Problems of what was typed that the record cannot see (how fields relate)."""
        return []

    def after_save(self, record: R) -> None:
        self.dismiss(record)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from screen_top(self.title_text())
        with VerticalScroll(classes="form-scroll sensitive", can_focus=False) as scroll:
            if self.INTRO_KEY:
                yield Static(t(self.INTRO_KEY), classes="form-intro")
            yield from self.compose_fields()
        yield StatusLine(t("form.required_note"), scroll)
        yield from screen_bottom()

    def on_mount(self) -> None:
        self.call_after_refresh(self._remember_initial)
        self.focus_first()

    def focus_first(self) -> None:
        scroll = self.query_one(".form-scroll")
        for widget in scroll.query("Input, TextArea, ChoiceSelect, Checkbox"):
            if widget.focusable:
                widget.focus()
                break

    def _remember_initial(self) -> None:
        self._initial = read_form(self)[0]

    @property
    def is_dirty(self) -> bool:
        return self._initial is not None and read_form(self)[0] != self._initial

    # -- actions ------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saves_in_flight:
            return
        values, problems = read_form(self)
        problems = problems or self.form_problems(values)
        if problems:
            show_problems(self, problems)
            self.notify(t("form.fix_problems"), severity="warning")
            return
        record = self.build_record(values)
        problems = record.validate(self.repo.today())
        if problems:
            show_problems(self, problems)
            self.notify(t("form.fix_problems"), severity="warning")
            return
        show_problems(self, [])
        confirmation = self.confirmation(record)
        if confirmation is None:
            self._store(record)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._store(record)

        title, text = confirmation
        self.app.push_screen(ConfirmDialog(title, text), answered)

    def confirmation(self, record: R) -> tuple[str, str] | None:
        """(title, text) to confirm before saving a weighty change; None to just save."""
        return None

    def _store(self, record: R) -> None:
        self.run_save(lambda: self.persist(record), self._saved, on_invalid=self._invalid)

    def _saved(self, record: R) -> None:
        self._initial = read_form(self)[0]
        self.after_save(record)

    def _invalid(self, error: RecordInvalid) -> None:
        show_problems(self, error.problems)

    def action_back(self) -> None:
        self.leave_unless_unsaved(self.is_dirty)
