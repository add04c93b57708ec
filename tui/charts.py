"""Small text charts: questionnaire scores over time, for the overview and reports."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from models.instruments import Instrument
from models.records import Administration

from .i18n import format_date, t
from .widgets.questionnaire import localized

BARS = " ▁▂▃▄▅▆▇█"


def band_style(instrument: Instrument, band_key: str) -> str:
    keys = [band.key for band in instrument.bands]
    index = keys.index(band_key) if band_key in keys else 0
    share = index / max(1, len(keys) - 1)
    return "green" if share < 0.3 else "yellow" if share < 0.6 else "bold red"


def score_bar(instrument: Instrument, total: int) -> str:
    level = round(total / max(1, instrument.max_total) * (len(BARS) - 1))
    return BARS[max(1, level)]


def scores_chart(
    instrument: Instrument, administrations: Sequence[Administration], last: int = 6
) -> Text:
    """One line: the instrument's name, then each administration's bar, score and band."""
    text = Text()
    text.append(f"{localized(instrument.name):<7}", style="bold")
    shown = list(administrations)[-last:]
    if not shown:
        text.append(t("scores.none"), style="dim")
        return text
    for index, adm in enumerate(shown):
        if index:
            text.append(" → ", style="dim")
        band = instrument.band_for(adm.total)
        style = band_style(instrument, band.key)
        text.append(score_bar(instrument, adm.total), style=style)
        text.append(f"{adm.total} ", style="bold " + style)
        text.append(localized(band.text), style=style)
        if adm.needs_follow_up:
            text.append(" ⚑", style="bold red")
        text.append(f" ({format_date(adm.date, 'short')[:5]})", style="dim")
    return text
