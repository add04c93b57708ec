"""The one form-field helper: a label, a control, and the message about it.

Each field parses its own control (a date field understands "28/11/2026" or "kemarin",
a number field refuses "abc") and shows problems next to itself. A screen reads all
fields with `read_form`, builds its record, and hands the record's own validation
problems back with `show_problems`. Nothing the worker typed is ever cleared by an
error.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Static, TextArea

from models.dates import parse_date
from models.records import Choice, Problem

from ..i18n import format_date, label, problem_text, t
from .choice import ChoiceSelect
from .text_input import TextInput

C = TypeVar("C", bound=Choice)


class Field(Widget):
    """Base of every field: `name` is the record field (dots for nested ones).

    A grid of the label and the control, with a hint and a problem under the control
    when there are any: as few widgets as a field can be, because a form with ten
    fields has to appear the moment its key is pressed.
    """

    DEFAULT_CSS = """
    Field {
        layout: grid; grid-size: 2; grid-columns: 24 1fr; grid-rows: auto;
        height: auto; margin: 0 0 1 0;
    }
    Field .field-label { width: 24; padding: 0 1 0 0; color: $text-muted; }
    Field .field-control { width: 1fr; }
    Field Input.field-control { background: $boost; }
    Field Input.field-control:focus { background: $primary 25%; }
    Field .field-error, Field .field-hint { column-span: 2; padding-left: 24; height: auto; }
    Field .field-error { color: $error; }
    Field.-invalid .field-label { color: $error; text-style: bold; }
    Field .field-hint { color: $text-muted; }
    """

    def __init__(
        self,
        name: str,
        label_key: str,
        *,
        required: bool = False,
        hint_key: str | None = None,
        sensitive: bool = False,
        label_text: str | None = None,
    ) -> None:
        super().__init__(classes="sensitive" if sensitive else None)
        self.field_name = name
        self.label_key = label_key
        self.label_text = label_text  # already translated, with details (a goal's title)
        self.required = required
        self.hint_key = hint_key

    def compose(self) -> ComposeResult:
        text = (self.label_text or t(self.label_key)) + (" *" if self.required else "")
        yield Label(text, classes="field-label")
        yield self.make_control()
        if self.hint_key:
            yield Static(t(self.hint_key), classes="field-hint")

    def make_control(self) -> Widget:
        raise NotImplementedError

    @property
    def control(self) -> Widget:
        return self.query_one(".field-control")

    def parse(self) -> tuple[Any, Problem | None]:
        """The value the control holds, or a problem if it cannot be read."""
        raise NotImplementedError

    def set_problem(self, text: str | None) -> None:
        """Show `text` under the field (a problem line is made the first time one is
        needed), or clear it."""
        self.set_class(bool(text), "-invalid")
        shown = self.query(".field-error")
        if shown:
            shown.first(Static).update(text or "")
            shown.first().display = bool(text)
        elif text:
            self.mount(Static(text, classes="field-error"))

    def focus_control(self) -> None:
        self.control.focus()


class TextField(Field):
    def __init__(
        self,
        name: str,
        label_key: str,
        value: str = "",
        *,
        password: bool = False,
        max_length: int = 0,
        placeholder_key: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label_key, **kwargs)
        self._value = value
        self._password = password
        self._max_length = max_length
        self._placeholder = t(placeholder_key) if placeholder_key else ""

    def make_control(self) -> Widget:
        return TextInput(
            self._value,
            placeholder=self._placeholder,
            password=self._password,
            max_length=self._max_length,
            classes="field-control",
            compact=True,
            id=f"field-{self.field_name.replace('.', '-')}",
        )

    def parse(self) -> tuple[str, Problem | None]:
        return self.query_one(Input).value.strip(), None


class AreaField(Field):
    """Multi-line text, for anything longer than a phrase."""

    DEFAULT_CSS = """
    AreaField { grid-rows: 5 auto; }
    AreaField.-tall { grid-rows: 10 auto; }
    AreaField TextArea { height: 5; width: 1fr; }
    AreaField.-tall TextArea { height: 10; }
    """

    def __init__(
        self, name: str, label_key: str, value: str = "", *, tall: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(name, label_key, **kwargs)
        self._value = value
        if tall:
            self.add_class("-tall")

    def make_control(self) -> Widget:
        area = TextArea(
            self._value,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            classes="field-control",
            id=f"field-{self.field_name.replace('.', '-')}",
        )
        area.cursor_blink = False
        return area

    def parse(self) -> tuple[str, Problem | None]:
        return self.query_one(TextArea).text.strip(), None


class DateField(Field):
    """A date typed the way people write it; shown back in the worker's language."""

    def __init__(
        self,
        name: str,
        label_key: str,
        value: date | None = None,
        *,
        today: date,
        suggested: bool = False,
        ahead: bool = False,
        **kwargs: Any,
    ) -> None:
        """`suggested`: the date is the app's default (today for a new session), not
        one the worker entered, so the first date typed replaces it. `ahead`: a date
        mostly still to come, so "5/1" typed in December means next January."""
        kwargs.setdefault("hint_key", None)
        super().__init__(name, label_key, **kwargs)
        self._value = value
        self._today = today
        self._suggested = suggested
        self._ahead = ahead

    def make_control(self) -> Widget:
        return TextInput(
            format_date(self._value, "short") if self._value else "",
            placeholder=t("form.date_placeholder"),
            classes="field-control",
            compact=True,
            suggested=self._suggested,
            id=f"field-{self.field_name.replace('.', '-')}",
        )

    def parse(self) -> tuple[date | None, Problem | None]:
        text = self.query_one(Input).value.strip()
        if not text:
            return None, None
        day = parse_date(text, self._today, ahead=self._ahead)
        if day is None:
            return None, Problem(self.field_name, "problem.date_format")
        return day, None


