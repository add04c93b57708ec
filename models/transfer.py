"""Case transfer: one client's whole case as an encrypted bundle for another worker.

The bundle is a container of kind 3 (FORMAT.md) with its own passphrase. It holds the
client and every record about them; from group work, only the client's own membership,
attendance, observations and journal entries, and the sessions' dates and activities:
never other participants', nor the facilitator's reflection on a session (it is about
the whole group). Where the client's own records name another member of their groups
by code ("encouraged RB"), the code is replaced by "[…]". Importing gives every record a
new id in the receiving vault, so nothing there is overwritten; a client code already in
use gets a suffix, and the summary says so.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import dates
from .atomic import atomic_write
from .backup import open_bundle, seal_bundle_for_code
from .container import DEFAULT_KDF, FileKind, KdfParams
from .errors import VaultCorrupt, VaultExists
from .migrations import SCHEMA_VERSION, migrate_tables
from .records import (
    Client,
    Group,
    GroupSession,
    JournalEntry,
    Reflection,
    SessionNote,
)
from .repository import CLIENT_TABLES, Repository
from .serialize import from_doc, to_doc
from .vault import format_recovery_key

CASE_FORMAT = "pendamping-case"
TRANSFER_CODE_BYTES = 20  # 160 bits, shown like a recovery key


@dataclass
class ImportSummary:
    code: str  # the code the client has in this vault
    original_code: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def renamed(self) -> bool:
        return self.code != self.original_code


def case_tables(repo: Repository, client_id: int) -> dict[str, dict[str, Any]]:
    """The client's records as TinyDB-style tables, keyed by their ids here."""
    client = repo.get(Client, client_id)
    tables: dict[str, dict[str, Any]] = {Client.TABLE: {str(client_id): to_doc(client)}}
    for cls in CLIENT_TABLES:  # reflections included: they have a client_id too
        tables[cls.TABLE] = {str(r.id): to_doc(r) for r in repo.records(cls, client_id=client_id)}
    key = f"client:{client_id}"
    groups: dict[str, Any] = {}
    sessions: dict[str, Any] = {}
    for group, session in repo.group_sessions_with(client_id):
        groups[str(group.id)] = to_doc(
            replace(group, members=[m for m in group.members if m.key == key])
        )
        own_attendance = {k: v for k, v in session.attendance.items() if k == key}
        own_observations = [o for o in session.observations if o.member == key]
        # The facilitator's reflection is about the whole group and may name others:
        # it stays behind, as every other member's attendance and observations do.
        sessions[str(session.id)] = to_doc(
            replace(
                session, attendance=own_attendance, observations=own_observations, reflection=""
            )
        )
    tables[Group.TABLE] = groups
    tables[GroupSession.TABLE] = sessions
    redacted: dict[str, dict[str, Any]] = _without_codes(tables, _fellow_members(repo, client_id))
    return redacted


def _fellow_members(repo: Repository, client_id: int) -> set[str]:
    """The codes of everyone who shares a group with the client (clients and coded
    participants), which the client's own records may mention."""
    key = f"client:{client_id}"
    codes: set[str] = set()
    for group in repo.records(Group):
        if group.member(key) is None:
            continue
        for member in group.members:
            if member.key == key:
                continue
            if member.client_id is not None:
                other = repo.find(Client, member.client_id)
                if other is not None:
                    codes.add(other.code)
            elif member.code:
                codes.add(member.code)
    return codes


REDACTED = "[…]"  # where another group member's code was written


