"""The command palette (Ctrl+P) in the worker's language.

Textual's palette says "Search for commands…" and "No matches found" in English
whatever the app's language; this one says them from the catalogue. What it finds
comes from the app (every key of the current screen, by its translated name) and from
`ClientCommands` (clients by code).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from .i18n import t


class Palette(CommandPalette):
    def __init__(self) -> None:
        super().__init__(id="--command-palette", placeholder=t("palette.placeholder"))

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own version writes its English text in a closure; this is the same
        # countdown with the text translated.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
