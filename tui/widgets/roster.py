"""A keyboard list of a group's participants, one line each, with a cursor.

The base of the attendance grid and of the engagement list: ↑/↓ (Home/End) move the
cursor, and subclasses bind the keys that set something on the current row and move
on. Drawn as text rather than a DataTable so the letter and number keys belong to the
list and never start a search or move a column.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from models.groups import Participant

from ..bindings import translate_bindings


class RosterList(Widget, can_focus=True):
    DEFAULT_CSS = """
    RosterList { height: auto; padding: 0 1; }
    RosterList:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    class Moved(Message):
        """The cursor is on another participant."""

        def __init__(self, roster: RosterList) -> None:
            super().__init__()
            self.roster = roster

        @property
        def control(self) -> RosterList:
            return self.roster

    def __init__(self, people: list[Participant], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        translate_bindings(self)  # the footer names this list's keys in the worker's language
        self.people = people
        self.label_width = max((len(p.label) for p in people), default=4) + 2

    @property
    def current(self) -> Participant | None:
        return self.people[self.cursor] if self.people else None

    def row_text(self, index: int, person: Participant) -> Text:
        raise NotImplementedError

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, person in enumerate(self.people):
            mark = "▶ " if index == self.cursor else "  "
            line = Text(mark) + self.row_text(index, person)
            if index == self.cursor and self.has_focus:
                line.stylize("reverse")
            text.append_text(line)
            if index < len(self.people) - 1:
                text.append("\n")
        return text

    def watch_cursor(self) -> None:
        self.post_message(self.Moved(self))
        self.call_after_refresh(self._show_cursor)

    def scroll_visible(self, *args: object, **kwargs: object) -> None:
        """Keep the current row in view rather than the top of the list."""
        self._show_cursor()

    def _show_cursor(self) -> None:
        # Long rosters scroll inside their container; keep the current row in view.
        container = self.parent
        if isinstance(container, Widget) and self.people:
            top = self.virtual_region.y
            container.scroll_to_region(Region(0, top + self.cursor, 1, 1), animate=False)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.people:
            self.cursor = max(0, min(len(self.people) - 1, self.cursor + step))

    def action_move_to(self, index: int) -> None:
        if self.people:
            self.cursor = index % len(self.people)

    def advance(self) -> None:
        """After a row is set, go to the next one (the last row keeps the cursor)."""
        self.refresh()
        if self.cursor < len(self.people) - 1:
            self.cursor += 1
