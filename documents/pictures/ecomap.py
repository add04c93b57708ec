"""The ecomap as SVG (Hartman): the client in the centre, each relation a labelled
circle around it, joined by a line whose width and dashes are its strength, crossed
with short strokes when it is stressful, with arrowheads at whoever receives energy or
resources. A legend under it says so in the reader's language."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from models.records import Choice, Relation, Strength

from .layout import LINE_STYLES, arrowheads, ecomap_order
from .svg import Box, el, finish, multiline, root, text_width, wrap

LABEL_SIZE = 11.0
KIND_SIZE = 9.5
LABEL_CHARS = 16  # per line inside a circle
CENTRE_RADIUS = 38.0
GAP = 14.0  # between neighbouring circles on the ring
INK = "#111"


def _radius(lines: list[str], kind: str) -> float:
    """A circle that holds the wrapped name and the kind under it."""
    width = max([text_width(line, LABEL_SIZE) for line in lines] + [text_width(kind, KIND_SIZE)])
    height = len(lines) * LABEL_SIZE * 1.25 + KIND_SIZE * 1.4
    return max(30.0, math.hypot(width / 2, height / 2) + 6)


def _arrow_marker(defs: ET.Element) -> None:
    marker = el(
        defs,
        "marker",
        id="arrow",
        viewBox="0 0 10 10",
        refX=9,
        refY=5,
        markerWidth=14,
        markerHeight=14,
        orient="auto-start-reverse",
        markerUnits="userSpaceOnUse",
    )
    el(marker, "path", d="M 0 0 L 10 5 L 0 10 z", fill=INK)


def _line(
    parent: ET.Element,
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    strength: Strength,
    *,
    stressful: bool,
    start_arrow: bool = False,
    end_arrow: bool = False,
) -> None:
    style = LINE_STYLES[strength]
    el(
        parent,
        "line",
        x1=x1,
        y1=y1,
        x2=x2,
        y2=y2,
        stroke=INK,
        stroke_width=style.width,
        stroke_dasharray=style.dashes,
        stroke_linecap="butt",
        marker_start="url(#arrow)" if start_arrow else None,
        marker_end="url(#arrow)" if end_arrow else None,
    )
    if stressful:  # short strokes across the line, every 10 units: a hatched line
        length = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        px, py = -uy * 6, ux * 6
        steps = int((length - 24) // 10)
        path = []
        for step in range(steps + 1):
            cx, cy = x1 + ux * (12 + step * 10), y1 + uy * (12 + step * 10)
            path.append(f"M {cx - px:.1f} {cy - py:.1f} L {cx + px:.1f} {cy + py:.1f}")
        if path:
            el(
                parent,
                "path",
                d=" ".join(path),
                stroke=INK,
                stroke_width=1.4,
                fill="none",
                class_="stress",
            )


def ecomap_svg(
    centre: str,
    relations: Sequence[Relation],
    t: Callable[..., str],
    label: Callable[[Choice], str],
) -> str:
    """`t` and `label` translate the title, legend and kinds (the app's Rendering)."""
    ordered = ecomap_order(relations)
    svg = root(
        t("picture.ecomap.title", code=centre),
        t("picture.ecomap.desc", code=centre, count=len(ordered)),
    )
    defs = el(svg, "defs")
    _arrow_marker(defs)
    box = Box()
    labels = [(wrap(r.name, LABEL_CHARS), label(r.kind)) for r in ordered]
    radii = [_radius(lines, kind) for lines, kind in labels]
    largest = max(radii, default=30.0)
    # A ring wide enough for every circle side by side, and for lines long enough to
    # show their style and arrowheads.
    ring = max(
        CENTRE_RADIUS + largest + 90, (sum(2 * r for r in radii) + GAP * len(radii)) / (2 * math.pi)
    )
    links = el(svg, "g", class_="links")
    nodes = el(svg, "g", class_="relations")
    for index, (relation, (lines, kind), radius) in enumerate(
        zip(ordered, labels, radii, strict=True)
    ):
        angle = -math.pi / 2 + 2 * math.pi * index / max(1, len(ordered))
        x, y = ring * math.cos(angle), ring * math.sin(angle)
        to_client, to_relation = arrowheads(relation)
        ux, uy = math.cos(angle), math.sin(angle)
        _line(
            links,
            ux * (CENTRE_RADIUS + 2),
            uy * (CENTRE_RADIUS + 2),
            x - ux * (radius + 2),
            y - uy * (radius + 2),
            relation.strength,
            stressful=relation.stressful,
            start_arrow=to_client,
            end_arrow=to_relation,
        )
        group = el(nodes, "g", class_="relation")
        el(group, "circle", cx=x, cy=y, r=radius, fill="#fff", stroke=INK, stroke_width=1.2)
        box.include(x - radius, y - radius)
        box.include(x + radius, y + radius)
        block = len(lines) * LABEL_SIZE * 1.25 + KIND_SIZE * 1.4
        top = y - block / 2 + LABEL_SIZE
        multiline(group, x, top, lines, LABEL_SIZE, box, font_weight="bold", fill=INK)
        kind_node = multiline(
            group, x, top + len(lines) * LABEL_SIZE * 1.25 + 1, [kind], KIND_SIZE, box, fill="#444"
        )
        kind_node.set("font-style", "italic")
    el(svg, "circle", cx=0, cy=0, r=CENTRE_RADIUS, fill="#fff", stroke=INK, stroke_width=2.5)
    multiline(svg, 0, 5, [centre], 14, box, font_weight="bold", fill=INK)
    box.include(-CENTRE_RADIUS, -CENTRE_RADIUS)
    box.include(CENTRE_RADIUS, CENTRE_RADIUS)
    if not ordered:
        multiline(svg, 0, CENTRE_RADIUS + 24, [t("ecomap.empty")], LABEL_SIZE, box, fill="#444")
    _legend(svg, box, t, label)
    return finish(svg, box)


def _legend(
    svg: ET.Element, box: Box, t: Callable[..., str], label: Callable[[Choice], str]
) -> None:
    legend = el(svg, "g", class_="legend")
    left, y = box.left, box.bottom + 28
    samples: list[tuple[str, Strength, bool, bool]] = [
        (label(s), s, False, False) for s in Strength
    ]
    samples.append((t("ecomap.stressful"), Strength.MODERATE, True, False))
    samples.append((t("picture.ecomap.flow"), Strength.MODERATE, False, True))
    x = left
    for text, strength, stressful, arrow in samples:
        width = 46 + text_width(text, LABEL_SIZE) + 18
        if x + width > max(box.right, left + 360) and x > left:  # next line
            x, y = left, y + 22
        _line(legend, x, y - 4, x + 40, y - 4, strength, stressful=stressful, end_arrow=arrow)
        multiline(legend, x + 46, y, [text], LABEL_SIZE, box, anchor="start", fill=INK)
        box.include(x, y - 10)
        x += width
