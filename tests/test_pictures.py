"""The pictures in documents (inline SVG): well-formed, complete and inside their view box,
for the fictional MA case and for the edge cases a caseload brings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from documents.pictures import attendance_svg, ecomap_svg, scores_svg, timeline_svg
from documents.pictures.svg import CHAR_WIDTH
from models.instruments import instruments
from models.records import (
    Administration,
    EventCategory,
    Flow,
    LifeEvent,
    Relation,
    RelationKind,
    Strength,
)
from tui import i18n
from tui.rendering import app_rendering

NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(autouse=True, params=["en", "id"])
def language(request: pytest.FixtureRequest) -> str:
    i18n.use_language(request.param)
    yield request.param
    i18n.use_language("en")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises if not well-formed


def texts(root: ET.Element) -> list[str]:
    """Each <text>, its lines joined by a space (as a reader reads a wrapped label)."""
    return [
        " ".join(span.text or "" for span in node.iterfind("s:tspan", NS))
        for node in root.iter(f"{{{NS['s']}}}text")
    ]


def inside_view_box(root: ET.Element) -> None:
    """Every circle, line, rectangle and (estimated) text lies within the view box."""
    x0, y0, width, height = (float(v) for v in root.get("viewBox", "").split())
    x1, y1 = x0 + width, y0 + height

    def check(x: float, y: float, what: str) -> None:
        assert x0 - 0.5 <= x <= x1 + 0.5 and y0 - 0.5 <= y <= y1 + 0.5, (what, x, y)

    for node in root.iter():
        tag = node.tag.split("}")[-1]

        def get(name: str, node: ET.Element = node) -> float:
            return float(node.get(name, 0))

        if tag == "circle":
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                check(get("cx") + dx * get("r"), get("cy") + dy * get("r"), "circle")
        elif tag == "line":
            check(get("x1"), get("y1"), "line")
            check(get("x2"), get("y2"), "line")
        elif tag == "rect":
            check(get("x"), get("y"), "rect")
            check(get("x") + get("width"), get("y") + get("height"), "rect")
        elif tag == "text":
            size, anchor = get("font-size"), node.get("text-anchor", "start")
            for index, span in enumerate(node.iterfind("s:tspan", NS)):
                text_width = len(span.text or "") * size * CHAR_WIDTH
                x = get("x") - {"start": 0, "middle": text_width / 2, "end": text_width}[anchor]
                y = get("y") + index * size * 1.25
                check(x, y - size, f"text {span.text!r}")
                check(x + text_width, y, f"text {span.text!r}")


def relation(name: str, position: int, **kwargs: object) -> Relation:
    return Relation(client_id=1, name=name, position=position, **kwargs)


def ecomap(relations: list[Relation]) -> ET.Element:
    r = app_rendering()
    return parse(ecomap_svg("MA", relations, r.t, r.label))


def test_the_ecomap_of_ma_has_every_relation_its_lines_and_a_legend() -> None:
    relations = [
        relation(
            "Mother",
            0,
            kind=RelationKind.FAMILY,
            strength=Strength.STRONG,
            stressful=True,
            flow=Flow.BOTH,
        ),
        relation(
            "Peer supporter",
            1,
            kind=RelationKind.PEER,
            strength=Strength.STRONG,
            flow=Flow.TO_CLIENT,
        ),
        relation(
            "Tutoring pupils", 2, strength=Strength.MODERATE, stressful=True, flow=Flow.FROM_CLIENT
        ),
        relation("Health centre", 3, kind=RelationKind.HEALTH, strength=Strength.WEAK),
    ]
    root = ecomap(relations)
    shown = texts(root)
    for name in ("Mother", "Peer supporter", "Tutoring pupils", "Health centre", "MA"):
        assert name in shown
    links = root.find("s:g[@class='links']", NS)
    assert links is not None
    lines = links.findall("s:line", NS)
    assert [line.get("stroke-width") for line in lines] == ["5", "5", "2.2", "1.6"]
    assert lines[3].get("stroke-dasharray") == "7 5"  # weak: dashed
    assert len(links.findall("s:path[@class='stress']", NS)) == 2  # the two stressful
    # Arrowheads: at the client (start) and/or at the relation (end) of each line.
    assert [(line.get("marker-start"), line.get("marker-end")) for line in lines] == [
        ("url(#arrow)", "url(#arrow)"),
        ("url(#arrow)", None),
        (None, "url(#arrow)"),
        (None, None),
    ]
    assert root.find("s:g[@class='legend']", NS) is not None
    assert root.find("s:title", NS) is not None  # for a screen reader
    inside_view_box(root)


def test_long_labels_are_wrapped_never_cut() -> None:
    long_names = [
        "LSM pendamping (konseling dan dukungan sebaya untuk ODHIV)",
        "Puskesmas (layanan PDP dan pengambilan ARV bulanan)",
        "X" * 60,
    ]
    root = ecomap([relation(name, i) for i, name in enumerate(long_names)])
    shown = texts(root)
    for name in long_names:  # every character drawn, in order, over one or more lines
        assert any(text.replace(" ", "") == name.replace(" ", "") for text in shown), name
    assert "…" not in "".join(shown)
    inside_view_box(root)


@pytest.mark.parametrize("count", [0, 1, 20])
def test_no_relations_one_or_twenty_stay_in_view(count: int) -> None:
    root = ecomap(
        [
            relation(
                f"Relation {n}",
                n,
                strength=list(Strength)[n % 3],
                stressful=n % 2 == 0,
                flow=list(Flow)[n % 4],
            )
            for n in range(count)
        ]
    )
    circles = root.findall("s:g[@class='relations']/s:g/s:circle", NS)
    assert len(circles) == count
    inside_view_box(root)
    if count == 20:  # around the client, none on top of another
        centres = [
            (float(c.get("cx", 0)), float(c.get("cy", 0)), float(c.get("r", 0))) for c in circles
        ]
        for i, (x, y, r) in enumerate(centres):
            for x2, y2, r2 in centres[i + 1 :]:
                assert ((x - x2) ** 2 + (y - y2) ** 2) ** 0.5 >= r + r2


def event(when: str, what: str, weight: int) -> LifeEvent:
    return LifeEvent(
        client_id=1, when=when, what=what, weight=weight, category=EventCategory.HEALTH
    )


def timeline(events: list[LifeEvent]) -> ET.Element:
    r = app_rendering()
    return parse(timeline_svg(events, r.t, r.label))


def test_the_timeline_shows_every_event_on_its_side_and_the_gaps() -> None:
    events = [
        event("1986", "Born in Medan", 0),
        event("2009-05", "Tested positive", -2),
        event("2010", "Started treatment", 1),
        event("2012", "Back in Medan", -1),
        event("2020", "Tutoring every day, no rest", -1),
    ]
    root = timeline(events)
    shown = " ".join(texts(root))
    for e in events:
        assert e.what.split()[0] in shown
    # Hard events hang below the axis (positive y), good ones stand above.
    stems = root.findall("s:g[@class='stems']/s:line", NS)
    assert [float(s.get("y2", 0)) > 0 for s in stems] == [False, True, False, True, True]
    # Years without events are a dashed stretch, with how long it was.
    assert any(line.get("stroke-dasharray") for line in root.iter(f"{{{NS['s']}}}line"))
    assert i18n.t("history.gap", years=22) in texts(root)
    inside_view_box(root)


def test_an_empty_timeline_and_a_crowded_one() -> None:
    inside_view_box(timeline([]))
    crowded = [
        event(f"{2000 + n // 3}-{n % 12 + 1:02d}", f"Event number {n} " * 3, n % 5 - 2)
        for n in range(30)
    ]
    root = timeline(crowded)
    assert len(root.findall("s:g[@class='events']/s:g", NS)) == 30
    inside_view_box(root)
    boxes = [
        (
            float(r.get("x", 0)),
            float(r.get("y", 0)),
            float(r.get("width", 0)),
            float(r.get("height", 0)),
        )
        for r in root.iterfind("s:g[@class='events']/s:g/s:rect", NS)
    ]
    for i, (x, y, w, h) in enumerate(boxes):  # no label over another
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert not (x < x2 + w2 and x2 < x + w and y < y2 + h2 and y2 < y + h)


def administration(total: int, day: date, instrument: str = "phq9") -> Administration:
    return Administration(client_id=1, instrument=instrument, date=day, total=total)


def scores(given: list[Administration]) -> ET.Element:
    r = app_rendering()
    return parse(scores_svg(instruments()["phq9"], given, r.t, r.localized, r.format_date))


def test_scores_show_the_bands_and_label_the_first_and_latest() -> None:
    root = scores(
        [
            administration(11, date(2026, 3, 16)),
            administration(8, date(2026, 6, 1)),
            administration(4, date(2026, 11, 14)),
        ]
    )
    shown = texts(root)
    r = app_rendering()
    assert f"11 · {r.format_date(date(2026, 3, 16))}" in shown
    assert f"4 · {r.format_date(date(2026, 11, 14))}" in shown
    assert not any(text.startswith("8 ·") for text in shown)  # the middle one unlabelled
    for band in instruments()["phq9"].bands:
        assert r.localized(band.text) in shown
    assert len(root.findall("s:circle", NS)) == 3
    inside_view_box(root)


@pytest.mark.parametrize("days", [[date(2026, 3, 16)], [date(2026, 3, 16)] * 2, []])
def test_one_score_or_two_on_the_same_day(days: list[date]) -> None:
    root = scores([administration(10 + n, day) for n, day in enumerate(days)])
    points = root.findall("s:circle", NS)
    assert len(points) == len(days)
    assert len({p.get("cx") for p in points}) == len(days)  # side by side, not stacked
    inside_view_box(root)


def test_attendance_bars_per_participant() -> None:
    root = parse(
        attendance_svg("Journaling group", [("MA", 3, 4), ("P-01", 0, 4), ("YT", 1, 2)], i18n.t)
    )
    bars = root.findall("s:rect", NS)
    assert len(bars) == 5  # three frames, two filled (P-01 took part in none)
    assert i18n.t("picture.attendance.count", attended=3, held=4) in texts(root)
    inside_view_box(root)
