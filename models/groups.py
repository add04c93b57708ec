"""Groups at work: who belongs on a date, taking attendance, and attendance summaries.

Everything here is plain Python on records (and, where codes are needed, a Repository),
so the group screens stay thin and the rules can be tested without a terminal.

A member belongs to a group from `joined` to `left` (both days included). A session's
roster is the members who belonged on its date, plus anyone whose attendance was
recorded for it (so a changed date or a changed membership never hides what was
recorded).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from .records import Attendance, Client, Group, GroupSession, Member, Observation, Problem
from .records.base import not_before
from .records.client import CODE_PATTERN
from .repository import Repository

# -- who is who ---------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """A member as the screens show them: by the client's code or the participant's."""

    member: Member
    label: str

    @property
    def key(self) -> str:
        return self.member.key

    @property
    def is_client(self) -> bool:
        return self.member.client_id is not None


def client_codes(repo: Repository) -> dict[int, str]:
    """Every client's code by id, closed cases too (a closed case's history stays)."""
    return {c.id: c.code for c in repo.records(Client) if c.id is not None}


def participant(member: Member, codes: Mapping[int, str]) -> Participant:
    if member.client_id is None:
        return Participant(member, member.code)
    return Participant(member, codes.get(member.client_id, f"#{member.client_id}"))


def participants(members: Iterable[Member], codes: Mapping[int, str]) -> list[Participant]:
    """Sorted by what the worker reads (the code), so a roster is quick to scan."""
    found = [participant(m, codes) for m in members]
    return sorted(found, key=lambda p: (p.label.upper(), p.key))


def roster(
    group: Group, day: date, codes: Mapping[int, str], session: GroupSession | None = None
) -> list[Participant]:
    """Who attendance is taken for on `day`: members then, and anyone already recorded."""
    recorded = set(session.attendance) if session else set()
    members = [m for m in group.members if m.active_on(day) or m.key in recorded]
    return participants(members, codes)


# -- changing membership ------------------------------------------------------------


def new_member(
    repo: Repository, group: Group, code: str, joined: date | None, *, client: bool
) -> tuple[Member | None, list[Problem]]:
    """The member to add for a typed code, or the problems (fields "code" and "joined").

    `client` says whether the code is one of this worker's clients; a code typed as an
    outside participant that belongs to a client is refused, so one person never ends up
    in the group twice under two keys.
    """
    problems: list[Problem] = []
    code = code.strip()
    if joined is None:
        problems.append(Problem("joined", "problem.required"))
    if not code:
        problems.append(Problem("code", "problem.required"))
        return None, problems
    found = repo.client_by_code(code)
    key: str | None = None
    if client:
        if found is None or found.id is None:
            problems.append(Problem("code", "problem.unknown_client_code", {"code": code}))
        else:
            key = f"client:{found.id}"
    elif not CODE_PATTERN.match(code):
        problems.append(Problem("code", "problem.code_format"))
    elif found is not None:
        problems.append(Problem("code", "problem.code_is_client", {"code": found.code}))
    else:
        key = Member.for_code(code, date.min).key  # the key as Member spells it
    if key is not None and group.member(key) is not None:
        problems.append(Problem("code", "problem.duplicate_member"))
    if problems or joined is None:
        return None, problems
    if client and found is not None and found.id is not None:
        return Member.for_client(found.id, joined), []
    return Member.for_code(code, joined), []


def with_member(group: Group, member: Member) -> Group:
    return replace(group, members=[*group.members, member])


def with_left(
    group: Group, key: str, left: date | None, sessions: Iterable[GroupSession] = ()
) -> tuple[Group, list[Problem]]:
    """The group with the member's leaving date set (None: still a member).

    A date before a session the member is recorded as attending is refused: the record
    would then say they took part in a group they had left.
    """
    member = group.member(key)
    if member is None:
        return group, [Problem("left", "problem.not_a_member")]
    problems: list[Problem] = []
    not_before(problems, "left", left, member.joined)
    if left is not None and not problems:
        attended = [
            s.date
            for s in sessions
            if s.date is not None
            and s.date > left
            and (status := s.attendance.get(key)) is not None
            and status.took_part
        ]
        if attended:
            problems.append(
                Problem("left", "problem.attended_after", {"date": max(attended).isoformat()})
            )
    members = [replace(m, left=left) if m.key == key else m for m in group.members]
    return replace(group, members=members), problems


def is_recorded(key: str, sessions: Iterable[GroupSession]) -> bool:
    """Whether any session holds attendance or an observation of the member."""
    return any(key in s.attendance or s.observation(key) for s in sessions)


def without_member(group: Group, key: str) -> Group:
    """For a member added by mistake; one with a recorded history should leave instead."""
    return replace(group, members=[m for m in group.members if m.key != key])


# -- sessions -----------------------------------------------------------------------


def sessions_of(repo: Repository, group_id: int) -> list[GroupSession]:
    """The group's sessions, oldest first (ties by the order they were entered)."""
    return sorted(
        repo.records(GroupSession, group_id=group_id), key=lambda s: (s.date or date.min, s.id or 0)
    )


def attendance_complete(session: GroupSession, people: Iterable[Participant]) -> bool:
    return all(p.key in session.attendance for p in people)


