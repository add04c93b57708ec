"""Turn record dataclasses into TinyDB documents and back.

Documents hold only JSON types: dates as ISO strings, enums as their values, nested
records as objects. Reading is forgiving about what older versions did not write (a
missing field takes its default), so a migration only has to handle real changes.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

# Fields that live outside the document body (TinyDB's doc_id is the record id).
NOT_STORED = frozenset({"id"})


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def to_doc(record: Any) -> dict[str, Any]:
    """A record (dataclass) as a JSON-ready dict, without its id."""
    return {
        field.name: _dump(getattr(record, field.name))
        for field in dataclasses.fields(record)
        if field.name not in NOT_STORED
    }


def _dump(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_doc(value)
    if isinstance(value, (list, tuple)):
        return [_dump(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _dump(item) for key, item in value.items()}
    return value


def from_doc(cls: type[T], doc: dict[str, Any], **extra: Any) -> T:
    """Build `cls` from a stored document; unknown keys are ignored."""
    values: dict[str, Any] = {}
    for name, load in _loaders(cls):  # type: ignore[arg-type]  # a class is hashable
        if name in doc:
            value = doc[name]
            values[name] = value if value is None or load is None else load(value)
    values.update(extra)
    return cls(**values)


Loader = typing.Callable[[Any], Any]


@cache
def _loaders(cls: type) -> tuple[tuple[str, Loader | None], ...]:
    """Each stored field of `cls` with the function that reads it (None: as stored).

    Worked out once per class: reading years of notes calls this for every document,
    and asking `typing` about each field each time was most of the cost.
    """
    hints = _hints(cls)
    return tuple(
        (field.name, _loader(hints[field.name]))
        for field in dataclasses.fields(cls)
        if field.name not in NOT_STORED
    )


def _loader(hint: Any) -> Loader | None:
    """How to read a stored value of type `hint`; None when the JSON value is the value."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _loader(options[0]) if len(options) == 1 else None
    if origin in (list, tuple):
        (item,) = typing.get_args(hint)[:1]
        load_item = _loader(item)
        if load_item is None:
            return list
        return lambda value: [None if entry is None else load_item(entry) for entry in value]
    if origin is dict:
        _, item = typing.get_args(hint)
        load_entry = _loader(item)
        if load_entry is None:
            return dict
        return lambda value: {
            key: None if entry is None else load_entry(entry) for key, entry in value.items()
        }
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint
        if hint is datetime:
            return datetime.fromisoformat
        if hint is date:
            return date.fromisoformat
        if dataclasses.is_dataclass(hint):
            return lambda value: from_doc(hint, value)
    return None
