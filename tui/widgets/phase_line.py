"""The case's phase as a progress line: study → assessment → intervention → termination.

Meaning is carried by symbols as well as colour (✓ done, ● now, ○ to come), so it reads
the same on a 16-colour terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from models.records import WORKING_PHASES, Phase

from ..i18n import label


def phase_line(phase: Phase) -> Text:
    text = Text()
    current = len(WORKING_PHASES) if phase is Phase.CLOSED else WORKING_PHASES.index(phase)
    for index, step in enumerate(WORKING_PHASES):
        if index:
            text.append(" ── ", style="dim")
        if index < current:
            text.append(f"✓ {label(step)}", style="green")
        elif index == current:
            text.append(f"● {label(step)}", style="bold reverse")
        else:
            text.append(f"○ {label(step)}", style="dim")
    if phase is Phase.CLOSED:
        text.append("  ■ " + label(Phase.CLOSED), style="bold")
    return text


class PhaseLine(Widget):
    DEFAULT_CSS = "PhaseLine { height: 1; width: 1fr; }"

    phase: reactive[Phase] = reactive(Phase.STUDY)

    def render(self) -> Text:
        return phase_line(self.phase)
