"""Scoring and severity bands of the questionnaires, at every boundary."""

from __future__ import annotations

from datetime import date

import pytest
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from models import instruments
from models.casefile import case_facts
from models.records import Client
from models.repository import RecordInvalid, Repository

PHQ9_BANDS = [
    (0, 4, "minimal"),
    (5, 9, "mild"),
    (10, 14, "moderate"),
    (15, 19, "moderately_severe"),
    (20, 27, "severe"),
]
GAD7_BANDS = [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")]


def answers_for(total: int, items: int, safety_items: tuple[int, ...] = ()) -> list[int]:
    """Answers summing to `total`, keeping the safety items at 0 where possible."""
    answers = [0] * items
    order = [i for i in range(items) if i + 1 not in safety_items] + [i - 1 for i in safety_items]
    remaining = total
    for index in order:
        answers[index] = min(3, remaining)
        remaining -= answers[index]
    assert remaining == 0
    return answers


@pytest.mark.parametrize(("instrument_id", "bands"), [("phq9", PHQ9_BANDS), ("gad7", GAD7_BANDS)])
def test_every_total_falls_in_its_band(
    instrument_id: str, bands: list[tuple[int, int, str]]
) -> None:
    instrument = instruments.get(instrument_id)
    assert instrument.max_total == bands[-1][1]
    for low, high, key in bands:
        for total in {low, high, (low + high) // 2}:
            score = instrument.score(
                answers_for(total, len(instrument.items), instrument.safety_items)
            )
            assert score.total == total
            assert score.band.key == key, (instrument_id, total)


def test_phq9_item_9_is_flagged_at_any_answer_above_zero() -> None:
    phq9 = instruments.get("phq9")
    assert phq9.safety_items == (9,)
    for value in (1, 2, 3):
        assert phq9.score([0] * 8 + [value]).flagged
    assert not phq9.score([3] * 8 + [0]).flagged
    assert not instruments.get("gad7").score([3] * 7).flagged


def test_incomplete_or_impossible_answers_are_refused() -> None:
    phq9 = instruments.get("phq9")
    for answers in ([0] * 8, [0] * 10, [0] * 8 + [4], [-1] + [0] * 8):
        with pytest.raises(ValueError):
            phq9.score(answers)


def test_definitions_are_complete_in_both_languages() -> None:
    for instrument in instruments.instruments().values():
        for texts in (
            instrument.name,
            instrument.title,
            instrument.prompt,
            *instrument.items,
            *(o.text for o in instrument.options),
            *(b.text for b in instrument.bands),
        ):
            assert texts.get("en") and texts.get("id"), instrument.id
        if instrument.safety_items:
            assert instrument.safety_message["en"] and instrument.safety_message["id"]
        maxima = [band.max for band in instrument.bands]
        assert maxima == sorted(maxima) and maxima[-1] == instrument.max_total


def test_repository_scores_and_keeps_every_administration() -> None:
    repo = Repository(TinyDB(storage=MemoryStorage), today=lambda: date(2026, 11, 28))
    ma = repo.add(Client(code="MA", first_contact=date(2026, 3, 2)))
    first = repo.record_administration(
        ma.id, "phq9", date(2026, 3, 16), [2, 2, 1, 2, 1, 2, 1, 1, 1]
    )
    assert (first.total, first.band, first.flagged) == (13, "moderate", True)
    assert case_facts(repo, client_id=ma.id)[0].unresolved_flags == 1
    repo.record_follow_up(first.id, date(2026, 3, 16), "Safety plan made with the client")
    assert case_facts(repo, client_id=ma.id)[0].unresolved_flags == 0
    later = repo.record_administration(ma.id, "phq9", date(2026, 10, 1), [1] * 8 + [0])
    assert [a.id for a in repo.administrations_of(ma.id, "phq9")] == [first.id, later.id]
    with pytest.raises(RecordInvalid):
        repo.record_administration(ma.id, "phq9", date(2026, 10, 2), [1, 1])


@pytest.mark.parametrize("instrument", instruments.instruments().values(), ids=lambda i: i.id)
def test_every_instrument_says_where_its_wording_comes_from(
    instrument: instruments.Instrument,
) -> None:
    for language in ("en", "id"):
        assert instrument.source[language].strip(), (instrument.id, language)
    # The English is the published original; the Indonesian names the validated version
    # its wording is to be checked against.
    assert "original" in instrument.source["en"]
    assert "tervalidasi" in instrument.source["id"]
