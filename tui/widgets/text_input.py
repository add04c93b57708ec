"""The one-line text field every screen uses.

Textual's Input selects all of its text when it gets focus, so the key a worker types
after Tab replaced a whole filled-in field ("Kantor LSM, Medan" gone at the first
letter). Here Tab keeps the text and puts the cursor at its end, and Ctrl+U, the key
terminals use to wipe a line, empties the field at once, wherever the cursor is.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from ..keys import translate_bindings


class TextInput(Input):
    BINDINGS = [
        Binding("ctrl+u", "clear", "key.clear_field", show=False, id="input.clear"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.cursor_position = len(self.value)

    def action_clear(self) -> None:
        self.value = ""
