"""The study phase, typed through at 80x24: vault, caseload, intake, contract, phases,
auto-lock, privacy, settings. Assertions are on what was stored and what is shown."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from app_support import (
    PASSPHRASE,
    SIZE,
    TODAY,
    build_app,
    fictional_ma,
    open_repo,
    seed_vault,
    settle,
    type_text,
    unlock,
)
from models.records import Client, Contract, Phase
from models.repository import Repository
from models.vault import Vault
from screen_text import screen_text
from screens.caseload import CaseloadScreen
from screens.client_form import ClientFormScreen
from screens.client_overview import ClientOverviewScreen
from screens.contract import ContractScreen
from screens.unlock import CreateVaultScreen, LockScreen, UnlockScreen
from tui.widgets.form import Field


def field_problem(app: object, name: str) -> str:
    for field in app.screen.query(Field):
        if field.field_name == name:
            return (
                str(field.query_one(".field-error").render()) if field.has_class("-invalid") else ""
            )
    raise AssertionError(f"no field {name}")


async def fill(pilot: Pilot[object], field_id: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#field-{field_id}")
    widget.focus()
    if isinstance(widget, Input):
        widget.value = ""
        await type_text(pilot, text)
    else:
        widget.text = text  # TextArea


@pytest.mark.parametrize("language", ["en", "id"])
async def test_create_vault_refuses_short_and_mismatched_then_creates(
    tmp_path: Path, language: str
) -> None:
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CreateVaultScreen)
        await type_text(pilot, "pendek")
        await pilot.press("enter")
        await pilot.pause()
        # The cursor moved, and the screen says what the second field is for.
        assert app.screen.query_one("#repeat", Input).has_focus
        assert (
            ("once more" in screen_text(app))
            if language == "en"
            else ("sekali lagi" in screen_text(app))
        )
        await type_text(pilot, "pendek")
        await pilot.pause()
        assert (
            ("are the same" in screen_text(app))
            if language == "en"
            else ("sudah sama" in screen_text(app))
        )
        await pilot.press("enter")
        await pilot.pause()
        # Too short: said under the passphrase, where it is typed and the cursor goes.
        assert app.screen.query_one("#passphrase", Input).has_focus
        strength_line = str(app.screen.query_one("#strength").render())
        assert (
            ("at least 8" in strength_line) if language == "en" else ("minimal 8" in strength_line)
        )
        assert not (tmp_path / "case.vault").exists()

        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        app.screen.query_one("#repeat", Input).value = PASSPHRASE + "x"
        app.screen.query_one("#repeat", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()  # the refusal outlasts the focus coming back to the field
        assert (
            ("not the same" in screen_text(app))
            if language == "en"
            else ("tidak sama" in screen_text(app))
        )

        app.screen.query_one("#repeat", Input).value = PASSPHRASE
        await pilot.pause()
        assert (
            ("are the same" in screen_text(app))
            if language == "en"
            else ("sudah sama" in screen_text(app))
        )
        await pilot.press("enter")
        await settle(pilot)
        # The new vault asks who the worker is, for signatures and reports.
        assert ("Your name" if language == "en" else "Nama Anda") in screen_text(app)
        await type_text(pilot, "Dewi (fictional)")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert ("Caseload" if language == "en" else "Daftar kasus") in screen_text(app)
    with Vault.open(tmp_path / "case.vault", PASSPHRASE) as vault:
        assert Repository(vault.db).meta()["worker_name"] == "Dewi (fictional)"


async def test_wrong_then_right_passphrase(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot, "not the passphrase")
        assert isinstance(app.screen, UnlockScreen)
        assert "wrong" in screen_text(app)
        assert app.screen.query_one("#passphrase", Input).value == ""
        await unlock(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert "MA" in screen_text(app)


async def test_vault_in_use_elsewhere_exits_without_touching_it(tmp_path: Path) -> None:
    path = tmp_path / "case.vault"
    seed_vault(path, [fictional_ma()])
    before = path.read_bytes()
    with Vault.open(path, PASSPHRASE):
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
        assert app.return_code == 1
    assert path.read_bytes() == before


async def test_damaged_vault_exits_with_its_message(tmp_path: Path) -> None:
    path = tmp_path / "case.vault"
    seed_vault(path, [fictional_ma()])
    data = bytearray(path.read_bytes())
    data[40] ^= 0x01  # inside a key slot: the header checksum no longer matches
    path.write_bytes(bytes(data))
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    assert path.read_bytes() == bytes(data)


@pytest.mark.parametrize("language", ["en", "id"])
async def test_intake_with_a_validation_error_then_fixed(tmp_path: Path, language: str) -> None:
    seed_vault(tmp_path / "case.vault")
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ClientFormScreen)
        await fill(pilot, "code", "M A")  # a space is not allowed in a code
        await fill(pilot, "birth_year", "40")
        await fill(pilot, "occupation", "private tutor")
        await fill(pilot, "first_contact", "31/02/2026")  # no such day
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientFormScreen)  # not saved, still here
        assert field_problem(app, "first_contact")
        assert ("Not a date" if language == "en" else "Tanggal tidak dikenali") in field_problem(
            app, "first_contact"
        )
        await fill(pilot, "first_contact", "2 Mar 2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientFormScreen)
        assert field_problem(app, "code")
        # Everything typed is still there.
        assert app.screen.query_one("#field-occupation", Input).value == "private tutor"
        await fill(pilot, "code", "MA")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientOverviewScreen)
        assert "MA" in screen_text(app)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        (client,) = repo.clients()
        assert client.code == "MA"
        assert client.birth_year == 1986  # "40" was read as an age
        assert client.first_contact == date(2026, 3, 2)
        assert client.occupation == "private tutor"


async def test_leaving_a_changed_form_asks_first(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault")
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "code", "BR")
        await pilot.press("escape")
        await pilot.pause()
        assert "Leave without saving" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ClientFormScreen)
        assert app.screen.query_one("#field-code", Input).value == "BR"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)


async def test_contract_then_renegotiation_keeps_history(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClientOverviewScreen)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, ContractScreen)
        await fill(pilot, "agreed_on", "9/3/2026")
        app.screen.query_one("#field-meeting_weekday").value = 1  # Tuesday
        await fill(pilot, "meeting_time", "10.00")
        await fill(pilot, "client_expectations", "Someone to talk to; try new things")
        await fill(pilot, "worker_expectations", "Come on time; say when it is too much")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientOverviewScreen)
        assert "Next meeting: Tuesday, 1 December 2026" in screen_text(app)

        await pilot.press("k")
        await pilot.pause()
        await fill(pilot, "meeting_time", "15:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractScreen)  # a renegotiation needs a reason
        assert field_problem(app, "renegotiation_reason")
        await fill(pilot, "renegotiation_reason", "Tutoring moved to mornings")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientOverviewScreen)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        versions = repo.contracts_of(repo.client_by_code("MA").id)
        assert [c.version for c in versions] == [2, 1]
        assert versions[0].meeting_time == "15:00"
        assert versions[1].meeting_time == "10:00"
        assert versions[0].renegotiation_reason == "Tutoring moved to mornings"
        assert isinstance(versions[0], Contract)


async def test_caseload_filters_sorts_and_hides_closed(tmp_path: Path) -> None:
    closed = Client(code="ZZ", first_contact=date(2025, 1, 1), phase=Phase.CLOSED)
    seed_vault(
        tmp_path / "case.vault",
        [
            fictional_ma(),
            Client(code="BR", first_contact=date(2026, 5, 1), full_name="Nama Rahasia"),
            closed,
        ],
    )
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        shown = screen_text(app)
        assert "ZZ" not in shown and "Nama Rahasia" not in shown
        await pilot.press("slash", "b")
        await pilot.pause()
        assert table.row_count == 1 and "BR" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("c")
        await pilot.pause()
        assert table.row_count == 3 and "ZZ" in screen_text(app)
        await pilot.press("s", "s")  # sort by last contact
        await pilot.pause()
        codes = [table.get_row_at(i)[0] for i in range(table.row_count)]
        assert codes == ["ZZ", "MA", "BR"]
        await pilot.press("r")
        await pilot.pause()
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == ["BR", "MA", "ZZ"]


async def test_moving_a_phase_is_confirmed(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert "contract" in screen_text(app)  # the dialog says what is still missing
        await pilot.press("n")
        await settle(pilot)
        assert app.repository.client_by_code("MA").phase is Phase.STUDY
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.repository.client_by_code("MA").phase is Phase.ASSESSMENT
        assert "● Assessment" in screen_text(app)


async def test_a_phase_move_is_dated_never_before_the_last_nor_in_the_future(
    tmp_path: Path,
) -> None:
    # MA's case entered after the fact: she moved on to the assessment on 6 April.
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.pause()
        for day, refused in (("01/01/2030", "masa depan"), ("06/04/2026", "")):
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("tab")
            await type_text(pilot, day)
            await pilot.press("enter")
            await settle(pilot)
            if refused:
                assert refused in screen_text(app)
                await pilot.press("escape")
                await settle(pilot)
        ma = app.repository.client_by_code("MA")
        assert ma.phase is Phase.ASSESSMENT
        assert ma.phase_history[-1].on == date(2026, 4, 6)
        # The next move cannot be dated before that one.
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "01/04/2026")
        await pilot.press("enter")
        await settle(pilot)
        assert "6 Apr 2026" in screen_text(app)
        assert app.repository.client_by_code("MA").phase is Phase.ASSESSMENT


def test_the_repository_refuses_a_move_out_of_order(tmp_path: Path) -> None:
    from models.repository import RecordInvalid

    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with Vault.open(tmp_path / "case.vault", PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        repo.move_phase(ma.id, Phase.ASSESSMENT, on=date(2026, 4, 6))
        for day in (date(2026, 4, 5), TODAY + timedelta(days=1)):
            with pytest.raises(RecordInvalid):
                repo.move_phase(ma.id, Phase.INTERVENTION, on=day)
        assert repo.client_by_code("MA").phase is Phase.ASSESSMENT


@pytest.mark.parametrize("language", ["en", "id"])
async def test_closed_cases_do_not_vanish(tmp_path: Path, language: str) -> None:
    seed_vault(
        tmp_path / "case.vault",
        [
            Client(code=code, first_contact=date(2025, 1, 1), phase=Phase.CLOSED)
            for code in ("ZZ", "YY")
        ],
    )
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        shown = screen_text(app)
        assert (
            "Every case is closed (2)" if language == "en" else "Semua kasus sudah ditutup (2)"
        ) in shown
        assert ("c Closed" if language == "en" else "c Ditutup") in shown  # in the footer
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert sorted(table.get_row_at(i)[0] for i in range(table.row_count)) == ["YY", "ZZ"]


async def test_reopening_a_closed_case_needs_a_reason(tmp_path: Path) -> None:
    seed_vault(
        tmp_path / "case.vault",
        [Client(code="ZZ", first_contact=date(2025, 1, 1), phase=Phase.CLOSED)],
    )
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("c", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ClientOverviewScreen)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")  # no reason yet
        await pilot.pause()
        assert app.repository.client_by_code("ZZ").phase is Phase.CLOSED
        await type_text(pilot, "Came back after moving home")
        await pilot.press("enter")
        await settle(pilot)
        client = app.repository.client_by_code("ZZ")
        assert client.phase is Phase.INTERVENTION
        assert client.phase_history[-1].reason == "Came back after moving home"


async def test_deleting_a_client_requires_its_code(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter", "d")
        await pilot.pause()
        await type_text(pilot, "MX")
        await pilot.press("enter")
        await settle(pilot)
        assert app.repository.client_by_code("MA") is not None
        app.screen.query_one("#typed", Input).value = "MA"
        await pilot.press("enter")
        await settle(pilot)
        assert app.repository.client_by_code("MA") is None
        # Said once it is done: every copy the vault keeps, and what it cannot reach.
        shown = screen_text(app)
        assert "MA erased" in shown and "No backup was made" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)


async def test_auto_lock_and_lock_key(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    now = [1000.0]
    app._clock = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # open MA: the lock must bring the worker back here
        await pilot.pause()
        now[0] += 4 * 60
        app.check_autolock()
        assert not app.session.is_locked
        now[0] += 61
        app.check_autolock()
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert app.session.is_locked
        assert "MA" not in screen_text(app)
        await type_text(pilot, "wrong passphrase")
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.is_locked and isinstance(app.screen, LockScreen)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientOverviewScreen)
        assert not app.session.is_locked
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen) and app.session.is_locked


async def test_privacy_toggle_hides_all_but_codes(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert "Study" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        shown = screen_text(app)
        assert "MA" in shown and "Study" not in shown and "Mar 2026" not in shown
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "private tutor" not in shown and "peer supporter" not in shown
        assert "F2" in shown  # the placeholder says how to show it again
        await pilot.press("f2")
        await pilot.pause()
        assert "private tutor" in screen_text(app)


async def test_the_privacy_mask_stays_on_across_restarts_and_in_the_palette(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "MA")
        await settle(pilot)
        assert "Study" in screen_text(app)  # unmasked, the palette says the phase
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
    again = build_app(tmp_path)  # the next day: still masked, before anything is shown
    async with again.run_test(size=SIZE) as pilot:
        assert again.private and again.has_class("-private")
        await unlock(pilot)
        shown = screen_text(again)
        assert "MA" in shown and "Study" not in shown
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "MA")
        await settle(pilot)
        assert "Study" not in screen_text(again)  # not even the phase, while masked
        await pilot.press("escape", "f2")
        await pilot.pause()
    assert not build_app(tmp_path).settings.private


async def test_settings_switch_language_and_keep_the_worker_name(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("comma")
        await pilot.pause()
        app.screen.query_one("#field-language").value = "id"
        await fill(pilot, "worker_name", "Dewi (fictional)")
        await fill(pilot, "autolock_minutes", "0")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert field_problem(app, "autolock_minutes")
        await fill(pilot, "autolock_minutes", "10")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert "Daftar kasus" in screen_text(app)
        assert app.settings.autolock_minutes == 10
        assert app.repository.meta()["worker_name"] == "Dewi (fictional)"
    text = (tmp_path / "settings.json").read_text()
    assert '"language": "id"' in text and "Dewi" not in text


async def test_command_palette_finds_a_client_by_code(tmp_path: Path) -> None:
    seed_vault(
        tmp_path / "case.vault", [fictional_ma(), Client(code="BR", first_contact=date(2026, 5, 1))]
    )
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+p")
        for _ in range(50):  # the palette opens asynchronously; type only into it
            await pilot.pause(0.02)
            if isinstance(app.screen, CommandPalette):
                break
        await type_text(pilot, "br")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClientOverviewScreen)
        assert app.screen.client.code == "BR"


async def test_help_lists_the_keys_of_the_screen(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path, "id")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        assert "Klien baru" in shown and "Cari" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)


async def test_every_key_in_the_help_can_be_scrolled_to(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter", "f1")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        shown = screen_text(app)
        for key in ("^l", "f2", "^p"):  # the app's keys come last
            assert f"│  {key}" in shown, key


async def test_the_overview_scrolls_with_the_timelines_cursor(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with Vault.open(tmp_path / "case.vault", PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        ma = repo.client_by_code("MA")
        for day in range(1, 25):  # more entries than 24 lines hold
            repo.add(
                Contract(
                    client_id=ma.id,
                    version=day,
                    agreed_on=date(2026, 10, day),
                    client_expectations="x",
                    worker_expectations="y",
                    renegotiation_reason=f"change {day}",
                )
            )
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "● Study" in screen_text(app)  # the case opens at its top
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert "2 Mar 2026" in screen_text(app)  # the oldest entry, last in the list
        await pilot.press("pageup", "pageup")
        await settle(pilot)
        assert "● Study" in screen_text(app)  # and back to the top
