"""The dialogs: one frame for all, the yes-or-no ones, the reason and the message."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from models.dates import parse_date

from ..bindings import translate_bindings
from ..i18n import format_date, t
from .choice import ChoiceSelect
from .text_input import TextInput

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """The frame every dialog shares: centred, bordered, a bold title, an error and a keys line."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical, Dialog > VerticalScroll {
        width: 64; height: auto; max-height: 20; border: thick $primary;
        background: $surface; padding: 1 2;
    }
    Dialog .dialog-title { text-style: bold; margin-bottom: 1; }
    Dialog .dialog-error { color: $error; height: auto; }
    Dialog .dialog-keys { color: $text-muted; margin-top: 1; }
    """


class YesNoDialog(Dialog[ResultT]):
    """Yes or no: `y` confirms; `n`, Escape and Enter decline. What it answers is the kind's.

    Enter is what a worker presses without reading, so it picks the choice that loses
    nothing: the Cancel button has the focus, and the confirming one says its key.
    """

    DEFAULT_CSS = """
    YesNoDialog > Vertical { border: thick $warning; }
    YesNoDialog Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    YesNoDialog Button { margin-left: 2; min-width: 12; }
    YesNoDialog Input { margin-top: 1; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "key.yes", show=False, id="dialog.yes"),
        Binding("n,escape", "answer(False)", "key.no", show=False, id="dialog.no"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        confirm_key: str = "dialog.confirm",
        danger: bool = False,
        cancel_key: str = "",
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self._title = title
        self._message = message
        self._confirm_label = t(confirm_key)
        self._danger = danger
        # What declining does, where "Cancel" would not say it (e.g. "Quit").
        self._cancel_label = t(cancel_key) if cancel_key else ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            yield Static(self._message)
            yield from self.compose_extra()
            with Horizontal():
                yield Button(self.cancel_label(), id="cancel")
                yield Button(
                    self.confirm_label(),
                    id="confirm",
                    variant="error" if self._danger else "primary",
                )

    def cancel_label(self) -> str:
        if self._cancel_label:
            return t("dialog.decline_key", label=self._cancel_label)
        return t("dialog.cancel_key")

    def confirm_label(self) -> str:
        return t("dialog.confirm_key", label=self._confirm_label)

    def compose_extra(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.initial_focus().focus()

    def initial_focus(self) -> Widget:
        return self.query_one("#cancel", Button)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_answer(event.button.id == "confirm")

    def action_answer(self, answer: bool) -> None:
        raise NotImplementedError  # each kind says what a yes and a no dismiss with


class ConfirmDialog(YesNoDialog[bool]):
    """Yes or no, answered True or False."""

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TypeToConfirmDialog(ConfirmDialog, inherit_bindings=False):
    """For what cannot be undone: the worker types `expected` (e.g. the client's code)."""

    BINDINGS = [Binding("escape", "answer(False)", "key.no", show=False, id="dialog.no")]

    def __init__(self, title: str, message: str, expected: str, **kwargs: Any) -> None:
        super().__init__(title, message, danger=True, **kwargs)
        self._expected = expected

    def cancel_label(self) -> str:
        return t("dialog.cancel_escape")

    def confirm_label(self) -> str:
        return self._confirm_label  # Enter, once the word is typed

    def compose_extra(self) -> ComposeResult:
        yield TextInput(placeholder=self._expected, id="typed")
        yield Static("", classes="dialog-error")

    def initial_focus(self) -> Widget:
        return self.query_one("#typed", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_answer(True)

    def action_answer(self, answer: bool) -> None:
        if answer and self.query_one("#typed", Input).value.strip() != self._expected:
            self.query_one(".dialog-error", Static).update(
                t("dialog.type_exactly", expected=self._expected)
            )
            self.query_one("#typed", Input).focus()
            return
        self.dismiss(answer)


class DatedConfirmDialog(YesNoDialog["date | None"]):
    """Yes or no, and when it happened: today unless another day is typed.

    As in every confirmation, Enter on the buttons declines and `y` confirms. Tab goes to
    the date, which accepts only what a date is written with (so `y` and `n` stay keys);
    Enter there confirms with the day typed. The answer is the day, or None.
    """

    BINDINGS = [Binding("tab", "to_date", show=False)]  # from the buttons, to the day

    def __init__(
        self, title: str, message: str, *, today: date, earliest: date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(title, message, **kwargs)
        self._today = today
        self._earliest = earliest

    def action_to_date(self) -> None:
        self.query_one("#when", Input).focus()

    def compose_extra(self) -> ComposeResult:
        yield Label(t("dialog.when"), classes="dialog-when")
        # Empty means today, which the placeholder shows: typing a date needs no clearing.
        yield TextInput(
            "",
            id="when",
            restrict=r"[0-9/.\- ]*",
            placeholder=t("dialog.today", date=format_date(self._today, "short")),
        )
        yield Static("", classes="dialog-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_answer(True)

    def action_answer(self, answer: bool) -> None:
        if not answer:
            self.dismiss(None)
            return
        typed = self.query_one("#when", Input).value.strip()
        day = parse_date(typed, self._today) if typed else self._today
        problem = None
        if day is None:
            problem = t("problem.date_format")
        elif day > self._today:
            problem = t("problem.future_date")
        elif self._earliest is not None and day < self._earliest:
            problem = t("problem.date_before", date=format_date(self._earliest))
        if problem:
            self.query_one(".dialog-error", Static).update(problem)
            self.query_one("#when", Input).focus()
            return
        self.dismiss(day)


class ReasonDialog(Dialog["tuple[object, str] | None"]):
    """Asks why (and, when `choices` are given, which): e.g. reopening a closed case.

    Dismisses with (choice, reason) or None; an empty reason is not accepted.
    """

    DEFAULT_CSS = """
    ReasonDialog > Vertical { max-height: 100%; }
    ReasonDialog ChoiceSelect, ReasonDialog Input { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "key.back", show=False, id="dialog.no")]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        choices: list[tuple[str, object]] | None = None,
        default: object = None,
        placeholder: str | None = None,
        max_length: int = 0,
        keys: str | None = None,
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self._title = title
        self._message = message
        self._choices = choices
        self._default = default
        self._placeholder = placeholder
        self._max_length = max_length
        self._keys = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            yield Static(self._message)
            if self._choices:
                yield ChoiceSelect(
                    self._choices, value=self._default, title=self._title, id="choice"
                )
            yield TextInput(
                placeholder=self._placeholder or t("dialog.reason"),
                id="reason",
                max_length=self._max_length,
            )
            yield Static("", classes="dialog-error")
            yield Static(self._keys or t("dialog.reason_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = event.value.strip()
        if not reason:
            self.query_one(".dialog-error", Static).update(t("problem.required"))
            return
        choice = self.query_one("#choice", ChoiceSelect).value if self._choices else None
        self.dismiss((choice, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)


class MessageDialog(Dialog[None]):
    """Something the worker must read before going on; Enter or Escape closes it."""

    DEFAULT_CSS = "MessageDialog > VerticalScroll { width: 70; }"
    BINDINGS = [Binding("enter,escape", "close", "key.back", show=False, id="dialog.close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        translate_bindings(self)
        self._title = title
        self._message = message

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(self._title, classes="dialog-title")
            yield Static(self._message)
            yield Static(t("dialog.close_keys"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
