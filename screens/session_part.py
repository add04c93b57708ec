"""A part of a group session recorded for everyone at once: attendance, observations,
journal entries. Ctrl+S saves the whole part."""

from __future__ import annotations

from textual.binding import Binding

from models.records import Group, GroupSession

from .base import BaseScreen, ResultType


class SessionPartScreen(BaseScreen[ResultType]):
    BINDINGS = [Binding("ctrl+s", "save", "key.save", id="form.save")]

    def __init__(self, group: Group, session: GroupSession) -> None:
        super().__init__()
        self.group = group
        self.session = session

    def action_save(self) -> None:
        raise NotImplementedError
