"""Writing a document to disk as Markdown and/or HTML.

Every file goes through `atomic_write` (a crash leaves the old file or the new one,
never half of one), readable by the worker only (0600), into a folder that, if it has
to be made, is made readable by the worker only (0700). A file's name is the client's
code, the kind of document and the date, never the client's name, because file names
show up in folder listings, recent-file menus and backups.

These files are NOT encrypted, unlike the vault: the screens say so every time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from models.atomic import atomic_write, translate_os_error

from .document import Document
from .html_export import render_html

FORMATS = ("markdown", "html")
EXTENSIONS = {"markdown": "md", "html": "html"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Written:
    paths: tuple[Path, ...]  # absolute, in the order of FORMATS
    replaced: tuple[Path, ...]  # those that replaced a file of the same name


def slug(text: str) -> str:
    """Safe in a file name on every system: letters, digits, dot, dash, underscore."""
    return _UNSAFE.sub("-", text.strip()).strip("-.") or "export"


def file_stem(document: Document) -> str:
    """ "MA-case-report-2026-11-28", "caseload-summary-2026-11-28"."""
    parts = [
        document.code or "",
        document.file_kind or document.kind,
        document.made_on.isoformat() if document.made_on else "",
    ]
    return "-".join(slug(part) for part in parts if part)


def ensure_folder(folder: Path) -> Path:
    """The folder, made (private to the worker) if it does not exist yet."""
    folder = Path(folder).expanduser().absolute()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise translate_os_error(exc, folder) from None
    return folder


def write_document(document: Document, folder: Path, formats: Iterable[str]) -> Written:
    """Write the document in each format into `folder`; same day, same kind: replaced."""
    wanted = [f for f in FORMATS if f in set(formats)]
    if not wanted:
        raise ValueError("choose at least one format")
    folder = ensure_folder(folder)
    stem = file_stem(document)
    paths: list[Path] = []
    replaced: list[Path] = []
    for kind in wanted:
        path = folder / f"{stem}.{EXTENSIONS[kind]}"
        text = document.markdown() if kind == "markdown" else render_html(document)
        if path.exists():
            replaced.append(path)
        atomic_write(path, text.encode("utf-8"), mode=0o600)
        paths.append(path)
    return Written(tuple(paths), tuple(replaced))
