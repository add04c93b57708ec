"""Search across all notes by words, client and date range; answers while you type."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Static

from models.dates import parse_date
from models.note_search import NoteIndex, search_notes
from models.records import Client, SessionNote
from models.snippets import around_match
from tui.i18n import t
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.text_input import TextInput

from .base import BaseScreen
from .list_screen import add_columns
from .notes import NoteEditorScreen, fill_notes_table, note_columns

SEARCH_DELAY = 0.2  # let a burst of keystrokes settle before searching
CONTEXT_WIDTH = 150  # two lines of context under the results at 80 columns


class NoteSearchScreen(BaseScreen[None]):
    HELP_KEY = "search.help"
    DEFAULT_CSS = """
    NoteSearchScreen .search-row { height: 1; padding: 0 1; margin-bottom: 1; }
    NoteSearchScreen .search-row Label { width: auto; padding-right: 1; color: $text-muted; }
    NoteSearchScreen .search-row Input { background: $boost; margin-right: 2; }
    NoteSearchScreen #search-words { width: 1fr; }
    NoteSearchScreen #search-client { width: 10; }
    NoteSearchScreen #search-from, NoteSearchScreen #search-to { width: 12; }
    NoteSearchScreen #search-results { height: 1fr; }
    NoteSearchScreen #search-count { height: 1; padding: 0 1; color: $text-muted; }
    NoteSearchScreen #search-context { height: 2; padding: 0 1; }
    """
    BINDINGS = [Binding("enter", "open", "key.open", id="search.open", show=False)]

    def __init__(self, client: Client | None = None) -> None:
        super().__init__()
        self.client = client
        self.results: list[SessionNote] = []
        self.index = NoteIndex()  # lives as long as this screen: search as you type
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield from screen_top(t("search.title"))
        with Horizontal(classes="search-row sensitive"):
            yield Label(t("search.words"))
            yield TextInput(
                id="search-words", compact=True, placeholder=t("search.words.placeholder")
            )
        with Horizontal(classes="search-row sensitive"):
            yield Label(t("search.client"))
            yield TextInput(
                self.client.code if self.client else "", id="search-client", compact=True
            )
            yield Label(t("search.from"))
            yield TextInput(id="search-from", compact=True, placeholder=t("form.date_placeholder"))
            yield Label(t("search.to"))
            yield TextInput(id="search-to", compact=True, placeholder=t("form.date_placeholder"))
        yield DataTable(id="search-results", cursor_type="row", classes="sensitive")
        yield Static("", id="search-context", classes="sensitive")
        yield Static("", id="search-count", classes="sensitive")
        yield from screen_bottom()

    def on_mount(self) -> None:
        add_columns(self.query_one(DataTable), note_columns(with_code=True))
        self.query_one("#search-words", Input).focus()
        self.search()

    @on(Input.Changed)
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self.search)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.search()
        self.query_one(DataTable).focus()

    def search(self) -> None:
        today = self.repo.today()
        words = self.query_one("#search-words", Input).value
        code = self.query_one("#search-client", Input).value.strip()
        client = self.repo.client_by_code(code) if code else None
        start_text = self.query_one("#search-from", Input).value
        end_text = self.query_one("#search-to", Input).value
        start = parse_date(start_text, today) if start_text.strip() else None
        end = parse_date(end_text, today) if end_text.strip() else None
        count = self.query_one("#search-count", Static)
        if (
            (code and client is None)
            or (start_text.strip() and start is None)
            or (end_text.strip() and end is None)
        ):
            self.results = []
            fill_notes_table(self.query_one(DataTable), [], {})
            count.update(
                t("search.unknown_client", code=code)
                if code and client is None
                else t("problem.date_format")
            )
            return
        self.results = search_notes(
            self.repo,
            words,
            client_id=client.id if client else None,
            date_from=start,
            date_to=end,
            index=self.index,
        )
        codes = {c.id or 0: c.code for c in self.repo.clients(include_closed=True)}
        fill_notes_table(self.query_one(DataTable), self.results, codes)
        count.update(t("search.count", count=len(self.results)))
        self.show_context()

    @on(DataTable.RowHighlighted)
    def show_context(self) -> None:
        """The words around the match in the note under the cursor: why it was found."""
        table = self.query_one(DataTable)
        context = self.query_one("#search-context", Static)
        if not self.results:
            context.update("")
            return
        note = self.results[min(table.cursor_row, len(self.results) - 1)]
        words = self.query_one("#search-words", Input).value
        text = "\n".join([note.body, *(f"{a.reason} {a.text}" for a in note.addenda)])
        excerpt, spans = around_match(text, words, CONTEXT_WIDTH)
        shown = Text(excerpt, style="dim")
        for start, end in spans:
            shown.stylize("bold reverse", start, end)
        context.update(shown)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if not self.results:
            return
        note = self.results[min(table.cursor_row, len(self.results) - 1)]
        client = self.repo.get(Client, note.client_id)
        self.app.push_screen(NoteEditorScreen(client, note))

    def on_return(self) -> None:
        self.search()
