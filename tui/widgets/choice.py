"""A choice among a few fixed options, made from the keyboard.

Textual's Select builds its drop-down (an overlay with a list) with every field, which
made each form with a few choices noticeably slower to open, and its overlay speaks
English ("Dismiss menu"). A worker needs less: the choice shown on one line, `←`/`→`
to step through the options, the first letter to jump to one, and Enter (or Space) for
the whole list when there are many.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, OptionList

from ..bindings import translate_bindings
from ..i18n import t

V = TypeVar("V")


class ChoiceSelect(Widget, Generic[V], can_focus=True):
    """One of `options` ((label, value) pairs); `value` is the chosen value."""

    DEFAULT_CSS = """
    ChoiceSelect { height: 1; width: 1fr; background: $boost; padding: 0 1; }
    ChoiceSelect:focus { background: $primary 25%; text-style: bold; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "key.choice_previous", show=False, id="choice.previous"),
        Binding("right", "step(1)", "key.choice_next", show=False, id="choice.next"),
        Binding("enter,space", "pick", "key.choice_list", show=False, id="choice.list"),
    ]

    value: reactive[Any] = reactive(None, init=False)

    class Changed(Message):
        def __init__(self, select: ChoiceSelect[Any], value: Any) -> None:
            super().__init__()
            self.select = select
            self.value = value

        @property
        def control(self) -> ChoiceSelect[Any]:
            return self.select

    def __init__(
        self,
        options: Sequence[tuple[str, V]],
        *,
        value: V | None = None,
        title: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        translate_bindings(self)
        if not options:
            raise ValueError("a choice needs at least one option")
        self._options = list(options)
        self.title = title
        values = [v for _, v in self._options]
        self.set_reactive(ChoiceSelect.value, value if value in values else values[0])

    @property
    def options(self) -> list[tuple[str, V]]:
        return list(self._options)

    def validate_value(self, value: Any) -> Any:
        if value not in [v for _, v in self._options]:
            raise ValueError(f"{value!r} is not one of the options")
        return value

    def watch_value(self, value: Any) -> None:
        self.post_message(self.Changed(self, value))

    @property
    def index(self) -> int:
        return [v for _, v in self._options].index(self.value)

    @property
    def label(self) -> str:
        return self._options[self.index][0]

    def render(self) -> Text:
        width = self.content_size.width
        mark = "◂▸" if len(self._options) > 1 else ""
        label = self.label
        room = max(0, width - cell_len(mark) - 1)
        if cell_len(label) > room:
            label = label[: max(0, room - 1)] + "…"
        return Text(
            label + " " * max(1, width - cell_len(label) - cell_len(mark)) + mark,
            no_wrap=True,
            overflow="crop",
        )

    def action_step(self, step: int) -> None:
        self.value = self._options[(self.index + step) % len(self._options)][1]

    def on_key(self, event: events.Key) -> None:
        """A letter jumps to the next option whose label starts with it."""
        if event.character is None or not event.character.isalnum():
            return
        letter = event.character.casefold()
        count = len(self._options)
        for offset in range(1, count + 1):
            label, value = self._options[(self.index + offset) % count]
            if label.casefold().startswith(letter):
                self.value = value
                event.stop()
                event.prevent_default()
                return

    def action_pick(self) -> None:
        def chosen(value: object) -> None:
            if value is not _CANCELLED:
                self.value = value

        self.app.push_screen(ChoicePicker(self.title, self._options, self.index), chosen)


_CANCELLED = object()


class ChoicePicker(ModalScreen[object]):
    """Every option of a choice in a list: arrows and Enter pick, Escape keeps it."""

    DEFAULT_CSS = """
    ChoicePicker { align: center middle; }
    ChoicePicker > Vertical {
        width: 50; height: auto; max-height: 20; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    ChoicePicker OptionList { height: auto; max-height: 16; border: none; }
    ChoicePicker .dialog-keys { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "key.back", show=False, id="dialog.no")]

    def __init__(self, title: str, options: Sequence[tuple[str, Any]], index: int) -> None:
        super().__init__()
        translate_bindings(self)
        self._title = title
        self._options = list(options)
        self._index = index

    def compose(self) -> ComposeResult:
        with Vertical():
            if self._title:
                yield Label(self._title, classes="dialog-title")
            yield OptionList(*[label for label, _ in self._options])
            yield Label(t("choice.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self._index
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._options[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(_CANCELLED)
