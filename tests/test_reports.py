"""Reports and exports, without a terminal: the case report holds the parts chosen and
nothing else, the client's name stays out unless asked for (and is always in the client's
own data), the HTML loads nothing from anywhere and escapes what was typed, and every
file is written atomically, privately, under a name without the client's name.

The case is MA's (DOMAIN.md), seeded the way the app tests seed it; the every-field
check uses the fully filled fictional case of conftest.py.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import stat
from collections.abc import Callable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from app_support import (
    MA_FULL_NAME,
    PASSPHRASE,
    TODAY,
    fictional_ma,
    seed_ma_assessment,
    seed_ma_contract,
    seed_ma_full_name,
    seed_ma_intervention,
    seed_ma_termination,
    seed_vault,
)
from conftest import store_fictional_case
from documents import client_data as client_data_module
from documents import exports
from documents.client_data import client_data
from documents.document import Document, Section, block, fenced, inline
from documents.html_export import UNSAFE_RULES, markdown_renderer, render_html
from documents.journal import journal
from documents.report import PARTS, ReportOptions, case_report, caseload_summary
from models.dates import format_when
from models.errors import VaultError
from models.records import (
    RECORD_TYPES,
    Choice,
    Client,
    Group,
    GroupSession,
    JournalEntry,
    Phase,
    Record,
    Relation,
    SessionNote,
)
from models.repository import Repository
from models.vault import Vault
from screens.caseload import Row
from tui import i18n
from tui.locales import en
from tui.locales import id as indonesian
from tui.rendering import app_rendering

MA_CONTACT = "+62 812 0000 0001"

# Text found in exactly one part of MA's case report.
MARKERS = {
    "intake": "1986 (40 years old)",
    "contract": "The journaling group meets on Saturdays; meet after it.",
    "assessment": "Lacks recreation and social support.",
    "scores": "11/27",
    "history_map": "Tested positive for HIV",
    "plan": "Ask the foundation for the schedule",
    "notes": "MA talked about tutoring every day.",
    "groups": "Read her page aloud without being asked.",
    "reflections": "I rushed the first meeting",
    "termination": "hardest and the best thing she did",
}


@pytest.fixture(scope="module")
def ma_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MA's whole case, with a full name and contact; the documents only read it."""
    path = tmp_path_factory.mktemp("ma") / "case.vault"
    seed_vault(path, [fictional_ma()])
    seed_ma_assessment(path)
    seed_ma_contract(path)
    seed_ma_intervention(path)
    seed_ma_termination(path)
    seed_ma_full_name(path)
    return path


@pytest.fixture
def ma_repo(ma_vault: Path) -> Iterator[Repository]:
    with Vault.open(ma_vault, PASSPHRASE, read_only=True) as vault:
        yield Repository(vault.db, today=lambda: TODAY)


@pytest.fixture(autouse=True)
def words() -> Iterator[None]:
    i18n.use_language("en")
    yield
    i18n.use_language("en")


def ma_id(repo: Repository) -> int:
    client = repo.client_by_code("MA")
    assert client is not None and client.id is not None
    return client.id


def report(repo: Repository, *parts: str, names: bool = False) -> Document:
    options = ReportOptions(parts=frozenset(parts or PARTS), with_names=names)
    return case_report(repo, ma_id(repo), options, app_rendering())


def every_document(repo: Repository) -> dict[str, Document]:
    r = app_rendering()
    client_id = ma_id(repo)
    return {
        "case_report": report(repo),
        "caseload_summary": caseload_summary(
            repo, r, lambda f: Row.from_facts(f).open_items_text(), include_closed=True
        ),
        "journal": journal(repo, client_id, r),
        "client_data": client_data(repo, client_id, r),
    }


# -- the case report holds what was chosen --------------------------------------------------


@pytest.mark.parametrize("part", PARTS)
def test_a_report_of_one_part_holds_that_part_only(ma_repo: Repository, part: str) -> None:
    document = report(ma_repo, part)
    text = document.markdown()
    assert [s.key for s in document.sections] == [part]
    assert MARKERS[part] in text
    for other, marker in MARKERS.items():
        if other != part:
            assert marker not in text, f"{other} leaked into a report of {part}"


