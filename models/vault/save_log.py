"""The save log: each save appends one encrypted frame of the records it changed, and
opening replays the frames over the last snapshot (FORMAT.md, "save log").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .. import container
from ..errors import (
    VaultCorrupt,
)
from .files import Tables, decode_body, looks_like_tables

# The body's member that is not a table: how many saves the vault has had (FORMAT.md).
COUNT_MEMBER = "$vault"


@dataclass
class Changes:
    """What the writes since the last save touched: document ids per table, in the order
    they were first touched (so new documents are replayed in the order they were added)."""

    touched: dict[str, dict[str, None]] = field(default_factory=dict)
    removed: dict[str, set[str]] = field(default_factory=dict)  # at some point
    cleared: set[str] = field(default_factory=set)
    everything: bool = False  # a write TinyDB made of the whole database (drop_tables)

    def __bool__(self) -> bool:
        return self.everything or bool(self.touched)

    def add(self, table: str, ids: dict[str, None], removed: set[str], cleared: bool) -> None:
        self.touched.setdefault(table, {}).update(ids)
        self.removed.setdefault(table, set()).update(removed)
        if cleared:
            self.cleared.add(table)

    def copy(self) -> Changes:
        return Changes(
            {t: dict(ids) for t, ids in self.touched.items()},
            {t: set(ids) for t, ids in self.removed.items()},
            set(self.cleared),
            self.everything,
        )

    def frame(self, tables: Tables, saves: int) -> bytes | None:
        """The save log frame's plaintext, or None if only a snapshot can say it."""
        if self.everything or any(name not in tables for name in self.touched):
            return None
        entries: dict[str, Any] = {}
        for name, ids in self.touched.items():
            table = tables[name]
            if name in self.cleared:
                entries[name] = {"clear": True, "docs": table}
                continue
            entry: dict[str, Any] = {"docs": {i: table.get(i) for i in ids}}
            # Removed and added again: TinyDB now lists it last, and so must the replay.
            moved = [i for i in ids if i in self.removed.get(name, ()) and i in table]
            if moved:
                entry["moved"] = moved
            entries[name] = entry
        return orjson.dumps({"tables": entries, "saves": saves})


def _replay(tables: Tables, plaintext: bytes, saves: int) -> int:
    """Apply one save log frame to `tables`; returns the vault's count of saves after it.
    Raises ValueError if it makes no sense."""
    change = orjson.loads(plaintext)
    if not isinstance(change, dict) or not isinstance(change.get("tables"), dict):
        raise ValueError("not a save log frame")
    counted = change.get("saves", saves + 1)  # frames of older releases do not count
    if not isinstance(counted, int) or isinstance(counted, bool) or counted <= saves:
        raise ValueError("not a save log frame")
    for name, entry in change["tables"].items():
        docs = entry.get("docs") if isinstance(entry, dict) else None
        if not isinstance(docs, dict):
            raise ValueError("not a save log frame")
        table = tables.setdefault(name, {})
        if entry.get("clear"):
            table.clear()
        for doc_id in entry.get("moved") or ():
            table.pop(doc_id, None)
        for doc_id, doc in docs.items():
            if doc is None:
                table.pop(doc_id, None)
            elif isinstance(doc, dict):
                table[doc_id] = doc
            else:
                raise ValueError("not a save log frame")
    return counted


def _count_of(body: Any) -> int:
    """The count of saves a snapshot says it has had (0 for releases that did not count);
    removes the member that carries it, which is not a table."""
    member = body.pop(COUNT_MEMBER, None) if isinstance(body, dict) else None
    saves = member.get("saves", 0) if isinstance(member, dict) else 0
    return saves if isinstance(saves, int) and not isinstance(saves, bool) and saves >= 0 else 0


def vault_plaintext(tables: Tables, saves: int) -> bytes:
    """A vault's body: its tables and the member that counts its saves."""
    return orjson.dumps({**tables, COUNT_MEMBER: {"saves": saves}})


@dataclass
class SaveLogState:
    """Where the save log stands in the file: the next frame goes at `end`."""

    end: int = 0
    snapshot: int = 0  # bytes of header and body
    frames: int = 0
    unfinished: int = 0  # bytes after `end` left by a save that did not finish
    saves: int = 0  # how many saves the vault has had, all told (it only grows)

    @property
    def size(self) -> int:
        return self.end - self.snapshot

    def appended(self, length: int) -> None:
        self.end += length
        self.frames += 1
        self.unfinished = 0  # the append cut it off


def decode_vault(path: Path, parsed: container.Parsed, key: bytes) -> tuple[Tables, SaveLogState]:
    """The tables of a vault file: its snapshot with every good save log frame applied."""
    tables = decode_body(path, parsed, key)
    saves = _count_of(tables)
    if not looks_like_tables(tables):
        raise VaultCorrupt(f"{path} does not hold Pendamping data", part="body", path=path)
    try:
        save_log = container.open_save_log(parsed, key)
        for frame in save_log.frames:
            saves = _replay(tables, frame, saves)
        if save_log.frames and not looks_like_tables(tables):
            raise ValueError("a frame wrote what is not a document")
    except container.FormatProblem as exc:
        raise VaultCorrupt(f"{path} is damaged: {exc}", part=exc.part, path=path) from None
    except (container.BodyRejected, ValueError, TypeError):  # orjson's is a ValueError
        raise VaultCorrupt(
            f"{path} is damaged or was altered (its save log fails verification)",
            part="body",
            path=path,
        ) from None
    snapshot = parsed.body_end
    return tables, SaveLogState(
        end=snapshot + save_log.length,
        snapshot=snapshot,
        frames=len(save_log.frames),
        unfinished=save_log.unfinished,
        saves=saves,
    )
