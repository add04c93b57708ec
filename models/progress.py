"""What changed over the case, from the evidence: first and latest questionnaire scores
side by side, and the plan's goals with their status and outcome."""

from __future__ import annotations

from dataclasses import dataclass

from . import instruments
from .records import Administration, Goal
from .repository import Repository


@dataclass(frozen=True)
class ScoreChange:
    instrument: instruments.Instrument
    baseline: Administration
    latest: Administration | None  # None while only the baseline exists

    @property
    def change(self) -> int | None:
        return None if self.latest is None else self.latest.total - self.baseline.total

    @property
    def band_before(self) -> instruments.Band:
        return self.instrument.band_for(self.baseline.total)

    @property
    def band_after(self) -> instruments.Band | None:
        return None if self.latest is None else self.instrument.band_for(self.latest.total)

    @property
    def direction(self) -> str:
        """ "better", "worse", "same" (lower is better on every instrument here) or "none"."""
        change = self.change
        if change is None:
            return "none"
        return "better" if change < 0 else "worse" if change > 0 else "same"


def score_changes(repo: Repository, client_id: int) -> list[ScoreChange]:
    """Baseline and latest administration of each instrument the client was given."""
    changes = []
    for instrument in instruments.instruments().values():
        given = repo.administrations_of(client_id, instrument.id)
        if given:
            latest = given[-1] if len(given) > 1 else None
            changes.append(ScoreChange(instrument, given[0], latest))
    return changes


def goals_of(repo: Repository, client_id: int) -> list[Goal]:
    plan = repo.plan_of(client_id)
    return list(plan.goals) if plan else []