def test_by_default_every_part_but_the_reflections(ma_repo: Repository) -> None:
    text = case_report(ma_repo, ma_id(ma_repo), ReportOptions(), app_rendering()).markdown()
    for part, marker in MARKERS.items():
        assert (marker in text) is (part != "reflections"), part


def test_the_report_tells_the_case(ma_repo: Repository) -> None:
    text = report(ma_repo).markdown()
    # Every contract version, the current one marked.
    assert "### Version 1" in text and "### Version 2 · current" in text
    # Scores with their band and the safety follow-up.
    assert (
        "| 16 Mar 2026 | PHQ-9 | 11/27 | moderate | followed up 16 Mar 2026: Safety plan "
        "agreed |" in text
    )
    assert "| 14 Nov 2026 | GAD-7 | 4/21 | minimal | — |" in text
    # The drawings, as text in fences; the ecomap has the client's code in the middle.
    assert "```text\n     hard ◀━━┫ ● ┣━━▶ good" in text
    assert "│  MA  │" in text
    # Goals with status and outcome; notes with signature, addendum, and the unsigned one.
    assert "- **Status:** Done" in text and "Went to the lake with friends" in text
    assert "*Signed by Dewi (fictional) on 5 Apr 2026 17:30*" in text
    assert "The group meets on Saturdays." in text and "*Not signed.*" in text
    # A note's own "## Data" sits below the note's heading, not beside the sections.
    assert "\n#### Data\n" in text and "\n## Data" not in text
    # Group sessions: attendance of each, observations of those attended.
    assert "| 13 Jun 2026 | What I want to try next | Excused |" in text
    assert "- **Took part:** 3 of 4 sessions recorded" in text
    # Termination, with before and after.
    assert "| PHQ-9 | 11 moderate (16 Mar 2026) | 4 minimal (14 Nov 2026) | -7 better |" in text
    assert "- **Reason:** Goals met" in text
    # The health picture under the assessment; a goal's aim in the plan and beside its
    # outcome at termination; the move from Study named with its meaning.
    assert "### Health\n\n- **ART started:** 02/2010" in text
    assert "| 06/2021 | TLD | national switch |" in text
    assert "| 12 May 2026 | Suppressed | \\< 50 |" in text
    assert "- **Success measure:** goes to four sessions in a row" in text
    assert "(measure: goes to four sessions in a row; target 30 Jun 2026)" in text
    assert "| Study (engagement & contract) | Assessment |" in text
    # Where each questionnaire given comes from, under its scores.
    assert "- PHQ-9: Kroenke, Spitzer & Williams (2001)" in text
    assert "- GAD-7: Spitzer, Kroenke, Williams & Löwe (2006)" in text


def test_group_work_shows_only_the_clients_own_part(ma_repo: Repository) -> None:
    text = report(ma_repo, "groups").markdown()
    assert "The group carried her" not in text  # the facilitator's reflection on the group
    assert "P-02" not in text  # other participants' attendance


def test_the_report_reads_in_indonesian(ma_repo: Repository) -> None:
    i18n.use_language("id")
    document = report(ma_repo)
    text = document.markdown()
    assert document.title == "Laporan kasus: MA"
    assert "## Rencana intervensi" in text and "## Keikutsertaan kelompok" in text
    assert "*Rahasia:" in text and "tidak terenkripsi" in text
    assert "| 14 Nov 2026 | PHQ-9 | 4/27 | minimal | — |" in text
    # The Indonesian wording says honestly what it is.
    assert "Sumber kuesioner:" in text and "terjemahan kerja" in text
    assert "report." not in text  # no raw catalogue key anywhere


# -- names ------------------------------------------------------------------------------------


def test_the_name_is_left_out_unless_asked_for(ma_repo: Repository) -> None:
    without = report(ma_repo)
    for text in (without.markdown(), render_html(without)):
        assert MA_FULL_NAME not in text and MA_CONTACT not in text
    asked = report(ma_repo, names=True)
    for text in (asked.markdown(), render_html(asked)):
        assert MA_FULL_NAME in text and MA_CONTACT in text


