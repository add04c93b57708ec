"""The participants who took part in a session, rated for engagement by number keys.

↑/↓ move; 1–5 rate the current participant (1 withdrawn … 5 fully engaged); 0 or
Backspace clears the rating. A rating keeps the participant highlighted: the fields
beside the list (emotions, support given and received, a note) follow the highlight,
and a worker who rates and then types expects the words to be about the same person.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message

from models.groups import Participant
from models.records import Attendance

from ..i18n import t
from .attendance import STYLES, SYMBOLS
from .roster import RosterList

LOWEST, HIGHEST = 1, 5
# The words of the scale, lowest first; literal keys so the catalogue test finds them.
SCALE_KEYS = ("engagement.1", "engagement.2", "engagement.3", "engagement.4", "engagement.5")


def engagement_text(rating: int | None) -> str:
    """ "4/5 engaged", or a dash when not rated."""
    if rating is None:
        return "—"
    return f"{rating}/{HIGHEST} {t(SCALE_KEYS[rating - LOWEST])}"


def scale_text() -> str:
    return " · ".join(f"{n} {t(key)}" for n, key in enumerate(SCALE_KEYS, start=LOWEST))


class EngagementList(RosterList):
    BINDINGS = [
        Binding(
            "backspace,delete,0", "clear", "key.clear_rating", id="engagement.clear", show=False
        ),
    ]

    class Rated(Message):
        def __init__(self, engagement_list: EngagementList) -> None:
            super().__init__()
            self.engagement_list = engagement_list

    def __init__(
        self,
        people: list[Participant],
        statuses: Mapping[str, Attendance],
        ratings: Mapping[str, int | None],
        **kwargs: object,
    ) -> None:
        super().__init__(people, **kwargs)
        self.statuses = dict(statuses)
        self.ratings: dict[str, int | None] = {p.key: ratings.get(p.key) for p in people}

    def row_text(self, index: int, person: Participant) -> Text:
        line = Text(person.label.ljust(self.label_width), style="bold")
        status = self.statuses.get(person.key)
        if status is not None:
            line.append(SYMBOLS[status] + " ", style=STYLES[status])
        rating = self.ratings.get(person.key)
        line.append(
            f"{rating}/{HIGHEST}" if rating is not None else "·/5",
            style="" if rating is not None else "dim",
        )
        return line

    def on_key(self, event: events.Key) -> None:
        if (
            event.character
            and event.character.isdigit()
            and LOWEST <= int(event.character) <= HIGHEST
        ):
            event.stop()
            self.rate(int(event.character))

    def rate(self, value: int | None) -> None:
        person = self.current
        if person is None:
            return
        self.ratings[person.key] = value
        self.post_message(self.Rated(self))
        self.refresh()

    def action_clear(self) -> None:
        self.rate(None)
