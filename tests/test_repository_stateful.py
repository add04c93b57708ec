"""The repository against a plain Python model, under random sequences of operations.

Hypothesis adds and deletes clients, notes, contracts, relations, reflections and group
memberships, moves phases, and after every step compares what the repository lists with
what a few dicts say it should. It runs over TinyDB's memory storage for speed and, with
fewer examples, over a real vault that it also closes and reopens between steps.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from conftest import FAST, PASSPHRASE, TODAY, today
from models.records import (
    Attendance,
    Client,
    Contract,
    Group,
    GroupSession,
    Member,
    Phase,
    Reflection,
    Relation,
    SessionNote,
)
from models.repository import RecordInvalid, Repository
from models.vault import Vault

# A few letters, so that codes collide (also in a different case) and get refused.
CODES = st.builds(
    lambda pad_left, code, pad_right: pad_left + code + pad_right,
    st.sampled_from(["", " "]),
    st.from_regex(r"[A-Ca-c][0-9a-c._-]{0,2}", fullmatch=True),
    st.sampled_from(["", "  "]),
)
# Anything a person might type (orjson refuses lone surrogates, as UTF-8 cannot hold them).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
REASONS = st.sampled_from(["", "  ", "client asked to come back"])
DAYS_AGO = st.integers(min_value=0, max_value=400)
FIRST_CONTACT = date(2025, 6, 2)


@dataclass
class ModelClient:
    code: str
    phase: Phase
    phase_changes: int = 0


@dataclass
class ModelNote:
    client_id: int
    body: str
    day: date


class RepositoryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.repo = self.make_repository()
        self.clients: dict[int, ModelClient] = {}
        self.notes: dict[int, ModelNote] = {}
        self.contracts: dict[int, int] = {}  # contract id -> client id
        self.relations: dict[int, int] = {}
        self.reflections: dict[int, int | None] = {}  # a reflection may belong to no client
        self.members: set[int] = set()  # client ids in the journaling group
        group = self.repo.add(Group(name="journaling group", facilitator="worker A"))
        self.group_id = group.id or 0
        session = self.repo.add(
            GroupSession(group_id=self.group_id, date=TODAY, topic="a letter to my younger self")
        )
        self.session_id = session.id or 0

    def make_repository(self) -> Repository:
        return Repository(TinyDB(storage=MemoryStorage), today=today)

    def pick(self, data: st.DataObject, keys: dict[int, object]) -> int:
        return data.draw(st.sampled_from(sorted(keys)))

    # -- rules -----------------------------------------------------------------------

    @rule(code=CODES, phase=st.sampled_from(list(Phase)))
    def add_client(self, code: str, phase: Phase) -> None:
        wanted = code.strip()
        taken = any(c.code.upper() == wanted.upper() for c in self.clients.values())
        client = Client(code=code, first_contact=FIRST_CONTACT, phase=phase)
        if taken:
            try:
                self.repo.add(client)
            except RecordInvalid as exc:
                assert [p.key for p in exc.problems] == ["problem.code_taken"]
                return
            raise AssertionError(f"a second client with code {wanted!r} was accepted")
        stored = self.repo.add(client)
        assert stored.id is not None and stored.id not in self.clients
        assert stored.code == wanted
        self.clients[stored.id] = ModelClient(wanted, phase)

    @precondition(lambda self: self.clients)
    @rule(data=st.data(), body=TEXT, days_ago=DAYS_AGO)
    def add_note(self, data: st.DataObject, body: str, days_ago: int) -> None:
        client_id = self.pick(data, self.clients)
        day = TODAY - timedelta(days=days_ago)
        note = self.repo.add(SessionNote(client_id=client_id, date=day, body=body))
        assert note.id is not None and note.id not in self.notes
        self.notes[note.id] = ModelNote(client_id, body, day)

    @precondition(lambda self: self.notes)
    @rule(data=st.data(), body=TEXT)
    def update_note_body(self, data: st.DataObject, body: str) -> None:
        note_id = self.pick(data, self.notes)
        note = self.repo.get(SessionNote, note_id)
        updated = self.repo.update(replace(note, body=body))
        assert updated.created == note.created
        self.notes[note_id].body = body

    @precondition(lambda self: self.notes)
    @rule(data=st.data())
    def delete_note(self, data: st.DataObject) -> None:
        note_id = self.pick(data, self.notes)
        self.repo.delete(SessionNote, note_id)
        del self.notes[note_id]

    @precondition(lambda self: self.clients)
    @rule(data=st.data())
    def add_contract(self, data: st.DataObject) -> None:
        client_id = self.pick(data, self.clients)
        contract = self.repo.renegotiate(
            Contract(
                client_id=client_id,
                agreed_on=TODAY,
                client_expectations="listen",
                worker_expectations="come on time",
                renegotiation_reason="new schedule",
            )
        )
        versions = sum(1 for owner in self.contracts.values() if owner == client_id)
        assert contract.version == versions + 1
        self.contracts[contract.id or 0] = client_id

    @precondition(lambda self: self.clients)
    @rule(data=st.data(), name=st.sampled_from(["sister", "peer supporter", "clinic"]))
    def add_relation(self, data: st.DataObject, name: str) -> None:
        client_id = self.pick(data, self.clients)
        relation = self.repo.add(Relation(client_id=client_id, name=name))
        self.relations[relation.id or 0] = client_id

    @rule(data=st.data(), linked=st.booleans())
    def add_reflection(self, data: st.DataObject, linked: bool) -> None:
        client_id = self.pick(data, self.clients) if linked and self.clients else None
        reflection = self.repo.add(
            Reflection(date=TODAY, body="what I noticed today", client_id=client_id)
        )
        self.reflections[reflection.id or 0] = client_id

    @precondition(lambda self: self.clients)
    @rule(data=st.data())
    def join_group(self, data: st.DataObject) -> None:
        client_id = self.pick(data, self.clients)
        if client_id in self.members:
            return
        group = self.repo.get(Group, self.group_id)
        self.repo.update(
            replace(group, members=[*group.members, Member.for_client(client_id, TODAY)])
        )
        session = self.repo.get(GroupSession, self.session_id)
        attendance = {**session.attendance, f"client:{client_id}": Attendance.PRESENT}
        self.repo.update(replace(session, attendance=attendance))
        self.members.add(client_id)

    @precondition(lambda self: self.clients)
    @rule(data=st.data(), to_phase=st.sampled_from(list(Phase)), reason=REASONS)
    def move_phase(self, data: st.DataObject, to_phase: Phase, reason: str) -> None:
        client_id = self.pick(data, self.clients)
        known = self.clients[client_id]
        reopening = known.phase is Phase.CLOSED and to_phase is not Phase.CLOSED
        if reopening and not reason.strip():
            try:
                self.repo.move_phase(client_id, to_phase, reason=reason)
            except RecordInvalid as exc:
                assert [p.key for p in exc.problems] == ["problem.reopen_reason"]
                return
            raise AssertionError("a closed case was reopened without a reason")
        moved = self.repo.move_phase(client_id, to_phase, reason=reason)
        assert moved.phase is to_phase
        if to_phase is not known.phase:
            known.phase_changes += 1
            assert moved.phase_history[-1].from_phase is known.phase
        known.phase = to_phase

    @precondition(lambda self: self.clients)
    @rule(data=st.data())
    def delete_client(self, data: st.DataObject) -> None:
        client_id = self.pick(data, self.clients)
        self.repo.delete_client(client_id)
        del self.clients[client_id]
        self.notes = {k: v for k, v in self.notes.items() if v.client_id != client_id}
        self.contracts = {k: v for k, v in self.contracts.items() if v != client_id}
        self.relations = {k: v for k, v in self.relations.items() if v != client_id}
        self.reflections = {k: v for k, v in self.reflections.items() if v != client_id}
        self.members.discard(client_id)

    # -- invariants ----------------------------------------------------------------------

    @invariant()
    def clients_match(self) -> None:
        listed = [
            (c.id, c.code, c.phase, len(c.phase_history))
            for c in self.repo.clients(include_closed=True)
        ]
        expected = sorted(
            ((cid, m.code, m.phase, m.phase_changes) for cid, m in self.clients.items()),
            key=lambda t: t[1].upper(),
        )
        assert listed == expected
        open_ids = [c.id for c in self.repo.clients()]
        assert open_ids == [
            cid for cid, *_ in expected if self.clients[cid].phase is not Phase.CLOSED
        ]

    @invariant()
    def notes_match(self) -> None:
        assert self.repo.count(SessionNote) == len(self.notes)
        for client_id in self.clients:
            listed = [(n.id, n.body, n.date) for n in self.repo.notes_of(client_id)]
            mine = [
                (nid, n.body, n.day) for nid, n in self.notes.items() if n.client_id == client_id
            ]
            # newest first, by date and then by id
            assert listed == sorted(mine, key=lambda t: (t[2], t[0]), reverse=True)

    @invariant()
    def other_records_match(self) -> None:
        assert {c.id: c.client_id for c in self.repo.records(Contract)} == self.contracts
        assert {r.id: r.client_id for r in self.repo.records(Relation)} == self.relations
        assert {r.id: r.client_id for r in self.repo.records(Reflection)} == self.reflections

    @invariant()
    def group_matches(self) -> None:
        keys = {f"client:{cid}" for cid in self.members}
        group = self.repo.get(Group, self.group_id)
        assert {m.key for m in group.members} == keys
        assert set(self.repo.get(GroupSession, self.session_id).attendance) == keys


class VaultRepositoryMachine(RepositoryMachine):
    """The same, over a real vault that is also closed and reopened now and then."""

    def make_repository(self) -> Repository:
        self.folder = Path(tempfile.mkdtemp(prefix="pendamping-stateful-"))
        self.path = self.folder / "case.vault"
        self.vault = Vault.create(self.path, PASSPHRASE, kdf=FAST)
        return Repository(self.vault.db, today=today)

    @rule()
    def reopen(self) -> None:
        self.vault.close()
        self.vault = Vault.open(self.path, PASSPHRASE)
        self.repo = Repository(self.vault.db, today=today)

    def teardown(self) -> None:
        self.vault.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def test_repository_against_the_model_in_memory() -> None:
    run_state_machine_as_test(
        RepositoryMachine,
        settings=settings(
            max_examples=60,
            stateful_step_count=40,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_repository_against_the_model_on_a_vault() -> None:
    run_state_machine_as_test(
        VaultRepositoryMachine,
        settings=settings(
            max_examples=12,
            stateful_step_count=30,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


# -- a specific sequence the machine does not model ----------------------------------------


def test_deleted_client_code_can_be_used_again() -> None:
    repo = Repository(TinyDB(storage=MemoryStorage), today=today)
    first = repo.add(Client(code="MA", first_contact=FIRST_CONTACT))
    repo.delete_client(first.id or 0)
    again = repo.add(Client(code="ma", first_contact=FIRST_CONTACT))
    assert repo.clients() == [again]


def test_add_refuses_a_future_date_against_the_fixed_today() -> None:
    repo = Repository(TinyDB(storage=MemoryStorage), today=today)
    client = repo.add(Client(code="MA", first_contact=FIRST_CONTACT))
    try:
        repo.add(SessionNote(client_id=client.id or 0, date=TODAY + timedelta(days=1)))
    except RecordInvalid as exc:
        assert [p.key for p in exc.problems] == ["problem.future_date"]
    else:
        raise AssertionError("a note dated tomorrow was stored")
    assert repo.count(SessionNote) == 0


def test_reflection_on_a_deleted_note_never_links_to_another_note(
    vault: Vault, vault_path: Path
) -> None:
    repo = Repository(vault.db, today=today)
    client_id = repo.add(Client(code="MA", first_contact=FIRST_CONTACT)).id or 0
    repo.add(SessionNote(client_id=client_id, date=TODAY, body="first visit"))
    newest = repo.add(SessionNote(client_id=client_id, date=TODAY, body="letter exercise"))
    reflection = repo.add(
        Reflection(
            date=TODAY, body="what the letter stirred in me", client_id=client_id, note_id=newest.id
        )
    )
    repo.delete(SessionNote, newest.id or 0)
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as again:
        repo = Repository(again.db, today=today)
        repo.add(SessionNote(client_id=client_id, date=TODAY, body="a later, unrelated visit"))
        linked = repo.find(SessionNote, repo.get(Reflection, reflection.id or 0).note_id)
        assert linked is None, f"the reflection now points at {linked.body!r}"
