"""A document as one self-contained HTML file, printable from any browser.

Self-contained means it loads nothing at all: no fonts, stylesheets, scripts or images
from anywhere, so opening it on a laptop without internet works and opening it leaks
nothing to anyone. The stylesheet is inline, the pictures are inline SVG made from the
records (`documents/pictures/`), and a Content-Security-Policy forbids the browser to fetch
anything even if something slipped in.

Printed, a page has the client's code and "Confidential" at its top and its number at
the bottom (where the browser supports page margin boxes), keeps headings with what
follows them and does not split a table row or a picture.

Markdown is rendered with markdown-it-py configured safely: raw HTML is off (a "<script>"
typed in a note comes out as text), and links, images and reference definitions are
off, so a URL typed in a note stays text and never becomes something to load or follow.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .document import FIGURE, Document, inline
from .pictures.svg import for_html

# Rules that would turn typed text into something a browser acts on.
UNSAFE_RULES = ["image", "link", "autolink", "reference", "html_inline", "html_block", "linkify"]

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
figure.picture { margin: 1rem 0; }
figure.picture svg { display: block; max-width: 100%; height: auto; }
@media print {
  /* Margins that suit A4 and Letter alike: the paper is the one the printer has. */
  @page { margin: 20mm 16mm 18mm 16mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  section.part + section.part { break-before: page; }
  .title-page { min-height: 0; padding-top: 30vh; break-after: page; border: none; }
  h1, h2, h3, h4 { break-after: avoid; }
  pre, tr, blockquote, figure, svg, table, .keep-together { break-inside: avoid; }
  pre { font-size: 7.5pt; white-space: pre; overflow: visible; border-color: #999; }
  thead { display: table-header-group; }
  th { background: none; }
  p, li { orphans: 3; widows: 3; }
}
"""


def page_css(running_head: str) -> str:
    """The printed page's header and page number (CSS page margin boxes)."""
    if not running_head:
        return ""
    quoted = (
        '"'
        + running_head.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", " ")
        .replace("<", "\\3c ")
        + '"'
    )
    return (
        "@media print { @page { @top-left { content: "
        + quoted
        + "; font: 8pt sans-serif; color: #444; }"
        ' @bottom-right { content: counter(page) " / " counter(pages);'
        " font: 8pt sans-serif; color: #444; } } }"
    )


# Belt and braces: even a stray resource in the page would not be fetched.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _fence(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A figure fence becomes its picture (made by us, never from typed text); any other
    fence, or one naming no picture of this part, stays text."""
    info = tokens[idx].info.strip()
    figures = env.get("figures", {})
    if info.startswith(FIGURE) and info[len(FIGURE) :] in figures:
        return f'<figure class="picture">{for_html(figures[info[len(FIGURE) :]])}</figure>\n'
    return RendererHTML.fence(renderer, tokens, idx, options, env)


@cache
def markdown_renderer() -> MarkdownIt:
    # breaks: a line break typed in a note stays one (strengths and needs are one a line).
    md = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False, "breaks": True}
    )
    md.enable(["table", "strikethrough"])
    md.disable(UNSAFE_RULES, ignoreInvalid=True)
    md.add_render_rule("fence", _fence)
    return md


# A heading and the picture right under it go on one page: a heading is never left
# alone at the foot of a page while its picture starts the next.
_HEADING_AND_PICTURE = re.compile(
    r'(<h[3-6]>(?:(?!</h[3-6]>).)*</h[3-6]>\n)(<figure class="picture">.*?</figure>\n)', re.DOTALL
)


def to_html(markdown: str, figures: dict[str, str] | None = None) -> str:
    rendered: str = markdown_renderer().render(markdown, {"figures": figures or {}})
    if not figures:
        return rendered
    return _HEADING_AND_PICTURE.sub(r'<div class="keep-together">\1\2</div>\n', rendered)


def render_html(document: Document) -> str:
    # Titles are plain text: escaped as Markdown, rendered inline, so they read as typed.
    def title(text: str) -> str:
        rendered: str = markdown_renderer().renderInline(inline(text))
        return rendered

    front_class = "front title-page" if document.title_page else "front"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(document.language, quote=True)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(document.title)}</title>",
        f"<style>{CSS}{page_css(document.running_head)}</style>",
        "</head>",
        "<body>",
        f'<header class="{front_class}">',
        f"<h1>{title(document.title)}</h1>",
        to_html(document.front),
        "</header>",
    ]
    for section in document.sections:
        parts += [
            f'<section class="part" id="part-{html.escape(section.key, quote=True)}">',
            f"<h2>{title(section.title)}</h2>",
            to_html(section.body, section.figures),
            "</section>",
        ]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
