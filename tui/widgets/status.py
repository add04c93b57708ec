"""The status line under each screen: save state on the right, privacy on the left."""

from __future__ import annotations

from datetime import datetime

from textual.reactive import reactive
from textual.widgets import Static

from ..i18n import t


class SaveStatus(Static):
    """Shows idle / saving... / saved 10:42 / save failed: why."""

    DEFAULT_CSS = """
    SaveStatus { width: auto; height: 1; padding: 0 1; color: $text-muted; }
    SaveStatus.-saving { color: $warning; }
    SaveStatus.-saved { color: $success; }
    SaveStatus.-failed { color: $error; text-style: bold; }
    """

    state: reactive[str] = reactive("idle")

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self._detail = ""

    def saving(self) -> None:
        self._detail = ""
        self.state = "saving"
        self._show()

    def saved(self, at: datetime | None = None) -> None:
        self._detail = (at or datetime.now()).strftime("%H:%M:%S")
        self.state = "saved"
        self._show()

    def failed(self, reason: str) -> None:
        self._detail = reason
        self.state = "failed"
        self._show()

    def unsaved(self) -> None:
        self._detail = ""
        self.state = "unsaved"
        self._show()

    def _show(self) -> None:
        for name in ("saving", "saved", "failed", "unsaved"):
            self.set_class(self.state == name, f"-{name}")
        text = {
            "idle": "",
            "unsaved": t("save.unsaved"),
            "saving": t("save.saving"),
            "saved": t("save.saved", time=self._detail),
            "failed": t("save.failed", reason=self._detail),
        }[self.state]
        self.update(text)
