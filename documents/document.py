"""A document made from records (a case report, a journal collection, ...), before it
becomes a Markdown or an HTML file.

A `Document` is a title, some front matter and a list of sections, each with Markdown
text. Keeping the sections apart (rather than one long Markdown string) lets the HTML
export put a page break between them when printed.

`models/` cannot import `tui/` or `screens/` (tests/test_layering.py), yet every word of
a document must be in the worker's language and the drawings of the history map are made
in `tui/`. So the caller passes all of that in as a `Rendering`: the translation
function, the date formatters, and the few renderers the screens already have.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Protocol

from markdown_it import MarkdownIt

from models.records import Choice, LifeEvent, Relation


class DateFormatter(Protocol):
    def __call__(self, day: date | None, style: str = "medium") -> str: ...


@dataclass(frozen=True)
class Rendering:
    """The app's language layer, handed to code that may not import it."""

    t: Callable[..., str]
    label: Callable[[Choice], str]
    long_label: Callable[[Choice], str]  # with its meaning where the short one needs it
    format_date: DateFormatter
    format_datetime: Callable[[datetime | None], str]
    language: str  # "en" or "id": instrument texts are stored per language
    timeline: Callable[[Sequence[LifeEvent]], str]  # the drawing, as plain text
    ecomap: Callable[[str, Sequence[Relation]], str]  # (centre, relations) -> drawing

    def localized(self, texts: dict[str, str]) -> str:
        return texts.get(self.language) or texts.get("en") or next(iter(texts.values()), "")


@dataclass(frozen=True)
class Section:
    key: str  # which part of the document (e.g. "notes"); the HTML id
    title: str
    body: str  # Markdown; its headings start at level 3
    # The pictures the body's figure fences name (id -> SVG): the HTML shows the SVG,
    # the Markdown the text drawing in the fence (or nothing, where a table beside it
    # already says it all).
    figures: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Drawn:
    """What a part of a document is when it has pictures: its Markdown and its figures."""

    markdown: str
    figures: dict[str, str] = field(default_factory=dict)


FIGURE = "figure:"
_FIGURE_FENCE = re.compile(r"^(`{3,})figure:[\w.-]+$", re.MULTILINE)
_EMPTY_FIGURE = re.compile(r"^(`{3,})figure:[\w.-]+\n\n?\1$\n?", re.MULTILINE)


def figure(figure_id: str, text: str = "") -> str:
    """Where a picture goes: its text drawing (if any) in a fence the HTML replaces with
    the SVG of `figure_id`."""
    return fenced(text, info=FIGURE + figure_id)


def without_figures(markdown: str) -> str:
    """The Markdown for a reader of text: figure fences become plain text drawings, and
    the ones with no drawing (a table beside them says it) go."""
    return _FIGURE_FENCE.sub(r"\1text", _EMPTY_FIGURE.sub("", markdown))


@dataclass(frozen=True)
class Document:
    kind: str  # "case_report", "caseload_summary", "journal", "client_data"
    title: str
    front: str  # Markdown under the title (who, when, what the document is)
    sections: list[Section] = field(default_factory=list)
    language: str = "en"
    made_on: date | None = None
    code: str | None = None  # the client's code; None for the caseload
    file_kind: str = ""  # the translated kind for the file name ("case-report")
    title_page: bool = False  # the front stands alone on the first printed page
    # On every printed page: the client's code (never a name) and "Confidential".
    running_head: str = ""

    def markdown(self) -> str:
        parts = [f"# {inline(self.title)}", self.front.strip()]
        for section in self.sections:
            parts += [f"## {inline(section.title)}", without_figures(section.body).strip()]
        return "\n\n".join(part for part in parts if part) + "\n"

    def replace_text(self, old: str, new: str) -> Document:
        """Every occurrence of `old` (any case) in the text replaced by `new`."""
        pattern = re.compile(re.escape(old), re.IGNORECASE)

        def swap(text: str) -> str:
            return pattern.sub(new.replace("\\", "\\\\"), text)

        escaped = re.compile(re.escape(html.escape(old, quote=False)), re.IGNORECASE)

        def swap_svg(svg: str) -> str:  # text in a picture is XML-escaped
            return escaped.sub(html.escape(new, quote=False).replace("\\", "\\\\"), svg)

        return replace(
            self,
            title=swap(self.title),
            front=swap(self.front),
            sections=[
                replace(
                    s,
                    title=swap(s.title),
                    body=swap(s.body),
                    figures={k: swap_svg(v) for k, v in s.figures.items()},
                )
                for s in self.sections
            ],
        )


