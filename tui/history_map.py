"""The history map, drawn in the terminal: a life timeline and an ecomap.

One renderer for both drawings, tested on its own (records in, text out). Meaning is
carried by symbols and line styles as well as colour, so both read on a 16-colour
terminal and in a black-and-white printout:

- Timeline: years down the left, one line per event; a diverging bar shows how the
  event weighed, hard to the left (◀, red), good to the right (▶, green), neutral ●.
  Long gaps between events are folded into one "┆" line.
- Ecomap: the client in a box in the middle; the people, groups and services around
  it, joined by a line whose style is the strength of the relation (strong ━━━,
  moderate ───, weak ┄┄┄), crossed when it is also stressful (━┿━┿, ─┼─┼), with an
  arrowhead at whoever receives energy or resources (▶ ◀, both ends when it goes both
  ways). Two legend lines under the drawing say so in the worker's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from documents.pictures.layout import arrowheads, ecomap_order, timeline_order
from models.records import LifeEvent, Relation, Strength
from models.records.history import parse_when

from .i18n import label, t

# -- timeline ---------------------------------------------------------------------------

GAUGE = {
    -2: "◀━━━━┫     ",
    -1: "  ◀━━┫     ",
    0: "     ●     ",
    1: "     ┣━━▶  ",
    2: "     ┣━━━━▶",
}
AXIS = "     ┃     "
GAP = "     ┆     "
YEAR_WIDTH = 5


def weight_style(weight: int) -> str:
    return (
        "bold red"
        if weight <= -2
        else "red"
        if weight < 0
        else ("bold green" if weight >= 2 else "green" if weight > 0 else "")
    )


def _clip(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def render_timeline(events: Sequence[LifeEvent], width: int = 80) -> Text:
    """The client's life as a vertical timeline, oldest first."""
    if not events:
        return Text(t("history.empty"), style="dim")
    ordered = timeline_order(events)
    label_width = width - YEAR_WIDTH - len(AXIS) - 2
    text = Text()
    text.append(" " * YEAR_WIDTH + _clip(t("history.legend"), width - YEAR_WIDTH), style="dim")
    previous_year: int | None = None
    for event in ordered:
        year = (parse_when(event.when) or (0, 0, 0))[0]
        text.append("\n")
        if previous_year is not None and year - previous_year > 1:
            gap = t("history.gap", years=year - previous_year - 1)
            text.append(" " * YEAR_WIDTH + GAP + " " + _clip(gap, label_width), style="dim")
            text.append("\n")
        shown_year = f"{year:<{YEAR_WIDTH}}" if year != previous_year else " " * YEAR_WIDTH
        text.append(shown_year, style="bold")
        text.append(GAUGE.get(event.weight, GAUGE[0]), style=weight_style(event.weight))
        text.append(" ")
        category = f" · {label(event.category)}"
        what = (
            _clip(event.what, label_width - len(category))
            if label_width > len(category) + 8
            else _clip(event.what, label_width)
        )
        text.append(what, style=weight_style(event.weight) if abs(event.weight) == 2 else "")
        if len(what) + len(category) <= label_width:
            text.append(category, style="dim")
        previous_year = year
    return text


# -- ecomap -----------------------------------------------------------------------------

LINE = {Strength.STRONG: "━", Strength.MODERATE: "─", Strength.WEAK: "┄"}
CROSS = {Strength.STRONG: "┿", Strength.MODERATE: "┼", Strength.WEAK: "┼"}


def line_style(relation: Relation) -> str:
    if relation.stressful:
        return "bold red" if relation.strength is Strength.STRONG else "red"
    return {Strength.STRONG: "bold green", Strength.MODERATE: "", Strength.WEAK: "dim"}[
        relation.strength
    ]


# Box-drawing joint for the arms (up, down, left, right) that meet at a cell of the bus.
JOINTS = {
    (False, False, True, True): "─",
    (True, True, False, False): "│",
    (False, True, False, True): "┌",
    (False, True, True, False): "┐",
    (True, False, False, True): "└",
    (True, False, True, False): "┘",
    (True, True, False, True): "├",
    (True, True, True, False): "┤",
    (False, True, True, True): "┬",
    (True, False, True, True): "┴",
    (True, True, True, True): "┼",
    (False, False, True, False): "╴",
    (False, False, False, True): "╶",
    (True, False, False, False): "╵",
    (False, True, False, False): "╷",
    (False, False, False, False): " ",
}


