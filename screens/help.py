"""Help (`?` or F1): every key of the screen the worker came from, and the app's own."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from tui.bindings import own_bindings, translate_bindings
from tui.i18n import t

# Textual's own keys (focus, copy) are explained in the text above the table.
BUILT_IN = frozenset({"app.focus_next", "app.focus_previous", "screen.copy_text", "help_quit"})


def key_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(key, what it does) for the screen's own bindings, then the app's."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for node in (screen, screen.app):
        for key, binding in own_bindings(node):
            if binding.action in BUILT_IN or binding.system or not binding.description:
                continue
            if (key, binding.description) in seen:
                continue
            seen.add((key, binding.description))
            rows.append((screen.app.get_key_display(binding), binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: 22; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .help-title { text-style: bold; margin: 1 0 0 0; }
    HelpScreen .help-text { color: $text-muted; height: auto; margin-bottom: 1; }
    /* The whole table in the scrolling box: a table that scrolled on its own (it
       cannot take the focus) would hide its last keys. */
    HelpScreen DataTable { height: auto; max-height: 1000; }
    """
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "key.close", id="help.close")]

    def __init__(self, about: Screen[Any]) -> None:
        super().__init__()
        translate_bindings(self)
        self.about = about

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(t("help.title"), classes="help-title")
            help_key = getattr(self.about, "HELP_KEY", None)
            if help_key:
                yield Static(t(help_key), classes="help-text")
            yield Static(t("help.general"), classes="help-text")
            table: DataTable[str] = DataTable(cursor_type="row", show_cursor=False)
            table.can_focus = False
            table.add_columns(t("help.col.key"), t("help.col.action"))
            for key, description in key_rows(self.about):
                table.add_row(key, description)
            yield table

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