# -- Markdown from plain text ----------------------------------------------------------
#
# Short fields (a code, a title, a place) are plain text: characters Markdown would read
# as markup are escaped, so "*" or "<b>" comes out as typed. Longer fields (a note's
# body, expectations, reflections) are written in Markdown or plain prose and go in as
# they are, with their headings pushed below the document's own.

_SPECIAL = re.compile(r"([\\`*\[\]<>|~])")
# "_" only marks emphasis at a word's edge; inside a word ("MA_2") it stays as typed.
_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# "&" only matters where it starts an entity ("&amp;", "&#65;"); "AT&T" stays as typed.
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")


def inline(text: str) -> str:
    """Plain text as one line of Markdown that reads back as the same text."""
    flat = " ".join(text.split())
    flat = _SPECIAL.sub(r"\\\1", flat)
    flat = _ENTITY_START.sub(r"\\&", flat)
    return _EDGE_UNDERSCORE.sub(r"\\_", flat)


def block(text: str, floor: int = 3) -> str:
    """Free text as Markdown, no heading in it above level `floor`.

    A note's "## Data" must not compete with the document's own sections, so headings
    above the floor are lowered to it; those already below keep their level.
    """
    lines = []
    fence: str | None = None
    for line in text.strip().splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        else:
            line = _ATX_HEADING.sub(
                lambda m: m.group(1) + "#" * min(6, max(floor, len(m.group(2)))), line
            )
        lines.append(line)
    return keep_line_breaks("\n".join(lines))


_PARSER: MarkdownIt | None = None


def keep_line_breaks(markdown: str) -> str:
    """The same Markdown with every line break typed inside a paragraph made a hard one
    (a trailing backslash), so a note typed line by line does not read back as one
    paragraph in a Markdown viewer. Paragraph lines are found by markdown-it itself,
    so headings, lists, tables and code are left exactly as they are."""
    global _PARSER
    if "\n" not in markdown.strip():
        return markdown
    if _PARSER is None:
        _PARSER = MarkdownIt("commonmark").enable("table")
    lines = markdown.split("\n")
    for token in _PARSER.parse(markdown):
        if token.type != "paragraph_open" or token.map is None:
            continue
        first, end = token.map
        ticks = 0  # backticks so far: odd inside a code span, where "\\" would show
        for index in range(first, end - 1):  # not the paragraph's last line
            line = lines[index]
            ticks += line.count("`")
            if line.rstrip() and not line.endswith(("\\", "  ")) and ticks % 2 == 0:
                lines[index] = line.rstrip() + "\\"
    return "\n".join(lines)


def fenced(text: str, info: str = "text") -> str:
    """Text shown exactly as it is (a drawing), in a fence no line inside can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    lines = "\n".join(line.rstrip() for line in text.splitlines())
    return f"{fence}{info}\n{lines}\n{fence}"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; every cell is plain text (escaped, on one line)."""
    lines = [
        "| " + " | ".join(inline(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(inline(cell) or " " for cell in row) + " |")
    return "\n".join(lines)


def facts(pairs: Iterable[tuple[str, str]]) -> str:
    """ "- **Label:** value" lines for the pairs that have a value."""
    return "\n".join(
        f"- **{inline(name)}:** {inline(value)}" for name, value in pairs if value and value.strip()
    )


def labelled_block(name: str, text: str, floor: int = 4) -> str:
    """A label over a piece of free text, or nothing when the text is empty."""
    if not text or not text.strip():
        return ""
    return f"**{inline(name)}**\n\n{block(text, floor)}"


def join(*parts: str) -> str:
    """Markdown blocks separated by blank lines, the empty ones left out."""
    return "\n\n".join(part.strip("\n") for part in parts if part and part.strip())
