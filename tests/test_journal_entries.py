"""Journal entries: what participants wrote in a group session, in their words.

From a group session, `j` opens one entry per participant present or late; the fields
follow the person under the cursor. What is saved is what was typed for each person,
and only the entries a client agreed to include reach their journal collection.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_groups import open_group
from textual.widgets import Checkbox, DataTable, TextArea

from app_support import (
    PASSPHRASE,
    SIZE,
    TODAY,
    build_app,
    mark_backed_up,
    seed_vault,
    settle,
    unlock,
)
from group_support import group_clients, keys_by_code, seed_journaling_group
from models.records import JournalEntry
from models.repository import Repository
from models.vault import Vault
from screen_text import screen_text
from screens.client_journal import ClientJournalScreen, JournalEntryFormScreen
from screens.group_journal import JournalEntriesScreen, WriterList


@pytest.fixture
def group_vault(tmp_path: Path) -> Path:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    mark_backed_up(tmp_path)
    return tmp_path


def stored(folder: Path) -> tuple[dict[str, str], list[JournalEntry]]:
    with Vault.open(folder / "case.vault", PASSPHRASE, read_only=True) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        return keys_by_code(repo), repo.records(JournalEntry)


@pytest.mark.parametrize("language", ["en", "id"])
async def test_entries_are_typed_per_participant_and_stored_under_them(
    group_vault: Path, language: str
) -> None:
    app = build_app(group_vault, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        table.focus()
        table.move_cursor(row=1)  # "The lowest point of my life": MA, P-01, P-02, RS took part
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, JournalEntriesScreen)
        writers = screen.query_one(WriterList)
        assert [p.label for p in writers.people] == ["MA", "P-01", "P-02", "RS"]
        assert writers.has_focus
        # MA: her words and her consent; the prompt is the session's topic already.
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"The bus ride home", "tab", "tab")
        await pilot.press("space")  # the consent box
        await pilot.pause()
        assert screen.query_one("#field-in_collection", Checkbox).value
        # Back to the list, down to P-01, who shares a page without consent to keep it.
        writers.focus()
        await pilot.press("down")
        await pilot.pause()
        assert "P-01" in screen_text(app)
        screen.query_one("#field-text", TextArea).text = "A page about her mother."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, JournalEntriesScreen)
    keys, entries = stored(group_vault)
    by_member = {e.member: e for e in entries}
    assert set(by_member) == {keys["MA"], keys["P-01"]}
    ma = by_member[keys["MA"]]
    assert (ma.text, ma.in_collection, ma.prompt) == (
        "The bus ride home",
        True,
        "The lowest point of my life",
    )
    assert ma.client_id == int(keys["MA"].split(":")[1])
    p01 = by_member[keys["P-01"]]
    assert (p01.text, p01.in_collection, p01.client_id) == ("A page about her mother.", False, None)


async def test_an_entry_cleared_is_removed_and_leaving_asks_first(group_vault: Path) -> None:
    app = build_app(group_vault)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        app.screen.query_one("#field-text", TextArea).text = "Kept for now."
        await pilot.press("escape")
        await settle(pilot)
        assert "not been saved" in screen_text(app)  # asked before losing it
        await pilot.press("n")  # stay
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(stored(group_vault)[1]) == 1
        await pilot.press("j")
        await settle(pilot)
        assert app.screen.query_one("#field-text", TextArea).text == "Kept for now."
        app.screen.query_one("#field-text", TextArea).text = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert stored(group_vault)[1] == []


@pytest.mark.parametrize("language", ["en", "id"])
async def test_an_entry_of_individual_work_from_the_overview(
    group_vault: Path, language: str
) -> None:
    app = build_app(group_vault, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        client_table = app.screen.query_one(DataTable)
        codes = [client_table.get_row_at(i)[0] for i in range(client_table.row_count)]
        client_table.move_cursor(row=codes.index("MA"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ClientJournalScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, JournalEntryFormScreen)
        await pilot.press("tab")  # the date stays today's
        await pilot.press(*"Ten things", "tab")
        await pilot.press(*"The lake", "tab", "tab", "space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientJournalScreen)
        assert "The lake" in screen_text(app) and "Ten things" in screen_text(app)
    keys, entries = stored(group_vault)
    (entry,) = entries
    assert (
        entry.member,
        entry.prompt,
        entry.text,
        entry.in_collection,
        entry.group_session_id,
        entry.date,
    ) == (keys["MA"], "Ten things", "The lake", True, None, TODAY)
