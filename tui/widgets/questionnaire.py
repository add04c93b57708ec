"""Answering a scored questionnaire with the number keys.

The list shows every item with its answer; the panel under it shows the current item
in full with its options. ↑/↓ move, a number answers and moves on, Backspace clears.
`one_at_a_time` hides the list and shows only the current item, for reading aloud.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from models.instruments import Instrument

from ..i18n import current_language, t


def localized(texts: dict[str, str]) -> str:
    return texts.get(current_language()) or texts.get("en") or next(iter(texts.values()))


class ItemList(Widget, can_focus=True):
    DEFAULT_CSS = """
    ItemList { height: auto; padding: 0 1; }
    ItemList:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("backspace,delete", "clear", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    one_at_a_time: reactive[bool] = reactive(False, layout=True)

    class Answered(Message):
        def __init__(self, item_list: ItemList) -> None:
            super().__init__()
            self.item_list = item_list

    def __init__(
        self, instrument: Instrument, answers: list[int | None] | None = None, **kwargs: object
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.instrument = instrument
        self.answers: list[int | None] = list(answers or [None] * len(instrument.items))
        self._values = [option.value for option in instrument.options]

    @property
    def complete(self) -> bool:
        return all(answer is not None for answer in self.answers)

    def _option_text(self, value: int | None) -> str:
        for option in self.instrument.options:
            if option.value == value:
                return localized(option.text)
        return "…"

    def render(self) -> Text:
        text = Text()
        items = self.instrument.items
        if not self.one_at_a_time:
            for index, item in enumerate(items):
                answer = self.answers[index]
                mark = "▶" if index == self.cursor else " "
                value = "·" if answer is None else str(answer)
                style = "reverse" if index == self.cursor else ""
                safety = index + 1 in self.instrument.safety_items
                line = f"{mark}{index + 1:>2}. [{value}] {localized(item)}"
                text.append(
                    line[: max(10, self.size.width - 1)] if self.size.width else line,
                    style=style + (" bold" if safety and answer else ""),
                )
                text.append("\n")
            text.append("\n")
        item = items[self.cursor]
        text.append(t("questionnaire.item", number=self.cursor + 1, total=len(items)), style="bold")
        text.append("\n" + localized(item) + "\n", style="bold")
        for option in self.instrument.options:
            chosen = self.answers[self.cursor] == option.value
            text.append(
                f"  {option.value}  {localized(option.text)}",
                style="reverse bold" if chosen else "",
            )
            text.append("\n")
        return text

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and int(event.character) in self._values:
            event.stop()
            self.answer(int(event.character))

    def answer(self, value: int) -> None:
        self.answers[self.cursor] = value
        self.post_message(self.Answered(self))
        if self.cursor < len(self.answers) - 1:
            self.cursor += 1
        self.refresh(layout=True)

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.answers) - 1, self.cursor + step))

    def watch_cursor(self) -> None:
        self.call_after_refresh(self.scroll_visible, animate=False)

    def scroll_visible(self, *args: object, **kwargs: object) -> None:
        """Keep the current item in view, not the top of the list: on 80x24 with a
        notice showing, the last items are below the fold."""
        container = self.parent
        if isinstance(container, Widget):
            line = 0 if self.one_at_a_time else self.cursor
            container.scroll_to_region(Region(0, self.virtual_region.y + line, 1, 1), animate=False)

    def action_clear(self) -> None:
        self.answers[self.cursor] = None
        self.post_message(self.Answered(self))
        self.refresh()
