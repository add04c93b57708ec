"""Scored questionnaires, defined as data (one JSON file per instrument in this folder).

A definition holds its items, answer options, severity bands and any safety items, in
both languages, so a new free instrument is a new JSON file and no new screen code.
Scoring is a plain sum of the option values; the band is the first whose `max` holds
the total.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Option:
    value: int
    text: dict[str, str]


@dataclass(frozen=True)
class Band:
    max: int
    key: str
    text: dict[str, str]


@dataclass(frozen=True)
class Instrument:
    id: str
    name: dict[str, str]
    title: dict[str, str]
    prompt: dict[str, str]
    options: tuple[Option, ...]
    items: tuple[dict[str, str], ...]
    bands: tuple[Band, ...]
    safety_items: tuple[int, ...]  # 1-based item numbers
    safety_message: dict[str, str]
    # Where each language's wording and the bands come from, printed under the scores
    # in a report so a reader can judge how far the published cut-offs apply.
    source: dict[str, str]

    @property
    def max_total(self) -> int:
        return len(self.items) * max(option.value for option in self.options)

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if total <= band.max:
                return band
        raise ValueError(f"{self.id}: total {total} is above every band")

    def score(self, answers: list[int]) -> Score:
        """Total, band and safety flag of a complete set of answers."""
        problems = self.check(answers)
        if problems:
            raise ValueError("; ".join(problems))
        total = sum(answers)
        flagged = any(answers[item - 1] > 0 for item in self.safety_items)
        return Score(total=total, band=self.band_for(total), flagged=flagged)

    def check(self, answers: list[int]) -> list[str]:
        allowed = {option.value for option in self.options}
        problems = []
        if len(answers) != len(self.items):
            problems.append(f"{self.id} needs {len(self.items)} answers, got {len(answers)}")
        problems += [
            f"answer {number} ({value}) is not one of the options"
            for number, value in enumerate(answers, 1)
            if value not in allowed
        ]
        return problems


@dataclass(frozen=True)
class Score:
    total: int
    band: Band
    flagged: bool


def _build(data: dict[str, Any]) -> Instrument:
    return Instrument(
        id=data["id"],
        name=data["name"],
        title=data["title"],
        prompt=data["prompt"],
        options=tuple(
            Option(o["value"], {k: v for k, v in o.items() if k != "value"})
            for o in data["options"]
        ),
        items=tuple(data["items"]),
        bands=tuple(
            Band(b["max"], b["key"], {k: v for k, v in b.items() if k not in ("max", "key")})
            for b in data["bands"]
        ),
        safety_items=tuple(data.get("safety_items", ())),
        safety_message=data.get("safety_message", {}),
        source=data["source"],
    )


@cache
def instruments() -> dict[str, Instrument]:
    """Every instrument defined in this folder, by id, in their `order`."""
    found: list[tuple[int, Instrument]] = []
    folder = resources.files(__package__)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            found.append((int(data.get("order", 99)), _build(data)))
    return {instrument.id: instrument for _, instrument in sorted(found, key=lambda p: p[0])}


def get(instrument_id: str) -> Instrument:
    return instruments()[instrument_id]


__all__ = ["Band", "Instrument", "Option", "Score", "get", "instruments"]
