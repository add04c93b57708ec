"""Exports of the clinical record: the case report of one client (for supervision and
handover), everything held about a client (their right of access), and the caseload
summary. The documents are built by documents.report and documents.client_data.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from documents.client_data import client_data
from documents.document import Document
from documents.report import (
    DEFAULT_PARTS,
    PART_TITLE_KEYS,
    PARTS,
    ReportOptions,
    case_report,
    caseload_summary,
)
from models.records import Client
from tui.i18n import t
from tui.rendering import app_rendering
from tui.widgets.form import CheckField

from .caseload import Row
from .export import ExportScreen

# What each part holds, beside its tick box.
PART_HINT_KEYS = {
    "intake": "report.hint.intake",
    "contract": "report.hint.contract",
    "assessment": "report.hint.assessment",
    "scores": "report.hint.scores",
    "history_map": "report.hint.history_map",
    "plan": "report.hint.plan",
    "notes": "report.hint.notes",
    "groups": "report.hint.groups",
    "reflections": "report.hint.reflections",
    "termination": "report.hint.termination",
}


class ReportScreen(ExportScreen):
    """The case report: the worker ticks the parts; names only when asked for."""

    HELP_KEY = "report.help"
    INTRO_KEY = "report.intro"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client

    def title_text(self) -> str:
        return t("report.screen_title", code=self.client.code)

    def compose_options(self) -> ComposeResult:
        for part in PARTS:
            field = CheckField(
                f"part.{part}", PART_TITLE_KEYS[part], PART_HINT_KEYS[part], part in DEFAULT_PARTS
            )
            field.add_class("export-part")
            yield field
        names = CheckField(
            "names", "report.names", "report.names.check", False, hint_key="report.names.hint"
        )
        names.add_class("export-part", "export-gap")
        yield names

    def chosen(self, values: dict[str, Any]) -> ReportOptions:
        return ReportOptions(
            parts=frozenset(p for p in PARTS if values[f"part.{p}"]),
            with_names=bool(values["names"]),
        )

    def check(self, values: dict[str, Any]) -> str | None:
        return None if self.chosen(values).parts else t("report.no_parts")

    def build(self, values: dict[str, Any]) -> Document:
        return case_report(self.repo, self.client.id or 0, self.chosen(values), app_rendering())


class ClientDataScreen(ExportScreen):
    """Everything held about the client, full name included, for the client to read."""

    HELP_KEY = "client_data.help"
    INTRO_KEY = "client_data.screen_intro"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client

    def title_text(self) -> str:
        return t("client_data.screen_title", code=self.client.code)

    def build(self, values: dict[str, Any]) -> Document:
        return client_data(self.repo, self.client.id or 0, app_rendering())


class CaseloadSummaryScreen(ExportScreen):
    """One table of every client, by code only."""

    HELP_KEY = "caseload_summary.help"
    TITLE_KEY = "caseload_summary.screen_title"
    INTRO_KEY = "caseload_summary.screen_intro"

    def compose_options(self) -> ComposeResult:
        field = CheckField(
            "include_closed", "caseload_summary.closed", "caseload_summary.closed.check", False
        )
        field.add_class("export-part")
        yield field

    def build(self, values: dict[str, Any]) -> Document:
        return caseload_summary(
            self.repo,
            app_rendering(),
            lambda facts: Row.from_facts(facts).open_items_text(),
            include_closed=bool(values["include_closed"]),
        )