def connector(
    strength: Strength,
    length: int,
    *,
    stressful: bool = False,
    toward_start: bool = False,
    toward_end: bool = False,
) -> str:
    """A line of `length` cells: its stroke is the strength, crossed (━┿━┿) when the tie
    is stressful, with an arrowhead at the start (◀) and/or the end (▶)."""
    cells = [CROSS[strength] if stressful and i % 2 else LINE[strength] for i in range(length)]
    if toward_start and cells:
        cells[0] = "◀"
    if toward_end and cells:
        cells[-1] = "▶"
    return "".join(cells)


def _link(relation: Relation, length: int, on_left: bool) -> str:
    """The line between a relation and the client, drawn from left to right: on the left
    side the client is at its end, on the right side at its start."""
    to_client, from_client = arrowheads(relation)
    return connector(
        relation.strength,
        length,
        stressful=relation.stressful,
        toward_start=from_client if on_left else to_client,
        toward_end=to_client if on_left else from_client,
    )


def ecomap_legend(width: int) -> list[str]:
    """Two lines: the line styles, then what an arrowhead means."""
    styles = [f"{connector(s, 4)} {label(s)}" for s in Strength]
    styles.append(f"{connector(Strength.MODERATE, 4, stressful=True)} {t('ecomap.stressful')}")
    return [_clip("   ".join(styles), width), _clip(t("ecomap.legend.flow"), width)]


@dataclass
class _Grid:
    width: int
    height: int

    def __post_init__(self) -> None:
        self.cells = [[(" ", "")] * self.width for _ in range(self.height)]

    def put(self, row: int, col: int, text: str, style: str = "") -> None:
        for offset, char in enumerate(text):
            if 0 <= row < self.height and 0 <= col + offset < self.width:
                self.cells[row][col + offset] = (char, style)

    def to_text(self) -> Text:
        text = Text()
        for index, row in enumerate(self.cells):
            if index:
                text.append("\n")
            line = "".join(char for char, _ in row).rstrip()
            for char, style in row[: len(line)]:
                text.append(char, style=style)
        return text


def render_ecomap(center: str, relations: Sequence[Relation], width: int = 80) -> Text:
    """The client in the middle, each relation joined by a line styled by its strength."""
    box_inner = max(len(center) + 2, 6)
    box_width = box_inner + 2
    side = (width - box_width - 4) // 2  # what each side has for name, line and bus
    name_width = max(8, side * 2 // 3)
    line_width = max(3, side - name_width - 2)
    ordered = ecomap_order(relations)  # the same order as the printed ecomap
    left, right = ordered[0::2], ordered[1::2]
    rows = max(2 * len(left), 2 * len(right), 3)
    middle = rows // 2
    grid = _Grid(width, rows + 3)  # a blank line, then two for the legend

    box_col = side + 2
    grid.put(middle - 1, box_col, "┌" + "─" * box_inner + "┐", "bold")
    grid.put(middle, box_col, "│" + _clip(center, box_inner).center(box_inner) + "│", "bold")
    grid.put(middle + 1, box_col, "└" + "─" * box_inner + "┘", "bold")

    def draw_side(items: Sequence[Relation], on_left: bool) -> None:
        if not items:
            return
        top = (rows - 2 * len(items)) // 2
        bus_col = side if on_left else box_col + box_width + 1
        link_rows = [top + 2 * i for i in range(len(items))]
        for index, relation in enumerate(items):
            row = link_rows[index]
            name = _clip(relation.name, name_width)
            kind = _clip(label(relation.kind), name_width)
            line = _link(relation, line_width, on_left)
            style = line_style(relation)
            if on_left:
                grid.put(row, bus_col - line_width - 1 - len(name), name, "bold")
                grid.put(row + 1, bus_col - line_width - 1 - len(kind), kind, "dim")
                grid.put(row, bus_col - line_width, line, style)
            else:
                grid.put(row, bus_col + 1, line, style)
                grid.put(row, bus_col + line_width + 2, name, "bold")
                grid.put(row + 1, bus_col + line_width + 2, kind, "dim")
        first, last = min(*link_rows, middle), max(*link_rows, middle)
        for row in range(first, last + 1):
            toward_line = row in link_rows
            toward_box = row == middle
            arms = (
                row > first,
                row < last,  # up, down
                toward_line if on_left else toward_box,  # left
                toward_box if on_left else toward_line,
            )  # right
            grid.put(row, bus_col, JOINTS[arms])
        # the short stroke between the bus and the client's box
        grid.put(middle, bus_col + 1 if on_left else box_col + box_width, "─")

    draw_side(left, True)
    draw_side(right, False)
    for offset, line in enumerate(ecomap_legend(width - 2)):
        grid.put(rows + 1 + offset, 1, line, "dim")
    if not relations:
        grid.put(rows, 1, _clip(t("ecomap.empty"), width - 2), "dim")
    return grid.to_text()
