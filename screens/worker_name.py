"""The worker's name, asked where it is needed: when a vault is made, and before a note
is signed or an addendum added without one (a signature "by —" says nothing). It is kept
inside the vault (never in the settings file) and can be changed in Settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.i18n import t
from tui.widgets.dialogs import ReasonDialog

from .base import BaseScreen

MAX_NAME = 100


def worker_name(screen: BaseScreen[Any]) -> str:
    return str(screen.repo.meta().get("worker_name", "")).strip()


def ask_worker_name(
    screen: BaseScreen[Any], message_key: str, then: Callable[[str], None] | None = None
) -> None:
    """Ask for the worker's name and keep it; `then(name)` runs once it is saved.
    Escape leaves everything as it was (and `then` is not called)."""

    def answered(result: tuple[object, str] | None) -> None:
        if result is None:
            return
        name = result[1].strip()[:MAX_NAME]
        screen.run_save(
            lambda: screen.repo.set_meta(worker_name=name),
            lambda _: then(name) if then is not None else None,
        )

    screen.app.push_screen(
        ReasonDialog(
            t("worker_name.title"),
            t(message_key),
            placeholder=t("worker_name.placeholder"),
            max_length=MAX_NAME,
            keys=t("worker_name.keys"),
        ),
        answered,
    )
