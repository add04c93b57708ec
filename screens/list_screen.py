"""The screen around one table of records, as most of Pendamping's lists are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable

from .base import BaseScreen, ResultType

# A column: its heading, or its heading and a fixed width (to keep 80 columns readable).
Column = str | tuple[str, int]


def add_columns(table: DataTable[Any], columns: Sequence[Column]) -> None:
    for column in columns:
        if isinstance(column, tuple):
            table.add_column(column[0], width=column[1])
        else:
            table.add_column(column)


class ListScreen(BaseScreen[ResultType]):
    """A table of records: its columns set once, its rows loaded when the screen opens
    and again when the worker comes back after a change; the table has the focus.

    Subclasses give `columns()` and `reload()`, and define no `on_mount` of their own
    (Textual would run both): what else opening needs goes in `opened()`.
    """

    def columns(self) -> Sequence[Column]:
        return ()

    def reload(self) -> None:
        raise NotImplementedError

    def opened(self) -> None:
        """Anything more to do once the rows are loaded."""

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        add_columns(table, self.columns())
        self.reload()
        table.focus()
        self.opened()

    def on_return(self) -> None:
        self.reload()
