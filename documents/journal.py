"""The journal collection: the client's own journaling work, to reread when times are hard.

At termination the client receives the collection of what they wrote and shared in the
journaling group (DOMAIN.md): a farewell gift. It is made of their own journal entries
only, those they agreed to include, in the order of the sessions, each with its date and
what the session asked them to write about. Never the worker's observations of them, a
note, a score or a reflection: this is the client's document, not the clinical record.
"""

from __future__ import annotations

from models.records import Client, Group, GroupSession, JournalEntry
from models.repository import Repository

from .document import Document, Rendering, Section, block, facts, inline, join
from .report import hide_name, worker_name


def collected_entries(repo: Repository, client_id: int) -> list[JournalEntry]:
    """The client's entries that they agreed to include, oldest first."""
    return [e for e in repo.journal_entries_of(client_id) if e.in_collection]


def journal(
    repo: Repository, client_id: int, r: Rendering, *, with_names: bool = False
) -> Document:
    client = repo.get(Client, client_id)
    entries = collected_entries(repo, client_id)
    sessions = {
        session.id: (group, session) for group, session in repo.group_sessions_with(client_id)
    }
    name = client.full_name.strip() if with_names and client.full_name.strip() else client.code
    sections = [Section("entries", r.t("journal.entries"), _entries(entries, sessions, r))]
    worker = worker_name(repo)
    closing = inline(r.t("journal.closing"))
    if worker:
        closing = join(closing, inline(r.t("journal.signed", worker=worker)))
    sections.append(Section("closing", r.t("journal.closing_title"), closing))
    days = [e.date for e in entries if e.date]
    intro = (
        r.t(
            "journal.intro_dates",
            first=r.format_date(min(days), "long"),
            last=r.format_date(max(days), "long"),
        )
        if days
        else r.t("journal.intro")
    )
    front = join(
        f"*{inline(r.t('journal.for', name=name))}*", inline(intro), inline(r.t("journal.reread"))
    )
    document = Document(
        kind="journal",
        title=r.t("journal.title", code=client.code),
        front=front,
        sections=sections,
        language=r.language,
        made_on=repo.today(),
        code=client.code,
        file_kind=r.t("export.file.journal"),
        title_page=True,
        running_head=r.t("document.running_head_journal", code=client.code),
    )
    return document if with_names else hide_name(document, client)


def _entries(
    entries: list[JournalEntry],
    sessions: dict[int | None, tuple[Group, GroupSession]],
    r: Rendering,
) -> str:
    if not entries:
        return inline(r.t("journal.no_entries"))
    parts = []
    for entry in entries:
        group_session = sessions.get(entry.group_session_id)
        prompt = entry.prompt or (group_session[1].topic if group_session else "")
        heading = inline(r.format_date(entry.date, "long"))
        parts += [
            f"### {heading} · {inline(prompt)}" if prompt else f"### {heading}",
            block(entry.text, floor=4),
            facts(
                ([(r.t("journal.group"), group_session[0].name)] if group_session else [])
                + ([(r.t("journal.page"), entry.page)] if entry.page else [])
            ),
        ]
    return join(*parts)
