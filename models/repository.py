"""The repository: typed reads and writes of records, the only way screens reach TinyDB.

Every public method holds one lock, because TinyDB is not thread-safe and screens save
from worker threads. Records are validated before they are written; a record that does
not validate raises `RecordInvalid` with the problems, and nothing is stored.
Changes that touch several records (deleting a client, terminating a case) are written
in one atomic save.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any, ParamSpec, Protocol, TypeVar, runtime_checkable

from tinydb import TinyDB, where
from tinydb.table import Document, Table

from . import dates, instruments
from .migrations import META_TABLE, migrate, read_meta, write_meta
from .records import (
    RECORD_TYPES,
    Addendum,
    Administration,
    Assessment,
    Client,
    Contract,
    Group,
    GroupSession,
    HealthPicture,
    JournalEntry,
    LifeEvent,
    Phase,
    PhaseChange,
    Plan,
    Problem,
    Record,
    Reflection,
    Relation,
    SessionNote,
    Termination,
)
from .records.base import not_before, not_future
from .serialize import from_doc, to_doc

R = TypeVar("R", bound=Record)
_ABSENT = object()
P = ParamSpec("P")
T = TypeVar("T")


@runtime_checkable
class SavingStorage(Protocol):
    """What the vault's storage offers beyond TinyDB's Storage: a revision that changes
    with every save, and a batch that makes several changes one save. A plain storage
    (a case bundle opened in memory, a test's) has neither, and works without."""

    @property
    def revision(self) -> int: ...

    def batch(self) -> contextlib.AbstractContextManager[None]: ...


class RecordInvalid(Exception):
    """The record was not saved; `problems` say what to fix, field by field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.key}" for p in problems))
        self.problems = problems


class RecordMissing(LookupError):
    pass


def locked(method: Callable[P, T]) -> Callable[P, T]:
    """Run `method` (a Repository method, or a reading function whose first argument is
    the repository) holding the repository's lock: TinyDB is not thread-safe."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with args[0]._lock:  # type: ignore[attr-defined]
            return method(*args, **kwargs)

    return wrapper


CLIENT_TABLES: tuple[type[Record], ...] = tuple(
    cls for cls in RECORD_TYPES if "client_id" in cls.__dataclass_fields__
)


class Repository:
    def __init__(
        self,
        db: TinyDB,
        *,
        today: Callable[[], date] = dates.today,
        now: Callable[[], datetime] = dates.now,
    ) -> None:
        self._db = db
        self._lock = threading.RLock()
        self._today = today
        self._now = now
        self._indexes: dict[tuple[str, str], dict[Any, list[str]]] = {}
        self._index_revision: object = None
        with self._lock, self.transaction():
            migrate(db)

    # -- plumbing ----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Several changes, one atomic save (where the storage supports it)."""
        storage = self._db.storage
        batch = storage.batch() if isinstance(storage, SavingStorage) else contextlib.nullcontext()
        with self._lock, batch:
            yield

    def today(self) -> date:
        return self._today()

    @property
    def revision(self) -> object:
        """Changes whenever a stored record changes (None if the storage cannot tell)."""
        storage = self._db.storage
        return storage.revision if isinstance(storage, SavingStorage) else None

    @property
    def lock(self) -> threading.RLock:
        """Held by every call; hold it to wait until no save is in flight."""
        return self._lock

    def _table(self, cls: type[Record]) -> Table:
        return self._db.table(cls.TABLE)

    def stored_documents(self, cls: type[Record]) -> Mapping[str, dict[str, Any]]:
        """The stored documents of a table by id, to read only: iterating a TinyDB table
        copies every document, which costs more than a search over years of notes."""
        return (self._db.storage.read() or {}).get(cls.TABLE, {})

    @staticmethod
    def _build(cls: type[R], doc: Document) -> R:
        return from_doc(cls, doc, id=doc.doc_id)

    def _check(self, record: Record) -> None:
        problems = record.validate(self._today())
        scope = record.conflict_scope()
        if scope is not None:
            problems += record.conflicts(self.records(type(record), **scope))
        client_id = getattr(record, "client_id", None)
        if client_id is not None and self._table(Client).get(doc_id=client_id) is None:
            problems.append(Problem("client_id", "problem.no_such_client"))
        if problems:
            raise RecordInvalid(problems)

    # -- generic, typed CRUD -------------------------------------------------------

    @locked
    def add(self, record: R) -> R:
        """Validate and store a new record; returns it with its id and timestamps."""
        record = record.normalized()
        self._check(record)
        stamp = self._now()
        record = replace(record, created=stamp, updated=stamp)
        doc_id = self._table(type(record)).insert(to_doc(record))
        return replace(record, id=doc_id)

    @locked
    def import_record(self, record: R) -> R:
        """Store a record brought from elsewhere (a case bundle) under a new id.

        Validated like any other, but its own created/updated times are kept, so the
        record's history survives the move.
        """
        self._check(record)
        stamp = self._now()
        record = replace(
            record, id=None, created=record.created or stamp, updated=record.updated or stamp
        )
        doc_id = self._table(type(record)).insert(to_doc(record))
        return replace(record, id=doc_id)

    @locked
    def update(self, record: R) -> R:
        """Validate and store a changed record (it must exist); returns the new version."""
        if record.id is None:
            raise RecordMissing(f"{type(record).__name__} has no id")
        current = self.get(type(record), record.id)
        if refused := record.refused_change(current):
            raise RecordInvalid(refused)
        record = record.normalized()
        self._check(record)
        record = replace(record, created=current.created, updated=self._now())
        self._table(type(record)).update(to_doc(record), doc_ids=[record.stored_id])
        return record

    @locked
    def get(self, cls: type[R], record_id: int) -> R:
        doc = self._table(cls).get(doc_id=record_id)
        if doc is None:
            raise RecordMissing(f"no {cls.__name__} with id {record_id}")
        return self._build(cls, doc)

    @locked
    def find(self, cls: type[R], record_id: int | None) -> R | None:
        if record_id is None:
            return None
        doc = self._table(cls).get(doc_id=record_id)
        return None if doc is None else self._build(cls, doc)

    @locked
    def records(self, cls: type[R], **equal: Any) -> list[R]:
        """Every record of a type, optionally where each given field equals its value.

        Builds records only for the documents that match: a client's few notes among
        years of everyone's are found through an index, not by building the rest.
        """
        if not equal:
            return [
                from_doc(cls, doc, id=int(doc_id))
                for doc_id, doc in self.stored_documents(cls).items()
            ]
        (name, value), *others = equal.items()
        candidates = self.documents_where(cls, name, value)
        return [
            from_doc(cls, doc, id=int(doc_id))
            for doc_id, doc in candidates
            if all(key in doc and doc[key] == wanted for key, wanted in others)
        ]

    def documents_where(
        self, cls: type[Record], name: str, value: Any
    ) -> list[tuple[str, dict[str, Any]]]:
        """The stored documents whose field `name` equals `value`.

        An index per (table, field) is kept until the next change to the vault, so
        opening a client's screens one after another reads each table once.
        """
        revision = self.revision
        stored = self.stored_documents(cls)
        if revision is None or not isinstance(value, (int, str)):
            return [
                (doc_id, doc)
                for doc_id, doc in stored.items()
                if name in doc and doc[name] == value
            ]
        if self._index_revision != revision:
            self._indexes.clear()
            self._index_revision = revision
        index = self._indexes.get((cls.TABLE, name))
        if index is None:
            # Ids only (strings): a tuple per document would be ten thousand more objects
            # for the garbage collector to walk, and a walk holds the screen.
            index = {}
            for doc_id, doc in stored.items():
                key = doc.get(name, _ABSENT)
                if isinstance(key, (int, str)):
                    index.setdefault(key, []).append(doc_id)
            self._indexes[(cls.TABLE, name)] = index
        return [(doc_id, stored[doc_id]) for doc_id in index.get(value, ())]

    @locked
    def delete(self, cls: type[Record], record_id: int) -> None:
        """Delete one record, and the links that pointed at it, in one save.

        TinyDB gives a deleted record's id to the next record after a reopen, so a link
        left behind would silently point at an unrelated record.
        """
        if cls is Client:
            self.delete_client(record_id)
            return
        self.get(cls, record_id)
        with self.transaction():
            reflections = self._table(Reflection)
            if cls is SessionNote:
                reflections.update({"note_id": None}, where("note_id") == record_id)
            elif cls is GroupSession:
                reflections.update(
                    {"group_session_id": None}, where("group_session_id") == record_id
                )
                # What participants wrote stays theirs, as individual work.
                self._table(JournalEntry).update(
                    {"group_session_id": None}, where("group_session_id") == record_id
                )
            elif cls is Group:
                for session in self.records(GroupSession, group_id=record_id):
                    self.delete(GroupSession, session.id or 0)
            self._table(cls).remove(doc_ids=[record_id])

    @locked
    def count(self, cls: type[Record]) -> int:
        return len(self._table(cls))

    # -- clients and their phase ---------------------------------------------------

    @locked
    def clients(self, *, include_closed: bool = False) -> list[Client]:
        found = self.records(Client)
        if not include_closed:
            found = [c for c in found if c.phase.is_open]
        return sorted(found, key=lambda c: c.code.upper())

    @locked
    def clients_in_phase(self, phase: Phase) -> list[Client]:
        return sorted(self.records(Client, phase=phase.value), key=lambda c: c.code.upper())

    @locked
    def client_by_code(self, code: str) -> Client | None:
        wanted = code.strip().upper()
        docs = self._table(Client).search(where("code").test(lambda c: str(c).upper() == wanted))
        return self._build(Client, docs[0]) if docs else None

    @locked
    def move_phase(
        self, client_id: int, to_phase: Phase, *, reason: str = "", on: date | None = None
    ) -> Client:
        """Record a deliberate change of phase; reopening a closed case needs a reason."""
        client = self.get(Client, client_id)
        if client.phase is Phase.CLOSED and to_phase is not Phase.CLOSED and not reason.strip():
            raise RecordInvalid([Problem("reason", "problem.reopen_reason")])
        if to_phase is client.phase:
            return client
        day = on or self._today()
        last = client.phase_history[-1].on if client.phase_history else None
        problems: list[Problem] = []
        not_future(problems, "on", day, self._today())
        not_before(problems, "on", day, last)  # the history reads in order
        if problems:
            raise RecordInvalid(problems)
        change = PhaseChange(
            to_phase=to_phase, on=day, from_phase=client.phase, reason=reason.strip()
        )
        return self.update(
            replace(client, phase=to_phase, phase_history=[*client.phase_history, change])
        )

    @locked
    def delete_client(self, client_id: int) -> None:
        """Remove the client and every record about them, and nothing else, in one save."""
        self.get(Client, client_id)
        with self.transaction():
            for cls in CLIENT_TABLES:  # reflections about the client included
                self._table(cls).remove(where("client_id") == client_id)
            self._forget_group_member(f"client:{client_id}")
            self._table(Client).remove(doc_ids=[client_id])

    def _forget_group_member(self, key: str) -> None:
        for group in self.records(Group):
            if group.member(key) is None:
                continue
            members = [m for m in group.members if m.key != key]
            self._table(Group).update(
                to_doc(replace(group, members=members)), doc_ids=[group.stored_id]
            )
            for session in self.records(GroupSession, group_id=group.id):
                attendance = {k: v for k, v in session.attendance.items() if k != key}
                observations = [o for o in session.observations if o.member != key]
                self._table(GroupSession).update(
                    to_doc(replace(session, attendance=attendance, observations=observations)),
                    doc_ids=[session.stored_id],
                )

    # -- per-client queries ----------------------------------------------------------

    @locked
    def contracts_of(self, client_id: int) -> list[Contract]:
        """Every version of the engagement contract, the current (newest) first."""
        return sorted(self.records(Contract, client_id=client_id), key=lambda c: -c.version)

    @locked
    def current_contract(self, client_id: int) -> Contract | None:
        versions = self.contracts_of(client_id)
        return versions[0] if versions else None

    @locked
    def renegotiate(self, contract: Contract) -> Contract:
        """Store a new version of the client's contract; the old versions are kept."""
        latest = self.current_contract(contract.client_id)
        version = 1 if latest is None else latest.version + 1
        return self.add(replace(contract, id=None, version=version))

    @locked
    def assessments_of(self, client_id: int) -> list[Assessment]:
        """Newest first: the first is the current assessment."""
        return sorted(
            self.records(Assessment, client_id=client_id),
            key=lambda a: (a.date or date.min, a.id or 0),
            reverse=True,
        )

    @locked
    def administrations_of(
        self, client_id: int, instrument: str | None = None
    ) -> list[Administration]:
        """Oldest first, so the first is the baseline."""
        filters: dict[str, Any] = {"client_id": client_id}
        if instrument:
            filters["instrument"] = instrument
        return sorted(
            self.records(Administration, **filters), key=lambda a: (a.date or date.min, a.id or 0)
        )

    @locked
    def life_events_of(self, client_id: int) -> list[LifeEvent]:
        return sorted(self.records(LifeEvent, client_id=client_id), key=lambda e: e.sort_key)

    @locked
    def relations_of(self, client_id: int) -> list[Relation]:
        return sorted(
            self.records(Relation, client_id=client_id), key=lambda r: (r.position, r.id or 0)
        )

    @locked
    def health_of(self, client_id: int) -> HealthPicture | None:
        """The client's health picture, if the worker has recorded one."""
        found = self.records(HealthPicture, client_id=client_id)
        return max(found, key=lambda h: h.id or 0) if found else None

    @locked
    def save_health(self, picture: HealthPicture) -> HealthPicture:
        return self.add(picture) if picture.id is None else self.update(picture)

    @locked
    def plan_of(self, client_id: int) -> Plan | None:
        plans = self.records(Plan, client_id=client_id)
        return max(plans, key=lambda p: p.id or 0) if plans else None

    @locked
    def notes_of(self, client_id: int) -> list[SessionNote]:
        """Newest first."""
        return sorted(
            self.records(SessionNote, client_id=client_id),
            key=lambda n: (n.date or date.min, n.id or 0),
            reverse=True,
        )

    @locked
    def journal_entries_of(self, client_id: int) -> list[JournalEntry]:
        """The client's journal entries, oldest first (the order of their sessions)."""
        return sorted(
            self.records(JournalEntry, client_id=client_id),
            key=lambda e: (e.date or date.min, e.id or 0),
        )

    @locked
    def journal_entries_of_session(self, session_id: int) -> dict[str, JournalEntry]:
        """Each participant's entry from one group session, by their member key."""
        return {
            entry.member: entry for entry in self.records(JournalEntry, group_session_id=session_id)
        }

    @locked
    def save_journal_entries(self, entries: list[JournalEntry]) -> list[JournalEntry]:
        """Store several participants' entries in one save: new ones added, changed ones
        updated, and stored ones left blank removed. Returns those kept."""
        kept: list[JournalEntry] = []
        with self.transaction():
            for entry in entries:
                if entry.is_blank:
                    if entry.id is not None:
                        self.delete(JournalEntry, entry.id)
                    continue
                kept.append(self.update(entry) if entry.id is not None else self.add(entry))
        return kept

    @locked
    def reflections_of(self, client_id: int) -> list[Reflection]:
        return sorted(
            self.records(Reflection, client_id=client_id),
            key=lambda r: (r.date or date.min, r.id or 0),
            reverse=True,
        )

    @locked
    def termination_of(self, client_id: int) -> Termination | None:
        found = self.records(Termination, client_id=client_id)
        return max(found, key=lambda t: t.id or 0) if found else None

    @locked
    def group_sessions_with(self, client_id: int) -> list[tuple[Group, GroupSession]]:
        """Sessions of every group the client belongs to, oldest first."""
        key = f"client:{client_id}"
        found = []
        for group in self.records(Group):
            if group.member(key) is None:
                continue
            # Years of a group's sessions: build only those the client is in.
            for doc_id, doc in self.documents_where(GroupSession, "group_id", group.id):
                if key in (doc.get("attendance") or {}) or any(
                    o.get("member") == key for o in doc.get("observations") or ()
                ):
                    found.append((group, from_doc(GroupSession, doc, id=int(doc_id))))
        return sorted(found, key=lambda pair: (pair[1].date or date.min, pair[1].id or 0))

    # -- questionnaires -------------------------------------------------------------

    @locked
    def record_administration(
        self, client_id: int, instrument_id: str, on: date, answers: list[int]
    ) -> Administration:
        """Score a completed questionnaire and keep it with its date."""
        instrument = instruments.get(instrument_id)
        problems = (
            [Problem("answers", "problem.answers_incomplete")] if instrument.check(answers) else []
        )
        if problems:
            raise RecordInvalid(problems)
        score = instrument.score(answers)
        return self.add(
            Administration(
                client_id=client_id,
                instrument=instrument_id,
                date=on,
                answers=list(answers),
                total=score.total,
                band=score.band.key,
                flagged=score.flagged,
            )
        )

    @locked
    def record_follow_up(self, administration_id: int, on: date, note: str) -> Administration:
        """The safety follow-up of a flagged answer; the flag then leaves the overview."""
        administration = self.get(Administration, administration_id)
        return self.update(replace(administration, follow_up_on=on, follow_up_note=note.strip()))

    # -- history map ---------------------------------------------------------------------

    @locked
    def move_in_order(
        self, cls: type[LifeEvent] | type[Relation], record_id: int, step: int
    ) -> None:
        """Move a life event or relation up (-1) or down (+1) in the worker's order."""
        record = self.get(cls, record_id)
        if isinstance(record, LifeEvent):  # events keep their dates: reorder within a date
            ids = [
                e.stored_id
                for e in self.life_events_of(record.client_id)
                if e.sort_key[0] == record.sort_key[0]
            ]
        else:
            ids = [r.stored_id for r in self.relations_of(record.client_id)]
        index = ids.index(record_id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        with self.transaction():
            table = self._table(cls)
            for position, sibling_id in enumerate(ids):
                table.update({"position": position}, doc_ids=[sibling_id])

    @locked
    def next_position(self, cls: type[LifeEvent] | type[Relation], client_id: int) -> int:
        existing = self.records(cls, client_id=client_id)
        return 1 + max((r.position for r in existing), default=-1)

    # -- notes --------------------------------------------------------------------

    @locked
    def sign_note(self, note_id: int, by: str) -> SessionNote:
        note = self.get(SessionNote, note_id)
        if note.is_signed:
            return note
        return self.update(replace(note, signed_at=self._now(), signed_by=by.strip()))

    @locked
    def add_addendum(self, note_id: int, reason: str, text: str, by: str = "") -> SessionNote:
        note = self.get(SessionNote, note_id)
        addendum = Addendum(at=self._now(), reason=reason.strip(), text=text.strip(), by=by.strip())
        return self.update(replace(note, addenda=[*note.addenda, addendum]))

    # -- termination -----------------------------------------------------------------

    @locked
    def terminate(self, termination: Termination) -> Termination:
        """Store the termination and close the case, in one save."""
        client = self.get(Client, termination.client_id)
        last = next(
            (c.on for c in reversed(client.phase_history) if c.to_phase is not Phase.CLOSED), None
        )
        problems: list[Problem] = []
        not_before(problems, "date", termination.date, last)  # closes after the last move
        if problems:
            raise RecordInvalid(problems)
        with self.transaction():
            saved = self.add(termination) if termination.id is None else self.update(termination)
            self.move_phase(termination.client_id, Phase.CLOSED, on=termination.date)
        return saved

    # -- the whole case at a glance ----------------------------------------------------

    @locked
    def last_contact(self, client_id: int) -> date | None:
        """The latest meeting of any kind: a note, a group session attended, first contact."""
        days = [n.date for n in self.notes_of(client_id) if n.date]
        days += [
            s.date
            for _, s in self.group_sessions_with(client_id)
            if s.date and (st := s.attendance.get(f"client:{client_id}")) and st.took_part
        ]
        client = self.get(Client, client_id)
        if client.first_contact:
            days.append(client.first_contact)
        return max(days) if days else None

    # -- settings and facts about the vault --------------------------------------------

    @locked
    def meta(self) -> dict[str, Any]:
        return read_meta(self._db)

    @locked
    def set_meta(self, **values: Any) -> dict[str, Any]:
        meta = read_meta(self._db)
        meta.update(values)
        write_meta(self._db, meta)
        return meta

    @locked
    def counts(self) -> dict[str, int]:
        return {cls.TABLE: self.count(cls) for cls in RECORD_TYPES}


__all__ = ["META_TABLE", "RecordInvalid", "RecordMissing", "Repository", "SavingStorage"]
