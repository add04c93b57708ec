"""What every export screen shares: options, a format, a folder, and a clear answer.

The worker ticks what goes in (Space ticks), picks Markdown, HTML or both, and the
folder (prefilled with the exports folder). Ctrl+S, or Enter anywhere but in the format
list, writes in the background; the screen then names every file it wrote, with its
full path, and says again that the files are NOT encrypted.

The documents are built in `documents/` (report, journal, client_data); the screens
hand them the app's language layer (`tui.rendering.app_rendering`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Static

from documents.document import Document
from documents.exports import Written, write_document
from models.errors import VaultError
from models.records import Problem
from tui.i18n import (
    error_text,
    t,
)
from tui.locations import exports_dir
from tui.settings import remembered_folder
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.form import OptionField, TextField, read_form, show_problems

from .base import BaseScreen

FORMAT_CHOICES = {"html": ("html",), "markdown": ("markdown",), "both": ("markdown", "html")}


class ExportScreen(BaseScreen[None]):
    DEFAULT_CSS = """
    ExportScreen #export-form { height: 1fr; padding: 0 1; }
    ExportScreen .export-intro { height: auto; color: $text-muted; margin-bottom: 1; }
    ExportScreen .export-part { margin: 0; }
    ExportScreen .export-gap { margin-top: 1; }
    ExportScreen .export-warning { height: auto; color: $warning; padding: 0 1; }
    ExportScreen #export-message { height: auto; max-height: 7; padding: 0 1; display: none; }
    ExportScreen #export-message.-shown { display: block; }
    ExportScreen #export-message.-done { color: $success; }
    ExportScreen #export-message.-error { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("ctrl+s", "write", "key.write_export", id="export.write"),
        Binding("enter", "enter", "key.write_export", id="export.enter", show=False, priority=True),
    ]

    TITLE_KEY = ""
    INTRO_KEY = ""

    def __init__(self) -> None:
        super().__init__()
        self.writing = False
        self._folder: Path | None = None

    # -- what subclasses provide ---------------------------------------------------------

    def title_text(self) -> str:
        return t(self.TITLE_KEY)

    def compose_options(self) -> ComposeResult:
        yield from ()

    def check(self, values: dict[str, Any]) -> str | None:
        """A problem with the choices, in words, or None to go ahead."""
        return None

    def build(self, values: dict[str, Any]) -> Document:
        """The document; runs in a worker thread, so only repository calls here."""
        raise NotImplementedError

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from screen_top(self.title_text(), private=False)
        with VerticalScroll(id="export-form", can_focus=False):
            yield Static(t(self.INTRO_KEY), classes="export-intro")
            yield from self.compose_options()
            format_field = OptionField(
                "format",
                "export.format",
                [
                    (t("export.format.html"), "html"),
                    (t("export.format.markdown"), "markdown"),
                    (t("export.format.both"), "both"),
                ],
                "html",
            )
            format_field.add_class("export-gap")
            yield format_field
            yield TextField(
                "folder",
                "export.folder",
                str(remembered_folder(self.pendamping.settings.export_folder) or exports_dir()),
            )
        yield Static(t("export.not_encrypted"), classes="export-warning")
        yield Static("", id="export-message")
        yield from screen_bottom()

    def on_mount(self) -> None:
        for box in self.query(Checkbox):
            box.compact = True  # one line per part: every choice fits on 80x24
        first = self.query("#export-form Checkbox, #export-form ChoiceSelect, #export-form Input")
        if first:
            first.first().focus()

    # -- writing ---------------------------------------------------------------------------

    def action_enter(self) -> None:
        # Enter writes from a tick box or the folder; in the format list it picks.
        if not isinstance(self.focused, (Checkbox, Input)):
            raise SkipAction()
        self.action_write()

    def action_write(self) -> None:
        if self.writing:
            return
        values, problems = read_form(self)
        if not values["folder"]:
            problems.append(Problem("folder", "problem.required"))
        if show_problems(self, problems):
            return
        problem = self.check(values)
        if problem:
            self.say(problem, "error")
            return
        folder = Path(values["folder"]).expanduser()
        self._folder = folder.absolute()  # remembered as a place, not relative to here
        formats = FORMAT_CHOICES[values["format"]]
        self.writing = True
        self.say(t("export.writing"))
        self.run_save(
            lambda: write_document(self.build(values), folder, formats),
            self._written,
            on_failed=self._failed,
            on_invalid=lambda error: self._failed(error),
        )

    def _written(self, written: Written) -> None:
        self.writing = False
        if self._folder is not None:  # the next export starts in the same folder
            self.pendamping.remember(export_folder=str(self._folder))
        lines = [t("export.written")] + [str(path) for path in written.paths]
        if written.replaced:
            lines.append(t("export.replaced"))
        lines.append(t("export.written_not_encrypted"))
        self.say("\n".join(lines), "done")

    def _failed(self, error: BaseException) -> None:
        self.writing = False
        self.say(
            error_text(error)
            if isinstance(error, VaultError)
            else t("save.unexpected", error=type(error).__name__),
            "error",
        )

    def say(self, text: str, kind: str = "") -> None:
        message = self.query_one("#export-message", Static)
        message.update(text)
        message.set_class(bool(text), "-shown")
        message.set_class(kind == "done", "-done")
        message.set_class(kind == "error", "-error")
