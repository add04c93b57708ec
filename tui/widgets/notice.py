"""Messages to the worker, in a line of their own above the footer.

Textual's toasts float over the bottom right of the screen: over a form's hints, over
the field just below a safety warning. A notice here takes a line of the layout
instead, so it pushes the screen's content up rather than covering it, and it follows
the worker from screen to screen until it expires ("Saved" shows on the screen the
form returns to).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rich.text import Text
from textual.widgets import Static

Severity = Literal["information", "warning", "error"]
MAX_SHOWN = 2  # more would push a form's fields out of an 80x24 screen


@dataclass(frozen=True)
class Notice:
    text: str
    title: str
    severity: Severity
    until: float
    number: int = field(compare=False, default=0)
    tag: str = field(compare=False, default="")  # to take it back when it no longer holds

    def render(self) -> Text:
        mark = {"information": "•", "warning": "!", "error": "✗"}[self.severity]
        line = Text(f"{mark} ", style="bold")
        if self.title:
            line.append(self.title + ": ", style="bold")
        line.append(self.text)
        return line


class NoticeBoard:
    """The notices not yet expired, newest last; shared by every screen's NoticeBar."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._notices: list[Notice] = []
        self._count = 0

    def post(
        self,
        text: str,
        *,
        title: str = "",
        severity: Severity = "information",
        timeout: float = 5.0,
        tag: str = "",
    ) -> Notice:
        self._count += 1
        notice = Notice(text, title, severity, self._clock() + timeout, self._count, tag)
        # The same message again (a second failed save) replaces the first.
        self._notices = [
            n for n in self._notices if n != notice and (n.text, n.title) != (text, title)
        ]
        self._notices.append(notice)
        return notice

    def current(self) -> list[Notice]:
        now = self._clock()
        self._notices = [n for n in self._notices if n.until > now]
        return self._notices[-MAX_SHOWN:]

    def next_expiry(self) -> float | None:
        current = self.current()
        return min((n.until for n in current), default=None)

    def withdraw(self, tag: str) -> None:
        """Take back the notices with `tag` (a reminder whose reason is gone)."""
        self._notices = [n for n in self._notices if n.tag != tag]

    def clear(self) -> None:
        self._notices = []


class NoticeBar(Static):
    """Shows the board's notices on this screen; hidden when there are none."""

    DEFAULT_CSS = """
    NoticeBar {
        height: auto;
        max-height: 4;
        padding: 0 1;
        display: none;
        background: $boost;
    }
    NoticeBar.-shown { display: block; }
    NoticeBar.-information { color: $text; }
    NoticeBar.-warning { color: $warning; }
    NoticeBar.-error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__("", classes="notice-bar")

    def on_mount(self) -> None:
        board = getattr(self.app, "notice_board", None)
        if isinstance(board, NoticeBoard):
            self.show(board.current())

    def show(self, notices: list[Notice]) -> None:
        self.set_class(bool(notices), "-shown")
        worst = "information"
        for notice in notices:
            if notice.severity == "error" or (
                notice.severity == "warning" and worst == "information"
            ):
                worst = notice.severity
        for severity in ("information", "warning", "error"):
            self.set_class(severity == worst, f"-{severity}")
        self.update(Text("\n").join(n.render() for n in notices))
