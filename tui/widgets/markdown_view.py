"""Read-only Markdown (a note's preview, an assessment, a contract) as one widget.

Textual's Markdown widget mounts a widget per paragraph, heading and list item, and
mounts them after the screen is shown: the screen drew twice and took twice as long
to settle. Rich renders the same Markdown (through markdown-it-py) as a single
renderable, which is all a preview needs.
"""

from __future__ import annotations

from rich.markdown import Markdown
from textual.widgets import Static


class MarkdownView(Static):
    DEFAULT_CSS = "MarkdownView { height: auto; }"

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(self._render_markdown(text), id=id)

    @staticmethod
    def _render_markdown(text: str) -> Markdown:
        return Markdown(text, justify="left", hyperlinks=False)

    def show(self, text: str) -> None:
        self.update(self._render_markdown(text))
