"""The one-line text field every screen uses.

Textual's Input selects all of its text when it gets focus, so the key a worker types
after Tab replaced a whole filled-in field ("Kantor LSM, Medan" gone at the first
letter). Here Tab keeps the text and puts the cursor at its end, and Ctrl+U, the key
terminals use to wipe a line, empties the field at once, wherever the cursor is.

A value the app only suggests (today's date in a new session) is the exception: it is
selected the first time the field has focus, so a date typed at once replaces it
rather than running on after it; Tab accepts it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.widgets import Input
from textual.widgets.input import Selection

from ..bindings import translate_bindings


class TextInput(Input):
    BINDINGS = [
        Binding("ctrl+u", "clear", "key.clear_field", show=False, id="input.clear"),
    ]

    def __init__(self, *args: Any, suggested: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        translate_bindings(self)
        self._app_suggested: str | None = self.value if suggested and self.value else None

    def on_focus(self, event: events.Focus) -> None:
        if self._app_suggested is not None and self.value == self._app_suggested:
            self.selection = Selection(0, len(self.value))
        else:
            self.cursor_position = len(self.value)
        self._app_suggested = None  # only the first time: after that it is the worker's

    def action_clear(self) -> None:
        self.value = ""
