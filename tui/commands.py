"""Command palette: find a client by code (ctrl+p, then type "MA")."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .i18n import label, t

if TYPE_CHECKING:
    from .app import PendampingApp


class ClientCommands(Provider):
    """Every client (closed cases too), by code; never by name. Under the privacy mask,
    the code only: not even the phase a case is in."""

    def _clients(self) -> list[tuple[str, str, int]]:
        app: PendampingApp = self.app  # type: ignore[assignment]
        if not app.is_unlocked:
            return []
        return [
            (
                f"{c.code} · {t('palette.open_client')}",
                "" if app.private else label(c.phase),
                c.id or 0,
            )
            for c in app.repository.clients(include_closed=True)
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app: PendampingApp = self.app  # type: ignore[assignment]
        for title, help_text, client_id in self._clients():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(app.open_client, client_id),
                    help=help_text,
                )

    async def discover(self) -> Hits:
        app: PendampingApp = self.app  # type: ignore[assignment]
        for title, help_text, client_id in self._clients():
            yield DiscoveryHit(title, partial(app.open_client, client_id), help=help_text)
