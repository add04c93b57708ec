"""Group attendance as SVG bars: one bar per participant (by code only), the share of
the group's sessions they took part in, with "3 of 4" written beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .svg import Box, el, finish, multiline, root, text_width

BAR = 320.0
ROW = 20.0
SIZE = 10.5
INK = "#111"


def attendance_svg(group: str, rows: Sequence[tuple[str, int, int]], t: Callable[..., str]) -> str:
    """`rows`: (participant's code, sessions taken part in, sessions held)."""
    svg = root(
        t("picture.attendance.title", group=group),
        t("picture.attendance.desc", group=group, count=len(rows)),
    )
    box = Box()
    multiline(svg, 0, 0, [group], SIZE + 1, box, anchor="start", font_weight="bold")
    names = max((text_width(code, SIZE) for code, _, _ in rows), default=0.0) + 10
    for index, (code, attended, held) in enumerate(rows):
        y = 14 + index * ROW
        multiline(svg, names - 8, y + 11, [code], SIZE, box, anchor="end")
        el(svg, "rect", x=names, y=y, width=BAR, height=ROW - 6, fill="#fff", stroke=INK)
        share = attended / held if held else 0.0
        if share:
            el(svg, "rect", x=names, y=y, width=BAR * share, height=ROW - 6, fill="#555")
        multiline(
            svg,
            names + BAR + 6,
            y + 11,
            [t("picture.attendance.count", attended=attended, held=held)],
            SIZE,
            box,
            anchor="start",
        )
        box.include(names + BAR, y + ROW)
    return finish(svg, box)
