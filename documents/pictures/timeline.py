"""The life timeline as SVG: years along an axis, each event on a stem above the axis
(it weighed well) or below (it weighed hard), the longer the stem the heavier; its
year, what happened and its category beside the marker. Years with no recorded event
are a dashed stretch of the axis, so gaps show."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from models.records import Choice, LifeEvent
from models.records.history import parse_when

from .layout import event_time, gaps, timeline_order
from .svg import Box, el, finish, multiline, root, text_width, wrap

WIDTH = 680.0  # the axis
SIZE = 10.5
LABEL_CHARS = 22
STEM = 26.0  # per step of weight
INK = "#111"


def _marker(parent: ET.Element, x: float, y: float, weight: int) -> None:
    """▲ good, ▼ hard, ● neither: shapes, not colours, say how it weighed."""
    if weight > 0:
        el(
            parent,
            "path",
            d=f"M {x:.1f} {y - 6:.1f} L {x + 6:.1f} {y + 4:.1f} L {x - 6:.1f} {y + 4:.1f} z",
            fill=INK,
        )
    elif weight < 0:
        el(
            parent,
            "path",
            d=f"M {x:.1f} {y + 6:.1f} L {x + 6:.1f} {y - 4:.1f} L {x - 6:.1f} {y - 4:.1f} z",
            fill="#fff",
            stroke=INK,
            stroke_width=1.5,
        )
    else:
        el(parent, "circle", cx=x, cy=y, r=4.5, fill="#888", stroke=INK)


def _place(
    x: float,
    width: float,
    height: float,
    shortest: float,
    labels: list[tuple[float, float, float, float]],
) -> tuple[float, bool]:
    """(stem length, label to the right?) for an event at `x`: the shortest stem (never
    shorter than its weight asks) whose label, right of the stem or else left of it,
    touches no label placed before (stems pass behind labels, which are opaque)."""

    def free(stem: float, rightwards: bool) -> bool:
        left = x + 6 if rightwards else x - 6 - width
        near, far = stem - height + 6, stem + 8
        return not any(
            a < left + width and left < b and c < far and near < d for a, b, c, d in labels
        )

    for step in range(60):
        stem = shortest + step * 8
        for rightwards in (True, False):
            if free(stem, rightwards):
                return stem, rightwards
    return shortest + 60 * 8, True


def timeline_svg(
    events: Sequence[LifeEvent], t: Callable[..., str], label: Callable[[Choice], str]
) -> str:
    ordered = timeline_order(events)
    svg = root(t("picture.timeline.title"), t("picture.timeline.desc", count=len(ordered)))
    box = Box()
    if not ordered:
        multiline(svg, 0, 0, [t("history.empty")], SIZE, box, anchor="start", fill="#444")
        return finish(svg, box)
    times = [event_time(e) for e in ordered]
    first, last = int(min(times)), int(max(times)) + 1
    span = max(1, last - first)

    def x_of(time: float) -> float:
        return (time - first) / span * WIDTH

    axis = el(svg, "g", class_="axis")
    dashed = {year for a, b in gaps(ordered) for year in range(a + 1, b)}
    for year in range(first, last):
        el(
            axis,
            "line",
            x1=x_of(year),
            y1=0,
            x2=x_of(year + 1),
            y2=0,
            stroke=INK,
            stroke_width=2,
            stroke_dasharray="3 4" if year in dashed else None,
        )
    step = 1 if span <= 12 else 2 if span <= 24 else 5 if span <= 60 else 10
    for year in range(first, last + 1):
        if (year - first) % step == 0 or year == last:
            el(axis, "line", x1=x_of(year), y1=-4, x2=x_of(year), y2=4, stroke=INK)
            multiline(axis, x_of(year), 17, [str(year)], 9, box, fill="#444")
    for a, b in gaps(ordered):
        if x_of(b) - x_of(a + 1) > 70:
            multiline(
                axis,
                (x_of(a + 1) + x_of(b)) / 2,
                -8,
                [t("history.gap", years=b - a - 1)],
                8.5,
                box,
                fill="#444",
            )
    # Per side, the labels placed so far, as distances from the axis (left, right,
    # near, far). Stems are drawn first, then the labels on white, then the markers.
    labels: dict[int, list[tuple[float, float, float, float]]] = {1: [], -1: []}
    stem_group = el(svg, "g", class_="stems")
    label_group = el(svg, "g", class_="events")
    marker_group = el(svg, "g", class_="markers")
    for event, time in zip(ordered, times, strict=True):
        side = -1 if event.weight < 0 else 1
        year = (parse_when(event.when) or (0, 0, 0))[0]
        lines = wrap(f"{year} · {event.what}", LABEL_CHARS)
        category = label(event.category)
        width = (
            max([text_width(line, SIZE) for line in lines] + [text_width(category, SIZE - 1.5)]) + 8
        )
        height = (len(lines) + 1) * SIZE * 1.25 + 4
        x = x_of(time)
        stem, rightwards = _place(x, width, height, STEM * (1 + abs(event.weight)), labels[side])
        left = x + 6 if rightwards else x - 6 - width
        labels[side].append((left, left + width, stem - height + 6, stem + 8))
        tip = -side * stem
        el(stem_group, "line", x1=x, y1=0, x2=x, y2=tip, stroke="#666", stroke_width=1)
        top = tip - height + SIZE + 4 if side > 0 else tip + SIZE + 2
        group = el(label_group, "g", class_="event")
        el(
            group,
            "rect",
            x=left,
            y=top - SIZE - 1,
            width=width,
            height=len(lines) * SIZE * 1.25 + SIZE + 2,
            fill="#fff",
        )
        anchor, text_x = ("start", left + 4) if rightwards else ("end", left + width - 4)
        multiline(
            group,
            text_x,
            top,
            lines,
            SIZE,
            box,
            anchor=anchor,
            fill=INK,
            font_weight="bold" if abs(event.weight) == 2 else None,
        )
        multiline(
            group,
            text_x,
            top + len(lines) * SIZE * 1.25,
            [category],
            SIZE - 1.5,
            box,
            anchor=anchor,
            fill="#444",
        )
        _marker(marker_group, x, tip, event.weight)
        box.include(x - 8, tip - 8)
        box.include(x + 8, tip + 8)
    box.include(0, -10)
    box.include(WIDTH, 20)
    legend = el(svg, "g", class_="legend")
    y = box.bottom + 22
    _marker(legend, 6, y - 4, 1)
    multiline(legend, 16, y, [t("picture.timeline.good")], SIZE, box, anchor="start")
    _marker(legend, 166, y - 4, -1)
    multiline(legend, 176, y, [t("picture.timeline.hard")], SIZE, box, anchor="start")
    _marker(legend, 326, y - 4, 0)
    multiline(legend, 336, y, [t("picture.timeline.neutral")], SIZE, box, anchor="start")
    return finish(svg, box)
