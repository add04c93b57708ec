"""Vaults and case bundles written by earlier releases open with today's meaning.

Each test writes documents the way the earlier schema did, straight into TinyDB, then
reads them through the repository (or a case import) and checks what the worker sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tinydb.table import Document

from conftest import FAST, PASSPHRASE, TODAY
from models.errors import UnsupportedVersion
from models.migrations import META_ID, META_TABLE, SCHEMA_VERSION, migrate_tables
from models.records import Client, Flow, Relation, Strength
from models.repository import Repository
from models.transfer import import_case
from models.vault import Vault

# What schema 1 wrote for three ecomap relations: no flow, and "stressful" as a strength.
OLD_RELATIONS = {
    "1": {
        "client_id": 1,
        "name": "Mother",
        "kind": "family",
        "strength": "strong",
        "notes": "",
        "position": 0,
    },
    "2": {
        "client_id": 1,
        "name": "Tutoring pupils",
        "kind": "other",
        "strength": "stressful",
        "notes": "MODERATE, pupils' parents push",
        "position": 1,
    },
    "3": {
        "client_id": 1,
        "name": "Health centre",
        "kind": "health",
        "strength": "weak",
        "notes": "",
        "position": 2,
    },
}
OLD_CLIENT = {
    "code": "MA",
    "first_contact": "2026-03-02",
    "phase": "assessment",
    "phase_history": [],
}


def _old_vault(path: Path) -> None:
    with Vault.create(path, PASSPHRASE, kdf=FAST) as vault:
        db = vault.db
        db.table(Client.TABLE).insert(Document(OLD_CLIENT, doc_id=1))
        for key, doc in OLD_RELATIONS.items():
            db.table(Relation.TABLE).insert(Document(doc, doc_id=int(key)))
        db.table(META_TABLE).upsert(Document({"schema": 1}, doc_id=META_ID))


def _strengths(relations: list[Relation]) -> list[tuple[str, Strength, bool, Flow]]:
    return [(r.name, r.strength, r.stressful, r.flow) for r in relations]


def test_an_old_vaults_stressful_relation_becomes_moderate_and_stressful(tmp_path: Path) -> None:
    path = tmp_path / "old.vault"
    _old_vault(path)
    with Vault.open(path, PASSPHRASE) as vault:
        repo = Repository(vault.db, today=lambda: TODAY)
        assert _strengths(repo.relations_of(1)) == [
            ("Mother", Strength.STRONG, False, Flow.UNKNOWN),
            ("Tutoring pupils", Strength.MODERATE, True, Flow.UNKNOWN),
            ("Health centre", Strength.WEAK, False, Flow.UNKNOWN),
        ]
        assert repo.meta()["schema"] == SCHEMA_VERSION
        # What the worker typed stays as typed: nothing is read into the notes.
        assert repo.relations_of(1)[1].notes == "MODERATE, pupils' parents push"
    # The migration was saved: opening again finds the vault up to date.
    with Vault.open(path, PASSPHRASE) as vault:
        stored = vault.db.table(Relation.TABLE).get(doc_id=2)
        assert stored is not None and stored["strength"] == "moderate" and stored["stressful"]


def test_a_case_bundle_from_an_earlier_release_is_migrated_on_import(repo: Repository) -> None:
    body = {
        "format": "pendamping-case",
        "made_at": "2026-11-01T09:00:00+07:00",
        "tables": {
            Client.TABLE: {"7": OLD_CLIENT},
            Relation.TABLE: {key: {**doc, "client_id": 7} for key, doc in OLD_RELATIONS.items()},
        },
    }
    summary = import_case(repo, body)
    client = repo.client_by_code(summary.code)
    assert client is not None
    assert _strengths(repo.relations_of(client.id or 0))[1] == (
        "Tutoring pupils",
        Strength.MODERATE,
        True,
        Flow.UNKNOWN,
    )


def test_records_from_a_newer_release_are_refused_not_half_read() -> None:
    with pytest.raises(UnsupportedVersion):
        migrate_tables({Relation.TABLE: {}}, SCHEMA_VERSION + 1)


def test_up_to_date_tables_are_left_as_they_are() -> None:
    tables = {
        Relation.TABLE: {
            "4": {**OLD_RELATIONS["1"], "stressful": True, "flow": "both", "strength": "moderate"}
        }
    }
    assert migrate_tables(tables, SCHEMA_VERSION) == tables
