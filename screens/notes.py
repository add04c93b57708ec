"""Session notes: a notebook to type into during a session.

The note saves itself a moment after the worker stops typing (and at least every few
seconds while they keep typing, and when they leave), in the background; the status
line says saving / saved / failed. Ctrl+T inserts the time, Ctrl+R toggles a rendered
preview. A signed note (F5) is locked: later changes are dated addenda (F4) with a
reason, and the original text stays as it was.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Static, TextArea
from textual.worker import Worker

from documents.casework import note_markdown, signature_text
from models.dates import now, parse_date
from models.errors import VaultClosed
from models.records import Client, NoteKind, NoteTemplate, SessionNote
from models.snippets import first_meaningful_line
from tui.bindings import translate_bindings
from tui.i18n import format_date, format_datetime, label, t
from tui.rendering import app_rendering
from tui.widgets.choice import ChoiceSelect
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import ConfirmDialog
from tui.widgets.markdown_view import MarkdownView
from tui.widgets.status import StatusLine
from tui.widgets.text_input import TextInput

from .base import BaseScreen
from .list_screen import Column, ListScreen
from .worker_name import ask_worker_name, worker_name

AUTOSAVE_DELAY = 1.5  # seconds of quiet before the note saves itself
AUTOSAVE_MAX_WAIT = 8.0  # never hold unsaved typing longer than this


def template_text(template: NoteTemplate) -> str:
    return "" if template is NoteTemplate.FREE else t(f"notes.template.{template.value}")


class NoteEditorScreen(BaseScreen[SessionNote | None]):
    HELP_KEY = "notes.editor.help"
    AUTO_FOCUS = "#note-body"  # the note itself: the header above is filled in already
    DEFAULT_CSS = """
    NoteEditorScreen #note-head { height: 1; padding: 0 1; }
    NoteEditorScreen #note-head Label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    NoteEditorScreen #note-head Input { width: 12; background: $boost; margin-right: 1; }
    NoteEditorScreen #note-head #note-minutes { width: 5; }
    NoteEditorScreen #note-head ChoiceSelect { width: 22; margin-right: 1; }
    NoteEditorScreen #note-head #note-template { width: 14; }
    NoteEditorScreen #note-body { height: 1fr; }
    NoteEditorScreen #note-preview { height: 1fr; display: none; padding: 0 1; }
    NoteEditorScreen.-preview #note-preview { display: block; }
    NoteEditorScreen.-preview #note-body { display: none; }
    NoteEditorScreen #note-signed { height: auto; max-height: 6; padding: 0 1;
        color: $text-muted; display: none; }
    NoteEditorScreen.-signed #note-signed { display: block; }
    NoteEditorScreen.-preview #note-signed { display: none; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save_now", "key.save", id="note.save"),
        Binding("ctrl+t", "insert_time", "key.insert_time", id="note.time"),
        Binding("ctrl+r", "preview", "key.preview", id="note.preview"),
        Binding("f5", "sign", "key.sign", id="note.sign"),
        Binding("f4", "addendum", "key.addendum", id="note.addendum"),
        Binding("escape", "back", "key.back", id="screen.back", show=False),
    ]

    def __init__(
        self,
        client: Client,
        note: SessionNote | None = None,
        template: NoteTemplate = NoteTemplate.FREE,
    ) -> None:
        super().__init__()
        self.client = client
        self.note = note
        self.template = note.template if note else template
        self._dirty = False
        self._first_unsaved: float | None = None
        self._timer: Timer | None = None
        self._saving: Worker[SessionNote] | None = None
        self._leaving = False
        self._leave_hold: object | None = None
        self._last_good_date: date | None = note.date if note else None

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        note = self.note
        self._last_good_date = self._last_good_date or self.pendamping.today()
        yield from screen_top(t("notes.editor.title", code=self.client.code))
        with Horizontal(id="note-head", classes="sensitive"):
            yield Label(t("notes.date"))
            yield TextInput(
                format_date(self._last_good_date, "short"), id="note-date", compact=True
            )
            yield ChoiceSelect(
                [(label(k), k) for k in NoteKind],
                title=t("notes.col.kind"),
                value=note.kind if note else NoteKind.INDIVIDUAL,
                id="note-kind",
            )
            yield Label(t("notes.minutes"))
            yield TextInput(
                "" if not note or note.duration_minutes is None else str(note.duration_minutes),
                id="note-minutes",
                compact=True,
            )
            yield ChoiceSelect(
                [(label(k), k) for k in NoteTemplate],
                title=t("client_data.template"),
                value=self.template,
                id="note-template",
            )
        body = note.body if note else template_text(self.template)
        area = TextArea(
            body,
            id="note-body",
            soft_wrap=True,
            show_line_numbers=False,
            classes="sensitive",
            tab_behavior="focus",
        )
        area.cursor_blink = False
        yield area
        with VerticalScroll(id="note-preview", classes="sensitive"):
            yield MarkdownView()
        with VerticalScroll(id="note-signed", classes="sensitive"):
            yield Static("", id="note-signed-text")
        yield StatusLine()
        yield from screen_bottom()

    def on_mount(self) -> None:
        self.show_signature()
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def show_signature(self) -> None:
        note = self.note
        signed = note is not None and note.is_signed
        self.set_class(signed, "-signed")
        self.query_one(TextArea).read_only = signed
        for widget in self.query("#note-head Input, #note-head ChoiceSelect"):
            widget.disabled = signed
        if note is not None and signed:
            text = signature_text(note, app_rendering())
            for addendum in note.addenda:
                text += "\n" + t(
                    "notes.addendum_line",
                    when=format_datetime(addendum.at),
                    reason=addendum.reason,
                    text=addendum.text,
                )
            self.query_one("#note-signed-text", Static).update(text)
            self.query_one(StatusLine).set_left(t("notes.locked"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        signed = self.note is not None and self.note.is_signed
        if action in ("sign", "insert_time", "save_now"):
            return not signed
        if action == "addendum":
            return signed
        return True

    # -- typing and saving ------------------------------------------------------------

    def _shown(self) -> tuple[str, object, str, str, object]:
        """What the worker can change, as it stands on screen (the format included)."""
        return (
            self.query_one("#note-date", Input).value,
            self.query_one("#note-kind", ChoiceSelect).value,
            self.query_one("#note-minutes", Input).value,
            self.query_one(TextArea).text,
            self.template,
        )

    def _as_stored(self) -> tuple[str, object, str, str, object]:
        """The same for the note as last saved (or as a new note starts)."""
        note = self.note
        day = (note.date if note else None) or self._last_good_date or self.pendamping.today()
        return (
            format_date(day, "short"),
            note.kind if note else NoteKind.INDIVIDUAL,
            "" if not note or note.duration_minutes is None else str(note.duration_minutes),
            note.body if note else template_text(self.template),
            note.template if note else self.template,
        )

    @on(TextArea.Changed, "#note-body")
    @on(Input.Changed, "#note-date, #note-minutes")
    @on(ChoiceSelect.Changed, "#note-kind")
    def _typed(self) -> None:
        if self.note is not None and self.note.is_signed:
            return
        # The fields announce their first values as the note opens; only a real change
        # (not opening a note) makes it unsaved, or every note read would be rewritten.
        if not self._dirty and self._saving is None and self._shown() == self._as_stored():
            return
        self._dirty = True
        clock = time.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = clock
        if self._timer is not None:
            self._timer.stop()
        # Save a moment after the typing stops, or now if it has gone on for a while.
        if clock - self._first_unsaved >= AUTOSAVE_MAX_WAIT:
            self.save()
        else:
            self._timer = self.set_timer(AUTOSAVE_DELAY, self.save)
        status = self.save_status()
        if status is not None and status.state != "saving":
            status.unsaved()

    @on(ChoiceSelect.Changed, "#note-template")
    def _template_chosen(self, event: ChoiceSelect.Changed) -> None:
        chosen = event.value
        if not isinstance(chosen, NoteTemplate) or chosen is self.template:
            return
        self.template = chosen
        area = self.query_one(TextArea)
        if not area.text.strip() or area.text == template_text(NoteTemplate.FREE):
            area.text = template_text(chosen)  # headings only into an empty note
        self._typed()

    def build(self) -> SessionNote:
        """The note as it stands on screen; an unreadable header keeps its last good value."""
        today = self.pendamping.today()
        day = parse_date(self.query_one("#note-date", Input).value, today)
        left = self.query_one(StatusLine)
        if day is None or day > today:
            day = self._last_good_date or today
            left.set_left(t("notes.bad_date", date=format_date(day)))
        else:
            self._last_good_date = day
            left.set_left("")
        minutes_text = self.query_one("#note-minutes", Input).value.strip()
        minutes = (
            int(minutes_text)
            if minutes_text.isdigit() and 0 < int(minutes_text) <= 24 * 60
            else (self.note.duration_minutes if self.note else None)
        )
        kind = self.query_one("#note-kind", ChoiceSelect).value
        base = self.note or SessionNote(client_id=self.client.id or 0)
        return replace(
            base,
            date=day,
            kind=kind if isinstance(kind, NoteKind) else base.kind,
            duration_minutes=minutes,
            template=self.template,
            body=self.query_one(TextArea).text,
        )

    def save(self) -> Worker[SessionNote] | None:
        """Save now in the background; one save at a time, the latest text wins."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._dirty or (self.note is not None and self.note.is_signed):
            return None
        if self._saving is not None:  # the running save will be followed by another
            return self._saving
        if not self.pendamping.is_unlocked:
            self._timer = self.set_timer(AUTOSAVE_DELAY, self.save)
            return None
        record = self.build()
        self._dirty = False
        self._first_unsaved = None

        def store() -> SessionNote:
            return self.repo.add(record) if record.id is None else self.repo.update(record)

        # Saving itself as the worker types must not hold the typing back; leaving
        # holds the keys until the note is saved and the screen underneath is back.
        self._saving = self.run_save(
            store,
            self._saved,
            on_failed=self._failed,
            on_invalid=lambda error: self._failed(error),
            hold_keys=self._leaving,
        )
        return self._saving

    def _saved(self, note: SessionNote) -> None:
        self._saving = None
        self.note = note
        if self._dirty:  # typed while saving: save again
            self.save()
        elif self._leaving:
            self.dismiss(self.note)
            self._stop_holding_keys()

    def _failed(self, error: BaseException) -> None:
        self._saving = None
        self._dirty = True  # what was typed is still on screen; try again shortly
        self._leaving = False
        self._stop_holding_keys(discard=True)
        if not isinstance(error, VaultClosed):
            self._timer = self.set_timer(AUTOSAVE_MAX_WAIT, self.save)

    @property
    def saves_itself(self) -> bool:
        return True

    async def flush(self) -> None:
        """Save what is typed and wait for it (before the app locks or quits)."""
        worker = self.save()
        if worker is not None:
            await worker.wait()

    @property
    def is_dirty(self) -> bool:
        return self._dirty or self._saving is not None

    def action_save_now(self) -> None:
        self._dirty = self._dirty or self.note is None
        self.save()

    def _stop_holding_keys(self, *, discard: bool = False) -> None:
        if self._leave_hold is not None:
            self.pendamping.key_gate.release(self._leave_hold, discard=discard)
            self._leave_hold = None

    def action_back(self) -> None:
        if self._dirty or self._saving is not None:
            self._leaving = True
            if self._leave_hold is None:  # keys typed now are for the screen underneath
                self._leave_hold = self.pendamping.key_gate.hold()
            if self.save() is None and self._saving is None:
                self.dismiss(self.note)
            return
        self.dismiss(self.note)

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._stop_holding_keys()

    # -- editing helpers -----------------------------------------------------------------

    def action_insert_time(self) -> None:
        area = self.query_one(TextArea)
        area.insert(f"{now():%H:%M} ")
        area.focus()

    def action_preview(self) -> None:
        previewing = not self.has_class("-preview")
        if previewing:
            shown = self.note if self.note and self.note.is_signed else self.build()
            self.query_one(MarkdownView).show(note_markdown(shown, app_rendering()))
        self.set_class(previewing, "-preview")
        if not previewing:
            self.query_one(TextArea).focus()

    # -- signing and addenda ---------------------------------------------------------------

    def action_sign(self) -> None:
        if self.note is not None and self.note.is_signed:
            return
        if not worker_name(self):  # a signature says who signed: ask first
            ask_worker_name(self, "worker_name.before_signing", lambda _: self.action_sign())
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self._dirty = True
            worker = self.save()
            by = worker_name(self)

            async def sign_after_save() -> None:
                if worker is not None:
                    await worker.wait()
                if self.note is None or self.note.id is None:
                    return
                note_id = self.note.id
                self.run_save(lambda: self.repo.sign_note(note_id, by), self._signed)

            self.run_worker(sign_after_save(), group="sign")

        self.app.push_screen(ConfirmDialog(t("notes.sign.title"), t("notes.sign.text")), answered)

    def _signed(self, note: SessionNote) -> None:
        self.note = note
        self._dirty = False
        self.show_signature()
        self.notify(t("notes.signed"), timeout=3)

    def action_addendum(self) -> None:
        note = self.note
        if note is None or not note.is_signed or note.id is None:
            return
        note_id = note.id
        by = worker_name(self)
        if not by:
            ask_worker_name(self, "worker_name.before_signing", lambda _: self.action_addendum())
            return

        def answered(result: tuple[str, str] | None) -> None:
            if result is not None:
                reason, text = result
                self.run_save(
                    lambda: self.repo.add_addendum(note_id, reason, text, by), self._signed
                )

        self.app.push_screen(AddendumDialog(), answered)


class AddendumDialog(ModalScreen["tuple[str, str] | None"]):
    """A dated addendum to a signed note: why, and what is added or corrected."""

    DEFAULT_CSS = """
    AddendumDialog { align: center middle; }
    AddendumDialog > Vertical {
        width: 72; height: auto; max-height: 22; border: thick $primary;
        background: $surface; padding: 1 2;
    }
    AddendumDialog Input { margin: 1 0; }
    AddendumDialog TextArea { height: 8; }
    AddendumDialog .dialog-error { color: $error; height: auto; }
    AddendumDialog .dialog-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "submit", "key.save", id="form.save"),
        Binding("escape", "cancel", "key.back", show=False, id="dialog.no"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("notes.addendum.title"), classes="section-title")
            yield TextInput(placeholder=t("notes.addendum.reason"), id="addendum-reason")
            area = TextArea("", id="addendum-text", soft_wrap=True)
            area.cursor_blink = False
            yield area
            yield Static("", classes="dialog-error")
            yield Static(t("notes.addendum.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#addendum-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#addendum-text", TextArea).focus()

    def action_submit(self) -> None:
        reason = self.query_one("#addendum-reason", Input).value.strip()
        text = self.query_one("#addendum-text", TextArea).text.strip()
        if not reason or not text:
            self.query_one(".dialog-error", Static).update(t("notes.addendum.both"))
            (
                self.query_one("#addendum-reason", Input)
                if not reason
                else self.query_one("#addendum-text", TextArea)
            ).focus()
            return
        self.dismiss((reason, text))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotesScreen(ListScreen[None]):
    """A client's notes, newest first."""

    HELP_KEY = "notes.list.help"
    DEFAULT_CSS = """
    NotesScreen #notes { height: 1fr; }
    NotesScreen #notes-empty { padding: 1 2; color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("n", "new", "key.new_note", id="notes.new"),
        Binding("enter", "open", "key.open", id="notes.open", show=False),
        Binding("slash", "search", "key.search", id="notes.search"),
    ]

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.notes: list[SessionNote] = []

    def compose(self) -> ComposeResult:
        yield from screen_top(t("notes.list.title", code=self.client.code))
        yield Static(t("notes.empty"), id="notes-empty")
        table: DataTable[Any] = DataTable(
            id="notes", cursor_type="row", zebra_stripes=True, classes="sensitive"
        )
        yield table
        yield StatusLine(scroll=table)
        yield from screen_bottom()

    def columns(self) -> list[Column]:
        return note_columns()

    def reload(self) -> None:
        self.notes = self.repo.notes_of(self.client.id or 0)
        fill_notes_table(self.query_one(DataTable), self.notes)
        self.query_one("#notes-empty").display = not self.notes

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_new(self) -> None:
        self.app.push_screen(NoteEditorScreen(self.client))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.notes:
            self.app.push_screen(
                NoteEditorScreen(
                    self.client, self.notes[min(table.cursor_row, len(self.notes) - 1)]
                )
            )

    def action_search(self) -> None:
        from .note_search import NoteSearchScreen

        self.app.push_screen(NoteSearchScreen(self.client))


def first_line(note: SessionNote, width: int = 40) -> str:
    """What the note is about: its first line that is not a template heading."""
    return first_meaningful_line(note.body, width)


def note_columns(*, with_code: bool = False) -> list[Column]:
    """A list of notes; with the client's code first in search results."""
    code: list[Column] = [(t("caseload.col.code"), 8)] if with_code else []
    return [
        *code,
        (t("overview.col.date"), 11),
        (t("notes.col.kind"), 18),
        (t("notes.col.minutes"), 5),
        (t("notes.col.first_line"), 17 if with_code else 29),
        (t("notes.col.signed"), 6),
    ]


def fill_notes_table(
    table: DataTable[str], notes: list[SessionNote], codes: dict[int, str] | None = None
) -> None:
    """One row per note; with `codes`, the client's code comes first (search results)."""
    table.clear()
    for note in notes:
        cells = [
            format_date(note.date),
            label(note.kind),
            str(note.duration_minutes or ""),
            first_line(note),
            "✓" if note.is_signed else "",
        ]
        if codes is not None:
            cells.insert(0, codes.get(note.client_id, "?"))
        table.add_row(*cells, key=str(note.id))
