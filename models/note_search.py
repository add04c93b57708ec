"""Searching the session notes as the worker types: every word, in the body or an
addendum, with the notes case-folded once per search screen."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .records import SessionNote
from .repository import Repository, locked
from .serialize import from_doc


class NoteIndex:
    """The notes as a search reads them (date, client, case-folded text), kept between the
    queries of one search screen and rebuilt when the stored notes change.

    It holds a folded copy of every note (megabytes, for years of notes): keep it only
    while searching.
    """

    def __init__(self) -> None:
        self._revision: object = None
        self.entries: list[tuple[str, Any, int, str]] = []  # date, client id, id, text

    def refresh(self, repo: Repository, docs: Mapping[str, Mapping[str, Any]]) -> None:
        revision = repo.revision
        if revision is not None and revision == self._revision:
            return
        self._revision = revision
        self.entries = [
            (doc.get("date") or "", doc.get("client_id"), int(doc_id), _note_text(doc).casefold())
            for doc_id, doc in docs.items()
        ]


def _note_text(doc: Mapping[str, Any]) -> str:
    body = str(doc.get("body", ""))
    if addenda := doc.get("addenda"):
        return " ".join([body] + [f"{a.get('reason', '')} {a.get('text', '')}" for a in addenda])
    return body


@locked
def search_notes(
    repo: Repository,
    words: str = "",
    *,
    client_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 200,
    index: NoteIndex | None = None,
) -> list[SessionNote]:
    """Notes with every word (in the body or an addendum), newest first.

    Reads raw documents and builds records only for matches, so searching years of
    notes answers while the worker types. A search screen passes an `index` it keeps
    while open, so each note is case-folded once, not on every key.
    """
    index = index or NoteIndex()
    stored = repo.stored_documents(SessionNote)
    index.refresh(repo, stored)
    needles = [w.casefold() for w in words.split()]
    low = date_from.isoformat() if date_from else ""
    high = date_to.isoformat() if date_to else "9999"
    found = [
        entry
        for entry in index.entries
        if (client_id is None or entry[1] == client_id)
        and low <= entry[0] <= high
        and all(needle in entry[3] for needle in needles)
    ]
    found.sort(key=lambda entry: entry[:3:2], reverse=True)  # newest, then latest id
    return [
        from_doc(SessionNote, stored[str(doc_id)], id=doc_id) for _, _, doc_id, _ in found[:limit]
    ]
