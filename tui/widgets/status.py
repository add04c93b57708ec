"""The status line under each screen: save state on the right, privacy on the left."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from ..i18n import t


class SaveStatus(Static):
    """Shows idle / saving... / saved 10:42 / save failed: why."""

    DEFAULT_CSS = """
    SaveStatus { width: auto; height: 1; padding: 0 1; color: $text-muted; }
    SaveStatus.-saving { color: $warning; }
    SaveStatus.-saved { color: $success; }
    SaveStatus.-failed { color: $error; text-style: bold; }
    """

    state: reactive[str] = reactive("idle")

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self._detail = ""

    def saving(self) -> None:
        self._detail = ""
        self.state = "saving"
        self._show()

    def saved(self, at: datetime | None = None) -> None:
        self._detail = (at or datetime.now()).strftime("%H:%M:%S")
        self.state = "saved"
        self._show()

    def failed(self, reason: str) -> None:
        self._detail = reason
        self.state = "failed"
        self._show()

    def unsaved(self) -> None:
        self._detail = ""
        self.state = "unsaved"
        self._show()

    def state_text(self) -> str:
        return {
            "idle": "",
            "unsaved": t("save.unsaved"),
            "saving": t("save.saving"),
            "saved": t("save.saved", time=self._detail),
            "failed": t("save.failed", reason=self._detail),
        }[self.state]

    def _show(self) -> None:
        for name in ("saving", "saved", "failed", "unsaved"):
            self.set_class(self.state == name, f"-{name}")
        self.update(self.state_text())


class StatusLine(SaveStatus):
    """The line above the notices, as one widget: a word on the left ("* required ·
    Ctrl+S saves"), "more below" while `scroll` goes on past the screen, and the save
    state on the right.

    It reads the scroll's position when it is drawn, so the screen's first paint is
    already right; a separate widget that showed itself once the layout was known cost
    every form another frame.
    """

    DEFAULT_CSS = """
    StatusLine { width: 1fr; height: 1; padding: 0 1; color: $text-muted; }
    StatusLine > .status-line--more { color: $warning; }
    StatusLine > .status-line--saving { color: $warning; }
    StatusLine > .status-line--saved { color: $success; }
    StatusLine > .status-line--failed { color: $error; text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "status-line--more",
        "status-line--saving",
        "status-line--saved",
        "status-line--failed",
    }

    def __init__(self, left: str = "", scroll: Widget | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._left = left
        self._scroll = scroll
        self._drawn_more: bool | None = None

    def on_mount(self) -> None:
        if self._scroll is not None:
            for name in ("scroll_y", "virtual_size", "show_vertical_scrollbar"):
                self.watch(self._scroll, name, self._scrolled, init=False)

    def set_left(self, text: str) -> None:
        self._left = text
        self.refresh()

    def _more_below(self) -> bool:
        scroll = self._scroll
        return scroll is not None and scroll.max_scroll_y - scroll.scroll_y >= 1

    def _scrolled(self, *_: object) -> None:
        if self._more_below() != self._drawn_more:
            self.refresh()

    def _show(self) -> None:
        self.refresh()

    def render(self) -> Text:
        self._drawn_more = more = self._more_below()
        right = Text()
        if more:
            right.append(t("form.more_below"), self.get_component_rich_style("status-line--more"))
        state = self.state_text()
        if state:
            if right:
                right.append("  ")
            style = (
                self.get_component_rich_style(f"status-line--{self.state}")
                if self.state in ("saving", "saved", "failed")
                else None
            )
            right.append(state, style or "")
        line = Text(self._left, no_wrap=True, overflow="ellipsis")
        room = self.content_size.width - right.cell_len
        line.truncate(max(0, room - 1), overflow="ellipsis")
        line.pad_right(max(1, room - line.cell_len))
        return line + right
