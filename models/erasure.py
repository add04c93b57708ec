"""Erasing a client (the right to erasure, UU No. 27 Tahun 2022): from the vault and from
every copy Pendamping keeps.

Deleting a client removes their records in one save, but a save appends to the vault's
journal, so the file still held the earlier frames, and the kept generations (the vault
as it was at the start of earlier sessions) held the client whole. Erasing writes the
vault anew and rewrites each generation without the client. What Pendamping cannot reach
is said instead: backups made earlier, and free text elsewhere that names the client's
code (a group session's reflection, another client's note), listed for the worker to
review rather than changed behind their back.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .migrations import in_memory
from .records import Client
from .repository import RecordMissing, Repository
from .snippets import around_match
from .vault import Tables, Vault


@dataclass(frozen=True)
class Mention:
    """Free text that still names the erased client's code."""

    table: str  # which kind of record ("group_sessions", "notes", ...)
    record_id: int
    day: str  # the record's date, as stored ("2026-04-11"), or ""
    excerpt: str  # the words around the code


@dataclass(frozen=True)
class Erasure:
    code: str
    generations: int  # kept earlier versions of the vault, rewritten without the client
    removed: list[int]  # earlier versions that could not be read, so removed instead
    mentions: list[Mention]


def without_client(tables: Tables, client_id: int) -> Tables:
    """`tables` (one generation's) with the client and every record about them removed,
    exactly as deleting them in the app does."""
    db = in_memory(tables)
    repo = Repository(db)
    with contextlib.suppress(RecordMissing):  # a generation older than the client
        repo.delete_client(client_id)
    return db.storage.read() or {}


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def mentions_of(tables: Tables, code: str) -> list[Mention]:
    """Records whose text names `code` as a word (codes are compared as written)."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(code)}(?![\w-])")
    found: list[Mention] = []
    for table, docs in tables.items():
        if table == "meta" or not isinstance(docs, dict):
            continue
        for doc_id, doc in docs.items():
            if not isinstance(doc, dict):
                continue
            for text in _texts({k: v for k, v in doc.items() if k != "code"}):
                if pattern.search(text):
                    excerpt, _ = around_match(text, code, 80)
                    found.append(Mention(table, int(doc_id), str(doc.get("date") or ""), excerpt))
                    break
    return sorted(found, key=lambda m: (m.table, m.day, m.record_id))


def erase_client(vault: Vault, repo: Repository, client_id: int) -> Erasure:
    """Delete the client, then rewrite the vault and its generations without them."""
    with repo.lock:
        code = repo.get(Client, client_id).code
        repo.delete_client(client_id)
        removed = vault.rewrite_everywhere(lambda tables: without_client(tables, client_id))
        left = mentions_of(vault.db.storage.read() or {}, code)
    return Erasure(code, len(vault.generations()), removed, left)
