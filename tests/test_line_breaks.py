"""A note typed line by line reads back line by line: in the preview, in the Markdown
file and in the HTML page (not run together into one paragraph)."""

from __future__ import annotations

from rich.console import Console

from documents.document import block, keep_line_breaks
from documents.html_export import markdown_renderer
from tui.widgets.markdown_view import TypedMarkdown

TYPED = "## Data\nMA came late\nslept badly\nwants to talk about her mother\n\n- rest\n- friends"


def test_paragraph_lines_become_hard_breaks_and_nothing_else_changes() -> None:
    assert keep_line_breaks(TYPED) == (
        "## Data\nMA came late\\\nslept badly\\\nwants to talk about her mother\n\n"
        "- rest\n- friends"
    )
    table = "| a | b |\n|---|---|\n| 1 | 2 |"
    code = "```\nline\nline\n```"
    assert keep_line_breaks(table) == table and keep_line_breaks(code) == code
    assert keep_line_breaks("one line") == "one line"
    assert keep_line_breaks("already  \nbroken\\\nhere") == "already  \nbroken\\\nhere"


def test_reports_and_html_keep_the_lines() -> None:
    html = markdown_renderer().render(block(TYPED))
    assert "MA came late<br />\nslept badly<br />" in html
    assert "\\" not in html


def test_the_preview_keeps_the_lines() -> None:
    console = Console(width=60, record=True)
    console.print(TypedMarkdown(TYPED))
    lines = [line.strip() for line in console.export_text().splitlines()]
    assert lines[2:5] == ["MA came late", "slept badly", "wants to talk about her mother"]


def test_lists_show_the_first_line_that_says_something() -> None:
    from models.snippets import first_meaningful_line

    assert first_meaningful_line("## Subjektif\n\n- MA datang terlambat\n## Objektif") == (
        "MA datang terlambat"
    )
    assert first_meaningful_line("## Data\n\n## Assessment\n") == ""
    assert first_meaningful_line("> 1. quoted first step", 10) == "quoted fir"


def test_search_shows_the_words_around_the_match() -> None:
    from models.snippets import around_match

    text = (
        "## Data\n\n" + "tutoring every day, " * 6 + "then she spoke of her mother in "
        "Medan, who calls every week" + ", and more" * 10
    )
    excerpt, spans = around_match(text, "MOTHER", 60)
    assert excerpt.startswith("…") and excerpt.endswith("…") and len(excerpt) <= 62
    assert [excerpt[a:b] for a, b in spans] == ["mother"]
    assert around_match("no match here", "zz", 60) == ("no match here", [])


def test_a_code_span_over_two_lines_gets_no_backslash() -> None:
    from models.snippets import first_meaningful_line

    assert keep_line_breaks("see `code\nmore` here\nnext") == "see `code\nmore` here\\\nnext"
    assert first_meaningful_line("#5 di daftar tunggu") == "#5 di daftar tunggu"
