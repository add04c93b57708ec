"""The key line at the bottom of every screen: one widget, one line, never cut.

Textual's Footer builds a widget per key and rebuilds them all whenever focus or a
binding changes; opening a screen rebuilt it several times, which was a good part of
the time a worker waited for the screen. This footer draws the keys as one line of
text and redraws only when what it shows changes.

At 80 columns not every key fits, in Indonesian least of all. Rather than cut a label
in half ("f1 Ban"), the keys a worker needs least are left out: first the app's own
keys that every screen repeats (privacy, quit, lock), then the screen's keys from the
last. Help (`f1`) always stays: it lists every key, shown or not.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol, runtime_checkable

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

#: The app's keys, left out first when the line is full (help is never left out).
DROP_FIRST = ("app.privacy", "app.quit", "app.lock")
ALWAYS = "app.help"


@runtime_checkable
class ChoosesKeys(Protocol):
    """A screen that leaves some of its keys out of the footer (they still work)."""

    def shows_key(self, binding: Binding) -> bool: ...


class ShownKey(NamedTuple):
    key: str  # the key to simulate when the label is clicked
    display: str
    description: str
    enabled: bool
    binding_id: str | None

    @property
    def width(self) -> int:
        return cell_len(self.display) + 1 + cell_len(self.description)


def fit(keys: list[ShownKey], width: int) -> list[ShownKey]:
    """The keys to show in `width` cells, in their order, dropping the least needed."""
    kept = list(keys)

    def used() -> int:
        return sum(k.width for k in kept) + max(0, len(kept) - 1)

    for binding_id in DROP_FIRST:
        if used() <= width:
            return kept
        kept = [k for k in kept if k.binding_id != binding_id]
    while used() > width:
        droppable = [k for k in kept if k.binding_id != ALWAYS]
        if not droppable:
            break
        kept.remove(droppable[-1])
    return kept


class KeyFooter(Widget, can_focus=False):
    """The screen's keys, as a single line that fits the terminal."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
    }
    KeyFooter > .key-footer--disabled {
        text-style: dim;
    }
    """
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--disabled"}

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[ShownKey] = []
        self._spans: list[tuple[int, int, ShownKey]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._update()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        self._update()

    def _bindings_changed(self, screen: object) -> None:
        self._update()

    def keys(self) -> list[ShownKey]:
        """Every key the screen would show, enabled or not, before fitting."""
        shown: list[ShownKey] = []
        seen: set[str] = set()
        screen = self.screen
        chooses = screen if isinstance(screen, ChoosesKeys) else None
        for active in screen.active_bindings.values():
            binding: Binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            if chooses is not None and not chooses.shows_key(binding):
                continue
            seen.add(binding.action)
            shown.append(
                ShownKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    active.enabled,
                    binding.id,
                )
            )
        return shown

    def _update(self) -> None:
        width = self.size.width or self.app.size.width
        shown = fit(self.keys(), width)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    @property
    def shown(self) -> list[ShownKey]:
        return list(self._shown)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        text_style = self.get_component_rich_style("key-footer--description")
        dim = self.get_component_rich_style("key-footer--disabled")
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for number, key in enumerate(self._shown):
            if number:
                line.append(" ")
            start = len(line)
            line.append(key.display, key_style if key.enabled else key_style + dim)
            line.append(" " + key.description, text_style if key.enabled else text_style + dim)
            self._spans.append((start, len(line), key))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end and key.enabled:
                self.app.simulate_key(key.key)
                return