def with_attendance(
    session: GroupSession, marks: Mapping[str, Attendance | None]
) -> tuple[GroupSession, list[Observation]]:
    """The session with the marks taken, and the observations that no longer fit.

    An observation is only kept for someone who took part (present or late); if the
    worker now marks them excused or absent, the caller asks before dropping it.
    """
    attendance = {key: status for key, status in marks.items() if status is not None}
    kept: list[Observation] = []
    dropped: list[Observation] = []
    for observation in session.observations:
        status = attendance.get(observation.member)
        (kept if status is not None and status.took_part else dropped).append(observation)
    return replace(session, attendance=attendance, observations=kept), dropped


def took_part(session: GroupSession, people: Iterable[Participant]) -> list[Participant]:
    """Who can be observed: the participants present or late."""
    return [
        p
        for p in people
        if (status := session.attendance.get(p.key)) is not None and status.took_part
    ]


def is_blank(observation: Observation) -> bool:
    return observation.engagement is None and not any(
        (
            observation.emotions,
            observation.support_given,
            observation.support_received,
            observation.note,
        )
    )


# -- summaries ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One member at one session: the recorded status, and whether they belonged then."""

    status: Attendance | None
    member: bool


@dataclass(frozen=True)
class MemberAttendance:
    participant: Participant
    cells: tuple[Cell, ...]  # one per session of the summary, oldest first

    @property
    def attended(self) -> int:
        return sum(1 for c in self.cells if c.status is not None and c.status.took_part)

    @property
    def recorded(self) -> int:
        return sum(1 for c in self.cells if c.status is not None)

    @property
    def rate(self) -> float | None:
        """Present or late out of the sessions attendance was recorded for them."""
        return self.attended / self.recorded if self.recorded else None


@dataclass(frozen=True)
class AttendanceSummary:
    group: Group
    sessions: tuple[GroupSession, ...]  # oldest first
    rows: tuple[MemberAttendance, ...]

    def attended_at(self, index: int) -> int:
        """How many took part in the session at `index`."""
        return sum(
            1
            for row in self.rows
            if (status := row.cells[index].status) is not None and status.took_part
        )


def summarize(
    group: Group, sessions: Iterable[GroupSession], codes: Mapping[int, str]
) -> AttendanceSummary:
    dated = tuple(
        sorted(
            (s for s in sessions if s.date is not None),
            key=lambda s: (s.date or date.min, s.id or 0),
        )
    )
    rows = tuple(
        MemberAttendance(
            person,
            tuple(
                Cell(s.attendance.get(person.key), person.member.active_on(s.date or date.min))
                for s in dated
            ),
        )
        for person in participants(group.members, codes)
    )
    return AttendanceSummary(group, dated, rows)


def attendance_summary(repo: Repository, group: Group) -> AttendanceSummary:
    return summarize(group, sessions_of(repo, group.id or 0), client_codes(repo))


@dataclass(frozen=True)
class ClientGroupAttendance:
    """One client's attendance in one group, for the client's overview."""

    group: Group
    statuses: tuple[Attendance, ...]  # recorded sessions, oldest first
    left: date | None

    @property
    def attended(self) -> int:
        return sum(1 for s in self.statuses if s.took_part)

    @property
    def recorded(self) -> int:
        return len(self.statuses)

    @property
    def rate(self) -> float | None:
        return self.attended / self.recorded if self.recorded else None


def client_group_attendance(repo: Repository, client_id: int) -> list[ClientGroupAttendance]:
    """Each group the client belongs or belonged to, by group name."""
    key = f"client:{client_id}"
    statuses: dict[int, list[Attendance]] = {}
    for group, session in repo.group_sessions_with(client_id):  # oldest first
        if (status := session.attendance.get(key)) is not None:
            statuses.setdefault(group.id or 0, []).append(status)
    found: list[ClientGroupAttendance] = []
    for group in sorted(repo.records(Group), key=lambda g: (g.name.upper(), g.id or 0)):
        member = group.member(key)
        if member is not None:
            found.append(
                ClientGroupAttendance(group, tuple(statuses.get(group.id or 0, ())), member.left)
            )
    return found


@dataclass(frozen=True)
class GroupRow:
    """A group as the list of groups shows it."""

    group: Group
    members_now: int
    sessions: int
    last_session: date | None


def group_rows(repo: Repository) -> list[GroupRow]:
    today = repo.today()
    sessions: dict[int, list[date]] = {}
    for session in repo.records(GroupSession):
        if session.date is not None:
            sessions.setdefault(session.group_id, []).append(session.date)
    rows = [
        GroupRow(
            g,
            len(g.members_on(today)),
            len(sessions.get(g.id or 0, [])),
            max(sessions.get(g.id or 0, []), default=None),
        )
        for g in repo.records(Group)
    ]
    return sorted(rows, key=lambda r: (r.group.name.upper(), r.group.id or 0))


__all__ = [
    "AttendanceSummary",
    "Cell",
    "ClientGroupAttendance",
    "GroupRow",
    "MemberAttendance",
    "Participant",
    "attendance_complete",
    "attendance_summary",
    "client_codes",
    "client_group_attendance",
    "group_rows",
    "is_blank",
    "is_recorded",
    "new_member",
    "participant",
    "participants",
    "roster",
    "sessions_of",
    "summarize",
    "took_part",
    "with_attendance",
    "with_left",
    "with_member",
    "without_member",
]
