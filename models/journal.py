"""The journal collection: the client's own journaling work, to reread when times are hard.

At termination the client receives the collection of what they wrote and shared in the
journaling group (DOMAIN.md): a farewell gift. It holds the group sessions they took
part in (date, topic, activity, what they felt, gave and received, what was noted) and
the session notes the worker chooses. Never a score, a band, an engagement rating or a
worker's reflection: this is the client's document, not the clinical record.
"""

from __future__ import annotations

from collections.abc import Iterable

from .document import Document, Rendering, Section, block, facts, inline, join, labelled_block
from .records import Client, Group, GroupSession, SessionNote
from .report import hide_name, worker_name
from .repository import Repository


def sessions_taken_part(repo: Repository, client_id: int
                        ) -> list[tuple[Group, GroupSession]]:
    """The group sessions the client was at (present or late), oldest first."""
    key = f"client:{client_id}"
    return [(group, session) for group, session in repo.group_sessions_with(client_id)
            if (status := session.attendance.get(key)) is not None and status.took_part]


def journal(repo: Repository, client_id: int, note_ids: Iterable[int], r: Rendering, *,
            with_names: bool = False) -> Document:
    client = repo.get(Client, client_id)
    sessions = sessions_taken_part(repo, client_id)
    chosen = set(note_ids)
    # Only this client's notes, whatever ids were passed: never another client's words.
    notes = [n for n in reversed(repo.notes_of(client_id)) if n.id in chosen]
    name = client.full_name.strip() if with_names and client.full_name.strip() else client.code
    sections = [Section("sessions", r.t("journal.sessions"), _sessions(sessions, client, r))]
    if notes:
        sections.append(Section("notes", r.t("journal.notes"), _notes(notes, r)))
    worker = worker_name(repo)
    closing = inline(r.t("journal.closing"))
    if worker:
        closing = join(closing, inline(r.t("journal.signed", worker=worker)))
    sections.append(Section("closing", r.t("journal.closing_title"), closing))
    days = [s.date for _, s in sessions if s.date]
    intro = (r.t("journal.intro_dates", first=r.format_date(min(days), "long"),
                 last=r.format_date(max(days), "long")) if days else r.t("journal.intro"))
    front = join(f"*{inline(r.t('journal.for', name=name))}*", inline(intro),
                 inline(r.t("journal.reread")))
    document = Document(kind="journal", title=r.t("journal.title", code=client.code),
                        front=front, sections=sections, language=r.language,
                        made_on=repo.today(), code=client.code,
                        file_kind=r.t("export.file.journal"), title_page=True)
    return document if with_names else hide_name(document, client)


def _sessions(sessions: list[tuple[Group, GroupSession]], client: Client,
              r: Rendering) -> str:
    if not sessions:
        return inline(r.t("journal.no_sessions"))
    key = f"client:{client.id}"
    parts = []
    for group, session in sessions:
        observation = session.observation(key)
        parts += [
            f"### {inline(r.format_date(session.date, 'long'))} · {inline(session.topic)}",
            facts([(r.t("journal.group"), group.name),
                   (r.t("report.group.activity"), session.activity),
                   (r.t("journal.materials"), session.materials)]
                  + ([(r.t("journal.felt"), observation.emotions),
                      (r.t("journal.gave"), observation.support_given),
                      (r.t("journal.received"), observation.support_received)]
                     if observation else [])),
            labelled_block(r.t("journal.noted"), observation.note) if observation else "",
        ]
    return join(*parts)


def _notes(notes: list[SessionNote], r: Rendering) -> str:
    """The chosen notes as written, with any later addition; no signature lines."""
    parts = []
    for note in notes:
        parts += [f"### {inline(r.format_date(note.date, 'long'))}", block(note.body, floor=4)]
        for addendum in note.addenda:
            parts += [f"**{inline(r.t('notes.addendum', when=r.format_datetime(addendum.at)))}**",
                      block(addendum.text, floor=4)]
    return join(*parts)
