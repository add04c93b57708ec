"""The baseline for opening a screen: the least a Textual app can do when a key opens a
form (a title, three Inputs, a TextArea and a Footer), started and driven the same way
as Pendamping. `o` opens the form; Escape closes it."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, TextArea


class BareForm(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+s", "app.pop_screen", "Save"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Bare form")
        yield Input(placeholder="Goal")
        yield Input(placeholder="Who")
        yield Input(placeholder="Due")
        yield TextArea()
        yield Footer()


class BareApp(App[None]):
    BINDINGS = [Binding("o", "open", "Open")]

    def compose(self) -> ComposeResult:
        yield Label("Bare app ready")
        yield Footer()

    def action_open(self) -> None:
        self.push_screen(BareForm())


if __name__ == "__main__":
    BareApp().run()
