"""The assessment phase typed through at 80x24, in both languages: MA's BPSS assessment,
a baseline PHQ-9 and GAD-7 by number keys, her history map and ecomap."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from app_support import (
    SIZE,
    TODAY,
    build_app,
    fictional_ma,
    open_ma,
    open_repo,
    paste_text,
    seed_vault,
    settle,
    type_text,
)
from models.records import Assessment, Flow, LifeEvent, Relation, Strength, Treatment
from screen_text import screen_text
from screens.assessment import AssessmentFormScreen, AssessmentListScreen
from screens.history import EcomapScreen, LifeEventsScreen
from screens.questionnaire import QuestionnaireScreen, ScoresScreen

LANGUAGES = ["en", "id"]


async def write(pilot: Pilot[object], field_id: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#field-{field_id}")
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.text = ""
    else:
        widget.value = ""
    # The first few keys are typed; the rest is pasted, as long texts often are.
    await type_text(pilot, text[:3])
    if text[3:]:
        await paste_text(pilot, text[3:])


@pytest.mark.parametrize("language", LANGUAGES)
async def test_ma_assessment_in_full(tmp_path: Path, language: str) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentListScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentFormScreen)
        await write(pilot, "bio-text", "Tested positive years ago; confident living with HIV.")
        app.screen.query_one("#field-bio-treatment").value = Treatment.ON_ART
        await write(pilot, "bio-diagnosed_year", "2009")
        await write(pilot, "psycho-text", "Bored and tired; no one to share feelings with.")
        await write(pilot, "social-text", "No close friends in Medan since Yogyakarta.")
        await write(pilot, "social-work", "Private tutor, works constantly")
        await write(pilot, "spiritual-meaning", "Saving for old age")
        await write(pilot, "problem_statement", "Lacks recreation and social support.")
        # Multi-line text: Enter makes a new line in the editor.
        await write(pilot, "needs", "recreation")
        await pilot.press("enter")
        await type_text(pilot, "social support")
        await write(pilot, "strengths", "wants to try new things")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentListScreen)
        assert "Lacks recreation" in screen_text(app)

        # A second assessment on the same date is refused, and keeps what was typed.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentFormScreen)
        assert app.screen.query_one("#field-date", Input).value == "28/11/2026"
        await write(pilot, "date", "1/12/2026")  # and not in the future either
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentFormScreen)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        ma = repo.client_by_code("MA")
        (assessment,) = repo.assessments_of(ma.id)
        assert isinstance(assessment, Assessment)
        assert assessment.date == TODAY
        assert assessment.bio.treatment is Treatment.ON_ART
        assert assessment.bio.diagnosed_year == 2009
        assert assessment.needs_list() == ["recreation", "social support"]
        assert assessment.social.work == "Private tutor, works constantly"


@pytest.mark.parametrize("language", LANGUAGES)
async def test_phq9_by_number_keys_flags_item_nine_until_follow_up(
    tmp_path: Path, language: str
) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScoresScreen)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press(*"21212110")  # eight items
        await pilot.press("ctrl+s")  # one item is missing: not saved
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        assert not app.screen.has_class("-flagged")
        await pilot.press("1")  # item 9
        await pilot.pause()
        assert app.screen.has_class("-flagged")
        assert ("safety procedure" if language == "en" else "prosedur keselamatan") in screen_text(
            app
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert "⚑" in screen_text(app)  # the overview keeps the flag
        await pilot.press("s", "f")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#followup-date")  # its first field
        await pilot.press("tab")  # the date is today's already
        await type_text(pilot, "Safety plan with the client")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert ("Safety:" if language == "en" else "Keselamatan:") not in screen_text(app)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        (adm,) = repo.administrations_of(repo.client_by_code("MA").id)
        assert adm.answers == [2, 1, 2, 1, 2, 1, 1, 0, 1]
        assert (adm.total, adm.band, adm.flagged) == (11, "moderate", True)
        assert adm.follow_up_on == TODAY and adm.follow_up_note == "Safety plan with the client"


async def test_gad7_one_item_at_a_time(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, "id")
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("s", "2")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        shown = screen_text(app)
        assert "Butir 1 dari 7" in shown and "Merasa gugup" in shown
        assert "Tidak mampu menghentikan" not in shown  # only the current item
        await pilot.press(*"1211010")
        await pilot.press("up", "3")  # change the last answer
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
        assert "ringan" in screen_text(app)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        (adm,) = repo.administrations_of(repo.client_by_code("MA").id, "gad7")
        assert adm.answers == [1, 2, 1, 1, 0, 3, 0] and adm.total == 8 and not adm.flagged


@pytest.mark.parametrize("language", LANGUAGES)
async def test_life_events_added_reordered_and_deleted(tmp_path: Path, language: str) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, LifeEventsScreen)
        for when, what, weight in (
            ("2009", "Tested positive", -2),
            ("05/2004", "Moved to Yogyakarta", 1),
            ("2009", "Started treatment", 1),
            ("2026", "Typo event", 0),
        ):
            await pilot.press("a")
            await pilot.pause()
            await write(pilot, "when", when)
            await write(pilot, "what", what)
            app.screen.query_one("#field-weight").value = weight
            await pilot.press("ctrl+s")
            await settle(pilot)
        shown = screen_text(app)
        assert "◀━━━━┫" in shown and "Tested positive" in shown
        # Within 2009 the diagnosis was entered first; move it after the treatment.
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=1)  # Tested positive
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert table.cursor_row == 2  # the cursor follows the moved event
        table.move_cursor(row=3)  # Typo event
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        events = repo.life_events_of(repo.client_by_code("MA").id)
        assert [e.what for e in events] == [
            "Moved to Yogyakarta",
            "Started treatment",
            "Tested positive",
        ]
        assert events[0].when == "2004-05"
        assert all(isinstance(e, LifeEvent) for e in events)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_ecomap_relations(tmp_path: Path, language: str) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, EcomapScreen)
        for name, strength, stressful, flow in (
            ("Mother", Strength.STRONG, False, Flow.UNKNOWN),
            ("Peer supporter", Strength.STRONG, False, Flow.TO_CLIENT),
            ("Tutoring pupils", Strength.MODERATE, True, Flow.FROM_CLIENT),
        ):
            await pilot.press("a")
            await pilot.pause()
            await write(pilot, "name", name)
            app.screen.query_one("#field-strength").value = strength
            app.screen.query_one("#field-flow").value = flow
            if stressful:
                app.screen.query_one("#field-stressful").focus()
                await pilot.press("space")
            await pilot.press("ctrl+s")
            await settle(pilot)
        shown = screen_text(app)
        assert "◀┼─┼" in shown and "Mother ━━━" in shown and "│  MA  │" in shown
        assert "┌◀━━━" in shown  # the peer supporter, on the right, gives to the client
        await pilot.press("enter")  # edit the selected (last) relation
        await pilot.pause()
        await write(pilot, "notes", "pressure from parents of pupils")
        await pilot.press("ctrl+s")
        await settle(pilot)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        relations = repo.relations_of(repo.client_by_code("MA").id)
        assert [r.name for r in relations] == ["Mother", "Peer supporter", "Tutoring pupils"]
        assert relations[2].notes == "pressure from parents of pupils"
        assert (relations[2].strength, relations[2].stressful, relations[2].flow) == (
            Strength.MODERATE,
            True,
            Flow.FROM_CLIENT,
        )
        assert all(isinstance(r, Relation) for r in relations)


async def test_quitting_with_an_unsaved_assessment_asks(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("a", "n")
        await pilot.pause()
        await write(pilot, "bio-text", "half a thought")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Quit without saving?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentFormScreen)
        assert app.screen.query_one("#field-bio-text", TextArea).text == "half a thought"
