"""The intervention phase typed through at 80x24, in both languages: the plan, a note
that saves itself, signing and an addendum, search, and a reflection."""

from __future__ import annotations

from datetime import date, timedelta
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
    seed_ma_assessment,
    seed_vault,
    settle,
    type_text,
    until,
)
from models.casefile import case_facts
from models.records import NoteKind, Responsible, Status
from screen_text import screen_text
from screens import notes as notes_module
from screens.caseload import CaseloadScreen
from screens.note_search import NoteSearchScreen
from screens.notes import NoteEditorScreen, NotesScreen
from screens.plan import ActionForm, GoalForm, PlanScreen
from screens.reflections import ReflectionsScreen

LANGUAGES = ["en", "id"]


@pytest.fixture
def ma_vault(tmp_path: Path) -> Path:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    seed_ma_assessment(tmp_path / "case.vault")
    return tmp_path


@pytest.fixture(autouse=True)
def quick_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real delay is a second and a half; the behaviour is the same, only quicker.
    monkeypatch.setattr(notes_module, "AUTOSAVE_DELAY", 0.05)


async def set_field(pilot: Pilot[object], field_id: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#field-{field_id}")
    widget.focus()
    widget.value = ""
    await type_text(pilot, text)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_plan_with_two_goals_and_a_due_action_on_the_caseload(
    ma_vault: Path, language: str
) -> None:
    app = build_app(ma_vault, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        shown = screen_text(app)
        assert "recreation · social support" in shown  # the needs stay in view
        for title, need in (
            ("Join the journaling group", "social support"),
            ("Try a new hobby", "recreation"),
        ):
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, GoalForm)
            await type_text(pilot, title)
            app.screen.query_one(f"#field-goals-{len(app.screen.plan.goals)}-need").value = need
            await pilot.press("ctrl+s")
            await settle(pilot)
        app.screen.query_one(DataTable).move_cursor(row=0)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_text(pilot, "Attend the first session")
        await set_field(pilot, "goals-0-actions-0-due", "30/11/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("escape")
        await pilot.pause()
        shown = screen_text(app)
        assert "Attend the first session" in shown  # due this week, on the overview
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        assert ("1 due" if language == "en" else "1 tenggat dekat") in screen_text(app)
    vault, repo = open_repo(ma_vault / "case.vault")
    with vault:
        plan = repo.plan_of(repo.client_by_code("MA").id)
        assert [g.title for g in plan.goals] == ["Join the journaling group", "Try a new hobby"]
        assert [g.need for g in plan.goals] == ["social support", "recreation"]
        (action,) = plan.goals[0].actions
        assert action.due == date(2026, 11, 30) and action.status is Status.PLANNED
        assert action.responsible is Responsible.CLIENT
        assert plan.agreed_on == TODAY


async def test_marking_an_action_done_and_an_overdue_one(ma_vault: Path) -> None:
    app = build_app(ma_vault)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("l", "g")
        await pilot.pause()
        await type_text(pilot, "Rest on Sundays")
        await pilot.press("ctrl+s")
        await settle(pilot)
        for what, due in (("Keep Sunday free", "21/11/2026"), ("Visit the beach", "1/12/2026")):
            app.screen.query_one(DataTable).move_cursor(row=0)
            await pilot.press("a")
            await pilot.pause()
            await type_text(pilot, what)
            await set_field(
                pilot, f"goals-0-actions-{len(app.screen.plan.goals[0].actions)}-due", due
            )
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert "! 21/11/2026" in screen_text(app)  # overdue is marked, not just coloured
        app.screen.query_one(DataTable).move_cursor(row=2)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("tab")  # to the day it was done: yesterday, typed afterwards
        await type_text(pilot, (TODAY - timedelta(days=1)).strftime("%d/%m/%Y"))
        await pilot.press("enter")
        await settle(pilot)
        plan = app.repository.plan_of(app.repository.client_by_code("MA").id)
        assert plan.goals[0].actions[1].status is Status.DONE
        assert plan.goals[0].actions[1].done_on == TODAY - timedelta(days=1)
        facts = case_facts(app.repository, client_id=plan.client_id)[0]
        assert (facts.overdue_actions, facts.due_actions) == (1, 0)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_note_saves_itself_then_is_signed_and_amended(ma_vault: Path, language: str) -> None:
    app = build_app(ma_vault, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        editor.query_one("#note-kind").value = NoteKind.HOME_VISIT
        editor.query_one("#note-minutes", Input).value = "45"
        editor.query_one(TextArea).focus()
        await type_text(pilot, "MA was hesitant at first, then opened up.")
        client_id = app.repository.client_by_code("MA").id
        await until(
            pilot, lambda: any("opened up" in n.body for n in app.repository.notes_of(client_id))
        )
        await type_text(pilot, " She felt relieved.")
        await until(pilot, lambda: "relieved" in app.repository.notes_of(client_id)[0].body)
        assert len(app.repository.notes_of(client_id)) == 1  # updated, never a second note
        await pilot.press("f5")
        await pilot.pause()
        # No name yet: a signature must say who signed, so the name is asked first.
        assert ("Your name" if language == "en" else "Nama Anda") in screen_text(app)
        await type_text(pilot, "Dewi (fictional)")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await until(pilot, lambda: app.repository.notes_of(client_id)[0].is_signed)
        assert editor.query_one(TextArea).read_only
        await type_text(pilot, "x")  # typing into a signed note changes nothing
        await pilot.press("f4")
        await pilot.pause()
        await type_text(pilot, "date was wrong")
        await pilot.press("enter")
        await type_text(pilot, "The visit was on Friday.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.repository.notes_of(client_id)[0].addenda)
        shown = screen_text(app)
        assert "The visit was on Friday." in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
    vault, repo = open_repo(ma_vault / "case.vault")
    with vault:
        (note,) = repo.notes_of(repo.client_by_code("MA").id)
        assert note.body == "MA was hesitant at first, then opened up. She felt relieved."
        assert note.kind is NoteKind.HOME_VISIT and note.duration_minutes == 45
        assert note.is_signed and note.date == TODAY
        assert note.signed_by == "Dewi (fictional)"
        (addendum,) = note.addenda
        assert (addendum.reason, addendum.text) == ("date was wrong", "The visit was on Friday.")


async def test_leaving_a_note_saves_it_and_templates_prefill_headings(ma_vault: Path) -> None:
    app = build_app(ma_vault, "id")
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("n", "n")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#note-template").value = editor.query_one(
            "#note-template"
        ).value.__class__("soap")
        await pilot.pause()
        assert editor.query_one(TextArea).text.startswith("## Subjektif")
        editor.query_one(TextArea).focus()
        await pilot.press("ctrl+t")
        await pilot.press("escape")  # leaving saves, then closes
        await until(pilot, lambda: isinstance(app.screen, NotesScreen))
        (note,) = app.repository.notes_of(app.repository.client_by_code("MA").id)
        assert "## Objektif" in note.body and note.template.value == "soap"


async def test_search_answers_while_typing(ma_vault: Path) -> None:
    from app_support import PASSPHRASE
    from models.records import SessionNote
    from models.repository import Repository
    from models.vault import Vault

    with Vault.open(ma_vault / "case.vault", PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        for day, body in (
            (date(2026, 4, 12), "Group journaling: wrote about the diagnosis"),
            (date(2026, 5, 3), "Phone call: planning a trip to the lake"),
            (
                date(2026, 6, 7),
                "## Data\n\nJournaling again, more confident "
                "today.\nRead her page aloud to the group for "
                "the first time, then asked to keep it.",
            ),
        ):
            repo.add(SessionNote(client_id=ma.id, date=day, body=body))
    app = build_app(ma_vault)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("n", "slash")
        await pilot.pause()
        assert isinstance(app.screen, NoteSearchScreen)
        await type_text(pilot, "journaling")
        await until(pilot, lambda: len(app.screen.results) == 2)
        await type_text(pilot, " confident")
        await until(pilot, lambda: len(app.screen.results) == 1)
        # The list shows what the note says, not its template heading; under the list,
        # the words around the match say why it was found.
        shown = screen_text(app)
        assert "Journaling again" in shown and "Data" not in shown.split("Begins")[1]
        await until(pilot, lambda: "more confident today. Read her page" in screen_text(app))
        app.screen.query_one("#search-words", Input).value = ""
        app.screen.query_one("#search-from", Input).value = "1/5/2026"
        app.screen.query_one("#search-to", Input).value = "31 Mei 2026"
        await until(pilot, lambda: [n.date for n in app.screen.results] == [date(2026, 5, 3)])
        app.screen.query_one("#search-client", Input).value = "ZZ"
        await until(pilot, lambda: not app.screen.results)
        assert "ZZ" in screen_text(app)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_reflection_is_kept_apart_and_listed_on_the_overview(
    ma_vault: Path, language: str
) -> None:
    app = build_app(ma_vault, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionsScreen)
        await pilot.press("n")
        await pilot.pause()
        await set_field(pilot, "title", "Patience")
        app.screen.query_one("#field-body", TextArea).focus()
        await type_text(pilot, "I rushed the first meeting; she needed more time.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
        assert "Patience" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert ("Reflections:" if language == "en" else "Refleksi:") in screen_text(app)
    vault, repo = open_repo(ma_vault / "case.vault")
    with vault:
        (reflection,) = repo.reflections_of(repo.client_by_code("MA").id)
        assert reflection.title == "Patience" and reflection.date == TODAY
        assert not repo.notes_of(reflection.client_id)  # not part of the clinical record


async def test_previewing_a_note_under_the_mask_saves_nothing(ma_vault: Path) -> None:
    from app_support import seed_ma_intervention

    seed_ma_intervention(ma_vault / "case.vault")
    app = build_app(ma_vault)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")  # the unsigned phone call
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        client_id = app.repository.client_by_code("MA").id
        before = [(n.id, n.updated) for n in app.repository.notes_of(client_id)]
        await pilot.press("f2", "ctrl+r")
        await settle(pilot)
        await pilot.press("ctrl+r", "f2")
        await pilot.pause(0.2)  # longer than the autosave delay here
        await settle(pilot)
        assert [(n.id, n.updated) for n in app.repository.notes_of(client_id)] == before
        assert not app.screen.is_dirty


async def test_a_format_chosen_for_a_written_note_is_kept(ma_vault: Path) -> None:
    from models.records import NoteTemplate

    app = build_app(ma_vault)
    async with app.run_test(size=SIZE) as pilot:
        await open_ma(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        editor = app.screen
        editor.query_one(TextArea).focus()
        await type_text(pilot, "Talked about the clinic.")
        client_id = app.repository.client_by_code("MA").id
        await until(pilot, lambda: app.repository.notes_of(client_id))
        editor.query_one("#note-template").value = NoteTemplate.DAP
        await until(
            pilot, lambda: app.repository.notes_of(client_id)[0].template is NoteTemplate.DAP
        )
