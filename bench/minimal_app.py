"""The baseline for cold start: the least a Textual app with a passphrase field can be
(a Header, an Input and a Footer), started the same way as Pendamping."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Passphrase", password=True)
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
