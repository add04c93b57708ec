"""The health picture of a person living with HIV, as a caseworker at an HIV NGO follows
it between clinic visits: treatment (ART) since when and on what, how well doses are
taken, the last viral-load test, where treatment is taken and when the next pick-up of
medicine is due. One record per client, kept current; earlier regimens and earlier tests
stay in it as history. Every field is optional: the worker writes what they know.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .base import Choice, Problem, Record, in_range, limit, not_future
from .history import parse_when


class Adherence(Choice):
    """The worker's rating of how regularly doses are taken, when no count is known."""

    NOT_RATED = "not_rated"
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


class ViralLoad(Choice):
    NOT_RECORDED = "not_recorded"
    SUPPRESSED = "suppressed"
    NOT_SUPPRESSED = "not_suppressed"


@dataclass
class Regimen:
    """A regimen and the month it was started: "2019-03" (or a year, or a full date)."""

    name: str
    since: str = ""
    reason: str = ""  # why it replaced the one before (side effects, stock-out, ...)


@dataclass
class ViralLoadTest:
    on: date
    result: ViralLoad = ViralLoad.NOT_RECORDED
    value: str = ""  # as the lab wrote it, e.g. "< 50 copies/mL"


MISSED_DOSES_WINDOW = 30  # days the missed-dose count is about


@dataclass(kw_only=True)
class HealthPicture(Record):
    TABLE = "health"

    client_id: int
    art_start: str = ""  # month the client started ART, "2019-03"; or a year
    regimens: list[Regimen] = field(default_factory=list)  # oldest first; last is current
    missed_doses: int | None = None  # in the last MISSED_DOSES_WINDOW days
    adherence: Adherence = Adherence.NOT_RATED
    adherence_on: date | None = None  # when the count or rating was taken
    viral_loads: list[ViralLoadTest] = field(default_factory=list)  # oldest first
    clinic: str = ""  # clinic or Puskesmas where treatment is taken
    next_pickup: date | None = None  # next pick-up of medicine

    def validate(self, today: date) -> list[Problem]:
        problems: list[Problem] = []
        _month(problems, "art_start", self.art_start, today)
        for index, regimen in enumerate(self.regimens):
            limit(problems, f"regimens.{index}.name", regimen.name)
            limit(problems, f"regimens.{index}.reason", regimen.reason, 1000)
            _month(problems, f"regimens.{index}.since", regimen.since, today)
        in_range(problems, "missed_doses", self.missed_doses, 0, MISSED_DOSES_WINDOW)
        not_future(problems, "adherence_on", self.adherence_on, today)
        for index, test in enumerate(self.viral_loads):
            not_future(problems, f"viral_loads.{index}.on", test.on, today)
            limit(problems, f"viral_loads.{index}.value", test.value, 100)
        limit(problems, "clinic", self.clinic)
        return problems

    @property
    def regimen(self) -> Regimen | None:
        return self.regimens[-1] if self.regimens else None

    @property
    def viral_load(self) -> ViralLoadTest | None:
        return self.viral_loads[-1] if self.viral_loads else None

    @property
    def is_empty(self) -> bool:
        return not (
            self.art_start
            or self.regimens
            or self.missed_doses is not None
            or self.adherence is not Adherence.NOT_RATED
            or self.viral_loads
            or self.clinic
            or self.next_pickup
        )

    def with_regimen(
        self, name: str, since: str, reason: str = "", *, correct: bool = False
    ) -> HealthPicture:
        """The picture with `name` as the current regimen. A different regimen is added
        to the history; the same one (or a blank) only corrects its start and reason.
        With `correct`, the current regimen was typed wrong: it is replaced (or, with a
        blank name, removed)."""
        regimens = list(self.regimens)
        name = name.strip()
        if correct and regimens:
            regimens.pop()
            if name:
                regimens.append(Regimen(name, since, reason))
            return replace(self, regimens=regimens)
        current = regimens[-1] if regimens else None
        if not name:
            return self
        if current is not None and current.name.strip().casefold() == name.casefold():
            regimens[-1] = Regimen(name, since or current.since, reason)
        else:
            regimens.append(Regimen(name, since, reason))
        return replace(self, regimens=regimens)

    def with_viral_load(
        self, test: ViralLoadTest | None, *, replacing: date | None = None
    ) -> HealthPicture:
        """The picture with `test` recorded: a test on a date already recorded is corrected,
        one on a new date added; the list stays in date order. `replacing`: the date of a
        test typed wrong, taken out first (with no `test`, only taken out)."""
        kept = [
            t for t in self.viral_loads if t.on != replacing and (test is None or t.on != test.on)
        ]
        if test is not None:
            kept.append(test)
        return replace(self, viral_loads=sorted(kept, key=lambda t: t.on))

    def pickup_due(self, today: date, within_days: int) -> int | None:
        """Days until the next pick-up (negative when late), if it is within
        `within_days` or already past; None when there is nothing to remind of."""
        if self.next_pickup is None:
            return None
        days = (self.next_pickup - today).days
        return days if days <= within_days else None


def _month(problems: list[Problem], name: str, value: str, today: date) -> None:
    if not value.strip():
        return
    parsed = parse_when(value)
    if parsed is None:
        problems.append(Problem(name, "problem.when_format"))
    elif parsed > (today.year, today.month, today.day):
        problems.append(Problem(name, "problem.future_date"))
    elif parsed[0] < 1980:
        problems.append(Problem(name, "problem.range", {"min": 1980, "max": today.year}))