@pytest.mark.parametrize("kind", ["case_report", "caseload_summary", "journal"])
def test_no_export_but_the_clients_own_data_holds_the_name(ma_repo: Repository, kind: str) -> None:
    document = every_document(ma_repo)[kind]
    assert MA_FULL_NAME not in document.markdown()
    assert MA_FULL_NAME not in render_html(document)


def test_the_clients_own_data_holds_the_name_and_contact(ma_repo: Repository) -> None:
    document = every_document(ma_repo)["client_data"]
    for text in (document.markdown(), render_html(document)):
        assert f"- **Full name:** {MA_FULL_NAME}" in text or MA_FULL_NAME in text
        assert MA_CONTACT in text


def test_a_name_typed_into_the_record_is_replaced_by_the_code(repo: Repository) -> None:
    stored = store_fictional_case(repo)
    client = stored[Client]
    assert isinstance(client, Client) and client.id is not None
    repo.add(
        SessionNote(
            client_id=client.id,
            date=date(2026, 6, 1),
            body=f"Her cousin called her {client.full_name.upper()} on the phone.",
        )
    )
    repo.add(
        JournalEntry(
            client_id=client.id,
            member=f"client:{client.id}",
            date=date(2026, 6, 1),
            in_collection=True,
            text=f"My cousin calls me {client.full_name} on the phone.",
        )
    )
    repo.add(Relation(client_id=client.id, name=f"Family of {client.full_name}", position=9))
    r = app_rendering()
    # In the pictures too: the ecomap's circle says the code.
    page = render_html(case_report(repo, client.id, ReportOptions(), r))
    assert client.full_name.casefold() not in page.casefold()
    assert f"Family of {client.code}" in page
    for document, said in (
        (
            case_report(repo, client.id, ReportOptions(), r),
            f"Her cousin called her {client.code} on the phone.",
        ),
        (journal(repo, client.id, r), f"My cousin calls me {client.code} on the phone."),
    ):
        text = document.markdown()
        assert client.full_name.casefold() not in text.casefold()
        assert said in text


def test_the_journal_puts_the_name_on_the_title_page_only_when_asked(ma_repo: Repository) -> None:
    r = app_rendering()
    asked = journal(ma_repo, ma_id(ma_repo), r, with_names=True)
    assert f"*For {MA_FULL_NAME}*" in asked.markdown()
    assert "*For MA*" in journal(ma_repo, ma_id(ma_repo), r).markdown()


# -- the journal collection ---------------------------------------------------------------


def test_the_journal_holds_the_clients_own_words_only(ma_repo: Repository) -> None:
    client_id = ma_id(ma_repo)
    document = journal(ma_repo, client_id, app_rendering())
    text = document.markdown()
    assert document.title_page
    assert "from 11 April 2026 to 9 May 2026" in text  # the entries she chose
    assert "### 11 April 2026 · The lowest point of my life" in text
    assert "The day the clinic called me back." in text
    assert "- **On the page:** a grey bus cut from the newspaper" in text
    assert "### 9 May 2026 · A letter to P-03" in text
    assert "- **Group:** Journaling group" in text
    assert text.index("The day the clinic") < text.index("You are braver")  # session order
    assert "keep going to the lake" not in text  # she keeps that page to herself
    assert "P-01's own page" not in text  # another participant's words
    assert "With warm wishes, Dewi (fictional)" in text


def test_the_journal_holds_nothing_of_the_workers(ma_repo: Repository) -> None:
    text = journal(ma_repo, ma_id(ma_repo), app_rendering()).markdown()
    for workers in (
        "hesitant and anxious",
        "Told the group about the year",
        "Read her page aloud",
        "Went to the lake afterwards",
        "PHQ",
        "GAD",
        "moderate",
        "/27",
        "/5",
        "I rushed the first meeting",
        "The group carried her",
        "Signed by",
        "Engagement",
        "MA talked about tutoring every day.",
        "Materials",
    ):
        assert workers not in text, workers