class IntField(Field):
    def __init__(
        self,
        name: str,
        label_key: str,
        value: int | None = None,
        *,
        placeholder_key: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label_key, **kwargs)
        self._value = value
        self._placeholder = t(placeholder_key) if placeholder_key else ""

    def make_control(self) -> Widget:
        return TextInput(
            "" if self._value is None else str(self._value),
            classes="field-control",
            compact=True,
            placeholder=self._placeholder,
            id=f"field-{self.field_name.replace('.', '-')}",
        )

    def parse(self) -> tuple[int | None, Problem | None]:
        text = self.query_one(Input).value.strip()
        if not text:
            return None, None
        try:
            return int(text), None
        except ValueError:
            return None, Problem(self.field_name, "problem.number_format")


class ChoiceField(Field, Generic[C]):
    """One of an enum's values, with translated labels."""

    def __init__(
        self, name: str, label_key: str, choices: Iterable[C], value: C, **kwargs: Any
    ) -> None:
        super().__init__(name, label_key, **kwargs)
        self._choices = list(choices)
        self._value = value

    def make_control(self) -> Widget:
        return ChoiceSelect(
            [(label(c), c) for c in self._choices],
            value=self._value,
            title=self.label_text or t(self.label_key),
            classes="field-control",
            id=f"field-{self.field_name.replace('.', '-')}",
        )

    def parse(self) -> tuple[C, Problem | None]:
        return self.query_one(ChoiceSelect).value, None


class OptionField(Field):
    """One of a list of (label, value) options that are not an enum (e.g. weekdays)."""

    def __init__(
        self, name: str, label_key: str, options: list[tuple[str, Any]], value: Any, **kwargs: Any
    ) -> None:
        super().__init__(name, label_key, **kwargs)
        self._options = options
        self._value = value

    def make_control(self) -> Widget:
        return ChoiceSelect(
            self._options,
            value=self._value,
            title=self.label_text or t(self.label_key),
            classes="field-control",
            id=f"field-{self.field_name.replace('.', '-')}",
        )

    def parse(self) -> tuple[Any, Problem | None]:
        return self.query_one(ChoiceSelect).value, None


class TickBox(Checkbox):
    """A checkbox drawn empty when unticked.

    Textual draws "X" either way, only in another colour; meaning must not rest on
    colour alone (a 16-colour or monochrome screen, a printout of a screenshot).
    """

    def on_mount(self) -> None:
        self._show_tick()

    def watch_value(self) -> None:
        super().watch_value()
        self._show_tick()

    def _show_tick(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        self.refresh()


class CheckField(Field):
    def __init__(
        self, name: str, label_key: str, check_key: str, value: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(name, label_key, **kwargs)
        self._check_key = check_key
        self._value = value

    def make_control(self) -> Widget:
        return TickBox(
            t(self._check_key),
            self._value,
            classes="field-control",
            id=f"field-{self.field_name.replace('.', '-')}",
        )

    def parse(self) -> tuple[bool, Problem | None]:
        return self.query_one(Checkbox).value, None


def read_form(root: Widget) -> tuple[dict[str, Any], list[Problem]]:
    """Every field's value under `root`, by name, and the problems of reading them."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for field in root.query(Field):
        value, problem = field.parse()
        values[field.field_name] = value
        if problem:
            problems.append(problem)
    return values, problems


def show_problems(root: Widget, problems: list[Problem]) -> bool:
    """Put each problem next to its field (or clear it); focus the first. True if any."""
    by_field: dict[str, str] = {}
    for problem in problems:
        by_field.setdefault(problem.field, problem_text(problem))
    first: Field | None = None
    for field in root.query(Field):
        text = by_field.pop(field.field_name, None)
        field.set_problem(text)
        if text and first is None:
            first = field
    if first is not None:
        first.focus_control()
        # Once the problem line is laid out, so it is in view under its field too.
        first.call_after_refresh(first.scroll_visible)
    for text in by_field.values():  # about no field on this form: say it anyway
        root.app.notify(text, severity="error")
    return bool(problems)
