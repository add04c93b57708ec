"""Short pieces of free text for lists and search results.

A note written from a template starts with its heading ("## Data", "## Subjektif"), so
the first line of its text says nothing about it; lists show the first line that does.
A search result shows the words around the match, so the worker sees why it was found.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^#{1,6}(\s|$)")
_MARKERS = re.compile(r"^(?:#{1,6}\s|#{1,6}$|>\s?|[-*+]\s+|\d+[.)]\s+)")


def first_meaningful_line(text: str, width: int = 60) -> str:
    """The first line that is not blank and not a heading, without list or quote marks."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or _HEADING.match(stripped):
            continue
        while (marker := _MARKERS.match(stripped)) is not None and marker.end():
            stripped = stripped[marker.end() :].strip()
        if stripped:
            return stripped[:width]
    return ""


def around_match(text: str, words: str, width: int = 70) -> tuple[str, list[tuple[int, int]]]:
    """About `width` characters of `text` around the first of `words` found in it (case
    ignored, lines joined, template headings left out), with "…" where it was cut; and
    where each searched word appears in that excerpt, as (start, end) spans to highlight."""
    kept = [line for line in text.splitlines() if not _HEADING.match(line.strip())]
    flat = " ".join(" ".join(kept).split())
    needles = [w for w in words.split() if w]
    if not needles:
        return first_meaningful_line(text, width), []
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    found = pattern.search(flat)
    if found is None:
        return flat[:width], []
    start = max(0, found.start() - width // 3)
    if start:  # begin at a word
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < found.start() else start
    excerpt = flat[start : start + width]
    if start + width < len(flat):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > found.end() - start else excerpt) + "…"
    prefix = "…" if start else ""
    excerpt = prefix + excerpt
    spans = [(m.start(), m.end()) for m in pattern.finditer(excerpt)]
    return excerpt, spans
