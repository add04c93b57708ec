"""Case transfer between two vaults (new ids, nothing overwritten, only the client's own
group work) and the before/after comparison used at termination."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app_support import (
    FAST,
    PASSPHRASE,
    TODAY,
    fictional_ma,
    seed_ma_assessment,
    seed_ma_intervention,
    seed_vault,
)
from documents.casework import note_markdown
from models.backup import seal_bundle
from models.container import FileKind
from models.errors import NotAVault, VaultExists, WrongPassphrase
from models.progress import score_changes
from models.records import (
    Attendance,
    Client,
    Group,
    GroupSession,
    JournalEntry,
    Member,
    Observation,
    Reflection,
    SessionNote,
)
from models.repository import Repository
from models.transfer import case_tables, export_case, import_case, read_case
from models.vault import Vault
from tui import i18n
from tui.rendering import app_rendering

BUNDLE_PASS = "a phrase for the handover"


def open_repo(path: Path) -> tuple[Vault, Repository]:
    vault = Vault.open(path, PASSPHRASE)
    return vault, Repository(vault.db, today=lambda: TODAY)


@pytest.fixture
def sender(tmp_path: Path) -> Path:
    path = tmp_path / "sender.vault"
    seed_vault(path, [fictional_ma(), Client(code="RS", first_contact=date(2026, 2, 1))])
    seed_ma_assessment(path)
    seed_ma_intervention(path)
    vault, repo = open_repo(path)
    with vault:
        ma, rs = repo.client_by_code("MA"), repo.client_by_code("RS")
        group = repo.add(
            Group(
                name="Journaling group",
                facilitator="Dewi (fictional)",
                members=[
                    Member.for_client(ma.id, date(2026, 4, 1)),
                    Member.for_client(rs.id, date(2026, 4, 1)),
                    Member.for_code("P-01", date(2026, 4, 1)),
                ],
            )
        )
        session = repo.add(
            GroupSession(
                group_id=group.id,
                date=date(2026, 4, 11),
                topic="The lowest point",
                reflection="RS and P-01 (Eka) supported each other when the room went quiet.",
                attendance={
                    f"client:{ma.id}": Attendance.PRESENT,
                    f"client:{rs.id}": Attendance.PRESENT,
                    "code:P-01": Attendance.LATE,
                },
                observations=[
                    Observation(
                        member=f"client:{ma.id}",
                        engagement=4,
                        emotions="relief",
                        note="hesitant, then opened up after RS and P-01 did",
                    ),
                    Observation(member=f"client:{rs.id}", engagement=2, note="RS's own story"),
                ],
            )
        )
        repo.save_journal_entries(
            [
                JournalEntry(
                    member=f"client:{ma.id}",
                    client_id=ma.id,
                    in_collection=True,
                    group_session_id=session.id,
                    date=session.date,
                    prompt=session.topic,
                    text="MA's page about the bus ride.",
                ),
                JournalEntry(
                    member=f"client:{rs.id}",
                    client_id=rs.id,
                    in_collection=True,
                    group_session_id=session.id,
                    date=session.date,
                    text="RS's own page.",
                ),
            ]
        )
        note = repo.notes_of(ma.id)[0]
        repo.add(
            Reflection(client_id=ma.id, date=date(2026, 4, 20), body="On her note", note_id=note.id)
        )
        repo.add(
            Reflection(
                client_id=ma.id,
                date=date(2026, 4, 12),
                body="On the session",
                group_session_id=session.id,
            )
        )
    return path


def test_a_bundle_holds_nothing_of_another_client(sender: Path, tmp_path: Path) -> None:
    """Decoded with the documented API: no other member's code, id or words, and nothing
    written about the group as a whole (the facilitator's reflection)."""
    import json
    import re

    bundle = tmp_path / "ma.pcase"
    vault, repo = open_repo(sender)
    with vault:
        ma, rs = repo.client_by_code("MA"), repo.client_by_code("RS")
        code = export_case(repo, ma.id, bundle, kdf=FAST).code
    tables = read_case(bundle, code)["tables"]
    text = json.dumps(tables, ensure_ascii=False)
    for other in (
        f"client:{rs.id}",
        "code:P-01",
        "P-01",
        "Eka",
        "supported each other",
        "RS's own",
        "RS and",
    ):
        assert other not in text, other
    assert not re.search(r"\bRS\b", text)
    # Her own observation named them: kept, with their codes taken out.
    assert "opened up after […] and […] did" in text
    assert set(tables) >= {"clients", "groups", "group_sessions", "journal_entries"}
    (session,) = tables["group_sessions"].values()
    assert session["reflection"] == "" and list(session["attendance"]) == [f"client:{ma.id}"]
    (group,) = tables["groups"].values()
    assert [m["key"] for m in group["members"]] == [f"client:{ma.id}"]
    assert list(tables["clients"]) == [str(ma.id)]


def test_a_case_moves_to_another_vault_with_new_ids(sender: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "ma.pcase"
    vault, repo = open_repo(sender)
    with vault:
        ma = repo.client_by_code("MA")
        sent_notes = [n.body for n in repo.notes_of(ma.id)]
        sent_signed = [n.signed_by for n in repo.notes_of(ma.id) if n.is_signed]
        code = export_case(repo, ma.id, bundle, kdf=FAST).code
    assert sent_signed == ["Dewi (fictional)"]
    assert len(code) == 39 and code.count("-") == 7  # generated, read out like a recovery key
    data = bundle.read_bytes()
    assert b"RS's own story" not in data and b"hesitant" not in data  # encrypted at all
    # The receiver already has a client MA, and records whose ids would collide.
    receiver = tmp_path / "receiver.vault"
    seed_vault(
        receiver,
        [
            Client(code="MA", first_contact=date(2025, 1, 1)),
            Client(code="BR", first_contact=date(2025, 1, 1)),
        ],
    )
    vault, repo = open_repo(receiver)
    with vault:
        own = repo.client_by_code("MA")
        repo.add(SessionNote(client_id=own.id, date=date(2025, 2, 1), body="receiver's note"))
        before = {c.code: c for c in repo.clients(include_closed=True)}
        summary = import_case(repo, read_case(bundle, code.lower().replace("-", " ")))
        assert summary.renamed and summary.code == "MA-2"
        assert summary.counts["notes"] == 2 and summary.counts["group_sessions"] == 1
        # Nothing of the receiver's was overwritten.
        assert repo.get(Client, own.id) == before["MA"]
        assert [n.body for n in repo.notes_of(own.id)] == ["receiver's note"]
        moved = repo.client_by_code("MA-2")
        assert moved.id not in (before["MA"].id, before["BR"].id)
        assert [n.body for n in repo.notes_of(moved.id)] == sent_notes
        # A signature came along as the file says it: shown as imported, not verified.
        imported = repo.notes_of(moved.id)
        assert [(n.signed_by, n.signature_imported) for n in imported if n.is_signed] == [
            ("Dewi (fictional)", True)
        ]
        assert not any(n.signature_imported for n in imported if not n.is_signed)
        signed = next(n for n in imported if n.is_signed)
        i18n.use_language("en")
        # In the note, and in every report.
        assert "not verified" in note_markdown(signed, app_rendering())
        assert repo.plan_of(moved.id).goals[0].title == "Join the journaling group"
        assert len(repo.life_events_of(moved.id)) == 6 and len(repo.relations_of(moved.id)) == 5
        # Only MA's own group work came along, re-linked to her new id.
        ((group, session),) = repo.group_sessions_with(moved.id)
        assert [m.key for m in group.members] == [f"client:{moved.id}"]
        assert session.attendance == {f"client:{moved.id}": Attendance.PRESENT}
        assert [o.note for o in session.observations] == [
            "hesitant, then opened up after […] and […] did"
        ]
        # Her journal entry came along, tied to the imported session; RS's did not.
        (entry,) = repo.journal_entries_of(moved.id)
        assert entry.text == "MA's page about the bus ride." and entry.in_collection
        assert (entry.group_session_id, entry.member) == (session.id, f"client:{moved.id}")
        assert all("RS's own page" not in e.text for e in repo.records(JournalEntry))
        # Reflections point at the imported note and session, not at old ids.
        reflections = {r.body: r for r in repo.reflections_of(moved.id)}
        assert reflections["On her note"].note_id in {n.id for n in repo.notes_of(moved.id)}
        assert reflections["On the session"].group_session_id == session.id
    # And it all survives a reopen.
    vault, repo = open_repo(receiver)
    with vault:
        assert len(repo.notes_of(repo.client_by_code("MA-2").id)) == 2


def test_a_wrong_passphrase_or_a_backup_is_refused(sender: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "ma.pcase"
    vault, repo = open_repo(sender)
    with vault:
        code = export_case(repo, repo.client_by_code("MA").id, bundle, kdf=FAST).code
        with pytest.raises(VaultExists):
            export_case(repo, repo.client_by_code("MA").id, bundle, kdf=FAST)
    with pytest.raises(WrongPassphrase):
        read_case(bundle, "not the phrase at all")
    other = "A" * 4 + "-" + "-".join(code.split("-")[1:])
    with pytest.raises(WrongPassphrase):
        read_case(bundle, other if other != code else "B" + code[1:])
    with pytest.raises(NotAVault):
        read_case(sender, PASSPHRASE)


def test_a_bundle_from_an_earlier_release_opens_with_its_passphrase(
    sender: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "old.pcase"
    vault, repo = open_repo(sender)
    with vault:
        tables = case_tables(repo, repo.client_by_code("MA").id)
    body = {"format": "pendamping-case", "made_at": "2026-11-01T09:00:00+07:00", "tables": tables}
    bundle.write_bytes(seal_bundle(body, BUNDLE_PASS, FileKind.CASE_BUNDLE, FAST))
    assert read_case(bundle, BUNDLE_PASS)["tables"] == tables


def test_before_and_after_scores(tmp_path: Path) -> None:
    path = tmp_path / "case.vault"
    seed_vault(path, [fictional_ma()])
    seed_ma_assessment(path)
    vault, repo = open_repo(path)
    with vault:
        ma = repo.client_by_code("MA")
        only_baseline = {c.instrument.id: c for c in score_changes(repo, ma.id)}
        assert only_baseline["phq9"].latest is None
        assert only_baseline["phq9"].direction == "none"
        repo.record_administration(ma.id, "phq9", date(2026, 11, 14), [1, 0, 1, 0, 0, 1, 1, 0, 0])
        repo.record_administration(ma.id, "gad7", date(2026, 11, 14), [2, 2, 2, 1, 1, 1, 1])
        changes = {c.instrument.id: c for c in score_changes(repo, ma.id)}
        phq9, gad7 = changes["phq9"], changes["gad7"]
        assert (phq9.baseline.total, phq9.latest.total, phq9.change) == (11, 4, -7)
        assert (phq9.band_before.key, phq9.band_after.key, phq9.direction) == (
            "moderate",
            "minimal",
            "better",
        )
        assert (gad7.change, gad7.direction, gad7.band_after.key) == (1, "worse", "moderate")
