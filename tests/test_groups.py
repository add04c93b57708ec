"""Groups, typed through at 80x24 in both languages, and the rules under them.

A journaling group of six (four clients: MA, RS, DW, YT; two participants known only by
a code: P-01, P-02): members join and leave on dates, a session's attendance is taken
on a grid by single keys, those who took part are observed, and attendance is summed
up per group and per client. Every person and story here is fictional.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from app_support import (
    PASSPHRASE,
    SIZE,
    TODAY,
    build_app,
    open_repo,
    seed_vault,
    settle,
    type_text,
    unlock,
)
from group_support import (
    P02_JOINED,
    SESSION_DAYS,
    STARTED,
    YT_LEFT,
    A,
    E,
    L,
    P,
    group_clients,
    keys_by_code,
    seed_journaling_group,
)
from models.groups import (
    attendance_summary,
    client_group_attendance,
    group_rows,
    new_member,
    roster,
    summarize,
    with_attendance,
    with_left,
)
from models.records import Attendance, Client, Group, GroupSession, Member, Observation
from models.repository import Repository
from models.timeline import case_timeline
from models.vault import Vault
from screen_text import screen_text
from screens.client_overview import ClientOverviewScreen
from screens.group_attendance import AttendanceScreen
from screens.group_members import LeftFormScreen, MemberFormScreen
from screens.group_observations import ObservationsScreen
from screens.group_session import GroupSessionFormScreen, GroupSessionScreen
from screens.group_summary import AttendanceSummaryScreen
from screens.groups import GroupFormScreen, GroupScreen, GroupsScreen
from tui import i18n
from tui.widgets.attendance import AttendanceGrid, client_attendance_text
from tui.widgets.engagement import EngagementList
from tui.widgets.form import Field

LANGUAGES = ["en", "id"]
WORDS = {
    "en": {
        "present": "Present",
        "late": "Late",
        "not_recorded": "not recorded",
        "engagement": "engagement 4/5 engaged",
        "unknown": "No client in your caseload",
        "is_client": "is one of your clients",
        "attended_after": "Attended a session after",
    },
    "id": {
        "present": "Hadir",
        "late": "Terlambat",
        "not_recorded": "tidak tercatat",
        "engagement": "keterlibatan 4/5 terlibat",
        "unknown": "Tidak ada klien dengan kode",
        "is_client": "adalah klien Anda",
        "attended_after": "Masih hadir di sesi setelah",
    },
}


# -- the rules, without a terminal --------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    with Vault.open(tmp_path / "case.vault", PASSPHRASE) as vault:
        yield Repository(vault.db, today=lambda: TODAY)


def the_group(repo: Repository) -> Group:
    (group,) = repo.records(Group)
    return group


def sessions(repo: Repository) -> list[GroupSession]:
    return sorted(repo.records(GroupSession), key=lambda s: s.date or date.min)


def test_roster_follows_joined_and_left_dates_both_days_included(repo: Repository) -> None:
    group, codes = the_group(repo), {c.id: c.code for c in repo.records(Client)}

    def labels(day: date) -> list[str]:
        return [p.label for p in roster(group, day, codes)]

    assert labels(STARTED - timedelta(days=1)) == []
    assert labels(STARTED) == ["DW", "MA", "P-01", "RS", "YT"]
    assert labels(P02_JOINED) == ["DW", "MA", "P-01", "P-02", "RS", "YT"]
    assert "YT" in labels(YT_LEFT)  # the day they left, they still belonged
    assert labels(YT_LEFT + timedelta(days=1)) == ["DW", "MA", "P-01", "P-02", "RS"]


def test_roster_keeps_whoever_was_recorded_even_when_no_longer_a_member(repo: Repository) -> None:
    group, codes = the_group(repo), {c.id: c.code for c in repo.records(Client)}
    second = sessions(repo)[1]
    moved = replace(second, date=YT_LEFT + timedelta(days=3))  # after YT left
    assert "YT" in [p.label for p in roster(group, moved.date, codes, moved)]
    assert "YT" not in [p.label for p in roster(group, moved.date, codes)]


def test_new_member_by_client_code_or_participant_code(repo: Repository) -> None:
    group = the_group(repo)
    ma = repo.client_by_code("MA")
    member, problems = new_member(repo, replace(group, members=[]), "ma", STARTED, client=True)
    assert problems == [] and member == Member.for_client(ma.id, STARTED)
    member, problems = new_member(repo, group, " p-03 ", TODAY, client=False)
    assert problems == [] and member is not None
    assert (member.key, member.code, member.client_id) == ("code:P-03", "P-03", None)


@pytest.mark.parametrize(
    ("code", "joined", "client", "expected"),
    [
        ("ZZ", STARTED, True, [("code", "problem.unknown_client_code")]),
        ("MA", STARTED, False, [("code", "problem.code_is_client")]),
        ("P 01", STARTED, False, [("code", "problem.code_format")]),
        ("MA", STARTED, True, [("code", "problem.duplicate_member")]),
        ("p-01", STARTED, False, [("code", "problem.duplicate_member")]),
        ("", STARTED, False, [("code", "problem.required")]),
        ("P-09", None, False, [("joined", "problem.required")]),
        ("RS", None, True, [("joined", "problem.required"), ("code", "problem.duplicate_member")]),
    ],
)
def test_new_member_problems_name_the_field(
    repo: Repository, code: str, joined: date | None, client: bool, expected: list[tuple[str, str]]
) -> None:
    member, problems = new_member(repo, the_group(repo), code, joined, client=client)
    assert member is None
    assert [(p.field, p.key) for p in problems] == expected


def test_leaving_is_checked_against_joining_and_attendance(repo: Repository) -> None:
    group, history = the_group(repo), sessions(repo)
    key = keys_by_code(repo)["MA"]
    changed, problems = with_left(group, key, SESSION_DAYS[-1], history)
    assert problems == [] and changed.member(key).left == SESSION_DAYS[-1]
    _, problems = with_left(group, key, STARTED - timedelta(days=1), history)
    assert [p.key for p in problems] == ["problem.date_before"]
    _, problems = with_left(group, key, SESSION_DAYS[1], history)  # MA came on 10 Nov
    assert [(p.key, p.params) for p in problems] == [
        ("problem.attended_after", {"date": SESSION_DAYS[2].isoformat()})
    ]
    back, problems = with_left(group, keys_by_code(repo)["YT"], None, history)
    assert problems == [] and back.member(keys_by_code(repo)["YT"]).left is None
    _, problems = with_left(group, "code:NOBODY", TODAY, history)
    assert [p.key for p in problems] == ["problem.not_a_member"]


def test_changed_attendance_hands_back_the_observations_it_drops(repo: Repository) -> None:
    key = keys_by_code(repo)
    second = sessions(repo)[1]
    marks: dict[str, Attendance | None] = dict(second.attendance)
    marks[key["RS"]] = A  # RS was observed, now marked absent
    marks[key["DW"]] = None  # cleared: no longer recorded
    changed, dropped = with_attendance(second, marks)
    assert [o.member for o in dropped] == [key["RS"]]
    assert [o.member for o in changed.observations] == [key["MA"]]
    assert key["DW"] not in changed.attendance
    assert changed.validate(TODAY) == []


def test_attendance_summary_grid_and_rates(repo: Repository) -> None:
    summary = attendance_summary(repo, the_group(repo))
    assert [s.date for s in summary.sessions] == list(SESSION_DAYS)
    grid = {
        row.participant.label: [(c.status, c.member) for c in row.cells] for row in summary.rows
    }
    assert list(grid) == ["DW", "MA", "P-01", "P-02", "RS", "YT"]
    assert grid["P-02"] == [(None, False), (P, True), (L, True)]
    assert grid["YT"] == [(P, True), (A, True), (None, False)]
    assert grid["DW"] == [(L, True), (E, True), (P, True)]
    rates = {row.participant.label: (row.attended, row.recorded) for row in summary.rows}
    assert rates == {
        "DW": (2, 3),
        "MA": (3, 3),
        "P-01": (2, 3),
        "P-02": (2, 2),
        "RS": (3, 3),
        "YT": (1, 2),
    }
    assert [summary.attended_at(i) for i in range(3)] == [4, 4, 5]


def test_a_member_not_recorded_on_a_session_is_told_apart_from_a_non_member() -> None:
    group = Group(
        name="g",
        members=[Member.for_code("A1", date(2026, 1, 1)), Member.for_code("B2", date(2026, 3, 1))],
    )
    session = GroupSession(group_id=1, date=date(2026, 2, 1), topic="t", attendance={"code:A1": P})
    undated = GroupSession(group_id=1, topic="no date yet")
    summary = summarize(group, [session, undated], {})
    assert len(summary.sessions) == 1
    (a1,), (b2,) = (row.cells for row in summary.rows)
    assert (a1.status, a1.member, b2.status, b2.member) == (P, True, None, False)
    assert summary.rows[1].rate is None


def test_client_group_attendance_and_its_overview_line(repo: Repository) -> None:
    yt = repo.client_by_code("YT")
    (item,) = client_group_attendance(repo, yt.id)
    assert (item.statuses, item.attended, item.recorded, item.left) == ((P, A), 1, 2, YT_LEFT)
    try:
        i18n.use_language("en")
        assert (
            client_attendance_text(repo, yt.id)
            == "Journaling group: 1 of 2 sessions (50%) ●✗ (left 20 Oct 2026)"
        )
        i18n.use_language("id")
        assert (
            client_attendance_text(repo, repo.client_by_code("MA").id)
            == "Journaling group: 3 dari 3 sesi (100%) ●●●"
        )
    finally:
        i18n.use_language("en")
    outsider = repo.add(Client(code="ZZ", first_contact=date(2026, 8, 3)))
    assert client_group_attendance(repo, outsider.id) == []
    assert client_attendance_text(repo, outsider.id) == ""


def test_group_rows_count_members_today_and_sessions(repo: Repository) -> None:
    repo.add(Group(name="Another group"))
    rows = group_rows(repo)
    assert [(r.group.name, r.members_now, r.sessions, r.last_session) for r in rows] == [
        ("Another group", 0, 0, None),
        ("Journaling group", 5, 3, SESSION_DAYS[-1]),
    ]


def test_timeline_of_ma_shows_the_sessions_with_her_engagement(repo: Repository) -> None:
    ma = repo.client_by_code("MA")
    entries = [e for e in case_timeline(repo, ma.id) if e.kind == "group_session"]
    assert [(e.on, e.title, e.detail["attendance"], e.detail["engagement"]) for e in entries] == [
        (SESSION_DAYS[2], "A letter to myself", "present", None),
        (SESSION_DAYS[1], "The lowest point of my life", "present", 4),
        (SESSION_DAYS[0], "Who I am today", "present", 2),
    ]


DAYS = st.integers(min_value=0, max_value=60).map(lambda n: date(2026, 1, 1) + timedelta(n))


@settings(max_examples=60, deadline=None)
@given(
    spans=st.lists(st.tuples(DAYS, st.integers(0, 30), st.booleans()), min_size=1, max_size=6),
    days=st.lists(DAYS, min_size=1, max_size=5),
    data=st.data(),
)
def test_summary_cells_follow_membership_and_records(
    spans: list[tuple[date, int, bool]], days: list[date], data: st.DataObject
) -> None:
    members = [
        Member(
            key=f"code:M{i}",
            code=f"M{i}",
            joined=joined,
            left=joined + timedelta(length) if leaves else None,
        )
        for i, (joined, length, leaves) in enumerate(spans)
    ]
    group = Group(name="g", members=members)
    statuses = st.sampled_from(list(Attendance))
    sessions_ = [
        GroupSession(
            group_id=1,
            id=i + 1,
            date=day,
            topic="t",
            attendance={
                m.key: data.draw(statuses)
                for m in members
                if data.draw(st.booleans()) and m.active_on(day)
            },
        )
        for i, day in enumerate(days)
    ]
    summary = summarize(group, sessions_, {})
    for row in summary.rows:
        for cell, session in zip(row.cells, summary.sessions, strict=True):
            assert cell.member == row.participant.member.active_on(session.date)
            assert cell.status == session.attendance.get(row.participant.key)
        assert 0 <= row.attended <= row.recorded <= len(summary.sessions)
        day = summary.sessions[0].date
        on_roster = row.participant.key in {p.key for p in roster(group, day, {})}
        assert on_roster == row.participant.member.active_on(day)


# -- typed through at 80x24 ----------------------------------------------------------------


async def open_groups(pilot: Pilot[object]) -> None:
    await unlock(pilot)
    # The caseload's key for groups is wired by the app; the screen itself is what is tested.
    pilot.app.push_screen(GroupsScreen())
    await settle(pilot)


async def write(pilot: Pilot[object], field_id: str, text: str) -> None:
    """Fill a form field (typing every key is slow; the keys that matter are pressed)."""
    widget = pilot.app.screen.query_one(f"#field-{field_id}")
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text
    await pilot.pause()


def field_problem(app: object, name: str) -> str:
    for field in app.screen.query(Field):
        if field.field_name == name and field.has_class("-invalid"):
            return str(field.query_one(".field-error").render())
    return ""


async def add_member(pilot: Pilot[object], key: str, code: str, joined: str = "1/11/2026") -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, MemberFormScreen)
    await write(pilot, "code", code)
    await write(pilot, "joined", joined)
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_group_of_six_session_attendance_and_observations(
    tmp_path: Path, language: str
) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    app = build_app(tmp_path, language)
    words = WORDS[language]
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, GroupFormScreen)
        await write(pilot, "name", "Journaling group")
        await write(pilot, "facilitator", "Dewi (fictional)")
        await write(pilot, "purpose", "Recreation and social support")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        for key, code in (
            ("c", "MA"),
            ("c", "RS"),
            ("c", "DW"),
            ("c", "YT"),
            ("p", "P-01"),
            ("p", "p-02"),
        ):
            await add_member(pilot, key, code)
            assert isinstance(app.screen, GroupScreen)
        shown = screen_text(app)
        assert all(code in shown for code in ("MA", "RS", "DW", "YT", "P-01", "P-02"))

        # The session form, then the grid, then the observations, in one pass.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, GroupSessionFormScreen)
        await write(pilot, "topic", "The lowest point of my life")
        await write(pilot, "activity", "Write down the lowest point of your life and decorate it")
        await write(pilot, "materials", "scissors, glue, newspaper clippings")
        await write(pilot, "reflection", "# Turning point\nMA opened up after RS shared first.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        grid = app.screen.query_one(AttendanceGrid)
        assert [p.label for p in grid.people] == ["DW", "MA", "P-01", "P-02", "RS", "YT"]
        await pilot.press("p", "l", "a", "e", "r")  # DW, MA, P-01, P-02; r: RS and YT
        await pilot.pause()
        shown = screen_text(app)
        assert "● 3 · ◐ 1 · ○ 1 · ✗ 1" in shown
        assert f"◐ {words['late']}" in shown and f"● {words['present']}" in shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ObservationsScreen)
        ratings = app.screen.query_one(EngagementList)
        assert [p.label for p in ratings.people] == ["DW", "MA", "RS", "YT"]
        # A rating keeps the person highlighted; moving on is its own key.
        await pilot.press("3", "down", "4", "down", "5", "down")  # DW 3, MA 4, RS 5
        await pilot.press("2", "0")  # YT rated, then the rating cleared again
        assert ratings.ratings[ratings.people[-1].key] is None
        await pilot.press("up", "up")  # back to MA
        await pilot.pause()
        who = str(app.screen.query_one("#obs-who", Static).render())
        assert "MA" in who and words["engagement"] in who  # the header names whom it is about
        await pilot.press("tab")  # from the list through the fields, by keyboard
        await type_text(pilot, "anxious, relieved")
        await pilot.press("tab")
        await type_text(pilot, "hugged RS")
        await pilot.press("tab")
        await type_text(pilot, "a hug")
        await pilot.press("tab")
        await type_text(pilot, "opened up")
        ratings.focus()
        await pilot.press("down")  # to RS: MA's typing is kept while RS is shown
        await pilot.pause()
        assert app.screen.query_one("#field-emotions", Input).value == ""
        await pilot.press("up")
        await pilot.pause()
        assert app.screen.query_one("#field-emotions", Input).value == "anxious, relieved"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        shown = screen_text(app)
        assert "●3 ◐1 ○1 ✗1" in shown and "6/6" in shown

        # The session's page shows what was stored.
        app.screen.query_one("#sessions", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GroupSessionScreen)
        shown = screen_text(app)
        assert "anxious, relieved" in shown and words["engagement"] in shown
        await pilot.press("end")  # the reflection is further down the page
        await pilot.pause()
        assert "MA opened up after RS shared first." in screen_text(app)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        key = keys_by_code(repo)
        (group,) = repo.records(Group)
        assert (group.name, group.facilitator, group.purpose) == (
            "Journaling group",
            "Dewi (fictional)",
            "Recreation and social support",
        )
        assert {m.key for m in group.members} == set(key.values())
        assert all(m.joined == date(2026, 11, 1) for m in group.members)
        (session,) = repo.records(GroupSession)
        assert (session.date, session.topic, session.materials) == (
            TODAY,
            "The lowest point of my life",
            "scissors, glue, newspaper clippings",
        )
        assert session.reflection == "# Turning point\nMA opened up after RS shared first."
        assert session.attendance == {
            key["DW"]: P,
            key["MA"]: L,
            key["P-01"]: A,
            key["P-02"]: E,
            key["RS"]: P,
            key["YT"]: P,
        }
        assert session.observation(key["MA"]) == Observation(
            key["MA"],
            engagement=4,
            emotions="anxious, relieved",
            support_given="hugged RS",
            support_received="a hug",
            note="opened up",
        )
        assert [(o.member, o.engagement) for o in session.observations] == [
            (key["DW"], 3),
            (key["MA"], 4),
            (key["RS"], 5),
        ]  # YT: nothing noted, no entry
        ma = repo.client_by_code("MA")
        (entry,) = [e for e in case_timeline(repo, ma.id) if e.kind == "group_session"]
        assert (entry.on, entry.title, entry.detail["attendance"], entry.detail["engagement"]) == (
            TODAY,
            "The lowest point of my life",
            "late",
            4,
        )


async def open_group(pilot: Pilot[object]) -> None:
    await open_groups(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GroupScreen)


def select_member(app: object, code: str) -> None:
    table = app.screen.query_one("#members", DataTable)
    table.focus()
    labels = [p.label for p in app.screen.people]
    table.move_cursor(row=labels.index(code))


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_member_who_left_is_not_on_a_later_sessions_grid(
    tmp_path: Path, language: str
) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        select_member(app, "RS")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, LeftFormScreen)
        await write(pilot, "left", "1/11/2026")  # RS came on 10 Nov: refused
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LeftFormScreen)
        assert WORDS[language]["attended_after"] in field_problem(app, "left")
        await write(pilot, "left", "12/11/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        await pilot.press("n")
        await pilot.pause()
        await write(pilot, "topic", "What I carry with me")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        labels = [p.label for p in app.screen.query_one(AttendanceGrid).people]
        assert labels == ["DW", "MA", "P-01", "P-02"]  # not RS (left), not YT (left before)
        await pilot.press("r", "ctrl+s")
        await settle(pilot)
        await pilot.press("escape")  # no observations this time
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        key = keys_by_code(repo)
        assert the_group(repo).member(key["RS"]).left == date(2026, 11, 12)
        latest = sessions(repo)[-1]
        assert latest.date == TODAY and set(latest.attendance) == {
            key["DW"],
            key["MA"],
            key["P-01"],
            key["P-02"],
        }
        assert latest.observations == []


@pytest.mark.parametrize("language", LANGUAGES)
async def test_attendance_summary_grid(tmp_path: Path, language: str) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    app = build_app(tmp_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceSummaryScreen)
        rows = [line.split() for line in screen_text(app).splitlines()]
        by_code = {row[0]: row[1:] for row in rows if row}
        assert by_code["DW"] == ["2/3", "67%", "◐", "○", "●"]
        assert by_code["MA"] == ["3/3", "100%", "●", "●", "●"]
        assert by_code["P-01"] == ["2/3", "67%", "✗", "●", "●"]
        assert by_code["P-02"] == ["2/2", "100%", "·", "●", "◐"]
        assert by_code["YT"] == ["1/2", "50%", "●", "✗", "·"]
        shown = screen_text(app)
        assert "15/09" in shown and "13/10" in shown and "10/11" in shown
        assert "10 Nov 2026: A letter to myself" in shown  # the session under the cursor
        assert WORDS[language]["not_recorded"] in shown  # the legend explains "?" and "·"
        await pilot.press("left", "enter")  # the middle session
        await settle(pilot)
        assert isinstance(app.screen, GroupSessionScreen)
        assert "The lowest point of my life" in screen_text(app)


async def test_adding_members_refuses_unknown_client_codes_and_clients_as_participants(
    tmp_path: Path,
) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    app = build_app(tmp_path, "id")
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        await add_member(pilot, "c", "ZZ")
        assert isinstance(app.screen, MemberFormScreen)
        assert WORDS["id"]["unknown"] in field_problem(app, "code")
        await pilot.press("escape")  # the form was changed: leaving it asks first
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        await add_member(pilot, "p", "MA")
        assert WORDS["id"]["is_client"] in field_problem(app, "code")
        await write(pilot, "code", "P-07")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        assert "P-07" in screen_text(app)
        select_member(app, "P-07")  # added by mistake, nothing recorded: may be removed
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        select_member(app, "MA")  # has attendance on record: must leave instead
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        assert any("tekan x" in n.text for n in app.notice_board.current())
        await pilot.press("enter")  # a client member opens their case
        await settle(pilot)
        assert isinstance(app.screen, ClientOverviewScreen) and app.screen.client.code == "MA"
        await pilot.press("escape")
        await settle(pilot)
        select_member(app, "P-01")  # known only by a code: there is no case to open
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, GroupFormScreen)
        await write(pilot, "name", "Kelompok jurnaling")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        assert "Kelompok: Kelompok jurnaling" in screen_text(app)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        assert the_group(repo).name == "Kelompok jurnaling"
        keys = {m.key for m in the_group(repo).members}
        assert "code:P-07" not in keys and keys_by_code(repo)["MA"] in keys


async def test_editing_a_session_then_deleting_it(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        await pilot.press("enter")  # the newest session: 10 Nov, attendance complete
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, GroupSessionFormScreen)
        await write(pilot, "topic", "A letter to my future self")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GroupSessionScreen)  # nothing more to take
        assert "A letter to my future self" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        await write(pilot, "date", "1/10/2026")  # YT still belonged then, unrecorded
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        grid = app.screen.query_one(AttendanceGrid)
        assert [p.label for p in grid.unmarked] == ["YT"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GroupSessionScreen)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        app.clear_notifications()  # "Session ... saved" may still be showing
        assert "A letter to my future self" not in screen_text(app)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        assert [s.topic for s in sessions(repo)] == [
            "Who I am today",
            "The lowest point of my life",
        ]


async def test_a_failed_save_keeps_the_marks_on_the_grid(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        app.screen.query_one("#sessions", DataTable).focus()
        await pilot.press("enter")  # the newest session
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("a", "a")  # DW and MA absent now

        def broken(record: object) -> object:
            raise OSError("disk unplugged")

        real_update = app.repository.update
        app.repository.update = broken  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        marks = app.screen.query_one(AttendanceGrid).marks
        assert list(marks.values())[:2] == [A, A]
        app.repository.update = real_update  # type: ignore[method-assign]
        await pilot.press("escape")  # changed: asks before throwing the marks away
        await pilot.pause()
        assert "Leave without saving?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)


async def test_marking_an_observed_participant_absent_asks_before_dropping(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        table.focus()
        table.move_cursor(row=1)  # 13 Oct, MA and RS observed
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        grid = app.screen.query_one(AttendanceGrid)
        grid.cursor = [p.label for p in grid.people].index("RS")
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert "RS no longer took part" in screen_text(app)
        await pilot.press("n")  # not now: nothing saved, the grid stays
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ObservationsScreen)
        assert [p.label for p in app.screen.query_one(EngagementList).people] == [
            "MA",
            "P-01",
            "P-02",
        ]
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        key = keys_by_code(repo)
        second = sessions(repo)[1]
        assert second.attendance[key["RS"]] is A
        assert [o.member for o in second.observations] == [key["MA"]]


async def test_a_long_roster_scrolls_with_the_cursor(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    with Vault.open(tmp_path / "case.vault", PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        group = repo.add(
            Group(
                name="Big group",
                members=[Member.for_code(f"P-{n:02d}", STARTED) for n in range(1, 31)],
            )
        )
        repo.add(GroupSession(group_id=group.id, date=TODAY, topic="Open circle"))
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        await pilot.press("enter", "a")  # the session's page, then its grid
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        assert "P-01" in screen_text(app) and "P-30" not in screen_text(app)
        await pilot.press("end", "a")  # the last row, marked absent, is in view
        await settle(pilot)
        assert "P-30" in screen_text(app) and "P-01" not in screen_text(app)
        await pilot.press("home", "r", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ObservationsScreen)
    vault, repo = open_repo(tmp_path / "case.vault")
    with vault:
        (session,) = repo.records(GroupSession)
        assert list(session.attendance.values()).count(P) == 29
        assert session.attendance["code:P-30"] is A


async def test_privacy_hides_the_observations_and_the_summary(tmp_path: Path) -> None:
    seed_vault(tmp_path / "case.vault", group_clients())
    seed_journaling_group(tmp_path / "case.vault")
    app = build_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot)
        app.screen.query_one("#sessions", DataTable).focus()
        await pilot.press("down", "enter")  # 13 Oct
        await settle(pilot)
        assert "words of encouragement" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        shown = screen_text(app)
        assert "words of encouragement" not in shown and "F2" in shown
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("escape", "s")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceSummaryScreen)
        assert "67%" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "67%" not in screen_text(app) and "F2" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "67%" in screen_text(app)
