"""A tired worker's typing, end to end: the installed `pendamping` in a pseudo-terminal,
in Indonesian, with each opening key and the text after it written in one burst (one
write to the terminal, as `tmux send-keys` or a fast typist delivers them).

What must hold: the text lands in the first field of the screen the key opened, and
letters in the burst that the screen underneath binds ("x" done, "d" delete, "p" next
phase) change nothing there. Each test reads the vault afterwards, so a key that went
astray shows up as data that is wrong, not only as a screen that looks wrong.

An Escape is never followed by a letter in the same write: a terminal reads Escape and
a letter that arrive together as one Alt-key, for every program, not only this one.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

if sys.platform == "win32":  # pragma: no cover - there is no pty module on Windows
    pytest.skip("pseudo-terminals need a POSIX system", allow_module_level=True)

from test_e2e_pty import Terminal, isolated_env

from app_support import PASSPHRASE, fictional_ma, open_repo, seed_ma_assessment, seed_vault
from command_support import NEEDS_COMMAND
from group_support import group_clients, seed_journaling_group
from models.dates import parse_date
from models.records import (
    Client,
    Group,
    GroupSession,
    JournalEntry,
    Phase,
    Plan,
    SessionNote,
    Status,
)
from tui.i18n import t, use_language

pytestmark = NEEDS_COMMAND

CTRL_S, CTRL_Q, CTRL_U, ENTER = b"\x13", b"\x11", b"\x15", b"\r"


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    use_language("id")  # the phrases the tests wait for, as the app writes them
    yield
    use_language("en")


@contextlib.contextmanager
def unlocked(tmp: Path) -> Iterator[Terminal]:
    """The app in Indonesian, unlocked: the passphrase and Enter in one burst, typed as
    soon as anything of the unlock screen shows (before its field has focus)."""
    term = Terminal(["--lang", "id"], isolated_env(tmp), tmp)
    try:
        term.expect(t("unlock.title"))
        burst(term, PASSPHRASE.encode() + ENTER)
        term.expect(t("caseload.title"))
        yield term
    finally:
        term.close()


def burst(term: Terminal, keys: bytes) -> int:
    """Write `keys` at once; return a mark to look for what follows."""
    mark = term.mark()
    term.press(keys)
    return mark


def quit_app(term: Terminal) -> None:
    term.press(CTRL_Q)
    assert term.wait() == 0, term.text()[-2000:]


def test_a_goal_and_its_action_typed_straight_after_their_keys(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with unlocked(tmp_path) as term:
        # Open MA, the plan, a new goal, and its title: all in one burst.
        mark = burst(term, ENTER + b"l" + b"g" + b"Rekreasi mingguan")
        term.expect("Rekreasi mingguan", since=mark)
        mark = burst(term, CTRL_S + b"a" + b"Ikut jurnaling kelompok" + CTRL_S)
        term.expect(t("plan.title", code="MA"), since=mark)
        term.expect("Ikut jurnaling kelompok", since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        (plan,) = repo.records(Plan)
        assert [g.title for g in plan.goals] == ["Rekreasi mingguan"]
        assert [a.what for a in plan.goals[0].actions] == ["Ikut jurnaling kelompok"]


def test_letters_bound_on_the_screen_being_left_change_nothing_there(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with unlocked(tmp_path) as term:
        mark = burst(term, ENTER + b"l" + b"g" + b"Tujuan" + CTRL_S)
        term.expect(t("plan.title", code="MA"), since=mark)
        term.expect("Tujuan", since=mark)
        # "a" opens the action form; "x" (done), "d" (delete) and "p" mean something
        # on the plan, and must only be typed into the new action.
        mark = burst(term, b"axdp" + CTRL_S)
        term.expect("xdp", since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        (plan,) = repo.records(Plan)
        (goal,) = plan.goals
        assert goal.title == "Tujuan" and goal.status is Status.PLANNED
        assert [(a.what, a.status) for a in goal.actions] == [("xdp", Status.PLANNED)]
        assert repo.client_by_code("MA").phase is Phase.STUDY


def test_intake_typed_as_the_new_client_key_is_pressed(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with unlocked(tmp_path) as term:
        # "n" on the caseload and the code at once, then Tab on through the fields:
        # full name, birth year, gender, occupation, contact, referral, first contact
        # (today's date is suggested there: the date typed replaces it).
        mark = burst(term, b"nRS\t\t1990")
        term.expect("1990", since=mark)
        mark = burst(term, b"\t\t\t\tteman sebaya\t1/11/2026" + CTRL_S)
        term.expect(t("overview.timeline"), since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        client = repo.client_by_code("RS")
        assert client is not None and client.birth_year == 1990
        assert client.first_contact == date(2026, 11, 1)
        assert client.referral_source == "teman sebaya"
        assert [c.code for c in repo.records(Client)] == ["MA", "RS"]


def test_a_note_typed_as_it_opens(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with unlocked(tmp_path) as term:
        mark = burst(term, ENTER + b"n" + b"n" + b"MA bercerita tentang murid lesnya")
        term.expect("murid lesnya", since=mark)
        mark = burst(term, CTRL_S)
        term.expect(t("save.saved", time="").strip(), since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        (note,) = repo.records(SessionNote)
        assert note.body == "MA bercerita tentang murid lesnya"


def test_a_group_session_starts_at_its_date(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    with unlocked(tmp_path) as term:
        vault, repo = open_repo(tmp_path / "case.vault")
        with vault:
            before = len(repo.records(GroupSession))
        # Groups, the first group, a new session: its first field is the date.
        mark = burst(term, b"g" + ENTER + b"n" + b"1/11/2026\tSurat untuk diriku" + CTRL_S)
        term.expect(t("attendance.title", session="").split(":")[0], since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        sessions = repo.records(GroupSession)
        assert len(sessions) == before + 1
        new = max(sessions, key=lambda s: s.id or 0)
        assert (new.date, new.topic) == (date(2026, 11, 1), "Surat untuk diriku")
        assert len(repo.records(Group)) == 1


def test_enter_in_a_confirm_dialog_loses_nothing(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    seed_ma_assessment(tmp_path / "case.vault")
    with unlocked(tmp_path) as term:
        # "p" asks to move MA to the next phase; Enter at once is the careful answer.
        mark = burst(term, ENTER + b"p" + ENTER)
        term.expect(t("overview.move.title"), since=mark)
        mark = burst(term, b"k")  # the overview takes keys again: the contract opens
        term.expect(t("contract.title", code="MA"), since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        assert repo.client_by_code("MA").phase is Phase.ASSESSMENT


DOWN, SHIFT_TAB = b"\x1b[B", b"\x1b[Z"


def test_journal_entries_typed_as_their_screen_opens(tmp_path: Path) -> None:
    # Found driving the app: the whole pass through a session's journals, typed blind.
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    with unlocked(tmp_path) as term:
        # Groups, the group, its second session, the journals, MA's words: one burst.
        mark = burst(term, b"g" + ENTER + DOWN + ENTER + b"j" + b"\t\tHari klinik menelepon")
        term.expect("Hari klinik menelepon", since=mark)
        # Her page, her consent, back to the list, the next person (P-01), her words, save.
        mark = burst(
            term, b"\tbis abu-abu\t " + SHIFT_TAB * 4 + DOWN + b"\t\tTentang ibunya" + CTRL_S
        )
        term.expect(t("journal_entry.saved", count=2), since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        key = {c.code: f"client:{c.id}" for c in repo.clients()}
        by_member = {e.member: e for e in repo.records(JournalEntry)}
        assert set(by_member) == {key["MA"], "code:P-01"}
        ma = by_member[key["MA"]]
        assert (ma.text, ma.page, ma.in_collection) == (
            "Hari klinik menelepon",
            "bis abu-abu",
            True,
        )
        p01 = by_member["code:P-01"]
        assert (p01.text, p01.in_collection) == ("Tentang ibunya", False)


def test_a_phase_move_dated_in_the_same_burst(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with unlocked(tmp_path) as term:
        # MA, next phase, Tab to the day, the day it happened, Enter: one burst.
        mark = burst(term, ENTER + b"p\t06/04/2026" + ENTER)
        term.expect("Pengkajian", since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        ma = repo.client_by_code("MA")
        assert ma.phase is Phase.ASSESSMENT
        assert ma.phase_history[-1].on == date(2026, 4, 6)


def test_first_run_typed_in_one_go_with_a_passphrase_too_short(tmp_path: Path) -> None:
    """As driven by hand: a too-short passphrase twice, then a good one twice, the
    worker's name and "n", all typed without waiting. The refusal empties both fields,
    so the good passphrase is typed into empty fields, not after the short one."""
    term = Terminal(["--lang", "id"], isolated_env(tmp_path), tmp_path)
    try:
        term.expect(t("create.title"))
        mark = burst(term, b"pendek" + ENTER + b"pendek" + ENTER)
        term.expect(t("passphrase.too_short", min=8), since=mark)
        mark = burst(
            term,
            PASSPHRASE.encode()
            + ENTER
            + PASSPHRASE.encode()
            + ENTER
            + b"Dewi Lestari"
            + ENTER
            + b"nRS"
            + CTRL_S,
        )
        term.expect(t("overview.timeline"), since=mark)
        quit_app(term)
    finally:
        term.close()
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        assert repo.meta()["worker_name"] == "Dewi Lestari"
        assert [c.code for c in repo.records(Client)] == ["RS"]


def test_a_relation_and_the_health_picture_typed_as_they_open(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", [fictional_ma()])
    with unlocked(tmp_path) as term:
        burst(term, ENTER)  # MA's case
        term.expect(t("overview.timeline"))
        # The ecomap, a relation: name, kind one right (family), strength one left
        # (strong), stressful ticked, flow two right (from the client); saved.
        mark = burst(term, b"maIbu\t\x1b[C\t\x1b[D\t \t\x1b[C\x1b[C" + CTRL_S)
        term.expect("Kuat + penuh tekanan", since=mark)
        mark = burst(term, b"\x1b")  # Escape on its own: with a letter, one Alt-key
        term.expect(t("overview.timeline"), since=mark)
        mark = burst(term, b"b03/2019\tTLD\t03/2019\t\tPuskesmas Helvetia\t5/1\t2" + CTRL_S)
        term.expect("Puskesmas Helvetia", since=mark)
        quit_app(term)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        ma = repo.client_by_code("MA")
        (relation,) = repo.relations_of(ma.id)
        assert (
            relation.name,
            relation.kind.value,
            relation.strength.value,
            relation.stressful,
            relation.flow.value,
        ) == ("Ibu", "family", "strong", True, "from_client")
        health = repo.health_of(ma.id)
        assert health is not None and health.clinic == "Puskesmas Helvetia"
        assert (health.art_start, health.regimen.name, health.missed_doses) == ("2019-03", "TLD", 2)
        # "5/1" is read as a date still to come (the coming January, late in the year).
        assert health.next_pickup == parse_date("5/1", date.today(), ahead=True)