def test_the_journal_never_takes_another_clients_entry(repo: Repository) -> None:
    stored = store_fictional_case(repo)
    client = stored[Client]
    other = repo.add(Client(code="RB", first_contact=date(2026, 5, 1)))
    repo.add(
        JournalEntry(
            client_id=other.id,
            member=f"client:{other.id}",
            in_collection=True,
            date=date(2026, 6, 2),
            text="RB's own words, not for MA.",
        )
    )
    text = journal(repo, client.id or 0, app_rendering()).markdown()
    assert "RB's own words" not in text


def test_the_clients_own_data_holds_their_journal(ma_repo: Repository) -> None:
    text = client_data(ma_repo, ma_id(ma_repo), app_rendering()).markdown()
    assert "## Your journal entries" in text
    assert "keep going to the lake" in text  # theirs, collected or not
    assert "P-01's own page" not in text


# -- the caseload summary ------------------------------------------------------------------


def test_the_caseload_summary_is_one_table_by_code(repo: Repository) -> None:
    stored = store_fictional_case(repo)
    repo.move_phase(stored[Client].id or 0, Phase.CLOSED)
    repo.add(Client(code="RS", full_name="Rina Sari (fictional)", first_contact=date(2026, 8, 3)))
    r = app_rendering()
    open_only = caseload_summary(repo, r, lambda f: Row.from_facts(f).open_items_text())
    text = open_only.markdown()
    assert "| Code | Phase | First contact | Last contact | Next meeting | Open items |" in text
    assert "| RS | Study | 3 Aug 2026 | 3 Aug 2026 | — | 2 to record |" in text
    assert "| MA |" not in text and "Open cases only." in text
    with_closed = caseload_summary(
        repo, r, lambda f: Row.from_facts(f).open_items_text(), include_closed=True
    ).markdown()
    assert "| MA | Closed |" in with_closed
    # Group attendance by code, closed cases only when asked for (MA's case is closed).
    assert "## Group attendance" in with_closed and "| MA | 1 of 1 |" in with_closed
    assert "## Group attendance" in text and "| RB |" in text  # RB: a coded participant
    for name in (stored[Client].full_name, "Rina Sari"):
        assert name not in with_closed


# -- the client's own data -------------------------------------------------------------------


# Stored as keys, shown in words (checked on their own): a choice, an instrument, a band.
IN_WORDS = {"instrument", "band", "member"}


