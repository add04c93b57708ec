"""What every screen starts and ends with: its title and, while the privacy mask is on,
the placeholder shown instead of what is hidden; at the bottom, the notices and keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label, Static

from ..i18n import t
from .footer import KeyFooter
from .notice import NoticeBar


def screen_top(title: str = "", *, id: str | None = None, private: bool = True) -> ComposeResult:
    """The title line (`id` for a title filled in later); `private` screens hold what
    the privacy mask hides, and say so while it is on."""
    yield Label(title, id=id, classes="screen-title")
    if private:
        yield Static(t("privacy.hidden"), classes="privacy-placeholder")


def screen_bottom() -> ComposeResult:
    """The line for notices, then the keys."""
    yield NoticeBar()
    yield KeyFooter()
