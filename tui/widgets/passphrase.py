"""A new passphrase, typed twice, with a strength hint: for the vault, a backup or a
case bundle. One widget so every new passphrase is checked the same way."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..i18n import t
from ..passphrase import refusal_text, strength
from .text_input import TextInput


class NewPassphrase(Vertical):
    DEFAULT_CSS = """
    NewPassphrase { height: auto; }
    NewPassphrase Input { margin-top: 1; }
    NewPassphrase .strength { color: $text-muted; height: 1; }
    """

    def __init__(
        self, placeholder_key: str, repeat_key: str = "create.repeat", **kwargs: object
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._placeholder_key = placeholder_key
        self._repeat_key = repeat_key

    def compose(self) -> ComposeResult:
        yield TextInput(password=True, placeholder=t(self._placeholder_key), classes="new-first")
        yield Static(t("strength.empty"), classes="strength")
        yield TextInput(password=True, placeholder=t(self._repeat_key), classes="new-repeat")

    @on(Input.Changed, ".new-first")
    def _strength(self, event: Input.Changed) -> None:
        self.query_one(".strength", Static).update(t(f"strength.{strength(event.value)}"))

    @on(Input.Submitted, ".new-first")
    def _to_repeat(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(".new-repeat", Input).focus()

    def problem(self) -> str | None:
        """Why the two fields are not a usable passphrase yet, or None."""
        first = self.query_one(".new-first", Input).value
        refused = refusal_text(first)
        if refused:
            return refused
        if self.query_one(".new-repeat", Input).value != first:
            return t("passphrase.mismatch")
        return None

    @property
    def value(self) -> str:
        return self.query_one(".new-first", Input).value

    def focus_first(self) -> None:
        self.query_one(".new-first", Input).focus()
