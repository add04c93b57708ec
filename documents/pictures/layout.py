"""What the terminal drawing and the SVG of a picture share: the order and the meaning.

The ecomap's relations go around the client in the worker's order; a relation's line
is styled by its strength, crossed when stressful, with an arrowhead where energy or
resources go. The timeline reads oldest first and folds years without events into one
gap. Both renderers take these from here, so they cannot come to disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from models.records import Flow, LifeEvent, Relation, Strength
from models.records.history import parse_when


def ecomap_order(relations: Sequence[Relation]) -> list[Relation]:
    """The relations in the worker's order (then as they were added)."""
    return sorted(relations, key=lambda r: (r.position, r.id or 0))


def arrowheads(relation: Relation) -> tuple[bool, bool]:
    """(at the client, at the relation): where an arrowhead points to who receives."""
    return (
        relation.flow in (Flow.TO_CLIENT, Flow.BOTH),
        relation.flow in (Flow.FROM_CLIENT, Flow.BOTH),
    )


@dataclass(frozen=True)
class LineStyle:
    width: float  # stroke width in the SVG
    dashes: str | None  # SVG dash pattern; None for a solid line


LINE_STYLES = {
    Strength.STRONG: LineStyle(5.0, None),
    Strength.MODERATE: LineStyle(2.2, None),
    Strength.WEAK: LineStyle(1.6, "7 5"),
}


def timeline_order(events: Sequence[LifeEvent]) -> list[LifeEvent]:
    return sorted(events, key=lambda e: e.sort_key)


def event_time(event: LifeEvent) -> float:
    """Where an event sits on a time axis, in years ("2009-07" is 2009.5)."""
    year, month, day = parse_when(event.when) or (0, 0, 0)
    return year + ((month - 1) / 12 if month else 0.0) + ((day - 1) / 365 if day else 0.0)


def gaps(events: Sequence[LifeEvent], longer_than: int = 1) -> list[tuple[int, int]]:
    """(last year before, first year after) of each stretch of more than `longer_than`
    years with no recorded event."""
    years = sorted({(parse_when(e.when) or (0, 0, 0))[0] for e in events})
    return [(a, b) for a, b in pairwise(years) if b - a > longer_than]
