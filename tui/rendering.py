"""The app's language layer for the documents: its words, dates and text drawings.

`documents/` may not import the app, so every document builder takes a `Rendering`;
this is where the app makes one, in the worker's current language.
"""

from __future__ import annotations

from collections.abc import Sequence

from documents.document import Rendering
from models.records import LifeEvent, Relation

from .history_map import render_ecomap, render_timeline
from .i18n import current_language, format_date, format_datetime, label, long_label, t

# The drawings keep their terminal width: 80 columns fit an A4 page in the print style.
DRAWING_WIDTH = 80


def app_rendering() -> Rendering:
    """The app's words, dates and drawings, in the current language."""

    def timeline(events: Sequence[LifeEvent]) -> str:
        return render_timeline(events, DRAWING_WIDTH).plain

    def ecomap(center: str, relations: Sequence[Relation]) -> str:
        return render_ecomap(center, relations, DRAWING_WIDTH).plain

    return Rendering(
        t=t,
        label=label,
        long_label=long_label,
        format_date=format_date,
        format_datetime=format_datetime,
        language=current_language(),
        timeline=timeline,
        ecomap=ecomap,
    )
