"""What every record shares: an id, timestamps, and validation that speaks to people.

`validate()` returns `Problem`s, never raises: each names the field it is about and a
message key in the translation catalogues (with its parameters), so a screen can put
the message next to the field in the worker's language.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar


class Choice(str, enum.Enum):
    """An enum whose values are stored as text and translated as `<prefix>.<value>`."""

    @classmethod
    def label_prefix(cls) -> str:
        return "choice." + "".join(
            "_" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(cls.__name__)
        )

    @property
    def label_key(self) -> str:
        return f"{self.label_prefix()}.{self.value}"


@dataclass(frozen=True)
class Problem:
    field: str
    key: str
    # `dataclasses.field`: the name `field` is this class's own attribute here.
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


RecordT = TypeVar("RecordT", bound="Record")


@dataclass(kw_only=True)
class Record:
    TABLE: ClassVar[str]

    id: int | None = None
    created: datetime | None = None
    updated: datetime | None = None

    @property
    def stored_id(self) -> int:
        """The id of a record read from the vault, where every record has one."""
        if self.id is None:
            raise ValueError(f"this {type(self).__name__} has not been stored")
        return self.id

    def validate(self, today: date) -> list[Problem]:
        return []

    # What the repository asks of a record type before storing it; by default, nothing.

    def normalized(self: RecordT) -> RecordT:
        """The record as it is stored (e.g. a client code without surrounding spaces)."""
        return self

    def refused_change(self: RecordT, stored: RecordT) -> list[Problem]:
        """Why replacing the `stored` version with this one is not allowed."""
        return []

    def conflict_scope(self) -> dict[str, Any] | None:
        """Which stored records of this type could conflict with this one (fields they
        share with it); None when none can."""
        return None

    def conflicts(self: RecordT, others: Sequence[RecordT]) -> list[Problem]:
        """What this record may not share with `others` (the records in its scope)."""
        return []


MAX_SHORT = 200
MAX_LONG = 100_000


def require(problems: list[Problem], name: str, value: str | None) -> None:
    if value is None or not str(value).strip():
        problems.append(Problem(name, "problem.required"))


def limit(problems: list[Problem], name: str, value: str, maximum: int = MAX_SHORT) -> None:
    if value and len(value) > maximum:
        problems.append(Problem(name, "problem.too_long", {"max": maximum}))


def not_future(problems: list[Problem], name: str, value: date | None, today: date) -> None:
    if value is not None and value > today:
        problems.append(Problem(name, "problem.future_date"))


def in_range(problems: list[Problem], name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        problems.append(Problem(name, "problem.range", {"min": low, "max": high}))


def not_before(
    problems: list[Problem], name: str, value: date | None, earliest: date | None
) -> None:
    if value is not None and earliest is not None and value < earliest:
        problems.append(Problem(name, "problem.date_before", {"date": earliest.isoformat()}))
