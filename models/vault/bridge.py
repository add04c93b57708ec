"""The bridge to TinyDB: a Storage that encrypts, and tables that tell the vault which
records an update touched, so a save writes only those.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .files import Tables
from .save_log import Changes

if TYPE_CHECKING:  # the vault owns this storage; only its type is needed here
    from .session import Vault


class TrackedTable(MutableMapping[int, Any]):
    """The table TinyDB's update functions edit, in place, noting the ids they touch.

    TinyDB hands its Storage the whole database on every write; this view tells the
    vault which documents changed, and spares the copy of the whole table TinyDB makes.
    A document read by an update may have been changed in place, so reading counts.
    """

    def __init__(self, raw: dict[str, Any], id_class: Callable[[str], int]) -> None:
        self.raw = raw
        self._id_class = id_class
        self.touched: dict[str, None] = {}  # an ordered set
        self.removed: set[str] = set()
        self.cleared = False

    def __getitem__(self, doc_id: int) -> Any:
        key = str(doc_id)
        document = self.raw[key]
        self.touched[key] = None
        return document

    def __setitem__(self, doc_id: int, document: Any) -> None:
        key = str(doc_id)
        self.raw[key] = document
        self.touched[key] = None

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        del self.raw[key]
        self.touched[key] = None
        self.removed.add(key)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (self._id_class(key) for key in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        self.raw.clear()
        self.touched.clear()
        self.cleared = True


class VaultTable(Table):
    """A TinyDB table without a query cache.

    Our storage already answers reads from memory; TinyDB's query cache would only keep
    more decrypted copies alive, answer searches after the vault is locked, and return
    edits a failed batch undid. (Setting `default_query_cache_capacity` on a subclass does
    not do it: TinyDB reads it as a default argument, fixed when its class was made.)
    """

    def __init__(
        self, storage: Storage, name: str, cache_size: int = 0, persist_empty: bool = False
    ) -> None:
        super().__init__(storage, name, cache_size=0, persist_empty=persist_empty)

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = self._storage
        if not isinstance(storage, VaultStorage):
            super()._update_table(updater)
            return
        tables = storage.read() or {}
        new_table = self.name not in tables
        raw = tables.get(self.name, {})
        view = TrackedTable(raw, self.document_id_class)
        try:
            updater(view)  # type: ignore[arg-type]  # a MutableMapping, as TinyDB needs
        except BaseException:
            storage.failed_update(self.name, view)
            raise
        finally:
            self.clear_cache()
        if view.touched or view.cleared or new_table:
            tables[self.name] = raw
            storage.write_changes(tables, self.name, view)
        return None


class VaultDB(TinyDB):
    table_class = VaultTable


class VaultStorage(Storage):
    """TinyDB's Storage contract on top of an open Vault."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def read(self) -> Tables | None:
        return self._vault._read_tables()

    def write(self, data: Tables) -> None:
        self._vault._write_tables(data)

    def write_changes(self, data: Tables, table: str, view: TrackedTable) -> None:
        changes = Changes()
        changes.add(table, view.touched, view.removed, view.cleared)
        self._vault._write_tables(data, changes)

    def failed_update(self, table: str, view: TrackedTable) -> None:
        self._vault._failed_update(table, view)

    @property
    def revision(self) -> int:
        """Changes with every write or reload: what was read before may be stale."""
        return self._vault.revision

    def close(self) -> None:  # the Vault owns the file and the lock
        pass

    def batch(self) -> contextlib.AbstractContextManager[None]:
        return self._vault.batch()
