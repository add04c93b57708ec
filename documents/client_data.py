"""Everything held about one client, as a document they can read (right of access).

Indonesia's Personal Data Protection Law (UU No. 27 Tahun 2022) gives a person the right
to see the personal data kept about them. This document lists every field of every
record about the client, their full name and contact included, each under a label in
the worker's language, with a short explanation at the top. Empty fields are listed too
(as "—"), so the client sees what is kept as well as what is not.

From group work it holds only the client's own part (their membership, attendance and
observations) and never another participant's, as a case transfer does. The
facilitator's reflection on a session is about the whole group, so it is left out;
the explanation at the top says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from models import dates, instruments
from models.records import (
    Action,
    Addendum,
    Administration,
    Assessment,
    Choice,
    Client,
    Contract,
    Goal,
    Group,
    GroupSession,
    HealthPicture,
    JournalEntry,
    LifeEvent,
    Observation,
    Plan,
    Reflection,
    Regimen,
    Relation,
    SessionNote,
    Termination,
    ViralLoadTest,
)
from models.repository import Repository

from .document import Document, Rendering, Section, inline, join, labelled_block
from .report import (
    PART_TITLE_KEYS,
    note_heading,
    phase_history,
    reflection_about,
    sessions_by_group,
    worker_name,
)


@dataclass(frozen=True)
class Field:
    path: str  # attribute, dotted for nested ones ("bio.treatment")
    label_key: str
    show: Callable[[Any, Rendering], str] | None = None  # when the plain value says little
    of_record: bool = False  # `show` needs the whole record, not just the value


def value_text(value: Any, r: Rendering) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return r.t("client_data.yes" if value else "client_data.no")
    if isinstance(value, Choice):
        return r.label(value)
    if isinstance(value, datetime):
        return r.format_datetime(value)
    if isinstance(value, date):
        return r.format_date(value, "long")
    return str(value)


def _weekday(value: int, r: Rendering) -> str:
    return r.t(f"weekday.{value}")


def _weight(value: int, r: Rendering) -> str:
    return r.t(f"history.weight.{value}")


def _instrument(value: str, r: Rendering) -> str:
    found = instruments.instruments().get(value)
    return r.localized(found.name) if found else value


def _rating(value: int, r: Rendering) -> str:
    return f"{value}/5"


def _band(adm: Administration, r: Rendering) -> str:
    """The severity in words: the stored band is a key ("mild"), read with its instrument."""
    found = instruments.instruments().get(adm.instrument)
    return r.localized(found.band_for(adm.total).text) if found else adm.band or "—"


TIMES = [Field("created", "client_data.created"), Field("updated", "client_data.updated")]

CLIENT = [
    Field("code", "intake.code"),
    Field("full_name", "intake.full_name"),
    Field("birth_year", "client_data.birth_year"),
    Field("gender", "intake.gender"),
    Field("occupation", "intake.occupation"),
    Field("contact", "intake.contact"),
    Field("referral_source", "intake.referral_source"),
    Field("first_contact", "intake.first_contact"),
    Field("consent_given", "intake.consent_given"),
    Field("consent_date", "intake.consent_date"),
    Field("consent_scope", "intake.consent_scope"),
    Field("consent_form", "intake.consent_form"),
    Field("consent_withdrawn_on", "intake.consent_withdrawn_on"),
    Field("consent_withdrawal_note", "intake.consent_withdrawal_note"),
    Field("phase", "report.phase"),
    *TIMES,
]
CONTRACT = [
    Field("version", "contract.col.version"),
    Field("agreed_on", "contract.agreed_on"),
    Field("meeting_weekday", "contract.weekday", _weekday),
    Field("meeting_time", "contract.time"),
    Field("interval_weeks", "client_data.interval_weeks"),
    Field("place", "contract.place"),
    Field("communication", "contract.communication"),
    Field("communication_notes", "contract.communication_notes"),
    Field("client_expectations", "contract.client_expectations"),
    Field("worker_expectations", "contract.worker_expectations"),
    Field("renegotiation_reason", "contract.reason"),
    *TIMES,
]
# The assessment in its four dimensions, each under its own heading, then the findings.
ASSESSMENT_PARTS: list[tuple[str | None, list[Field]]] = [
    (None, [Field("date", "assessment.date"), *TIMES]),
    (
        "assessment.section.bio",
        [
            Field("bio.text", "client_data.section_notes"),
            Field("bio.diagnosed_year", "assessment.bio.diagnosed_year"),
            Field("bio.treatment", "assessment.bio.treatment"),
            Field("bio.health_service", "assessment.bio.health_service"),
            Field("bio.other_conditions", "assessment.bio.other_conditions"),
        ],
    ),
    (
        "assessment.section.psycho",
        [
            Field("psycho.text", "client_data.section_notes"),
            Field("psycho.mood", "assessment.psycho.mood"),
            Field("psycho.coping", "assessment.psycho.coping"),
        ],
    ),
    (
        "assessment.section.social",
        [
            Field("social.text", "client_data.section_notes"),
            Field("social.living_situation", "assessment.social.living_situation"),
            Field("social.work", "assessment.social.work"),
            Field("social.support", "assessment.social.support"),
        ],
    ),
    (
        "assessment.section.spiritual",
        [
            Field("spiritual.text", "client_data.section_notes"),
            Field("spiritual.beliefs", "assessment.spiritual.beliefs"),
            Field("spiritual.community", "assessment.spiritual.community"),
            Field("spiritual.meaning", "assessment.spiritual.meaning"),
        ],
    ),
    (
        "assessment.section.findings",
        [
            Field("problem_statement", "assessment.problem_statement"),
            Field("causes", "assessment.causes"),
            Field("strengths", "assessment.strengths"),
            Field("needs", "assessment.needs"),
        ],
    ),
]
ADMINISTRATION = [
    Field("instrument", "scores.col.instrument", _instrument),
    Field("date", "questionnaire.date"),
    Field("total", "scores.col.total"),
    Field("band", "scores.col.band", _band, of_record=True),
    Field("flagged", "client_data.flagged"),
    Field("follow_up_on", "client_data.follow_up_on"),
    Field("follow_up_note", "client_data.follow_up_note"),
    *TIMES,
]
HEALTH = [
    Field("art_start", "health.art_start", lambda v, r: dates.format_when(v)),
    Field("clinic", "health.clinic"),
    Field("next_pickup", "health.next_pickup"),
    Field("missed_doses", "health.missed_doses"),
    Field("adherence", "health.adherence"),
    Field("adherence_on", "health.adherence_on"),
    *TIMES,
]
REGIMEN = [
    Field("name", "health.regimen"),
    Field("since", "health.regimen_since", lambda v, r: dates.format_when(v)),
    Field("reason", "health.regimen_reason"),
]
VIRAL_LOAD = [
    Field("on", "health.vl_on"),
    Field("result", "health.vl_result"),
    Field("value", "health.vl_value"),
]
LIFE_EVENT = [
    Field("when", "history.when", lambda v, r: dates.format_when(v)),
    Field("what", "history.what"),
    Field("category", "history.category"),
    Field("weight", "history.weight", _weight),
    Field("notes", "history.notes"),
    *TIMES,
]
RELATION = [
    Field("name", "ecomap.name"),
    Field("kind", "ecomap.kind"),
    Field("strength", "ecomap.strength"),
    Field("stressful", "ecomap.stressful"),
    Field("flow", "ecomap.flow"),
    Field("notes", "ecomap.notes"),
    *TIMES,
]
PLAN = [Field("agreed_on", "plan.agreed_on"), *TIMES]
GOAL = [
    Field("title", "plan.goal"),
    Field("need", "plan.need"),
    Field("target_date", "plan.target_date"),
    Field("measure", "plan.measure"),
    Field("status", "plan.status"),
    Field("reason", "plan.reason"),
    Field("outcome", "plan.outcome"),
]
ACTION = [
    Field("what", "plan.action"),
    Field("responsible", "plan.responsible"),
    Field("responsible_name", "plan.responsible_name"),
    Field("due", "plan.due"),
    Field("status", "plan.status"),
    Field("reason", "plan.reason"),
    Field("done_on", "plan.done_on"),
]
NOTE = [
    Field("date", "notes.date"),
    Field("kind", "notes.col.kind"),
    Field("duration_minutes", "client_data.duration"),
    Field("template", "client_data.template"),
    Field("body", "client_data.note_body"),
    Field("signed_at", "client_data.signed_at"),
    Field("signed_by", "client_data.signed_by"),
    Field("signature_imported", "client_data.signature_imported"),
    *TIMES,
]
ADDENDUM = [
    Field("at", "client_data.addendum_at"),
    Field("reason", "notes.addendum.reason"),
    Field("text", "client_data.addendum_text"),
    Field("by", "client_data.addendum_by"),
]
GROUP = [
    Field("name", "client_data.group_name"),
    Field("purpose", "report.group.purpose"),
    Field("facilitator", "report.group.facilitator"),
    *TIMES,
]
GROUP_SESSION = [
    Field("date", "overview.col.date"),
    Field("topic", "report.group.topic"),
    Field("activity", "report.group.activity"),
    Field("materials", "client_data.materials"),
    *TIMES,
]
OBSERVATION = [
    Field("engagement", "report.group.engagement", _rating),
    Field("emotions", "report.group.emotions"),
    Field("support_given", "report.group.support_given"),
    Field("support_received", "report.group.support_received"),
    Field("note", "report.group.observation"),
]
JOURNAL_ENTRY = [
    Field("date", "overview.col.date"),
    Field("prompt", "journal_entry.prompt"),
    Field("text", "journal_entry.text"),
    Field("page", "journal_entry.page"),
    Field("in_collection", "journal_entry.in_collection"),
    *TIMES,
]
REFLECTION = [
    Field("date", "reflection.date"),
    Field("title", "reflection.title_field"),
    Field("body", "reflection.body"),
    *TIMES,
]
TERMINATION = [
    Field("date", "termination.date"),
    Field("reason", "termination.reason"),
    Field("reason_detail", "termination.reason_detail"),
    Field("changes", "termination.changes"),
    Field("goals_outcome", "termination.goals_outcome"),
    Field("follow_up", "termination.follow_up"),
    Field("handed_over", "termination.handed_over"),
    Field("joint_reflection", "termination.joint_reflection"),
    *TIMES,
]

# What each record's fields go under, for the test that every field is shown. Fields
# shown by other means (a table, a list, the membership line) are named in SHOWN_APART;
# the ones never shown are links between records and the worker's ordering.
FIELDS: dict[type, list[Field]] = {
    Client: CLIENT,
    Contract: CONTRACT,
    Assessment: [f for _, fields in ASSESSMENT_PARTS for f in fields],
    Administration: ADMINISTRATION,
    LifeEvent: LIFE_EVENT,
    Relation: RELATION,
    Plan: PLAN,
    Goal: GOAL,
    Action: ACTION,
    SessionNote: NOTE,
    Addendum: ADDENDUM,
    Group: GROUP,
    GroupSession: GROUP_SESSION,
    Observation: OBSERVATION,
    Reflection: REFLECTION,
    Termination: TERMINATION,
    JournalEntry: JOURNAL_ENTRY,
    HealthPicture: HEALTH,
    Regimen: REGIMEN,
    ViralLoadTest: VIRAL_LOAD,
}
SHOWN_APART = {
    Client: {"phase_history"},
    Administration: {"answers"},
    Plan: {"goals"},
    Goal: {"actions"},
    SessionNote: {"addenda"},
    Group: {"members"},
    GroupSession: {"attendance", "observations"},
    Reflection: {"note_id", "group_session_id"},
    JournalEntry: {"group_session_id"},  # the group and session name the entry's heading
    HealthPicture: {"regimens", "viral_loads"},
}
NOT_SHOWN = {"id", "client_id", "group_id", "position", "member"}
# The facilitator's reflection on a session concerns the whole group (see the top).
LEFT_OUT = {GroupSession: {"reflection"}}


def _get(record: object, path: str) -> Any:
    for name in path.split("."):
        record = getattr(record, name)
    return record


def fields_markdown(
    record: object, fields: Sequence[Field], r: Rendering, extra: Sequence[tuple[str, str]] = ()
) -> str:
    """Every field in order: short values as a list, multi-line text under its label.

    `extra` (label, text) pairs join the list: what a record says through another one.
    """
    parts: list[str] = []
    items: list[str] = []
    for field in fields:
        value = _get(record, field.path)
        name = r.t(field.label_key)
        if isinstance(value, str) and "\n" in value.strip():
            parts.append("\n".join(items))
            items = []
            parts.append(labelled_block(name, value))
            continue
        if field.show and field.of_record:
            text = field.show(record, r)
        elif field.show and value is not None:
            text = field.show(value, r)
        else:
            text = value_text(value, r)
        items.append(f"- **{inline(name)}:** {inline(text)}")
    items += [f"- **{inline(name)}:** {inline(text or '—')}" for name, text in extra]
    parts.append("\n".join(items))
    return join(*parts)


def client_data(repo: Repository, client_id: int, r: Rendering) -> Document:
    client = repo.get(Client, client_id)
    cid = client.id or 0
    sections = [
        Section("identity", r.t("client_data.part.identity"), _identity(client, r)),
        Section(
            "contract",
            r.t(PART_TITLE_KEYS["contract"]),
            _each(
                sorted(repo.contracts_of(cid), key=lambda c: c.version),
                CONTRACT,
                r,
                lambda c: r.t("report.contract.version", version=c.version),
            ),
        ),
        Section(
            "assessment",
            r.t(PART_TITLE_KEYS["assessment"]),
            _assessments(list(reversed(repo.assessments_of(cid))), r),
        ),
        Section("health", r.t("client_data.part.health"), _health(repo.health_of(cid), r)),
        Section(
            "scores",
            r.t("client_data.part.questionnaires"),
            _administrations(repo.administrations_of(cid), r),
        ),
        Section(
            "history",
            r.t("client_data.part.history"),
            join(
                _each(
                    repo.life_events_of(cid),
                    LIFE_EVENT,
                    r,
                    lambda e: f"{dates.format_when(e.when)} · {e.what}",
                ),
                _each(repo.relations_of(cid), RELATION, r, lambda rel: rel.name),
            ),
        ),
        Section("plan", r.t(PART_TITLE_KEYS["plan"]), _plan(repo.plan_of(cid), r)),
        Section(
            "notes", r.t(PART_TITLE_KEYS["notes"]), _notes(list(reversed(repo.notes_of(cid))), r)
        ),
        Section("groups", r.t(PART_TITLE_KEYS["groups"]), _groups(repo, client, r)),
        Section("journal", r.t("client_data.part.journal"), _journal(repo, cid, r)),
        Section(
            "reflections",
            r.t(PART_TITLE_KEYS["reflections"]),
            _reflections(repo, list(reversed(repo.reflections_of(cid))), r),
        ),
        Section(
            "termination",
            r.t(PART_TITLE_KEYS["termination"]),
            _each(
                [t for t in [repo.termination_of(cid)] if t],
                TERMINATION,
                r,
                lambda t: r.format_date(t.date, "long"),
            ),
        ),
    ]
    nothing = f"*{inline(r.t('report.nothing'))}*"
    sections = [s if s.body.strip() else Section(s.key, s.title, nothing) for s in sections]
    worker = worker_name(repo) or r.t("client_data.your_worker")
    front = join(
        *(
            inline(r.t(key, date=r.format_date(repo.today(), "long"), worker=worker))
            for key in (
                "client_data.intro",
                "client_data.rights",
                "client_data.groups_note",
                "client_data.dash",
                "client_data.not_encrypted",
            )
        )
    )
    return Document(
        kind="client_data",
        title=r.t("client_data.title", code=client.code),
        front=front,
        sections=sections,
        language=r.language,
        made_on=repo.today(),
        code=client.code,
        file_kind=r.t("export.file.client_data"),
        running_head=r.t("document.running_head", code=client.code),
    )


def _each(
    records: Sequence[Any], fields: Sequence[Field], r: Rendering, heading: Callable[[Any], str]
) -> str:
    return join(
        *(join(f"### {inline(heading(rec))}", fields_markdown(rec, fields, r)) for rec in records)
    )


def _health(picture: HealthPicture | None, r: Rendering) -> str:
    if picture is None:
        return ""
    return join(
        fields_markdown(picture, HEALTH, r),
        f"### {inline(r.t('health.regimen'))}" if picture.regimens else "",
        _each(picture.regimens, REGIMEN, r, lambda g: g.name),
        f"### {inline(r.t('health.vl_on'))}" if picture.viral_loads else "",
        _each(picture.viral_loads, VIRAL_LOAD, r, lambda v: r.format_date(v.on, "long")),
    )


def _identity(client: Client, r: Rendering) -> str:
    return join(fields_markdown(client, CLIENT, r), phase_history(client, r, for_client=True))


def _assessments(assessments: list[Assessment], r: Rendering) -> str:
    parts = []
    for assessment in assessments:
        day = r.format_date(assessment.date, "long")
        parts.append(f"### {inline(r.t('assessment.heading', date=day))}")
        for heading_key, fields in ASSESSMENT_PARTS:
            if heading_key:
                parts.append(f"#### {inline(r.t(heading_key))}")
            parts.append(fields_markdown(assessment, fields, r))
    return join(*parts)


def _administrations(given: list[Administration], r: Rendering) -> str:
    parts = []
    for adm in given:
        found = instruments.instruments().get(adm.instrument)
        name = r.localized(found.name) if found else adm.instrument
        parts += [
            f"### {inline(name)} · {inline(r.format_date(adm.date, 'long'))}",
            fields_markdown(adm, ADMINISTRATION, r),
        ]
        answers = []
        for number, value in enumerate(adm.answers, 1):
            item = (
                r.localized(found.items[number - 1]) if found and number <= len(found.items) else ""
            )
            option = (
                next((r.localized(o.text) for o in found.options if o.value == value), "")
                if found
                else ""
            )
            answers.append(f"{number}. {inline(item)} — {inline(option)} ({value})")
        if answers:
            parts += [f"**{inline(r.t('client_data.answers'))}**", "\n".join(answers)]
    return join(*parts)


def _plan(plan: Plan | None, r: Rendering) -> str:
    if plan is None:
        return ""
    parts = [fields_markdown(plan, PLAN, r)]
    for number, goal in enumerate(plan.goals, 1):
        parts += [
            f"### {inline(r.t('client_data.goal', number=number, title=goal.title))}",
            fields_markdown(goal, GOAL, r),
        ]
        for index, action in enumerate(goal.actions, 1):
            parts += [
                f"#### {inline(r.t('client_data.action', number=index))}",
                fields_markdown(action, ACTION, r),
            ]
    return join(*parts)


def _notes(notes: list[SessionNote], r: Rendering) -> str:
    parts = []
    for note in notes:
        parts += [f"### {inline(note_heading(note, r))}", fields_markdown(note, NOTE, r)]
        for index, addendum in enumerate(note.addenda, 1):
            parts += [
                f"#### {inline(r.t('client_data.addendum', number=index))}",
                fields_markdown(addendum, ADDENDUM, r),
            ]
    return join(*parts)


def _groups(repo: Repository, client: Client, r: Rendering) -> str:
    key = f"client:{client.id}"
    parts = []
    for group, sessions in sessions_by_group(repo, client.id or 0):
        member = group.member(key)
        membership = (
            [
                (r.t("report.group.joined"), value_text(member.joined, r)),
                (r.t("report.group.left"), value_text(member.left, r)),
            ]
            if member
            else []
        )
        parts += [f"### {inline(group.name)}", fields_markdown(group, GROUP, r, membership)]
        for session in sessions:
            status = session.attendance.get(key)
            parts += [
                f"#### {inline(r.format_date(session.date, 'long'))} · {inline(session.topic)}",
                fields_markdown(
                    session,
                    GROUP_SESSION,
                    r,
                    [(r.t("client_data.your_attendance"), value_text(status, r))],
                ),
            ]
            observation = session.observation(key)
            if observation is not None:
                parts += [
                    f"**{inline(r.t('client_data.observation'))}**",
                    fields_markdown(observation, OBSERVATION, r),
                ]
    return join(*parts)


def _journal(repo: Repository, client_id: int, r: Rendering) -> str:
    sessions = {s.id: (g, s) for g, s in repo.group_sessions_with(client_id)}
    parts = []
    for entry in repo.journal_entries_of(client_id):
        heading = r.format_date(entry.date, "long")
        if (found := sessions.get(entry.group_session_id)) is not None:
            heading += f" · {found[0].name} · {found[1].topic}"
        parts += [f"### {inline(heading)}", fields_markdown(entry, JOURNAL_ENTRY, r)]
    return join(*parts)


def _reflections(repo: Repository, reflections: list[Reflection], r: Rendering) -> str:
    parts = []
    for reflection in reflections:
        about = reflection_about(repo, reflection, r)
        parts += [
            f"### {inline(r.format_date(reflection.date, 'long'))}",
            fields_markdown(
                reflection,
                REFLECTION,
                r,
                [(r.t("reflection.about"), "; ".join(about))] if about else [],
            ),
        ]
    return join(*parts)
