"""The one date parser: what a caseworker types into a date field, in either language.

Accepted: 2026-11-28, 28/11/2026, 28-11-2026, 28.11.2026, 28/11 (this year),
28 Nov 2026, 28 November 2026, 28 Agustus 2026, and the words today / hari ini,
yesterday / kemarin, tomorrow / besok. Day first, as both Indonesia and most of the
world write it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "januari", "january"),
        ("feb", "februari", "february", "pebruari"),
        ("mar", "maret", "march"),
        ("apr", "april"),
        ("mei", "may"),
        ("jun", "juni", "june"),
        ("jul", "juli", "july"),
        ("agu", "ags", "agt", "agustus", "aug", "august"),
        ("sep", "sept", "september"),
        ("okt", "oktober", "oct", "october"),
        ("nov", "nopember", "november"),
        ("des", "desember", "dec", "december"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

RELATIVE = {
    "today": 0,
    "hari ini": 0,
    "hariini": 0,
    "now": 0,
    "sekarang": 0,
    "yesterday": -1,
    "kemarin": -1,
    "tomorrow": 1,
    "besok": 1,
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_WORDS = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?$")


HALF_A_YEAR = 182


def parse_date(text: str, today: date, *, ahead: bool = False) -> date | None:
    """The date `text` means, or None when it is not a date we understand.

    A day and month without a year are in this year; with `ahead` (a date that is
    mostly still to come, such as the next pick-up of medicine) one more than half a
    year past is next year's: "5/1" typed in December is January coming, while "1/12"
    typed on 2 December is the pick-up missed yesterday."""
    found = _parse(text, today)
    if found is None:
        return None
    day, year_given = found
    if ahead and not year_given and (today - day).days > HALF_A_YEAR:
        try:
            return day.replace(year=day.year + 1)
        except ValueError:  # 29 February, and next year has none: the one typed
            return day
    return day


def _parse(text: str, today: date) -> tuple[date, bool] | None:
    """The date and whether the text named its year (a relative word counts as one)."""
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if not cleaned:
        return None
    if cleaned in RELATIVE:
        return today + timedelta(days=RELATIVE[cleaned]), True
    try:
        if match := _ISO.match(cleaned):
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day), True
        if match := _NUMERIC.match(cleaned):
            day, month = int(match[1]), int(match[2])
            return date(_year(match[3], today), month, day), match[3] is not None
        if match := _WORDS.match(cleaned):
            month_number = MONTHS.get(match[2])
            if month_number is None:
                return None
            return (date(_year(match[3], today), month_number, int(match[1])), match[3] is not None)
    except ValueError:  # 31/02, month 13, ...
        return None
    return None


def _year(text: str | None, today: date) -> int:
    if not text:
        return today.year
    year = int(text)
    return year + 2000 if year < 100 else year


def now() -> datetime:
    """Local time, to the second, with its offset: when a note was signed, etc."""
    return datetime.now(timezone.utc).astimezone().replace(microsecond=0)


def today() -> date:
    return date.today()


def format_when(when: str) -> str:
    """A stored year, year-month or date ("2019", "2019-06", "2019-06-14") the way the
    worker types it back: "2019", "06/2019", "14/06/2019"."""
    parts = when.strip().split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{parts[1]}/{parts[0]}"
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return when


def parse_iso(text: str) -> date | None:
    """A stored ISO date ("2026-04-11"), or None for an empty or odd one."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
