"""TinyDB behaves on the encrypted storage exactly as on its own JSON file, and every
change survives closing and opening the vault."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query, TinyDB, where
from tinydb.operations import delete, increment
from tinydb.storages import JSONStorage
from tinydb.table import Document

from conftest import PASSPHRASE
from models.vault import Vault


class Reopenable:
    """A vault that a test can close and open again, like the app between sessions."""

    def __init__(self, vault: Vault, path: Path) -> None:
        self.vault = vault
        self.path = path

    @property
    def db(self) -> TinyDB:
        return self.vault.db

    def reopen(self) -> TinyDB:
        self.vault.close()
        self.vault = Vault.open(self.path, PASSPHRASE)
        return self.vault.db


@pytest.fixture
def store(vault: Vault, vault_path: Path) -> Iterator[Reopenable]:
    reopenable = Reopenable(vault, vault_path)
    yield reopenable
    reopenable.vault.close()


def people(db: TinyDB) -> list[dict[str, Any]]:
    return sorted((dict(d) for d in db.table("people").all()), key=lambda d: d["name"])


def test_insert_and_get(store: Reopenable) -> None:
    table = store.db.table("people")
    first = table.insert({"name": "Ayu", "age": 31})
    more = table.insert_multiple([{"name": "Bima", "age": 45}, {"name": "Citra", "age": 27}])
    assert (first, more) == (1, [2, 3])
    assert table.get(doc_id=2) == {"name": "Bima", "age": 45}
    assert table.get(doc_ids=[1, 3]) == [{"name": "Ayu", "age": 31}, {"name": "Citra", "age": 27}]
    assert table.get(where("name") == "Citra").doc_id == 3
    assert len(table) == 3
    db = store.reopen()
    table = db.table("people")
    assert [d.doc_id for d in table.all()] == [1, 2, 3]
    assert table.get(doc_id=1) == {"name": "Ayu", "age": 31}
    assert table.get(doc_id=99) is None


def test_update_by_query_and_by_doc_ids(store: Reopenable) -> None:
    table = store.db.table("people")
    table.insert_multiple(
        [
            {"name": "Ayu", "age": 31, "town": "Solo"},
            {"name": "Bima", "age": 45, "town": "Solo"},
            {"name": "Citra", "age": 27, "town": "Klaten"},
        ]
    )
    person = Query()
    assert table.update({"visited": True}, person.town == "Solo") == [1, 2]
    assert table.update(increment("age"), doc_ids=[3]) == [3]
    assert table.update(delete("town"), person.name == "Bima") == [2]
    table.update_multiple(
        [({"age": 32}, person.name == "Ayu"), ({"age": 46}, person.name == "Bima")]
    )
    expected = [
        {"name": "Ayu", "age": 32, "town": "Solo", "visited": True},
        {"name": "Bima", "age": 46, "visited": True},
        {"name": "Citra", "age": 28, "town": "Klaten"},
    ]
    assert people(store.db) == expected
    assert people(store.reopen()) == expected


def test_upsert(store: Reopenable) -> None:
    table = store.db.table("people")
    person = Query()
    assert table.upsert({"name": "Ayu", "age": 31}, person.name == "Ayu") == [1]
    assert table.upsert({"name": "Ayu", "age": 32}, person.name == "Ayu") == [1]
    assert table.upsert(Document({"name": "Dewi"}, doc_id=10)) == [10]
    assert table.upsert(Document({"age": 50}, doc_id=10)) == [10]
    db = store.reopen()
    assert db.table("people").get(doc_id=1) == {"name": "Ayu", "age": 32}
    assert db.table("people").get(doc_id=10) == {"name": "Dewi", "age": 50}
    assert db.table("people").insert({"name": "Eko"}) == 11


def test_remove_search_contains_count(store: Reopenable) -> None:
    table = store.db.table("people")
    table.insert_multiple(
        [
            {"name": n, "age": a, "tags": t}
            for n, a, t in [
                ("Ayu", 31, ["tutor"]),
                ("Bima", 45, ["driver", "father"]),
                ("Citra", 27, []),
                ("Dewi", 52, ["tutor", "mother"]),
            ]
        ]
    )
    person = Query()
    assert table.count(person.age > 30) == 3
    assert table.contains(person.name == "Citra")
    assert table.contains(doc_id=4)
    assert [d["name"] for d in table.search(person.tags.any(["tutor"]))] == ["Ayu", "Dewi"]
    assert [d["name"] for d in table.search(person.name.matches("[AB].*"))] == ["Ayu", "Bima"]
    assert [d["name"] for d in table.search(person.age.test(lambda a: a % 2 == 0))] == ["Dewi"]
    assert table.remove(person.age > 50) == [4]
    assert table.remove(doc_ids=[3]) == [3]
    assert not table.contains(doc_id=3)
    db = store.reopen()
    table = db.table("people")
    assert [d["name"] for d in table.all()] == ["Ayu", "Bima"]
    assert not table.contains(person.name == "Dewi")
    assert table.count(person.age > 0) == 2


def test_several_tables_drop_and_truncate(store: Reopenable) -> None:
    db = store.db
    db.table("people").insert({"name": "Ayu"})
    db.table("places").insert({"name": "Solo"})
    db.table("things").insert_multiple([{"n": 1}, {"n": 2}])
    db.insert({"in": "the default table"})
    assert db.tables() == {"people", "places", "things", "_default"}
    db.drop_table("places")
    db.table("things").truncate()
    db = store.reopen()
    assert db.tables() == {"people", "things", "_default"}
    assert db.table("things").all() == []
    assert db.table("things").insert({"n": 3}) == 1  # truncate starts the ids again
    assert db.all() == [{"in": "the default table"}]
    db.drop_tables()
    db = store.reopen()
    assert db.tables() == set()


def test_document_ids_keep_increasing(store: Reopenable) -> None:
    table = store.db.table("people")
    ids = [table.insert({"n": n}) for n in range(5)]
    table.remove(doc_ids=[2, 5])  # including the newest
    ids.append(table.insert({"n": 5}))
    assert ids == [1, 2, 3, 4, 5, 6]  # within a session, never reused
    table = store.reopen().table("people")
    table.remove(doc_ids=[3])
    assert table.insert({"n": 6}) == 7  # after reopening, above the highest kept id
    assert sorted(d.doc_id for d in table.all()) == [1, 4, 6, 7]


def test_values_that_json_keeps(store: Reopenable) -> None:
    value = {
        "text": "naïve ☕ kopi\n\ttab \x00 nul",
        "int": 2**53,
        "neg": -7,
        "float": 0.1,
        "bool": False,
        "none": None,
        "list": [1, [2, [3]]],
        "nested": {"a": {"b": {}}},
        "empty": "",
    }
    store.db.table("values").insert(value)
    assert store.reopen().table("values").all() == [value]


# -- the same script on TinyDB's own JSON storage and on the vault -----------------------


def script(db: TinyDB, reopen: Callable[[], TinyDB]) -> list[Any]:
    """A run of mixed operations; returns every answer TinyDB gave, in order."""
    out: list[Any] = []
    person = Query()
    t = db.table("people")
    out.append(t.insert({"name": "Ayu", "age": 31}))
    out.append(t.insert_multiple([{"name": f"P{n}", "age": n} for n in range(10)]))
    out.append(t.update({"even": True}, person.age.test(lambda a: a % 2 == 0)))
    out.append(t.remove(person.age < 3))
    out.append(t.upsert({"name": "Ayu", "age": 32}, person.name == "Ayu"))
    out.append(t.upsert({"name": "Zed", "age": 99}, person.name == "Zed"))
    db.table("other").insert_multiple([{"k": k} for k in "abc"])
    db = reopen()
    t = db.table("people")
    out.append(sorted(d.doc_id for d in t.all()))
    out.append(t.insert({"name": "after reopen"}))
    out.append(t.update(increment("age"), doc_ids=[1, 5]))
    out.append(t.count(person.even == True))  # noqa: E712 - a TinyDB query, not a bool test
    out.append(db.table("other").remove(where("k") == "b"))
    db.drop_table("other")
    db = reopen()
    out.append(sorted(db.tables()))
    out.append([(d.doc_id, dict(d)) for d in db.table("people").all()])
    return out


def test_same_answers_as_tinydb_json_storage(store: Reopenable, tmp_path: Path) -> None:
    json_path = tmp_path / "plain.json"
    plain = [TinyDB(json_path, storage=JSONStorage)]

    def reopen_plain() -> TinyDB:
        plain[0].close()
        plain[0] = TinyDB(json_path, storage=JSONStorage)
        return plain[0]

    expected = script(plain[0], reopen_plain)
    plain[0].close()
    assert script(store.db, store.reopen) == expected
