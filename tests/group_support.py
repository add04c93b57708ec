"""A fictional journaling group for the group tests (DOMAIN.md): six participants, four
of them clients of this worker (MA, RS, DW, YT) and two known only by a code (P-01,
P-02). Every code, date and story here is invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app_support import PASSPHRASE, TODAY, fictional_ma
from models.records import Attendance, Client, Group, GroupSession, Member, Observation
from models.repository import Repository
from models.vault import Vault

P, L, E, A = Attendance.PRESENT, Attendance.LATE, Attendance.EXCUSED, Attendance.ABSENT
STARTED = date(2026, 9, 1)
YT_LEFT = date(2026, 10, 20)
P02_JOINED = date(2026, 10, 1)
SESSION_DAYS = (date(2026, 9, 15), date(2026, 10, 13), date(2026, 11, 10))


def group_clients() -> list[Client]:
    others = [Client(code=code, first_contact=date(2026, 8, 3)) for code in ("RS", "DW", "YT")]
    return [fictional_ma(), *others]


def keys_by_code(repo: Repository) -> dict[str, str]:
    """ "MA" -> "client:1", "P-01" -> "code:P-01": the member keys by what is shown."""
    found = {c.code: f"client:{c.id}" for c in repo.clients(include_closed=True)}
    found.update({"P-01": "code:P-01", "P-02": "code:P-02"})
    return found


def seed_journaling_group(path: Path) -> None:
    """The group with three past sessions; YT left after the second, P-02 joined late."""
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        key = keys_by_code(repo)
        members = [
            Member.for_client(int(key[c].split(":")[1]), STARTED) for c in ("MA", "RS", "DW", "YT")
        ]
        members[3].left = YT_LEFT
        members += [Member.for_code("P-01", STARTED), Member.for_code("P-02", P02_JOINED)]
        group = repo.add(
            Group(
                name="Journaling group",
                facilitator="Dewi (fictional)",
                purpose="Recreation and social support through expressive writing.",
                members=members,
            )
        )
        first, second, third = SESSION_DAYS
        repo.add(
            GroupSession(
                group_id=group.id,
                date=first,
                topic="Who I am today",
                activity="Write three words about yourself",
                materials="notebooks, pens",
                attendance={key["MA"]: P, key["RS"]: P, key["DW"]: L, key["YT"]: P, key["P-01"]: A},
                observations=[Observation(key["MA"], engagement=2, emotions="hesitant, anxious")],
            )
        )
        repo.add(
            GroupSession(
                group_id=group.id,
                date=second,
                topic="The lowest point of my life",
                activity="Write down the lowest point of your life and decorate it, then tell "
                "the group.",
                materials="paper, scissors, glue, newspaper clippings, origami paper",
                reflection="# A turning point\nMA opened up after RS shared first.",
                attendance={
                    key["MA"]: P,
                    key["RS"]: L,
                    key["DW"]: E,
                    key["YT"]: A,
                    key["P-01"]: P,
                    key["P-02"]: P,
                },
                observations=[
                    Observation(
                        key["MA"],
                        engagement=4,
                        emotions="anxious, then relieved",
                        support_given="hugged RS",
                        support_received="words of encouragement",
                        note="more confident at the end",
                    ),
                    Observation(key["RS"], engagement=5, emotions="sad, then calm"),
                ],
            )
        )
        repo.add(
            GroupSession(
                group_id=group.id,
                date=third,
                topic="A letter to myself",
                materials="paper, envelopes",
                attendance={
                    key["MA"]: P,
                    key["RS"]: P,
                    key["DW"]: P,
                    key["P-01"]: P,
                    key["P-02"]: L,
                },
            )
        )
