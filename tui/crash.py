"""What the worker reads when something unexpected stops Pendamping.

A Python or Textual traceback shows the values of local variables: a client's note, the
worker's name. It is printed to the terminal (and its scrollback) in clear, so it is
never shown and never written anywhere. The worker gets one line in their language
instead, with what a developer needs to find the place (the kind of error, and the file
and line in Pendamping's own code), none of it data.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from .i18n import t

OUR_PACKAGES = ("models", "tui", "screens")


def where(error: BaseException) -> str:
    """The innermost place in our own code the error passed through: "screens/notes.py:120"."""
    place = "?"
    for frame in traceback.extract_tb(error.__traceback__):
        parts = Path(frame.filename).parts
        for index, part in enumerate(parts[:-1]):
            if part in OUR_PACKAGES:
                place = f"{'/'.join(parts[index:])}:{frame.lineno}"
                break
    return place


def crash_text(error: BaseException) -> str:
    return t("app.crashed", error=type(error).__name__, where=where(error))
