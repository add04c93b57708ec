"""Case transfer: export one client's case as an encrypted bundle for another worker, and
import a bundle into this vault (new ids, nothing here overwritten)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Static

from models.records import Client
from models.transfer import (
    CaseExported,
    ImportSummary,
    export_case,
    import_case,
    read_case,
    was_imported,
)
from tui.i18n import t
from tui.locations import exports_dir
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.text_input import TextInput

from .keys import RecoveryKeyShown
from .task import TaskScreen


def counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{t(f'table.{name}')}: {count}" for name, count in counts.items())


class CaseExportScreen(TaskScreen):
    TITLE_KEY = "transfer.export.title"
    STEPS = ("writing", "verifying")

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client

    def title_text(self) -> str:
        return t(self.TITLE_KEY, code=self.client.code)

    def compose_task(self) -> ComposeResult:
        yield Static(t("transfer.export.intro", code=self.client.code), classes="task-intro")
        name = f"pendamping-case-{self.client.code}-{self.repo.today().isoformat()}.pcase"
        yield TextInput(str(exports_dir() / name), id="case-out")
        yield Static(t("transfer.export.warning"), classes="task-warning")
        yield RecoveryKeyShown(id="transfer-code")

    def out(self) -> Path:
        return Path(self.query_one("#case-out", Input).value.strip()).expanduser()

    def check(self) -> str | None:
        if self.out().exists():
            return t("error.exists", path=self.out())
        return None

    def job(self, progress: Callable[[str], None]) -> CaseExported:
        progress("writing")
        self.out().parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return export_case(self.repo, self.client.id or 0, self.out(), kdf=self.pendamping.kdf)

    def finished(self, exported: CaseExported) -> None:
        self.query_one(RecoveryKeyShown).show(exported.code)
        self.say(
            t("transfer.exported", path=self.out())
            + "\n"
            + counts_text(exported.counts)
            + "\n"
            + t("transfer.code_shown"),
            "done",
        )


class CaseImportScreen(TaskScreen):
    TITLE_KEY = "transfer.import.title"
    STEPS = ("verifying", "importing")

    def __init__(self) -> None:
        super().__init__()
        self.again = False  # the worker said yes to importing a bundle imported before

    def compose_task(self) -> ComposeResult:
        yield Static(t("transfer.import.intro"), classes="task-intro")
        yield TextInput(str(exports_dir()) + "/", id="case-file")
        yield TextInput(placeholder=t("transfer.code"), id="case-passphrase", password=True)

    def job(self, progress: Callable[[str], None]) -> ImportSummary | None:
        progress("verifying")
        body = read_case(
            Path(self.query_one("#case-file", Input).value.strip()).expanduser(),
            self.query_one("#case-passphrase", Input).value,
        )
        if was_imported(self.repo, body) and not self.again:
            return None  # asked first: a second copy of the case is rarely what is meant
        progress("importing")
        return import_case(self.repo, body)

    def finished(self, summary: ImportSummary | None) -> None:
        if summary is None:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.again = True
                    self.action_run()
                else:
                    self.say(t("transfer.not_again"))

            self.say("")
            self.app.push_screen(
                ConfirmDialog(t("transfer.again.title"), t("transfer.again.text"), danger=True),
                answered,
            )
            return
        text = t("transfer.imported", code=summary.code) + "\n" + counts_text(summary.counts)
        if summary.renamed:
            text += "\n" + t("transfer.renamed", original=summary.original_code, code=summary.code)
        self.say(text, "done")
