"""Every key the worker types reaches the screen it was typed for, in order.

Textual hands a key to the focused widget by posting it to that widget's queue and
goes straight on to the next key. A key that opens a screen does its work only when it
has travelled up to the app, and a new screen takes keys only once it is mounted and
its first field has focus. Typed in one burst, as a worker types without looking,
"g" then "Tujuan" lost the text (it reached the new screen before anything there had
focus), and a letter could run a binding of the screen being left ("x", "d", "p").

The gate makes key handling sequential, the way the worker meant it:

1. One key at a time. A key is delivered the way Textual delivers it, then a marker
   follows it up the same chain of widgets (the focused widget, its parents, the
   screen, the app). Each widget's queue is first in, first out, so when the marker
   reaches the app the key has been handled wherever it went. What handling it posted
   on (Enter in a table posts "row selected", in a field "submitted", and only their
   handlers open the next screen) is handled before a second marker has made the same
   trip. Only then does the next key go.
2. A new screen first. When the screen on top has not yet been mounted and drawn, keys
   wait; once it has (and the focus its `on_mount` asked for has been given), they go
   to it, in order, starting with its first field.
3. Work in between. A screen that opens the next one only after slow work (unlocking
   the vault) holds the gate meanwhile, so keys typed during the work go to what comes
   next instead of to the field being left.

Nothing is dropped: if a marker is lost (its widget closed while it waited), the key
counts as handled after a second, and a screen that never says it is drawn is taken
as ready after two.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from weakref import WeakSet

from textual import events
from textual.dom import DOMNode
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App

LOST_MARKER_SECONDS = 1.0
ROUNDS = 2  # the key, then the messages its handling posted
UNDRAWN_SCREEN_SECONDS = 2.0
HOLD_LIMIT_SECONDS = 60.0


class KeyGate:
    """Holds the terminal's keys and pastes until the app can take the next one."""

    def __init__(self, app: App[Any], deliver: Callable[[events.Event], Awaitable[None]]) -> None:
        self._app = app
        self._deliver = deliver
        self._waiting: deque[events.Event] = deque()
        self._ready: WeakSet[Screen[object]] = WeakSet()
        self._watched: WeakSet[Screen[object]] = WeakSet()
        self._in_flight: object | None = None
        self._target: DOMNode | None = None
        self._overdue: asyncio.TimerHandle | None = None
        self._holds: set[object] = set()

    # -- what the app calls ----------------------------------------------------------

    async def offer(self, event: events.Event) -> None:
        """A key or paste from the terminal: deliver it now, or as soon as it may go."""
        self._waiting.append(event)
        await self._pump()

    def hold(self) -> object:
        """Keep keys back until `release(token)`: slow work (opening the vault, a save
        that closes the form) is deciding which screen they are for."""
        token = object()
        self._holds.add(token)
        # However the work ends, keys must flow again; a minute is beyond any save.
        loop = asyncio.get_running_loop()
        loop.call_later(HOLD_LIMIT_SECONDS, lambda: self._app.call_later(self.release, token))
        return token

    def release(self, token: object, *, discard: bool = False) -> None:
        """Let keys go again; `discard` drops those typed meanwhile (they were meant for
        a screen that did not come: after a wrong passphrase or a failed save)."""
        if token not in self._holds:
            return
        self._holds.discard(token)
        if discard:
            self._waiting.clear()
        self._app.call_later(self._pump)

    @property
    def waiting(self) -> int:
        """Keys and pastes not yet delivered."""
        return len(self._waiting)

    # -- delivering --------------------------------------------------------------------

    async def _pump(self) -> None:
        while self._waiting and self._in_flight is None and not self._holds:
            screen = self._current_screen()
            if screen is None or not self._is_ready(screen):
                return
            event = self._waiting.popleft()
            target: DOMNode = self._app.focused or screen
            flight = self._in_flight = object()
            await self._deliver(event)
            if self._in_flight is flight:  # delivering may have ended in the app itself
                self._follow(target, flight)

    def _current_screen(self) -> Screen[object] | None:
        try:
            return self._app.screen
        except Exception:  # no screen yet (starting) or none any more (closing)
            self._app.call_later(self._retry_soon)
            return None

    async def _retry_soon(self) -> None:
        await asyncio.sleep(0.01)
        await self._pump()

    def _follow(self, node: DOMNode, flight: object) -> None:
        """Send a marker after the key through `node`, then each of its parents."""
        loop = asyncio.get_running_loop()
        self._overdue = loop.call_later(LOST_MARKER_SECONDS, self._lost, flight)
        self._target = node
        self._pass(node, flight, 1)

    def _pass(self, node: DOMNode | None, flight: object, round_number: int) -> None:
        if node is None or node is self._app:
            self._app.call_later(self._arrived, flight, round_number)
        elif not node.call_later(self._pass, node.parent, flight, round_number):
            self._pass(node.parent, flight, round_number)  # a closed widget: nothing to wait for

    async def _arrived(self, flight: object, round_number: int = ROUNDS) -> None:
        if self._in_flight is not flight:
            return
        if round_number < ROUNDS:
            self._pass(self._target, flight, round_number + 1)
            return
        self._in_flight = None
        self._target = None
        if self._overdue is not None:
            self._overdue.cancel()
            self._overdue = None
        await self._pump()

    def _lost(self, flight: object) -> None:
        self._app.call_later(self._arrived, flight)

    # -- screens being built ------------------------------------------------------------

    def _is_ready(self, screen: Screen[object]) -> bool:
        if screen in self._ready:
            return True
        if screen not in self._watched:
            self._watched.add(screen)
            # After the screen's first refresh, and after the focus its on_mount asked
            # for (Textual gives focus through the app's queue, which this joins last).
            if not screen.call_after_refresh(self._app.call_later, self._drawn, screen):
                self._ready.add(screen)
                return True
            loop = asyncio.get_running_loop()
            loop.call_later(
                UNDRAWN_SCREEN_SECONDS, lambda: self._app.call_later(self._drawn, screen)
            )
        return False

    async def _drawn(self, screen: Screen[object]) -> None:
        self._ready.add(screen)
        await self._pump()