def _strings(value: object) -> Iterator[str]:
    """Every non-empty text typed into a record, nested records and lists included."""
    if isinstance(value, Choice):
        return
    if isinstance(value, str):
        if value.strip():
            yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in IN_WORDS:
                yield from _strings(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def test_the_clients_own_data_shows_every_text_held(repo: Repository) -> None:
    stored = store_fictional_case(repo)
    client = stored[Client]
    text = client_data(repo, client.id or 0, app_rendering()).markdown()
    peer = "code:RB"
    for cls, record in stored.items():
        if cls is Group:  # only the group's own fields and the client's membership
            record = dataclasses.replace(record, members=[])
        if cls is GroupSession:  # only the client's part, never the group's reflection
            assert isinstance(record, GroupSession)
            record = dataclasses.replace(
                record,
                reflection="",
                attendance={},
                observations=[o for o in record.observations if o.member != peer],
            )
        for value in _strings(record):
            for line in value.splitlines():
                line = line.strip().lstrip("#-* ").strip()
                if line:
                    # A month or date is shown as typed: "2019-05" as "05/2019".
                    assert line in text or inline(line) in text or format_when(line) in text, (
                        cls.__name__,
                        line,
                    )
    assert "arrived late from work" not in text  # another participant's observation
    assert "quiet start, warm end" not in text  # the facilitator's reflection on the group
    # Values in words: a choice by its label, a flag as yes/no, a date in full.
    assert "- **Communication:**" not in text and "- **Keep in touch by:** Messaging" in text
    assert "- **Safety question answered above 0:** yes" in text
    assert "- **Agreed on:** 6 April 2026" in text


def _field_paths(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_the_clients_own_data_has_a_label_for_every_field() -> None:
    """A new field on a record fails here until the right-of-access export shows it."""
    spec = client_data_module
    nested = {cls for cls in spec.FIELDS if not issubclass(cls, Record)}
    for cls in (*RECORD_TYPES, *nested):
        covered = {f.path.split(".")[0] for f in spec.FIELDS.get(cls, [])}
        covered |= spec.SHOWN_APART.get(cls, set()) | spec.LEFT_OUT.get(cls, set())
        covered |= spec.NOT_SHOWN
        missing = _field_paths(cls) - covered
        assert missing == set(), f"{cls.__name__}: {sorted(missing)}"
    # Nested sections (the BPSS dimensions) are covered field by field too.
    from models.records import Assessment

    for section in ("bio", "psycho", "social", "spiritual"):
        section_cls = type(getattr(Assessment(client_id=1), section))
        shown = {
            f.path.split(".")[1]
            for f in spec.FIELDS[Assessment]
            if f.path.startswith(section + ".")
        }
        assert shown == _field_paths(section_cls), section


def test_the_clients_own_data_explains_itself(ma_repo: Repository) -> None:
    for language, words in (
        ("en", ("UU No. 27 Tahun 2022", "corrected", "not encrypted")),
        ("id", ("UU No. 27 Tahun 2022", "diperbaiki", "tidak terenkripsi")),
    ):
        i18n.use_language(language)
        front = every_document(ma_repo)["client_data"].front
        for word in words:
            assert word in front, (language, word)


# -- HTML: self-contained, printable, escaped ---------------------------------------------


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


# Inline SVG is allowed (the pictures are drawn with it), but nothing in it that loads or
# links: no <image>, <use>, <a>, <foreignObject> or <script>.
LOADING_TAGS = {
    "link",
    "script",
    "img",
    "iframe",
    "frame",
    "object",
    "embed",
    "video",
    "audio",
    "source",
    "track",
    "picture",
    "base",
    "form",
    "input",
    "image",
    "portal",
    "use",
    "a",
    "foreignobject",
    "feimage",
}
LOADING_ATTRIBUTES = {
    "src",
    "srcset",
    "href",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "ping",
    "style",
}


def assert_loads_nothing(page: str) -> None:
    found = parse(page)
    for tag, attrs in found.tags:
        assert tag not in LOADING_TAGS, tag
        assert not LOADING_ATTRIBUTES & set(attrs), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    css = "".join(found.styles)
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert not re.search(r"https?:|//[a-z]", page, re.IGNORECASE)


@pytest.mark.parametrize("kind", ["case_report", "caseload_summary", "journal", "client_data"])
def test_every_html_export_loads_nothing(ma_repo: Repository, kind: str) -> None:
    page = render_html(every_document(ma_repo)[kind])
    assert_loads_nothing(page)
    found = parse(page)
    assert [tag for tag, _ in found.tags].count("style") == 1
    csp = [
        attrs
        for tag, attrs in found.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    assert '<html lang="en">' in page and '<meta charset="utf-8">' in page


def test_the_html_prints_each_part_on_its_own_pages(ma_repo: Repository) -> None:
    page = render_html(report(ma_repo))
    css = "".join(parse(page).styles)
    assert "@media print" in css and "break-before: page" in css
    assert page.count('<section class="part"') == len(PARTS)
    # Printed: the code and "Confidential" on every page, with its number; a heading
    # kept with the picture under it; no picture or table split.
    assert '@top-left { content: "MA · Confidential"' in css and "counter(pages)" in css
    assert "break-inside: avoid" in css and 'class="keep-together"><h3>' in page
    # The pictures are drawn (SVG), not the terminal's text art; the lists stay.
    assert page.count('<figure class="picture"><svg') == 4  # timeline, ecomap, 2 charts
    assert "│  MA  │" not in page and "<strong>Peer supporter" in page


def test_the_markdown_keeps_the_text_drawings_and_no_svg(ma_repo: Repository) -> None:
    text = report(ma_repo).markdown()
    assert "│  MA  │" in text and "```text" in text
    assert "<svg" not in text and "figure:" not in text


def test_the_journal_opens_with_a_title_page(ma_repo: Repository) -> None:
    page = render_html(every_document(ma_repo)["journal"])
    assert '<header class="front title-page">' in page
    assert "break-after: page" in "".join(parse(page).styles)


HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    "![pixel](https://tracker.example/p.png) [click](javascript:alert(1)) "
    "<https://tracker.example/a> <style>@import url(https://x.example/a.css)</style>"
)


def test_typed_markup_comes_out_as_text(repo: Repository) -> None:
    stored = store_fictional_case(repo)
    client = stored[Client]
    repo.add(SessionNote(client_id=client.id or 0, date=date(2026, 6, 1), body=HOSTILE))
    repo.add(
        JournalEntry(
            client_id=client.id,
            member=f"client:{client.id}",
            in_collection=True,
            date=date(2026, 6, 1),
            prompt=HOSTILE[:200],
            text=HOSTILE,
            page=HOSTILE[:200],
        )
    )
    r = app_rendering()
    for document in (
        case_report(repo, client.id or 0, ReportOptions(), r),
        journal(repo, client.id or 0, r),
        client_data(repo, client.id or 0, r),
    ):
        page = render_html(document)
        found = parse(page)
        tags = [tag for tag, _ in found.tags]
        assert "script" not in tags and "img" not in tags and "a" not in tags
        assert tags.count("style") == 1
        for _, attrs in found.tags:
            assert "src" not in attrs and "href" not in attrs and "onerror" not in attrs
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "javascript:alert(1)" in html.unescape(page)  # kept as the text it was


def test_titles_and_headings_are_escaped_too() -> None:
    document = Document(
        kind="x",
        title="<script>alert(1)</script>",
        front="",
        sections=[Section("a", "<b>bold</b> & *stars*", "body")],
    )
    page = render_html(document)
    tags = [tag for tag, _ in parse(page).tags]
    assert "script" not in tags and "b" not in tags and "em" not in tags
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; *stars*" in page


def test_markdown_is_rendered_safely() -> None:
    md = markdown_renderer()
    assert md.options["html"] is False and not md.options.get("linkify")
    active = {rule for rules in md.get_active_rules().values() for rule in rules}
    assert not active & set(UNSAFE_RULES)
    assert "table" in active  # the scores and the caseload are tables


# -- Markdown helpers ---------------------------------------------------------------------------

# Any text, and text made of the characters Markdown and HTML give meaning to.
PLAIN = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), max_size=60),
    st.text(alphabet=st.sampled_from(list("<>&#;*_[]()!`~|\\/:=\"' ab1x")), max_size=30),
)
TRICKY = [
    "<b>bold</b>",
    "&amp; &#65; AT&T",
    "*em* _em_ __strong__",
    "[a](b) ![i](s)",
    "`code`",
    "a\\",
    "~~gone~~",
    "<https://x.example>",
    "a | b",
    "# not a heading",
    "1. not a list",
    "<!-- hidden -->",
    "x_y_z",
    "\\*",
]


