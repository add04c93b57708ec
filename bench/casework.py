"""Fictional casework of any size, for the benchmarks: clients, their assessments and
questionnaires, session notes of about 1.5 KB, and group sessions, in proportion.

Every name and word is invented; nothing here is anyone's data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from models.container import DEFAULT_KDF, KdfParams
from models.records import (
    Administration,
    Assessment,
    Client,
    Group,
    GroupSession,
    Member,
    SessionNote,
)
from models.repository import Repository
from models.vault import Vault

PASSPHRASE = "kopi manis di pagi hari"
NOTES_PER_CLIENT = 25
NOTES_PER_GROUP_SESSION = 50
WORDS = (
    "klien merasa lebih tenang setelah sesi jurnaling kelompok dan mulai bercerita tentang "
    "pekerjaan sebagai guru les yang melelahkan rencana menabung untuk hari tua teman "
    "baru di kelompok dukungan sebaya minum obat teratur kontrol ke puskesmas bulan depan "
    "the client felt calmer after the group session and talked about work and family"
).split()
FIRST_DAY = date(2019, 1, 7)


def text(rng: random.Random, length: int) -> str:
    words: list[str] = []
    size = 0
    while size < length:
        words.append(rng.choice(WORDS))
        size += len(words[-1]) + 1
    return " ".join(words)


def note_for(rng: random.Random, client_id: int, number: int) -> SessionNote:
    return SessionNote(
        client_id=client_id,
        date=FIRST_DAY + timedelta(days=number % 2500),
        duration_minutes=60,
        body=text(rng, 1500),
    )


def build_vault(path: Path, notes: int, kdf: KdfParams = DEFAULT_KDF) -> Path:
    """A vault holding `notes` session notes and everything in proportion to them."""
    rng = random.Random(notes)
    clients = max(1, notes // NOTES_PER_CLIENT)
    with Vault.create(path, PASSPHRASE, kdf=kdf) as vault:
        repo = Repository(vault.db, today=lambda: date(2026, 11, 28))
        with vault.batch():
            ids = []
            for number in range(clients):
                client = repo.add(
                    Client(
                        code=f"K{number:04d}",
                        birth_year=1970 + number % 35,
                        first_contact=FIRST_DAY + timedelta(days=number),
                    )
                )
                ids.append(client.id or 0)
                repo.add(
                    Assessment(
                        client_id=client.id or 0,
                        date=FIRST_DAY + timedelta(days=number + 14),
                        problem_statement=text(rng, 300),
                        strengths=text(rng, 200),
                        needs=text(rng, 200),
                    )
                )
                for instrument, items in (("phq9", 9), ("gad7", 7)):
                    repo.add(
                        Administration(
                            client_id=client.id or 0,
                            instrument=instrument,
                            date=FIRST_DAY + timedelta(days=number + 14),
                            answers=[rng.randint(0, 2) for _ in range(items)],
                        )
                    )
            for number in range(notes):
                repo.add(note_for(rng, ids[number % clients], number))
            group = repo.add(
                Group(
                    name="Kelompok jurnal",
                    members=[
                        Member(key=f"client:{i}", joined=FIRST_DAY, client_id=i) for i in ids[:12]
                    ],
                )
            )
            for number in range(max(1, notes // NOTES_PER_GROUP_SESSION)):
                repo.add(
                    GroupSession(
                        group_id=group.id or 0,
                        date=FIRST_DAY + timedelta(days=7 * number),
                        topic="jurnal",
                        reflection=text(rng, 600),
                    )
                )
    return path