def _without_codes(value: Any, codes: set[str]) -> Any:
    """`value` with every other member's code in its text replaced by REDACTED: the
    client's own observations and pages may name who they sat with."""
    if not codes:
        return value
    pattern = re.compile(
        "|".join(
            rf"(?<![\w-]){re.escape(code)}(?![\w-])"
            for code in sorted(codes, key=len, reverse=True)
        )
    )

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return pattern.sub(REDACTED, item)
        if isinstance(item, dict):
            return {key: walk(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [walk(inner) for inner in item]
        return item

    return walk(value)


@dataclass(frozen=True)
class CaseExported:
    counts: dict[str, int]
    code: str  # the transfer code that opens the bundle, to give the receiver separately


def export_case(
    repo: Repository, client_id: int, out: str | os.PathLike[str], *, kdf: KdfParams = DEFAULT_KDF
) -> CaseExported:
    """Write the encrypted bundle (refusing to overwrite) and check it reads back.

    Its secret is generated, not chosen: 160 random bits, written like a recovery key so
    it can be read out over the phone. A passphrase two busy people agree on in a hurry
    is the weakest part of a handover, and the bundle holds a whole case.
    """
    out = Path(out)
    if out.exists():
        raise VaultExists(f"{out} already exists; nothing was changed", path=str(out))
    tables = case_tables(repo, client_id)
    body = {
        "format": CASE_FORMAT,
        "made_at": dates.now().isoformat(),
        "schema": SCHEMA_VERSION,
        "bundle": secrets.token_hex(16),
        "tables": tables,
    }
    raw = secrets.token_bytes(TRANSFER_CODE_BYTES)
    code = format_recovery_key(raw)
    atomic_write(out, seal_bundle_for_code(body, raw, FileKind.CASE_BUNDLE, kdf))
    if open_bundle(out, code, FileKind.CASE_BUNDLE)["tables"] != tables:
        raise VaultCorrupt(f"{out} did not read back as written", part="body", path=out)
    return CaseExported({name: len(docs) for name, docs in tables.items() if docs}, code)


def read_case(path: str | os.PathLike[str], code: str) -> dict[str, Any]:
    """The case in a bundle, opened with its transfer code (or, for a bundle written by
    an earlier release, its passphrase)."""
    body = open_bundle(Path(path), code, FileKind.CASE_BUNDLE)
    if body.get("format") != CASE_FORMAT or len(body["tables"].get(Client.TABLE, {})) != 1:
        raise VaultCorrupt(f"{path} does not hold one client's case", part="body", path=Path(path))
    return body


IMPORTED = "imported_bundles"  # meta: the ids of the bundles imported into this vault


def was_imported(repo: Repository, body: dict[str, Any]) -> bool:
    """This very bundle was imported here before (bundles from earlier releases carry no
    id and cannot tell)."""
    return bool(body.get("bundle")) and body["bundle"] in repo.meta().get(IMPORTED, [])


def _free_code(repo: Repository, code: str) -> str:
    if repo.client_by_code(code) is None:
        return code
    number = 2
    while repo.client_by_code(f"{code}-{number}") is not None:
        number += 1
    return f"{code}-{number}"


def import_case(repo: Repository, body: dict[str, Any]) -> ImportSummary:
    """Add the bundle's case to this vault under new ids, in one save."""
    # A bundle from an earlier release (they did not say their schema: 1) is brought up
    # to date as a vault would be.
    tables = migrate_tables(body["tables"], int(body.get("schema", 1)))
    ((old_client_id, client_doc),) = tables[Client.TABLE].items()
    with repo.transaction():
        client = from_doc(Client, client_doc)
        summary = ImportSummary(code=_free_code(repo, client.code), original_code=client.code)
        new_client = repo.import_record(replace(client, code=summary.code))
        new_id = new_client.id or 0
        old_key, new_key = f"client:{old_client_id}", f"client:{new_id}"
        summary.counts[Client.TABLE] = 1
        note_ids: dict[str, int] = {}
        for cls in CLIENT_TABLES:
            if cls in (Reflection, JournalEntry):  # after the notes and sessions they name
                continue
            for old_id, doc in tables.get(cls.TABLE, {}).items():
                imported = from_doc(cls, doc, client_id=new_id)
                if isinstance(imported, SessionNote) and imported.is_signed:
                    # Who signed is what the file says: nothing here can prove it.
                    imported = replace(imported, signature_imported=True)
                record = repo.import_record(imported)
                if cls is SessionNote:
                    note_ids[old_id] = record.id or 0
                summary.counts[cls.TABLE] = summary.counts.get(cls.TABLE, 0) + 1
        group_ids: dict[str, int] = {}
        for old_id, doc in tables.get(Group.TABLE, {}).items():
            group = from_doc(Group, doc)
            members = [
                replace(m, key=new_key, client_id=new_id) for m in group.members if m.key == old_key
            ]
            group_ids[old_id] = repo.import_record(replace(group, members=members)).id or 0
        session_ids: dict[str, int] = {}
        for old_id, doc in tables.get(GroupSession.TABLE, {}).items():
            session = from_doc(GroupSession, doc)
            if str(session.group_id) not in group_ids:
                continue
            status = session.attendance.get(old_key)
            session = replace(
                session,
                group_id=group_ids[str(session.group_id)],
                attendance={new_key: status} if status is not None else {},
                observations=[
                    replace(o, member=new_key) for o in session.observations if o.member == old_key
                ],
            )
            session_ids[old_id] = repo.import_record(session).id or 0
        for doc in tables.get(JournalEntry.TABLE, {}).values():
            entry = from_doc(JournalEntry, doc)
            repo.import_record(
                replace(
                    entry,
                    client_id=new_id,
                    member=new_key,
                    group_session_id=session_ids.get(str(entry.group_session_id))
                    if entry.group_session_id
                    else None,
                )
            )
        for doc in tables.get(Reflection.TABLE, {}).values():
            reflection = from_doc(Reflection, doc)
            repo.import_record(
                replace(
                    reflection,
                    client_id=new_id,
                    note_id=note_ids.get(str(reflection.note_id)) if reflection.note_id else None,
                    group_session_id=session_ids.get(str(reflection.group_session_id))
                    if reflection.group_session_id
                    else None,
                )
            )
        if body.get("bundle"):  # so importing it again is asked about first
            seen = list(repo.meta().get(IMPORTED, []))
            repo.set_meta(**{IMPORTED: [*seen, body["bundle"]]})
        for name, count in (
            (Group.TABLE, len(group_ids)),
            (GroupSession.TABLE, len(session_ids)),
            (JournalEntry.TABLE, len(tables.get(JournalEntry.TABLE, {}))),
            (Reflection.TABLE, len(tables.get(Reflection.TABLE, {}))),
        ):
            if count:
                summary.counts[name] = count
    return summary


__all__ = [
    "CaseExported",
    "ImportSummary",
    "case_tables",
    "export_case",
    "import_case",
    "read_case",
    "was_imported",
]
