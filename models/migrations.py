"""Schema versions of the records inside a vault, and the steps between them.

The vault's `meta` table holds `schema`. Opening a vault runs every step above its
version, in order, then records the new version, all in one save. A vault whose schema
is newer than this program is refused rather than half understood.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from tinydb import TinyDB

from .errors import UnsupportedVersion

META_TABLE = "meta"
META_ID = 1

# Step n turns schema n-1 into schema n. Reading is forgiving about fields that older
# versions did not write (they take their defaults), so a step is needed only when a
# stored value changes meaning or shape.
Step = Callable[[TinyDB], None]


def _initial(db: TinyDB) -> None:
    """Schema 1: the first release. Nothing to convert."""


def _ecomap_strength_and_flow(db: TinyDB) -> None:
    """Schema 2: an ecomap relation's strength is strong, moderate or weak, and whether it
    is stressful is a mark of its own (a tie can be strong and stressful). A relation
    stored as "stressful" said nothing about its strength: it becomes moderate and
    stressful. The flow of energy or resources was not recorded before."""
    table = db.table("relations")
    for doc in table.all():
        changes: dict[str, Any] = {}
        if doc.get("strength") == "stressful":
            changes.update(strength="moderate", stressful=True)
        changes.setdefault("stressful", bool(doc.get("stressful", False)))
        if "flow" not in doc:
            changes["flow"] = "unknown"
        table.update(changes, doc_ids=[doc.doc_id])


STEPS: list[Step] = [_initial, _ecomap_strength_and_flow]
SCHEMA_VERSION = len(STEPS)


def migrate_tables(tables: dict[str, dict[str, Any]], found: int) -> dict[str, dict[str, Any]]:
    """Bring records written at schema `found` outside a vault (a case bundle's tables,
    keyed by id) up to date with the same steps a vault takes."""
    if found > len(STEPS):
        raise UnsupportedVersion(
            f"these records were written by a newer Pendamping (schema {found}); update first",
            version=found,
        )
    db = in_memory(tables)
    for step in STEPS[found:]:
        step(db)
    stored = db.storage.read() or {}
    return {name: stored.get(name, {}) for name in tables}


def in_memory(tables: dict[str, dict[str, Any]]) -> TinyDB:
    """A TinyDB over a copy of `tables` (as a vault body holds them), in memory: for
    records outside the open vault (a case bundle, a kept generation)."""
    from tinydb.storages import MemoryStorage

    db = TinyDB(storage=MemoryStorage)
    db.storage.write(copy.deepcopy(tables))
    return db


def read_meta(db: TinyDB) -> dict[str, Any]:
    return dict(db.table(META_TABLE).get(doc_id=META_ID) or {})


def write_meta(db: TinyDB, meta: dict[str, Any]) -> None:
    from tinydb.table import Document

    db.table(META_TABLE).upsert(Document(meta, doc_id=META_ID))


def migrate(db: TinyDB, steps: list[Step] | None = None) -> int:
    """Bring `db` up to date; returns the schema version it was at before."""
    steps = STEPS if steps is None else steps
    meta = read_meta(db)
    found = int(meta.get("schema", 0))
    if found > len(steps):
        raise UnsupportedVersion(
            f"these records were written by a newer Pendamping (schema {found}); update first",
            version=found,
        )
    if found == len(steps):
        return found
    for step in steps[found:]:
        step(db)
    meta["schema"] = len(steps)
    write_meta(db, meta)
    return found
