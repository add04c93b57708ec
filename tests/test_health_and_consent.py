"""The health picture of a person living with HIV, consent and goals' aims.

The model keeps the current regimen and the last viral-load test with their history; the
overview shows the picture in a line and warns when the ARV pick-up is near or past, and
when there is no consent (or it was withdrawn). Goals carry a target date and a measure
of success, shown again at termination beside the outcome.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from test_app_assessment import open_ma, write

from app_support import PASSPHRASE, TODAY, build_app, fictional_ma, open_repo, seed_vault, settle
from models.records import (
    Client,
    ConsentForm,
    Goal,
    HealthPicture,
    Plan,
    Regimen,
    ViralLoad,
    ViralLoadTest,
)
from models.repository import Repository
from models.vault import Vault
from screen_text import screen_text
from screens.client_overview import ClientOverviewScreen
from screens.health import HealthFormScreen

# -- the model ---------------------------------------------------------------------------


def test_a_new_regimen_joins_the_history_the_same_one_is_corrected() -> None:
    picture = HealthPicture(client_id=1).with_regimen("TLE", "2009-08")
    picture = picture.with_regimen("tle", "2009-09", "typed the month wrong")
    assert picture.regimens == [Regimen("tle", "2009-09", "typed the month wrong")]
    picture = picture.with_regimen("TLD", "2021-02", "moved to TLD")
    assert [r.name for r in picture.regimens] == ["tle", "TLD"]
    assert picture.regimen == Regimen("TLD", "2021-02", "moved to TLD")
    assert picture.with_regimen("", "") == picture  # a blank field removes nothing


def test_viral_load_tests_are_kept_in_date_order_and_a_date_is_corrected() -> None:
    later = ViralLoadTest(date(2026, 10, 9), ViralLoad.NOT_RECORDED)
    earlier = ViralLoadTest(date(2025, 10, 1), ViralLoad.SUPPRESSED, "< 50")
    picture = HealthPicture(client_id=1).with_viral_load(later).with_viral_load(earlier)
    assert picture.viral_loads == [earlier, later]
    result = replace(later, result=ViralLoad.NOT_SUPPRESSED, value="1 200 copies/mL")
    picture = picture.with_viral_load(result)  # the awaited result came in
    assert picture.viral_loads == [earlier, result] and picture.viral_load == result


def test_the_pick_up_reminder_starts_a_week_before_and_stays_when_late() -> None:
    picture = HealthPicture(client_id=1, next_pickup=date(2026, 12, 3))
    assert picture.pickup_due(date(2026, 11, 20), 7) is None
    assert picture.pickup_due(date(2026, 11, 28), 7) == 5
    assert picture.pickup_due(date(2026, 12, 10), 7) == -7
    assert HealthPicture(client_id=1).pickup_due(TODAY, 7) is None


def test_health_fields_are_checked_and_all_optional() -> None:
    assert HealthPicture(client_id=1).validate(TODAY) == []
    problems = HealthPicture(
        client_id=1,
        art_start="13/2019",
        missed_doses=31,
        viral_loads=[ViralLoadTest(date(2027, 1, 1))],
    ).validate(TODAY)
    assert {p.field for p in problems} == {"art_start", "missed_doses", "viral_loads.0.on"}


def test_consent_withdrawal_needs_consent_and_comes_after_it() -> None:
    client = replace(fictional_ma(), consent_form=ConsentForm.VERBAL)
    assert client.has_consent
    assert [
        p.key for p in replace(client, consent_withdrawn_on=date(2026, 3, 1)).validate(TODAY)
    ] == ["problem.date_before"]
    withdrawn = replace(client, consent_withdrawn_on=date(2026, 6, 1))
    assert withdrawn.validate(TODAY) == [] and not withdrawn.has_consent
    never = replace(withdrawn, consent_given=False, consent_date=None, consent_scope="")
    assert [p.key for p in never.validate(TODAY)] == ["problem.consent_not_given"]


# -- the screens -------------------------------------------------------------------------


def _seed_health(path: Path, **changes: object) -> None:
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        assert ma is not None
        repo.save_health(
            replace(
                HealthPicture(
                    client_id=ma.id or 0,
                    art_start="2009-08",
                    clinic="Puskesmas Sei Agul",
                    regimens=[Regimen("TLD", "2021-02")],
                    viral_loads=[ViralLoadTest(date(2026, 10, 9), ViralLoad.SUPPRESSED)],
                ),
                **changes,
            )
        )


@pytest.mark.parametrize("language", ["en", "id"])
async def test_health_is_recorded_from_the_overview_and_shown_there(
    tmp_path: Path, language: str
) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ma(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, HealthFormScreen)
        await write(pilot, "art_start", "08/2009")
        await write(pilot, "regimen", "TLD")
        await write(pilot, "regimen_since", "02/2021")
        await write(pilot, "clinic", "Puskesmas Sei Agul")
        await write(pilot, "next_pickup", "1/12/2026")
        await write(pilot, "missed_doses", "2")
        await write(pilot, "vl_on", "9/10/2026")
        app.screen.query_one("#field-vl_result").value = ViralLoad.SUPPRESSED
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientOverviewScreen)
        shown = screen_text(app)
        pickup = "ARV pick-up: " if language == "en" else "Pengambilan ARV: "
        assert pickup in shown and "Puskesmas Sei Agul" in shown and "TLD" in shown
        assert ("08/2009" in shown) and ("VL 9 Oct 2026" in shown or "VL 9 Okt 2026" in shown)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        picture = repo.health_of(repo.client_by_code("MA").id)
        assert picture is not None
        assert (picture.art_start, picture.regimen, picture.missed_doses) == (
            "2009-08",
            Regimen("TLD", "2021-02"),
            2,
        )
        assert picture.viral_loads == [ViralLoadTest(date(2026, 10, 9), ViralLoad.SUPPRESSED)]
        assert picture.next_pickup == date(2026, 12, 1)


async def test_a_second_test_and_a_new_regimen_keep_the_earlier_ones(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    _seed_health(tmp_path / "case.vault", next_pickup=date(2026, 11, 20))
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ma(pilot)
        assert "! ARV pick-up was due Friday, 20 November 2026" in screen_text(app)
        await pilot.press("b")
        await settle(pilot)
        await write(pilot, "regimen", "TLD + rifampicin dose")
        await write(pilot, "regimen_since", "11/2026")
        await write(pilot, "regimen_reason", "TB treatment")
        await write(pilot, "vl_on", "27/11/2026")
        await write(pilot, "next_pickup", "28/12/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The previous result is still in the field: it is not copied onto the new test
        # without asking. No: back to the form, where the result is chosen.
        assert "Same result as the previous test?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, HealthFormScreen)
        app.screen.query_one("#field-vl_result").value = ViralLoad.NOT_RECORDED
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ARV pick-up" not in screen_text(app)  # collected: the next one is far
        await pilot.press("b")
        await settle(pilot)
        history = str(app.screen.query(".form-intro").last().render())
        assert "02/2021  TLD" in history and "9 Oct 2026  Suppressed" in history
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        picture = repo.health_of(repo.client_by_code("MA").id)
        assert [r.name for r in picture.regimens] == ["TLD", "TLD + rifampicin dose"]
        assert [(v.on, v.result) for v in picture.viral_loads] == [
            (date(2026, 10, 9), ViralLoad.SUPPRESSED),
            (date(2026, 11, 27), ViralLoad.NOT_RECORDED),
        ]


@pytest.mark.parametrize("language", ["en", "id"])
async def test_the_overview_warns_without_consent_and_after_a_withdrawal(
    tmp_path: Path, language: str
) -> None:
    no_consent = Client(code="RB", first_contact=date(2026, 11, 2))
    seed_vault(tmp_path / "case.vault", [no_consent])
    app = build_app(tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ma(pilot)
        warning = (
            "No informed consent recorded"
            if language == "en"
            else "Belum ada persetujuan (informed consent) tercatat"
        )
        assert warning in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#field-consent_given").value = True
        await write(pilot, "consent_date", "2/11/2026")
        await write(pilot, "consent_scope", "casework")
        app.screen.query_one("#field-consent_form").value = ConsentForm.WRITTEN
        await write(pilot, "consent_withdrawn_on", "20/11/2026")
        await write(pilot, "consent_withdrawal_note", "moving away, asked to stop")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = screen_text(app)
        assert warning not in shown
        assert (
            "Consent withdrawn on 20 Nov 2026"
            if language == "en"
            else "Persetujuan ditarik pada 20 Nov 2026"
        ) in shown
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        client = repo.client_by_code("RB")
        assert (client.consent_form, client.consent_withdrawn_on, client.has_consent) == (
            ConsentForm.WRITTEN,
            date(2026, 11, 20),
            False,
        )


async def test_a_goals_measure_and_target_are_shown_at_termination(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with Vault.open(tmp_path / "case.vault", PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        repo.add(
            Plan(
                client_id=ma.id or 0,
                agreed_on=date(2026, 4, 20),
                goals=[
                    Goal(
                        title="take ARV every day",
                        target_date=date(2026, 9, 30),
                        measure="adherence of 95% or more",
                    )
                ],
            )
        )
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ma(pilot)
        await pilot.press("l")
        await settle(pilot)
        shown = screen_text(app)
        assert "1. take ARV every day" in shown and "30/09/2026" in shown
        assert "◎ adherence of 95% or more" in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert "measure: adherence of 95% or more · target 30 Sep 2026" in screen_text(app)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("5/1", date(2027, 1, 5)),  # in December, January coming
        ("5 Jan", date(2027, 1, 5)),
        ("1/12", date(2026, 12, 1)),  # yesterday: the pick-up just missed, not next year's
        ("3/12", date(2026, 12, 3)),
        ("5/1/2026", date(2026, 1, 5)),  # a year typed is a year meant
        ("kemarin", date(2026, 12, 1)),
    ],
)
def test_a_date_still_to_come_without_a_year_is_the_coming_one(typed: str, meant: date) -> None:
    from models.dates import parse_date

    assert parse_date(typed, date(2026, 12, 2), ahead=True) == meant
    if typed == "5/1":
        assert parse_date(typed, date(2026, 12, 2)) == date(2026, 1, 5)  # a past date


def test_a_withdrawn_consent_is_missing_again_in_the_checklist() -> None:
    from models.casefile import CaseFacts, checklist

    client = replace(fictional_ma(), consent_withdrawn_on=date(2026, 6, 1))
    items = {
        item.key: item.done for items in checklist(CaseFacts(client)).values() for item in items
    }
    assert items["consent"] is False


def test_29_february_still_to_come_is_not_refused() -> None:
    from models.dates import parse_date

    assert parse_date("29/2", date(2024, 12, 1), ahead=True) == date(2024, 2, 29)


async def test_a_mistyped_test_and_regimen_are_corrected_not_added(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    _seed_health(tmp_path / "case.vault")  # TLD since 02/2021; a test on 9 Oct 2026
    app = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ma(pilot)
        await pilot.press("b")
        await settle(pilot)
        # A new regimen with the old one's start still in the field: asked for its own.
        await write(pilot, "regimen", "TLE")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HealthFormScreen)
        assert "A new regimen: when did it start?" in screen_text(app)
        # It was a typing mistake after all: corrected, and the test's date with it.
        app.screen.query_one("#field-correct").value = True
        await write(pilot, "regimen", "TLD")
        await write(pilot, "vl_on", "8/10/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientOverviewScreen)
        # And a result typed without its test's date is not dropped silently.
        await pilot.press("b")
        await settle(pilot)
        await write(pilot, "vl_on", "")
        app.screen.query_one("#field-vl_result").value = ViralLoad.NOT_SUPPRESSED
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Give the date of the test this result belongs to." in screen_text(app)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        picture = repo.health_of(repo.client_by_code("MA").id)
        assert picture.regimens == [Regimen("TLD", "2021-02")]
        assert picture.viral_loads == [ViralLoadTest(date(2026, 10, 8), ViralLoad.SUPPRESSED)]


def test_remembering_a_folder_keeps_what_another_pendamping_wrote(tmp_path: Path) -> None:
    from tui.settings import load_settings, record_backup

    app = build_app(tmp_path)
    record_backup(tmp_path / "case.vault", TODAY, tmp_path / "settings.json")  # elsewhere
    app.remember(export_folder=str(tmp_path))
    settings = load_settings(tmp_path / "settings.json")
    assert settings.export_folder == str(tmp_path) and settings.last_backups
