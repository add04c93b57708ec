"""PHQ-9 or GAD-7 over time as SVG: the severity bands shaded behind (grey tones, each
named at the right), the scores joined by a line, the first and the latest labelled with
their value and date. Scores on the same day sit side by side, not on top of each other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from models.instruments import Instrument
from models.records import Administration

from .svg import Box, el, finish, multiline, root

WIDTH = 560.0
HEIGHT = 150.0
SIZE = 10.0
INK = "#111"
SHADES = ("#f4f4f4", "#e2e2e2", "#cfcfcf", "#bbbbbb", "#a8a8a8")


def scores_svg(
    instrument: Instrument,
    given: Sequence[Administration],
    t: Callable[..., str],
    localized: Callable[[dict[str, str]], str],
    format_date: Callable[[date], str],
) -> str:
    ordered = sorted((a for a in given if a.date is not None), key=lambda a: (a.date, a.id or 0))
    name = localized(instrument.name)
    svg = root(
        t("picture.scores.title", name=name),
        t("picture.scores.desc", name=name, count=len(ordered)),
    )
    box = Box()
    top = instrument.max_total

    def y_of(total: float) -> float:
        return HEIGHT - total / top * HEIGHT

    low = 0
    for index, band in enumerate(instrument.bands):  # shaded, named at the right
        high = min(band.max + 1, top)
        el(
            svg,
            "rect",
            x=0,
            y=y_of(high),
            width=WIDTH,
            height=y_of(low) - y_of(high),
            fill=SHADES[index % len(SHADES)],
        )
        multiline(
            svg,
            WIDTH + 6,
            (y_of(low) + y_of(high)) / 2 + 3,
            [localized(band.text)],
            9,
            box,
            anchor="start",
            fill="#333",
        )
        low = high
    el(svg, "rect", x=0, y=0, width=WIDTH, height=HEIGHT, fill="none", stroke=INK)
    for value in (0, top):
        multiline(svg, -6, y_of(value) + 3, [str(value)], 9, box, anchor="end", fill="#333")
    box.include(0, 0)
    box.include(WIDTH, HEIGHT)
    multiline(svg, 0, -8, [name], SIZE + 1, box, anchor="start", font_weight="bold")
    if not ordered:
        multiline(svg, WIDTH / 2, HEIGHT / 2, [t("picture.scores.none")], SIZE, box)
        return finish(svg, box)
    first_day, last_day = ordered[0].date, ordered[-1].date
    assert first_day is not None and last_day is not None
    days = max(1, (last_day - first_day).days)
    same_day: dict[date, int] = {}
    points = []
    for adm in ordered:
        assert adm.date is not None
        nth = same_day.get(adm.date, 0)
        same_day[adm.date] = nth + 1
        x = (
            20 + (adm.date - first_day).days / days * (WIDTH - 40)
            if len(ordered) > 1 and days > 0
            else WIDTH / 2
        ) + nth * 8
        points.append((min(x, WIDTH - 4), y_of(adm.total), adm))
    if len(points) > 1:
        el(
            svg,
            "polyline",
            points=" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points),
            fill="none",
            stroke=INK,
            stroke_width=2,
        )
    for x, y, _adm in points:
        el(svg, "circle", cx=x, cy=y, r=3.5, fill=INK)
    labelled = [points[0]] if len(points) == 1 else [points[0], points[-1]]
    for x, y, adm in labelled:
        assert adm.date is not None
        text = f"{adm.total} · {format_date(adm.date)}"
        anchor = "start" if x < WIDTH / 2 else "end"
        above = y - 8 if y > 24 else y + 16
        multiline(
            svg,
            x + (6 if anchor == "start" else -6),
            above,
            [text],
            SIZE,
            box,
            anchor=anchor,
            font_weight="bold",
            fill=INK,
        )
    multiline(svg, 0, HEIGHT + 16, [format_date(first_day)], 9, box, anchor="start")
    if last_day != first_day:
        multiline(svg, WIDTH, HEIGHT + 16, [format_date(last_day)], 9, box, anchor="end")
    return finish(svg, box)
