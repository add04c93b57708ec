"""A document as one self-contained HTML file, printable from any browser.

Self-contained means it loads nothing at all: no fonts, stylesheets, scripts or images
from anywhere, so opening it on a laptop without internet works and opening it leaks
nothing to anyone. The stylesheet is inline, the drawings are <pre> text, and a
Content-Security-Policy forbids the browser to fetch anything even if something slipped
in.

Markdown is rendered with markdown-it-py configured safely: raw HTML is off (a "<script>"
typed in a note comes out as text), and links, images and reference definitions are
off, so a URL typed in a note stays text and never becomes something to load or follow.
"""

from __future__ import annotations

import html
from functools import cache

from markdown_it import MarkdownIt

from .document import Document, inline

# Rules that would turn typed text into something a browser acts on.
UNSAFE_RULES = ["image", "link", "autolink", "reference", "html_inline", "html_block",
                "linkify"]

# Local fonts only (named, never fetched); box-drawing characters need a monospace one.
CSS = """
:root { color-scheme: light; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif;
  line-height: 1.5; color: #111; background: #fff; max-width: 52rem; margin: 2rem auto;
  padding: 0 1.5rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #333; padding-bottom: 0.2rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin-top: 1.8rem; }
h4, h5, h6 { font-size: 1rem; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.8rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #777; padding: 0.25rem 0.45rem; text-align: left;
  vertical-align: top; }
th { background: #eee; }
pre { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Consolas, Menlo, monospace;
  font-size: 0.8rem; line-height: 1.2; border: 1px solid #bbb; padding: 0.6rem;
  overflow-x: auto; white-space: pre; }
code { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Consolas, Menlo, monospace; }
.front { border-bottom: 1px solid #bbb; padding-bottom: 1rem; }
.title-page { min-height: 70vh; display: flex; flex-direction: column;
  justify-content: center; text-align: center; }
.title-page h1 { font-size: 2.6rem; }
.title-page p { font-size: 1.15rem; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  section.part + section.part { break-before: page; }
  .title-page { min-height: 0; padding-top: 30vh; break-after: page; border: none; }
  h2, h3, h4 { break-after: avoid; }
  pre, tr, blockquote { break-inside: avoid; }
  pre { font-size: 7.5pt; white-space: pre; overflow: visible; border-color: #999; }
  thead { display: table-header-group; }
  th { background: none; }
}
"""

# Belt and braces: even a stray resource in the page would not be fetched.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@cache
def markdown_renderer() -> MarkdownIt:
    # breaks: a line break typed in a note stays one (strengths and needs are one a line).
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                   "breaks": True})
    md.enable(["table", "strikethrough"])
    md.disable(UNSAFE_RULES, ignoreInvalid=True)
    return md


def to_html(markdown: str) -> str:
    return markdown_renderer().render(markdown)


def render_html(document: Document) -> str:
    # Titles are plain text: escaped as Markdown, rendered inline, so they read as typed.
    def title(text: str) -> str:
        return markdown_renderer().renderInline(inline(text))

    front_class = "front title-page" if document.title_page else "front"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(document.language, quote=True)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(document.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f'<header class="{front_class}">',
        f"<h1>{title(document.title)}</h1>",
        to_html(document.front),
        "</header>",
    ]
    for section in document.sections:
        parts += [f'<section class="part" id="part-{html.escape(section.key, quote=True)}">',
                  f"<h2>{title(section.title)}</h2>", to_html(section.body), "</section>"]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
