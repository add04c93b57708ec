"""Attendance: the grid it is taken on, and how it is written everywhere else.

Each status has a symbol as well as a word (● present, ◐ late, ○ excused, ✗ absent), so
it reads on a 16-colour or monochrome terminal; colour only adds to them. In summaries
"·" marks a session the person was not a member for, and "?" one they were a member for
but no attendance was recorded.

The grid: ↑/↓ move; p, l, e, a set present, late, excused, absent and move down;
r marks everyone still unmarked present; Backspace clears a row. A roster of six is
taken in a few keystrokes: `r` when all came, or `p p l a r`.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from models.groups import Cell, Participant, client_group_attendance
from models.records import Attendance
from models.repository import Repository

from ..i18n import format_date, label, t
from .roster import RosterList

SYMBOLS: dict[Attendance, str] = {
    Attendance.PRESENT: "●",
    Attendance.LATE: "◐",
    Attendance.EXCUSED: "○",
    Attendance.ABSENT: "✗",
}
NOT_MEMBER = "·"
NOT_RECORDED = "?"
# Colours of the 16-colour palette, on top of the symbols (never instead of them).
STYLES: dict[Attendance, str] = {
    Attendance.PRESENT: "green",
    Attendance.LATE: "yellow",
    Attendance.EXCUSED: "cyan",
    Attendance.ABSENT: "red",
}
# The letter that marks each status on the grid, shown beside its symbol under the grid.
MARK_LETTERS: dict[Attendance, str] = {
    Attendance.PRESENT: "p",
    Attendance.LATE: "l",
    Attendance.EXCUSED: "e",
    Attendance.ABSENT: "a",
}
_MARK_DESCRIPTIONS: dict[Attendance, str] = {
    Attendance.PRESENT: "key.mark_present",
    Attendance.LATE: "key.mark_late",
    Attendance.EXCUSED: "key.mark_excused",
    Attendance.ABSENT: "key.mark_absent",
}
REST_LETTER = "r"
# How many of a client's latest sessions their overview line shows as symbols.
RECENT_SESSIONS = 8


def status_text(status: Attendance | None) -> Text:
    """ "● Present", or a muted "not marked" (aligned under the words) for no mark yet."""
    if status is None:
        return Text("  " + t("attendance.unmarked"), style="dim")
    return Text(f"{SYMBOLS[status]} {label(status)}", style=STYLES[status])


def cell_text(cell: Cell) -> Text:
    if cell.status is not None:
        return Text(SYMBOLS[cell.status], style=STYLES[cell.status])
    return Text(NOT_RECORDED if cell.member else NOT_MEMBER, style="dim")


def percent(rate: float) -> str:
    return f"{round(rate * 100)}%"


def rate_text(attended: int, recorded: int) -> str:
    """ "4/5 80%": took part out of the sessions recorded for them."""
    if not recorded:
        return "—"
    return f"{attended}/{recorded} {percent(attended / recorded)}"


def legend(*, summary: bool = False, keys: bool = False) -> Text:
    """What the symbols mean; with `keys`, the grid's key for each one in front of it."""
    text = Text()
    for status, symbol in SYMBOLS.items():
        if keys:
            text.append(f"{MARK_LETTERS[status]} ", style="bold")
        text.append(symbol, style=STYLES[status])
        text.append(f" {label(status)}  ")
    if keys:
        text.append(f"{REST_LETTER} ", style="bold")
        text.append(t("attendance.rest_present"))
    if summary:
        text.append(f"{NOT_MEMBER} {t('attendance.not_member')}  ")
        text.append(f"{NOT_RECORDED} {t('attendance.not_recorded')}")
    return text


def counts_text(marks: Mapping[str, Attendance | None]) -> str:
    """ "● 3 · ◐ 1 · ○ 0 · ✗ 1 · not marked 1", for the line above the grid."""
    values = list(marks.values())
    parts = [f"{symbol} {values.count(status)}" for status, symbol in SYMBOLS.items()]
    parts.append(t("attendance.unmarked_count", count=values.count(None)))
    return " · ".join(parts)


def kind_text(person: Participant) -> str:
    return t("groups.kind.client") if person.is_client else t("groups.kind.participant")


class AttendanceGrid(RosterList):
    """One row per participant on the session's roster."""

    # The four marking keys are explained under the grid, beside their symbols, so the
    # footer keeps room for r and Ctrl+S at 80 columns.
    BINDINGS = [
        *(
            Binding(
                key,
                f"mark('{status.value}')",
                _MARK_DESCRIPTIONS[status],
                id=f"attendance.{status.value}",
                show=False,
            )
            for status, key in MARK_LETTERS.items()
        ),
        Binding(REST_LETTER, "rest_present", "key.rest_present", id="attendance.rest"),
        Binding("backspace,delete", "clear", "key.clear_mark", id="attendance.clear", show=False),
    ]

    class Changed(Message):
        def __init__(self, grid: AttendanceGrid) -> None:
            super().__init__()
            self.grid = grid

    def __init__(
        self, people: list[Participant], marks: Mapping[str, Attendance | None], **kwargs: object
    ) -> None:
        super().__init__(people, **kwargs)
        self.marks: dict[str, Attendance | None] = {p.key: marks.get(p.key) for p in people}

    @property
    def unmarked(self) -> list[Participant]:
        return [p for p in self.people if self.marks[p.key] is None]

    def row_text(self, index: int, person: Participant) -> Text:
        line = Text(person.label.ljust(self.label_width), style="bold")
        line.append(kind_text(person).ljust(14), style="dim")
        line.append_text(status_text(self.marks[person.key]))
        return line

    def _changed(self) -> None:
        self.refresh()
        self.post_message(self.Changed(self))

    def action_mark(self, value: str) -> None:
        person = self.current
        if person is None:
            return
        self.marks[person.key] = Attendance(value)
        self._changed()
        self.advance()

    def action_rest_present(self) -> None:
        for person in self.unmarked:
            self.marks[person.key] = Attendance.PRESENT
        self._changed()

    def action_clear(self) -> None:
        person = self.current
        if person is not None:
            self.marks[person.key] = None
            self._changed()


def client_attendance_text(repo: Repository, client_id: int) -> str:
    """The client's group attendance in a line, for their overview; "" if in no group.

    "Journaling group: 4 of 5 sessions (80%) ●●◐✗●" per group, the latest sessions as
    symbols, and the date the client left if they did.
    """
    parts: list[str] = []
    for item in client_group_attendance(repo, client_id):
        text = t(
            "attendance.client_line",
            group=item.group.name,
            attended=item.attended,
            total=item.recorded,
        )
        if item.rate is not None:
            recent = "".join(SYMBOLS[s] for s in item.statuses[-RECENT_SESSIONS:])
            text += f" ({percent(item.rate)}) {recent}"
        if item.left is not None:
            text += " " + t("attendance.left_on", date=format_date(item.left))
        parts.append(text)
    return "; ".join(parts)
