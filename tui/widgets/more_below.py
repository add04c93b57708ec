"""A word in the status line when a form or list goes on below the screen.

At 80x24 in Indonesian a questionnaire's last items or a form's last fields sit below
the fold, and a thin scrollbar is easy to miss; this says it in words, and which key
shows the rest.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from ..i18n import t
from .status import SaveStatus


class MoreBelow(Static):
    DEFAULT_CSS = """
    MoreBelow { width: auto; height: 1; padding: 0 1; color: $warning; display: none; }
    MoreBelow.-more { display: block; }
    """

    def __init__(self, scroll: Widget) -> None:
        super().__init__(t("form.more_below"))
        self._scroll = scroll

    def on_mount(self) -> None:
        for name in ("scroll_y", "virtual_size", "show_vertical_scrollbar"):
            self.watch(self._scroll, name, self._check, init=False)
        self.call_after_refresh(self._check)

    def _check(self, *_: object) -> None:
        scroll = self._scroll
        self.set_class(scroll.max_scroll_y - scroll.scroll_y >= 1, "-more")


def status_line(scroll: Widget, left: str = "") -> Horizontal:
    """The line above the notices: a word on the left, "more below" for `scroll`, and
    the save state on the right."""
    return Horizontal(Static(left, classes="status-left"), MoreBelow(scroll), SaveStatus(),
                      classes="status-bar")
