"""Pictures for documents: the ecomap, the life timeline, the score trend and group
attendance, drawn as inline SVG from the records.

Each picture is laid out once (positions, wrapped labels) and written out as SVG with
ElementTree, so every piece of typed text is escaped and the result is well-formed. The
terminal keeps its own text drawings (`tui/history_map.py`); what both share (the order
of relations, the line style of each strength) lives in `layout.py`.

Pictures carry no colour that meaning depends on: line width and dashes, hatching,
arrowheads and marker shapes say it all, so a black-and-white printout loses nothing.
"""

from .attendance import attendance_svg
from .ecomap import ecomap_svg
from .scores import scores_svg
from .timeline import timeline_svg

__all__ = ["attendance_svg", "ecomap_svg", "scores_svg", "timeline_svg"]
