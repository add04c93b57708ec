"""The history-map renderer on its own: these records in, this text out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from models.records import EventCategory, Flow, LifeEvent, Relation, RelationKind, Strength
from tui import i18n
from tui.history_map import render_ecomap, render_timeline


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.use_language("en")
    yield
    i18n.use_language("en")


def event(
    when: str,
    what: str,
    weight: int = 0,
    category: EventCategory = EventCategory.OTHER,
    position: int = 0,
) -> LifeEvent:
    return LifeEvent(
        client_id=1, when=when, what=what, weight=weight, category=category, position=position
    )


def relation(
    name: str,
    strength: Strength,
    kind: RelationKind = RelationKind.OTHER,
    position: int = 0,
    *,
    stressful: bool = False,
    flow: Flow = Flow.UNKNOWN,
) -> Relation:
    return Relation(
        client_id=1,
        name=name,
        kind=kind,
        strength=strength,
        position=position,
        stressful=stressful,
        flow=flow,
    )


def lines(text: object) -> list[str]:
    return text.plain.split("\n")


def test_timeline_empty() -> None:
    assert render_timeline([]).plain == "No life events yet."


def test_timeline_one_event() -> None:
    assert lines(
        render_timeline([event("2009", "Tested positive for HIV", -2, EventCategory.HEALTH)])
    ) == [
        "     hard ◀━━┫ ● ┣━━▶ good",
        "2009 ◀━━━━┫      Tested positive for HIV · Health / HIV",
    ]


def test_timeline_orders_by_date_folds_gaps_and_shows_each_weight() -> None:
    events = [
        event("2026", "Joined the journaling group", 2, EventCategory.RELATIONSHIPS),
        event("1986", "Born in Medan", 0, EventCategory.FAMILY),
        event("2009-08", "Started ART", 1, EventCategory.HEALTH, position=1),
        event("2009-05", "Tested positive for HIV", -2, EventCategory.HEALTH),
        event("2012", "Back in Medan, old friends gone", -1),
    ]
    assert lines(render_timeline(events)) == [
        "     hard ◀━━┫ ● ┣━━▶ good",
        "1986      ●      Born in Medan · Family",
        "          ┆      22 year(s) without recorded events",
        "2009 ◀━━━━┫      Tested positive for HIV · Health / HIV",
        "          ┣━━▶   Started ART · Health / HIV",
        "          ┆      2 year(s) without recorded events",
        "2012   ◀━━┫      Back in Medan, old friends gone · Other",
        "          ┆      13 year(s) without recorded events",
        "2026      ┣━━━━▶ Joined the journaling group · Relationships",
    ]


def test_timeline_long_labels_stay_within_80_columns() -> None:
    events = [event(str(1990 + i), "A very long description " * 6, i % 5 - 2) for i in range(30)]
    rendered = lines(render_timeline(events, width=80))
    assert len(rendered) == 31
    assert all(len(line) <= 80 for line in rendered)
    assert "…" in rendered[1] and rendered[1].endswith("· Other")


def test_timeline_colours_hard_and_good_differently() -> None:
    text = render_timeline([event("2000", "hard", -1), event("2001", "good", 1)])
    styles = {str(span.style) for span in text.spans}
    assert "red" in styles and "green" in styles


def test_ecomap_empty_shows_the_client_and_the_legend() -> None:
    assert lines(render_ecomap("MA", [])) == [
        "                                    ┌──────┐",
        "                                    │  MA  │",
        "                                    └──────┘",
        " No relations yet.",
        " ━━━━ Strong   ──── Moderate   ┄┄┄┄ Weak   ─┼─┼ Stressful",
        " ◀ ▶ flow of energy or resources: the arrowhead points to who receives",
    ]


def test_ecomap_one_relation() -> None:
    assert lines(
        render_ecomap("MA", [relation("Mother", Strength.STRONG, RelationKind.FAMILY)])
    ) == [
        "                 Mother ━━━━━━━━━━┐ ┌──────┐",
        "                 Family           └─│  MA  │",
        "                                    └──────┘",
        "",
        " ━━━━ Strong   ──── Moderate   ┄┄┄┄ Weak   ─┼─┼ Stressful",
        " ◀ ▶ flow of energy or resources: the arrowhead points to who receives",
    ]


def test_ecomap_many_relations_each_side_with_their_line_styles() -> None:
    relations = [
        relation("Mother", Strength.STRONG, RelationKind.FAMILY, 0),
        relation("Peer supporter", Strength.STRONG, RelationKind.PEER, 1),
        relation("Tutoring pupils", Strength.STRONG, RelationKind.OTHER, 2, stressful=True),
        relation("Health centre", Strength.WEAK, RelationKind.HEALTH, 3),
        relation("Friends from Yogyakarta", Strength.WEAK, RelationKind.FRIEND, 4),
    ]
    rendered = lines(render_ecomap("MA", relations))
    assert rendered == [
        "                 Mother ━━━━━━━━━━┐",
        "                 Family           │          ┌━━━━━━━━━━ Peer supporter",
        "        Tutoring pupils ━┿━┿━┿━┿━┿┤ ┌──────┐ │           Peer",
        "                  Other           ├─│  MA  │─┴┄┄┄┄┄┄┄┄┄┄ Health centre",
        " Friends from Yogyakar… ┄┄┄┄┄┄┄┄┄┄┘ └──────┘             Health service",
        "                 Friend",
        "",
        " ━━━━ Strong   ──── Moderate   ┄┄┄┄ Weak   ─┼─┼ Stressful",
        " ◀ ▶ flow of energy or resources: the arrowhead points to who receives",
    ]
    assert all(len(line) <= 80 for line in rendered)


def test_ecomap_long_names_are_clipped_to_80_columns() -> None:
    relations = [relation("Y" * 60, Strength.WEAK, position=i) for i in range(12)]
    rendered = lines(render_ecomap("A-LONG-CODE", relations, width=80))
    assert all(len(line) <= 80 for line in rendered)
    assert sum(line.count("…") for line in rendered) == 12


def test_ecomap_draws_moderate_stressful_and_the_flow_on_both_sides() -> None:
    relations = [
        relation("Mother", Strength.STRONG, position=0, stressful=True, flow=Flow.BOTH),
        relation("Peer", Strength.STRONG, position=1, flow=Flow.TO_CLIENT),
        relation("Pupils", Strength.MODERATE, position=2, stressful=True, flow=Flow.FROM_CLIENT),
        relation("Clinic", Strength.MODERATE, position=3, flow=Flow.FROM_CLIENT),
    ]
    rendered = lines(render_ecomap("MA", relations))
    # Mother and Pupils on the left, where the client is at a line's right end; Peer and
    # Clinic on the right, where the client is at its left end.
    assert "Mother ◀┿━┿━┿━┿━▶┐" in rendered[0]  # strong, stressful, both ways
    assert "┌◀━━━━━━━━━ Peer" in rendered[0]  # strong, the peer gives to the client
    assert "Pupils ◀┼─┼─┼─┼─┼┴─│  MA  │" in rendered[2]  # moderate, stressful, client gives
    assert "│─┴─────────▶ Clinic" in rendered[2]  # moderate, the client gives
    assert all(len(line) <= 80 for line in rendered)


def test_ecomap_legend_fits_80_columns_in_both_languages() -> None:
    from tui.i18n import current_language, use_language

    before = current_language()
    try:
        for language in ("en", "id"):
            use_language(language)
            legend = lines(render_ecomap("MA", []))[-2:]
            assert all(len(line) <= 78 for line in legend)
            assert not any(line.endswith("…") for line in legend)
            assert "◀ ▶" in legend[1]
    finally:
        use_language(before)
