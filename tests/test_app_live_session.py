"""The keyboard loop during a live session, with Textual's Pilot at 80x24: where the
focus is when a screen opens, what Enter does in a dialog, where a typed observation
is stored, what the palette finds, and that nothing on screen hides the field being
typed in or the keys at the bottom.

(The same loop through a real terminal, typed in bursts, is tests/test_e2e_bursts.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets._toast import Toast

from app_support import (
    SIZE,
    build_app,
    open_repo,
    seed_ma_assessment,
    seed_ma_intervention,
    seed_vault,
    settle,
    type_text,
    unlock,
)
from group_support import group_clients, keys_by_code, seed_journaling_group
from models.records import Group, GroupSession, Phase, SessionNote
from screen_text import screen_text
from screens.assessment import AssessmentFormScreen
from screens.client_form import ClientFormScreen
from screens.contract import ContractScreen
from screens.form import FormScreen
from screens.group_members import MemberFormScreen
from screens.group_observations import ObservationsScreen
from screens.group_session import GroupSessionFormScreen
from screens.groups import GroupFormScreen
from screens.history import LifeEventFormScreen, RelationFormScreen
from screens.notes import AUTOSAVE_MAX_WAIT, NoteEditorScreen
from screens.plan import ActionForm, GoalForm, PlanDateForm, PlanScreen
from screens.questionnaire import FollowUpDialog
from screens.reflections import ReflectionFormScreen
from screens.termination import TerminationScreen
from tui.app import PendampingApp
from tui.widgets.dialogs import ConfirmDialog, ReasonDialog, TypeToConfirmDialog
from tui.widgets.footer import ChoosesKeys, KeyFooter
from tui.widgets.form import Field
from tui.widgets.notice import NoticeBar

LANGUAGES = ["en", "id"]


@pytest.fixture
def ma_case(tmp_path: Path) -> Path:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_ma_assessment(tmp_path / "case.vault")
    seed_ma_intervention(tmp_path / "case.vault")
    seed_journaling_group(tmp_path / "case.vault")
    return tmp_path


def ma(app: PendampingApp) -> Any:
    return app.repository.client_by_code("MA")


def group_and_last_session(app: PendampingApp) -> tuple[Group, GroupSession]:
    (group,) = app.repository.records(Group)
    sessions = sorted(app.repository.records(GroupSession), key=lambda s: s.date)
    return group, sessions[-1]


# Every form a worker opens, built as its key would build it.
FORMS: dict[str, Callable[[PendampingApp], Screen[Any]]] = {
    "intake": lambda app: ClientFormScreen(),
    "intake (edit)": lambda app: ClientFormScreen(ma(app)),
    "contract": lambda app: ContractScreen(ma(app)),
    "assessment": lambda app: AssessmentFormScreen(ma(app)),
    "life event": lambda app: LifeEventFormScreen(ma(app)),
    "relation": lambda app: RelationFormScreen(ma(app)),
    "plan date": lambda app: PlanDateForm(ma(app), app.repository.plan_of(ma(app).id)),
    "goal": lambda app: GoalForm(ma(app), app.repository.plan_of(ma(app).id), 9, []),
    "action": lambda app: ActionForm(ma(app), app.repository.plan_of(ma(app).id), 0, 9),
    "reflection": lambda app: ReflectionFormScreen(ma(app)),
    "termination": lambda app: TerminationScreen(ma(app)),
    "group": lambda app: GroupFormScreen(),
    "member": lambda app: MemberFormScreen(group_and_last_session(app)[0], client=True),
    "group session": lambda app: GroupSessionFormScreen(group_and_last_session(app)[0]),
}

DIALOGS: dict[str, tuple[Callable[[], Screen[Any]], str]] = {
    "confirm": (lambda: ConfirmDialog("Move on?", "Really?"), "#cancel"),
    "type to confirm": (lambda: TypeToConfirmDialog("Delete?", "Type MA.", "MA"), "#typed"),
    "reason": (lambda: ReasonDialog("Reopen", "Why?"), "#reason"),
    "safety follow-up": (
        lambda: FollowUpDialog(__import__("datetime").date(2026, 11, 28)),
        "#followup-date",
    ),
}


@pytest.mark.parametrize("form", list(FORMS))
async def test_every_form_opens_on_its_first_field(ma_case: Path, form: str) -> None:
    app = build_app(ma_case, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await app.push_screen(FORMS[form](app))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FormScreen)
        first = screen.query(Field).first().control
        assert app.focused is first, f"{form}: focus is on {app.focused!r}"
        # A visible cursor: the field shows its focus, and Tab goes to the next field
        # (no invisible stop in between).
        assert first.has_focus
        await pilot.press("tab")
        fields = [f.control for f in screen.query(Field) if f.control.focusable]
        expected = fields[1] if len(fields) > 1 else fields[0]
        assert app.focused is expected, f"{form}: Tab went to {app.focused!r}"


@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_every_dialog_opens_on_its_first_field(ma_case: Path, dialog: str) -> None:
    app = build_app(ma_case, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        make, first = DIALOGS[dialog]
        await app.push_screen(make())
        await settle(pilot)
        assert app.focused is app.screen.query_one(first)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_enter_in_a_confirm_dialog_picks_what_loses_nothing(
    ma_case: Path, language: str
) -> None:
    app = build_app(ma_case, language)
    answers: list[bool | None] = []
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        for key, expected in (("enter", False), ("n", False), ("escape", False), ("y", True)):
            await app.push_screen(ConfirmDialog("?", "?", danger=True), answers.append)
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            assert answers[-1] is expected, key
        # "Leave without saving?": Enter stays, and what was typed is still there.
        await pilot.press("enter")  # MA's overview
        await settle(pilot)
        await pilot.press("l", "g")
        await settle(pilot)
        await type_text(pilot, "Kantor LSM")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        assert app.screen.query(Field).first().control.value == "Kantor LSM"


async def test_tab_keeps_a_filled_field_and_ctrl_u_empties_it(ma_case: Path) -> None:
    app = build_app(ma_case, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await app.push_screen(ClientFormScreen(ma(app)))
        await settle(pilot)
        occupation = app.screen.query_one("#field-occupation", Input)
        occupation.focus()
        await pilot.pause()
        await pilot.press("shift+tab", "tab")  # leave and come back by keyboard
        assert app.focused is occupation
        await type_text(pilot, " di Medan")
        assert occupation.value == "private tutor di Medan"  # kept, typed on at the end
        await pilot.press("ctrl+u")
        assert occupation.value == ""
        await type_text(pilot, "guru les")
        assert occupation.value == "guru les"


@pytest.mark.parametrize("language", LANGUAGES)
async def test_an_observation_is_stored_under_the_participant_shown(
    ma_case: Path, language: str
) -> None:
    app = build_app(ma_case, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        group, session = group_and_last_session(app)
        await app.push_screen(ObservationsScreen(group, session))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ObservationsScreen)
        people = [p.label for p in screen.engagement.people]
        after_ma = people[people.index("MA") + 1]
        who = screen.query_one("#obs-who")
        for _ in range(people.index("MA")):
            await pilot.press("down")
        # The order the hint invites: a number, then Tab and words.
        await pilot.press("2")
        await pilot.pause()
        assert screen.engagement.current.label == "MA"  # still MA
        assert "MA" in str(who.render())
        await pilot.press("tab")
        await type_text(pilot, "cemas lalu lega")
        assert "MA" in str(who.render())
        screen.engagement.focus()
        await pilot.press("down")  # moving on is its own key
        await pilot.pause()
        assert after_ma in str(who.render())
        await pilot.press("4", "tab")
        await type_text(pilot, "memeluk MA")
        await pilot.press("ctrl+s")
        await settle(pilot)
    vault, repo = open_repo(ma_case / "case.vault")
    with vault:
        key = keys_by_code(repo)
        stored = {o.member: o for o in repo.get(GroupSession, session.id).observations}
        assert (stored[key["MA"]].engagement, stored[key["MA"]].emotions) == (2, "cemas lalu lega")
        assert (stored[key[after_ma]].engagement, stored[key[after_ma]].emotions) == (
            4,
            "memeluk MA",
        )


@pytest.mark.parametrize(
    ("language", "query", "screen_type"),
    [("en", "plan", PlanScreen), ("id", "rencana", PlanScreen)],
)
async def test_the_palette_finds_actions_in_the_workers_language(
    ma_case: Path, language: str, query: str, screen_type: type
) -> None:
    app = build_app(ma_case, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # MA's overview
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        shown = screen_text(app)
        assert ("Find an action" if language == "en" else "Cari aksi") in shown
        await type_text(pilot, query)
        await pilot.pause(0.3)
        await settle(pilot)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(query in p.lower() for p in prompts), prompts
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, screen_type)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_palette_says_when_nothing_matches(ma_case: Path, language: str) -> None:
    app = build_app(ma_case, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "zzqqxx")
        await pilot.pause(0.8)
        assert ("Nothing matches" if language == "en" else "Tidak ada yang cocok") in screen_text(
            app
        )


def visible(widget: Widget) -> Region:
    """The part of `widget` on screen: scrolling containers clip what they hold."""
    shown = widget.region
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget) and not isinstance(ancestor, Screen):
            shown = shown.intersection(ancestor.region)
    return shown


@pytest.mark.parametrize("language", LANGUAGES)
async def test_notices_cover_neither_the_field_nor_the_keys(ma_case: Path, language: str) -> None:
    app = build_app(ma_case, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)  # the caseload reminds about backups
        await pilot.press("enter", "s", "1")  # MA's PHQ-9
        await settle(pilot)
        await pilot.press(*"000000001")  # item 9 answered: the safety warning
        await settle(pilot)
        screen = app.screen
        assert not screen.query(Toast), "a toast floats over the screen"
        bar = screen.query_one(NoticeBar)
        assert bar.display and bar.region.height > 0
        footer = screen.query_one(KeyFooter)
        focused = app.focused
        assert focused is not None
        assert not bar.region.overlaps(footer.region)
        assert not bar.region.overlaps(visible(focused))
        shown = visible(focused)
        cursor_row = focused.region.y + focused.cursor  # the item just answered
        assert shown.y <= cursor_row < shown.bottom, "the current item is out of view"
        assert footer.region.y == SIZE[1] - 1


async def test_a_notice_follows_the_worker_to_the_next_screen(ma_case: Path) -> None:
    app = build_app(ma_case, "en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        app.clear_notifications()
        await pilot.press("n")  # intake: saving it opens the new client's overview
        await settle(pilot)
        await type_text(pilot, "AB")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ClientFormScreen)
        assert "Client AB saved" in screen_text(app)


# -- every screen ends with the keys, cut nowhere, in both languages -----------------------

SCREENS: dict[str, tuple[str, ...]] = {
    # name: keys from the caseload (its first client is DW; the journaling group's
    # sessions are the group's own)
    "caseload": (),
    "overview": ("enter",),
    "plan": ("enter", "l"),
    "goal form": ("enter", "l", "g"),
    "notes": ("enter", "n"),
    "note": ("enter", "n", "n"),
    "assessments": ("enter", "a"),
    "assessment form": ("enter", "a", "n"),
    "scores": ("enter", "s"),
    "PHQ-9": ("enter", "s", "1"),
    "life events": ("enter", "h"),
    "ecomap": ("enter", "m"),
    "health": ("enter", "b"),
    "reflections": ("enter", "r"),
    "client journal": ("enter", "w"),
    "journal entry form": ("enter", "w", "n"),
    "termination": ("enter", "t"),
    "contract": ("enter", "k"),
    "intake": ("n",),
    "groups": ("g",),
    "group": ("g", "enter"),
    "session": ("g", "enter", "enter"),
    "attendance": ("g", "enter", "enter", "a"),
    "observations": ("g", "enter", "enter", "o"),
    "journal entries": ("g", "enter", "enter", "j"),
    "backups": ("b",),
    "settings": ("comma",),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_screen_shows_its_keys_whole(ma_case: Path, name: str, language: str) -> None:
    app = build_app(ma_case, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        for key in SCREENS[name]:
            await pilot.press(key)
            await settle(pilot)
        assert_keys_whole(app, name)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("phase", list(Phase))
async def test_the_overview_shows_its_keys_whole_in_every_phase(
    ma_case: Path, phase: Phase, language: str
) -> None:
    """Each phase's footer offers that phase's keys: none may be cut at 80 columns."""
    app = build_app(ma_case, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        rs = app.repository.client_by_code("RS")
        day = date(2026, 9, 1)
        for step in list(Phase)[1 : list(Phase).index(phase) + 1]:
            app.repository.move_phase(rs.id, step, on=day)
            day += timedelta(days=1)
        app.open_client(rs.id)
        await settle(pilot)
        assert_keys_whole(app, f"overview in {phase.value}")


def assert_keys_whole(app: PendampingApp, name: str) -> None:
    """The screen's own keys all in its one-line footer, none cut, help among them."""
    screen = app.screen
    footers = screen.query(KeyFooter)
    assert len(footers) == 1, f"{name}: no footer"
    footer = footers.first()
    assert (footer.region.y, footer.region.height) == (SIZE[1] - 1, 1)
    shown = footer.shown
    assert sum(k.width for k in shown) + len(shown) - 1 <= SIZE[0], name
    assert any(k.binding_id == "app.help" for k in shown), f"{name}: no help key"
    # What the screen itself offers comes before the app's own keys.
    own = [
        active.binding.description
        for active in screen.active_bindings.values()
        if active.node is screen
        and active.binding.show
        and (not isinstance(screen, ChoosesKeys) or screen.shows_key(active.binding))
    ]
    missing = [d for d in dict.fromkeys(own) if d not in {k.description for k in shown}]
    assert not missing, f"{name}: footer left out {missing}"
    text = screen_text(app).splitlines()[SIZE[1] - 1]
    for key in shown:
        assert f"{key.display} {key.description}" in text, f"{name}: {key} cut"


async def test_reading_a_note_does_not_rewrite_it(ma_case: Path) -> None:
    app = build_app(ma_case, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        before = {n.id: n.updated for n in app.repository.records(SessionNote)}
        revision = app.repository.revision
        app.open_client(ma(app).id)
        await settle(pilot)
        await pilot.press("n", "enter")  # the newest note: not signed
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert not app.screen.is_dirty
        await pilot.pause(AUTOSAVE_MAX_WAIT + 0.5)
        await settle(pilot)
        assert app.repository.revision == revision
        assert {n.id: n.updated for n in app.repository.records(SessionNote)} == before
        await type_text(pilot, " x")  # a real change is saved as before
        assert app.screen.is_dirty


async def test_the_palette_speaks_only_the_workers_language(ma_case: Path) -> None:
    from textual.widgets import DataTable

    app = build_app(ma_case, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # an overview: a table has the focus
        await settle(pilot)
        titles = {str(c.title) for c in app.get_system_commands(app.screen)}
        textual_words = {
            b.description
            for b in DataTable.BINDINGS + Screen.BINDINGS
            if hasattr(b, "description") and b.description
        }
        assert titles and not titles & textual_words, titles & textual_words
        assert "Rencana" in titles and "Kunci" in titles
