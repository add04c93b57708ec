"""Searching notes: every word, case-insensitive, in the body or an addendum, newest
first; with an index kept between queries that never answers from stale text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from conftest import today
from models.note_search import NoteIndex, search_notes
from models.records import Client, SessionNote
from models.repository import Repository


def bodies(notes: list[SessionNote]) -> list[str]:
    return [n.body for n in notes]


def test_every_word_any_case_newest_first(repo: Repository) -> None:
    ma = repo.add(Client(code="MA", first_contact=date(2026, 3, 2)))
    nb = repo.add(Client(code="NB", first_contact=date(2026, 3, 2)))
    repo.add(
        SessionNote(client_id=ma.id or 0, date=date(2026, 3, 9), body="Jurnal: titik terendah")
    )
    repo.add(SessionNote(client_id=ma.id or 0, date=date(2026, 4, 6), body="jurnal kelompok"))
    repo.add(SessionNote(client_id=nb.id or 0, date=date(2026, 4, 1), body="JURNAL pribadi"))
    assert bodies(search_notes(repo, "jurnal")) == [
        "jurnal kelompok",
        "JURNAL pribadi",
        "Jurnal: titik terendah",
    ]
    assert bodies(search_notes(repo, "JURNAL Terendah")) == ["Jurnal: titik terendah"]
    assert bodies(search_notes(repo, "jurnal", client_id=nb.id)) == ["JURNAL pribadi"]
    assert bodies(
        search_notes(repo, "jurnal", date_from=date(2026, 4, 1), date_to=date(2026, 4, 5))
    ) == ["JURNAL pribadi"]
    assert search_notes(repo, "nowhere") == []


def test_a_kept_index_sees_every_change(repo: Repository) -> None:
    ma = repo.add(Client(code="MA", first_contact=date(2026, 3, 2)))
    index = NoteIndex()
    note = repo.add(SessionNote(client_id=ma.id or 0, date=today(), body="first words"))
    assert bodies(search_notes(repo, "first", index=index)) == ["first words"]

    note = repo.update(replace(note, body="second words"))
    assert search_notes(repo, "first", index=index) == []
    assert bodies(search_notes(repo, "second", index=index)) == ["second words"]

    signed = repo.sign_note(note.id or 0, by="worker")
    repo.add_addendum(signed.id or 0, reason="typo", text="meant Tuesday")
    assert bodies(search_notes(repo, "tuesday", index=index)) == ["second words"]

    added = repo.add(SessionNote(client_id=ma.id or 0, date=today(), body="third words"))
    assert len(search_notes(repo, "words", index=index)) == 2
    repo.delete(SessionNote, added.id or 0)
    assert bodies(search_notes(repo, "words", index=index)) == ["second words"]
