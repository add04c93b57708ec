"""The engagement contract: how worker and client agreed to work together.

The form writes a new version of the contract; when one exists it starts from the
current version and asks why it is being renegotiated. F3 lists every version (a letter
would be typed into the field that has the focus).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from documents.casework import contract_markdown
from models.records import Client, Communication, Contract
from tui.i18n import format_date, t, weekday_name
from tui.rendering import app_rendering
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.form import AreaField, ChoiceField, DateField, IntField, OptionField, TextField
from tui.widgets.markdown_view import MarkdownView

from .base import BaseScreen
from .form import FormScreen

NOT_FIXED = -1


class ContractScreen(FormScreen[Contract]):
    HELP_KEY = "contract.help"
    BINDINGS = [Binding("f3", "history", "key.history", id="contract.history")]

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.current: Contract | None = None

    def title_text(self) -> str:
        return t("contract.title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        self.current = self.repo.current_contract(self.client.id or 0)
        c = self.current or Contract(client_id=self.client.id or 0)
        today = self.repo.today()
        if self.current is not None:
            yield Static(
                t(
                    "contract.renegotiating",
                    version=self.current.version,
                    date=format_date(self.current.agreed_on),
                ),
                classes="form-intro",
            )
        else:
            yield Static(t("contract.intro"), classes="form-intro")
        agreed = today if self.current else c.agreed_on or today
        yield DateField(
            "agreed_on",
            "contract.agreed_on",
            agreed,
            today=today,
            required=True,
            suggested=self.current is not None or c.agreed_on is None,
        )
        days = [(t("contract.weekday.none"), NOT_FIXED)] + [
            (weekday_name(day), day) for day in range(7)
        ]
        yield OptionField(
            "meeting_weekday",
            "contract.weekday",
            days,
            NOT_FIXED if c.meeting_weekday is None else c.meeting_weekday,
        )
        yield TextField(
            "meeting_time",
            "contract.time",
            c.meeting_time,
            placeholder_key="contract.time.placeholder",
            max_length=5,
        )
        yield IntField("interval_weeks", "contract.interval", c.interval_weeks)
        yield TextField("place", "contract.place", c.place)
        yield ChoiceField(
            "communication", "contract.communication", list(Communication), c.communication
        )
        yield TextField(
            "communication_notes", "contract.communication_notes", c.communication_notes
        )
        yield AreaField(
            "client_expectations",
            "contract.client_expectations",
            c.client_expectations,
            required=True,
        )
        yield AreaField(
            "worker_expectations",
            "contract.worker_expectations",
            c.worker_expectations,
            required=True,
        )
        if self.current is not None:
            yield AreaField("renegotiation_reason", "contract.reason", "", required=True)

    def build_record(self, values: dict[str, Any]) -> Contract:
        weekday = values["meeting_weekday"]
        base = self.current or Contract(client_id=self.client.id or 0)
        return replace(
            base,
            id=None,
            version=(self.current.version + 1) if self.current else 1,
            agreed_on=values["agreed_on"],
            meeting_weekday=None if weekday == NOT_FIXED else weekday,
            meeting_time=values["meeting_time"].replace(".", ":"),
            interval_weeks=values["interval_weeks"] or 1,
            place=values["place"],
            communication=values["communication"],
            communication_notes=values["communication_notes"],
            client_expectations=values["client_expectations"],
            worker_expectations=values["worker_expectations"],
            renegotiation_reason=values.get("renegotiation_reason", ""),
        )

    def persist(self, record: Contract) -> Contract:
        return self.repo.renegotiate(record)

    def after_save(self, record: Contract) -> None:
        self.notify(t("contract.saved", version=record.version), timeout=3)
        self.dismiss(record)

    def action_history(self) -> None:
        self.app.push_screen(ContractHistoryScreen(self.client))


class ContractHistoryScreen(BaseScreen[None]):
    """Every version of the contract, newest first; Enter shows one in full."""

    HELP_KEY = "contract.history.help"
    DEFAULT_CSS = """
    ContractHistoryScreen DataTable { height: auto; max-height: 8; }
    ContractHistoryScreen #contract-detail { height: 1fr; padding: 0 1; }
    """

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.versions: list[Contract] = []

    def compose(self) -> ComposeResult:
        yield from screen_top(t("contract.history.title", code=self.client.code))
        table: DataTable[str] = DataTable(cursor_type="row", classes="sensitive")
        yield table
        with VerticalScroll(id="contract-detail", classes="sensitive"):
            yield MarkdownView(id="contract-text")
        yield from screen_bottom()

    def on_mount(self) -> None:
        self.versions = self.repo.contracts_of(self.client.id or 0)
        table = self.query_one(DataTable)
        table.add_columns(
            t("contract.col.version"), t("contract.col.agreed"), t("contract.col.reason")
        )
        for contract in self.versions:
            table.add_row(
                f"v{contract.version}",
                format_date(contract.agreed_on),
                contract.renegotiation_reason.splitlines()[0][:40]
                if contract.renegotiation_reason
                else t("contract.first"),
                key=str(contract.id),
            )
        if not self.versions:
            self.query_one("#contract-text", MarkdownView).show(t("contract.none"))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        contract = next((c for c in self.versions if str(c.id) == event.row_key.value), None)
        if contract is not None:
            self.query_one("#contract-text", MarkdownView).show(
                contract_markdown(contract, app_rendering())
            )
