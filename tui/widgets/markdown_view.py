"""Read-only Markdown (a note's preview, an assessment, a contract) as one widget.

Textual's Markdown widget mounts a widget per paragraph, heading and list item, and
mounts them after the screen is shown: the screen drew twice and took twice as long
to settle. Rich renders the same Markdown (through markdown-it-py) as a single
renderable, which is all a preview needs.

A line break typed inside a paragraph stays a line break (as in the HTML reports): a
note typed line by line in a session reads back the way it was typed.
"""

from __future__ import annotations

from typing import Any

from rich.markdown import Markdown
from textual.widgets import Static


class TypedMarkdown(Markdown):
    """Rich's Markdown with soft line breaks shown as the line breaks they were typed as."""

    def __init__(self, markup: str, **kwargs: Any) -> None:
        super().__init__(markup, **kwargs)
        for token in self.parsed:
            for child in token.children or ():
                if child.type == "softbreak":
                    child.type = "hardbreak"


class MarkdownView(Static):
    DEFAULT_CSS = "MarkdownView { height: auto; }"

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(self._render_markdown(text), id=id)

    @staticmethod
    def _render_markdown(text: str) -> Markdown:
        return TypedMarkdown(text, justify="left", hyperlinks=False)

    def show(self, text: str) -> None:
        self.update(self._render_markdown(text))
