"""A few helpers over ElementTree for writing SVG: elements, wrapped text, the root."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "Noto Sans, DejaVu Sans, Segoe UI, Arial, sans-serif"
# Average advance of a character of the sans font, as a share of the font size: enough
# to size boxes around wrapped labels without measuring fonts (none are loaded).
CHAR_WIDTH = 0.6


def el(parent: ET.Element, tag: str, **attrs: object) -> ET.Element:
    """A child element; attribute names with "_" become "-" (stroke_width)."""
    return ET.SubElement(
        parent,
        tag,
        {k.rstrip("_").replace("_", "-"): _number(v) for k, v in attrs.items() if v is not None},
    )


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return str(value)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters; a word longer than that is broken, never cut,
    so every character of a label is drawn."""
    lines = textwrap.wrap(
        " ".join(text.split()), width, break_long_words=True, break_on_hyphens=True
    )
    return lines or [""]


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


@dataclass
class Box:
    """A rectangle that grows to hold everything drawn, for the view box."""

    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0

    def include(self, x: float, y: float) -> None:
        self.left, self.right = min(self.left, x), max(self.right, x)
        self.top, self.bottom = min(self.top, y), max(self.bottom, y)

    def include_text(
        self, x: float, y: float, text: str, size: float, anchor: str = "middle"
    ) -> None:
        width = text_width(text, size)
        start = {"middle": x - width / 2, "start": x, "end": x - width}[anchor]
        self.include(start, y - size)
        self.include(start + width, y + size * 0.3)


def multiline(
    parent: ET.Element,
    x: float,
    y: float,
    lines: list[str],
    size: float,
    box: Box,
    *,
    anchor: str = "middle",
    line_height: float = 1.25,
    **attrs: object,
) -> ET.Element:
    """A <text> of several lines (tspans), its first baseline at `y`."""
    node = el(parent, "text", x=x, y=y, font_size=size, text_anchor=anchor, **attrs)
    for index, line in enumerate(lines):
        span = el(node, "tspan", x=x, dy=0 if index == 0 else size * line_height)
        span.text = line
        box.include_text(x, y + index * size * line_height, line, size, anchor)
    return node


def root(title: str, description: str) -> ET.Element:
    """An <svg> that says what it shows to a screen reader (title, description)."""
    svg = ET.Element(
        "svg", {"xmlns": SVG_NS, "role": "img", "font-family": FONT, "aria-labelledby": "t d"}
    )
    ET.SubElement(svg, "title", {"id": "t"}).text = title
    ET.SubElement(svg, "desc", {"id": "d"}).text = description
    return svg


def finish(svg: ET.Element, box: Box, margin: float = 12.0) -> str:
    """Set the view box around everything drawn (plus a margin) and write the SVG."""
    x, y = box.left - margin, box.top - margin
    width, height = box.right - box.left + 2 * margin, box.bottom - box.top + 2 * margin
    svg.set(
        "viewBox",
        f"{_number(float(x))} {_number(float(y))} {_number(float(width))} {_number(float(height))}",
    )
    svg.set("width", _number(float(width)))
    svg.set("height", _number(float(height)))
    return ET.tostring(svg, encoding="unicode")


def for_html(svg: str) -> str:
    """The SVG as it goes inline into an HTML page, where the parser knows its namespace:
    without the namespace's address, so the page names no address at all."""
    return svg.replace(f' xmlns="{SVG_NS}"', "", 1)