def example_each(texts: list[str]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def add(test: Callable[..., None]) -> Callable[..., None]:
        for text in texts:
            test = example(text)(test)
        return test

    return add


# A renderer that lets raw HTML through, as some Markdown viewers do: the escaping of
# short fields must hold even there, not only in our own safe renderer.
PERMISSIVE = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@given(PLAIN)
@example_each(TRICKY)
def test_plain_text_reads_back_as_typed(text: str) -> None:
    """Whatever a worker types in a short field, any renderer shows exactly that."""
    for renderer in (markdown_renderer(), PERMISSIVE):
        rendered = renderer.renderInline(inline(text))
        assert "<" not in rendered  # no tag came out of it
        assert html.unescape(rendered) == " ".join(text.split())


@given(PLAIN)
@example_each(TRICKY)
def test_plain_text_stays_in_its_table_cell(text: str) -> None:
    rendered = markdown_renderer().render("| a | b |\n|---|---|\n| " + inline(text) + " | z |\n")
    assert rendered.count("<td>") == 2 and rendered.rstrip().endswith(
        "<td>z</td>\n</tr>\n</tbody>\n</table>"
    )


def test_headings_in_free_text_sit_below_the_documents_own() -> None:
    text = "# Isolation\n## Data\n##### Small\n```\n# not a heading\n```\n#hashtag"
    assert block(text, floor=4) == (
        "#### Isolation\n#### Data\n##### Small\n```\n# not a heading\n```\n#hashtag"
    )


def test_a_drawing_cannot_close_its_own_fence() -> None:
    drawing = "a ``` b\n````\nc   "
    fence = fenced(drawing)
    assert fence.startswith("`````text\n") and fence.endswith("\n`````")
    assert "c\n" in fence  # trailing spaces trimmed
    rendered = markdown_renderer().render(fence)
    assert rendered.count("<pre>") == 1 and "a ``` b\n````\nc" in html.unescape(rendered)


# -- writing files --------------------------------------------------------------------------


def test_files_are_written_atomically_privately_and_named_by_code(
    ma_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written_through: list[tuple[Path, int]] = []
    real = exports.atomic_write

    def spy(path: Path, data: bytes, *, mode: int = 0o600) -> None:
        written_through.append((path, mode))
        real(path, data, mode=mode)

    monkeypatch.setattr(exports, "atomic_write", spy)
    folder = tmp_path / "new" / "exports"
    documents = every_document(ma_repo)
    names = []
    for document in documents.values():
        written = exports.write_document(document, folder, ["markdown", "html"])
        names += [p.name for p in written.paths]
        for path in written.paths:
            assert path.is_absolute() and path.parent == folder
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
            assert (path, 0o600) in written_through
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert sorted(names) == sorted(
        [
            "MA-case-report-2026-11-28.md",
            "MA-case-report-2026-11-28.html",
            "caseload-summary-2026-11-28.md",
            "caseload-summary-2026-11-28.html",
            "MA-journal-collection-2026-11-28.md",
            "MA-journal-collection-2026-11-28.html",
            "MA-client-data-2026-11-28.md",
            "MA-client-data-2026-11-28.html",
        ]
    )
    assert sorted(os.listdir(folder)) == sorted(names)  # no temporary file left behind
    for name in names:
        assert "Maya" not in name and "Siregar" not in name
    again = exports.write_document(documents["case_report"], folder, ["html"])
    assert again.replaced == again.paths  # the same day's report replaces the earlier one


def test_file_names_follow_the_language(ma_repo: Repository, tmp_path: Path) -> None:
    i18n.use_language("id")
    written = exports.write_document(report(ma_repo), tmp_path, ["markdown"])
    assert [p.name for p in written.paths] == ["MA-laporan-kasus-2026-11-28.md"]


def test_a_folder_that_cannot_be_made_is_a_clear_error(ma_repo: Repository, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(VaultError):
        exports.write_document(report(ma_repo), blocker / "exports", ["html"])
    assert blocker.read_text() == "not a folder"


def test_unsafe_characters_never_reach_a_file_name() -> None:
    document = Document(
        kind="x", title="t", front="", code="../MA", file_kind="laporan kasus/", made_on=TODAY
    )
    assert exports.file_stem(document) == "MA-laporan-kasus-2026-11-28"


# -- file names ---------------------------------------------------------------------------


def test_file_name_words_are_already_safe_in_both_languages() -> None:
    # Both catalogues are complete (tests/test_i18n.py); file names must need no slugging.
    for messages in (en.MESSAGES, indonesian.MESSAGES):
        for key in (k for k in messages if k.startswith("export.file.")):
            assert exports.slug(messages[key]) == messages[key], key


def test_without_names_the_contracts_contact_details_stay_out(repo: Repository) -> None:
    stored = store_fictional_case(repo)
    client_id = stored[Client].id or 0
    r = app_rendering()
    details = "messages after 19:00 only"  # how to reach her: contact, like a phone
    without = case_report(repo, client_id, ReportOptions(), r).markdown()
    with_names = case_report(repo, client_id, ReportOptions(with_names=True), r).markdown()
    assert details not in without and details in with_names
