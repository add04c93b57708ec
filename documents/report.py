"""The case report of one client, for supervision and handover, and the caseload summary.

The worker chooses the parts of the report; the worker's own reflections are left out
unless chosen, because they are kept apart from the clinical record. The client's full
name and contact details appear only when the worker asks for them; otherwise the code
stands in, and any place the full name was typed into the record is replaced by the
code as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from models import dates, instruments
from models.casefile import CaseFacts, case_facts
from models.groups import attendance_summary
from models.progress import ScoreChange, score_changes
from models.records import (
    Action,
    Adherence,
    Administration,
    Client,
    ConsentForm,
    Flow,
    Gender,
    Goal,
    Group,
    GroupSession,
    HealthPicture,
    NoteTemplate,
    Phase,
    Reflection,
    Relation,
    Responsible,
    SessionNote,
)
from models.repository import Repository

from . import pictures
from .casework import assessment_markdown, contract_markdown, note_markdown
from .document import (
    DateFormatter,
    Document,
    Drawn,
    Rendering,
    Section,
    block,
    facts,
    figure,
    inline,
    join,
    labelled_block,
    table,
)

PARTS = (
    "intake",
    "contract",
    "assessment",
    "scores",
    "history_map",
    "plan",
    "notes",
    "groups",
    "reflections",
    "termination",
)
PART_TITLE_KEYS = {
    "intake": "report.part.intake",
    "contract": "report.part.contract",
    "assessment": "report.part.assessment",
    "scores": "report.part.scores",
    "history_map": "report.part.history_map",
    "plan": "report.part.plan",
    "notes": "report.part.notes",
    "groups": "report.part.groups",
    "reflections": "report.part.reflections",
    "termination": "report.part.termination",
}
DEFAULT_PARTS = frozenset(PARTS) - {"reflections"}
# A "full name" shorter than this (an initial) would be replaced inside ordinary words.
MIN_NAME_TO_HIDE = 3


@dataclass(frozen=True)
class ReportOptions:
    parts: frozenset[str] = DEFAULT_PARTS
    with_names: bool = False  # the client's full name and contact details


def reflection_about(repo: Repository, reflection: Reflection, r: Rendering) -> list[str]:
    """What a reflection is about, when it is about a note or a group session."""
    about = []
    note = repo.find(SessionNote, reflection.note_id)
    if note is not None:
        about.append(r.t("report.reflection.about_note", date=r.format_date(note.date)))
    session = repo.find(GroupSession, reflection.group_session_id)
    if session is not None:
        about.append(
            r.t(
                "report.reflection.about_session",
                topic=session.topic,
                date=r.format_date(session.date),
            )
        )
    return about


def worker_name(repo: Repository) -> str:
    return str(repo.meta().get("worker_name", "")).strip()


def prepared(repo: Repository, r: Rendering) -> list[tuple[str, str]]:
    """When and by whom a document was made, as (label, value) pairs."""
    return [
        (r.t("report.prepared_on"), r.format_date(repo.today(), "long")),
        (r.t("report.prepared_by"), worker_name(repo)),
    ]


def hide_name(document: Document, client: Client) -> Document:
    """The client's full name, wherever it was typed, replaced by their code."""
    name = client.full_name.strip()
    if len(name) < MIN_NAME_TO_HIDE:
        return document
    return document.replace_text(name, client.code)


def case_report(repo: Repository, client_id: int, options: ReportOptions, r: Rendering) -> Document:
    client = repo.get(Client, client_id)
    sections = []
    for part in PARTS:
        if part in options.parts:
            built = _BUILDERS[part](repo, client, options, r)
            drawn = built if isinstance(built, Drawn) else Drawn(built)
            sections.append(
                Section(
                    part,
                    r.t(PART_TITLE_KEYS[part]),
                    drawn.markdown or f"*{inline(r.t('report.nothing'))}*",
                    drawn.figures,
                )
            )
    contents = " · ".join(s.title for s in sections)
    front = join(
        facts(
            [
                *prepared(repo, r),
                (r.t("report.phase"), r.long_label(client.phase)),
                (r.t("report.contents"), contents),
            ]
        ),
        f"*{inline(r.t('report.confidential'))}*",
    )
    document = Document(
        kind="case_report",
        title=r.t("report.title", code=client.code),
        front=front,
        sections=sections,
        language=r.language,
        made_on=repo.today(),
        code=client.code,
        file_kind=r.t("export.file.case_report"),
        running_head=r.t("document.running_head", code=client.code),
    )
    return document if options.with_names else hide_name(document, client)


# -- the parts ----------------------------------------------------------------------------


def _intake(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str:
    age = client.age_on(repo.today())
    born = "" if client.birth_year is None else r.t("report.born", year=client.birth_year, age=age)
    if client.consent_given:
        consent = r.t(
            "report.consent.given",
            date=r.format_date(client.consent_date, "long"),
            scope=client.consent_scope,
        )
    else:
        consent = r.t("report.consent.not_given")
    if client.consent_given and client.consent_form is not ConsentForm.NOT_RECORDED:
        consent += f" ({r.label(client.consent_form)})"
    if client.consent_withdrawn_on is not None:
        consent += " " + r.t(
            "report.consent.withdrawn",
            date=r.format_date(client.consent_withdrawn_on, "long"),
            note=client.consent_withdrawal_note or "—",
        )
    pairs = [(r.t("intake.code"), client.code)]
    if options.with_names:
        pairs += [
            (r.t("intake.full_name"), client.full_name),
            (r.t("intake.contact"), client.contact),
        ]
    pairs += [
        (r.t("report.born_label"), born),
        (
            r.t("intake.gender"),
            "" if client.gender is Gender.UNSPECIFIED else r.label(client.gender),
        ),
        (r.t("intake.occupation"), client.occupation),
        (r.t("intake.referral_source"), client.referral_source),
        (r.t("intake.first_contact"), r.format_date(client.first_contact, "long")),
        (r.t("intake.consent_given"), consent),
    ]
    return join(facts(pairs), phase_history(client, r))


def phase_history(client: Client, r: Rendering, *, for_client: bool = False) -> str:
    """The case's moves between phases, as a table under its heading ("" if none).

    The report names each phase with its meaning; the client's own data spells each date
    out and marks an empty cell with a dash.
    """
    if not client.phase_history:
        return ""
    name = r.label if for_client else r.long_label
    empty = "—" if for_client else ""
    headers = [
        r.t("overview.col.date"),
        r.t("report.phase_from"),
        r.t("report.phase_to"),
        r.t("report.phase_reason"),
    ]
    rows = [
        [
            r.format_date(c.on, "long") if for_client else r.format_date(c.on),
            name(c.from_phase) if c.from_phase else empty,
            name(c.to_phase),
            c.reason or empty,
        ]
        for c in client.phase_history
    ]
    return join(f"### {inline(r.t('report.phase_history'))}", table(headers, rows))


def _contract(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str:
    versions = sorted(repo.contracts_of(client.id or 0), key=lambda c: c.version)
    parts = []
    for contract in versions:
        heading = r.t("report.contract.version", version=contract.version)
        if contract is versions[-1]:
            heading += " · " + r.t("report.current")
        if not options.with_names:  # how to reach the client is contact, like a phone
            contract = replace(contract, communication_notes="")
        parts += [f"### {inline(heading)}", block(contract_markdown(contract, r), floor=4)]
    return join(*parts)


def _assessment(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str:
    oldest_first = reversed(repo.assessments_of(client.id or 0))
    return join(
        *(block(assessment_markdown(a, r), floor=3) for a in oldest_first),
        _health(repo.health_of(client.id or 0), r),
    )


def _health(picture: HealthPicture | None, r: Rendering) -> str:
    """The health picture as the worker recorded it: treatment, adherence, viral load."""
    if picture is None or picture.is_empty:
        return ""
    adherence = ""
    if picture.missed_doses is not None:
        adherence = r.t("overview.health.missed", count=picture.missed_doses)
    elif picture.adherence is not Adherence.NOT_RATED:
        adherence = r.label(picture.adherence)
    if adherence and picture.adherence_on:
        adherence += f" ({r.format_date(picture.adherence_on)})"
    regimens = (
        table(
            [
                r.t("health.regimen_since"),
                r.t("report.health.regimen"),
                r.t("health.regimen_reason"),
            ],
            [[dates.format_when(g.since), g.name, g.reason] for g in picture.regimens],
        )
        if picture.regimens
        else ""
    )
    tests = (
        table(
            [r.t("overview.col.date"), r.t("health.vl_result"), r.t("health.vl_value")],
            [[r.format_date(v.on), r.label(v.result), v.value] for v in picture.viral_loads],
        )
        if picture.viral_loads
        else ""
    )
    return join(
        f"### {inline(r.t('overview.health'))}",
        facts(
            [
                (r.t("health.art_start"), dates.format_when(picture.art_start)),
                (r.t("health.clinic"), picture.clinic),
                (r.t("report.health.adherence"), adherence),
                (
                    r.t("health.next_pickup"),
                    r.format_date(picture.next_pickup, "long") if picture.next_pickup else "",
                ),
            ]
        ),
        regimens,
        tests,
    )


def follow_up_text(adm: Administration, r: Rendering) -> str:
    if not adm.flagged:
        return "—"
    if adm.follow_up_on is None:
        return r.t("report.scores.needs_follow_up")
    return r.t(
        "report.scores.followed_up", date=r.format_date(adm.follow_up_on), note=adm.follow_up_note
    )


def score_cells(adm: Administration, r: Rendering) -> tuple[str, str, str]:
    """(questionnaire, total, band) as the worker reads them."""
    instrument = instruments.instruments().get(adm.instrument)
    if instrument is None:  # an instrument this version no longer defines
        return adm.instrument, str(adm.total), adm.band
    return (
        r.localized(instrument.name),
        f"{adm.total}/{instrument.max_total}",
        r.localized(instrument.band_for(adm.total).text),
    )


def _scores(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str | Drawn:
    given = repo.administrations_of(client.id or 0)
    if not given:
        return ""
    rows = [
        [r.format_date(adm.date), *score_cells(adm, r), follow_up_text(adm, r)] for adm in given
    ]
    headers = [
        r.t("overview.col.date"),
        r.t("scores.col.instrument"),
        r.t("scores.col.total"),
        r.t("scores.col.band"),
        r.t("report.scores.safety"),
    ]
    # A chart per questionnaire given; the table under them is their text alternative.
    charts = {
        f"scores-{instrument.id}": pictures.scores_svg(
            instrument,
            [a for a in given if a.instrument == instrument.id],
            r.t,
            r.localized,
            r.format_date,
        )
        for instrument in instruments.instruments().values()
        if any(a.instrument == instrument.id for a in given)
    }
    sources = "\n".join(
        f"- {inline(r.localized(instrument.name))}: {inline(r.localized(instrument.source))}"
        for instrument in instruments.instruments().values()
        if f"scores-{instrument.id}" in charts
    )
    return Drawn(
        join(
            *(figure(key) for key in charts),
            table(headers, rows),
            f"*{inline(r.t('report.scores.safety_note'))}*",
            f"{r.t('report.scores.sources')}\n\n{sources}",
        ),
        charts,
    )


def relation_heading(relation: Relation, r: Rendering) -> str:
    """A relation in words, as the drawing shows it: name, kind, strength, stress, flow."""
    parts = [relation.name, r.label(relation.kind), r.label(relation.strength)]
    if relation.stressful:
        parts.append(r.t("ecomap.stressful"))
    if relation.flow is not Flow.UNKNOWN:
        parts.append(r.label(relation.flow))
    return " · ".join(parts)


def _history_map(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> Drawn:
    events = repo.life_events_of(client.id or 0)
    relations = repo.relations_of(client.id or 0)
    # Every event and relation in words (not only those with notes): the pictures'
    # text alternative, in the HTML beside the drawing and in the Markdown under it.
    event_lines = "\n".join(
        f"- **{inline(dates.format_when(e.when))} · {inline(e.what)}** "
        f"({inline(r.label(e.category))}; {inline(r.t(f'history.weight.{e.weight}'))})"
        + (f": {inline(e.notes)}" if e.notes.strip() else "")
        for e in events
    )
    relation_lines = "\n".join(
        f"- **{inline(relation_heading(rel, r))}**"
        + (f": {inline(rel.notes)}" if rel.notes.strip() else "")
        for rel in relations
    )
    body = join(
        f"### {inline(r.t('report.history.timeline'))}",
        figure("timeline", r.timeline(events)),
        event_lines,
        f"### {inline(r.t('report.history.ecomap'))}",
        figure("ecomap", r.ecomap(client.code, relations)),
        relation_lines,
    )
    return Drawn(
        body,
        {
            "timeline": pictures.timeline_svg(events, r.t, r.label),
            "ecomap": pictures.ecomap_svg(client.code, relations, r.t, r.label),
        },
    )


def _plan(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str:
    plan = repo.plan_of(client.id or 0)
    if plan is None:
        return ""
    parts = [
        inline(r.t("report.plan.agreed", date=r.format_date(plan.agreed_on, "long")))
        if plan.agreed_on
        else ""
    ]
    for number, goal in enumerate(plan.goals, 1):
        parts += [
            f"### {number}. {inline(goal.title)}",
            facts(
                [
                    (r.t("plan.need"), goal.need),
                    (
                        r.t("plan.target_date"),
                        r.format_date(goal.target_date, "long") if goal.target_date else "",
                    ),
                    (r.t("plan.measure"), goal.measure),
                    (r.t("plan.status"), r.label(goal.status)),
                    (r.t("plan.reason"), goal.reason),
                ]
            ),
            labelled_block(r.t("plan.outcome"), goal.outcome),
        ]
        if goal.actions:
            parts.append(_actions(goal.actions, r))
    return join(*parts)


def _actions(actions: list[Action], r: Rendering) -> str:
    # The reason column is there only when some action was dropped with one.
    with_reason = any(a.reason for a in actions)
    headers = [
        r.t("plan.action"),
        r.t("plan.responsible"),
        r.t("plan.due"),
        r.t("plan.status"),
        r.t("plan.done_on"),
    ]
    rows = []
    for a in actions:
        who = (
            a.responsible_name
            if a.responsible is Responsible.OTHER and a.responsible_name
            else r.label(a.responsible)
        )
        rows.append(
            [
                a.what,
                who,
                r.format_date(a.due) if a.due else "",
                r.label(a.status),
                r.format_date(a.done_on) if a.done_on else "",
            ]
            + ([a.reason] if with_reason else [])
        )
    return table(headers + ([r.t("plan.reason")] if with_reason else []), rows)


def note_heading(note: SessionNote, r: Rendering) -> str:
    parts = [r.format_date(note.date, "long"), r.label(note.kind)]
    if note.duration_minutes:
        parts.append(r.t("report.minutes", minutes=note.duration_minutes))
    if note.template is not NoteTemplate.FREE:
        parts.append(r.label(note.template))
    return " · ".join(parts)


def _notes(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str:
    parts = []
    for note in reversed(repo.notes_of(client.id or 0)):  # oldest first: the case in order
        parts += [f"### {inline(note_heading(note, r))}", block(note_markdown(note, r), floor=4)]
        if not note.is_signed:
            parts.append(f"*{inline(r.t('report.note.unsigned'))}*")
    return join(*parts)


def sessions_by_group(repo: Repository, client_id: int) -> list[tuple[Group, list[GroupSession]]]:
    """The client's group sessions, oldest first, under each of their groups."""
    groups: dict[int, Group] = {}
    sessions: dict[int, list[GroupSession]] = defaultdict(list)
    for group, session in repo.group_sessions_with(client_id):
        groups[group.id or 0] = group
        sessions[group.id or 0].append(session)
    return [(group, sessions[group_id]) for group_id, group in groups.items()]


def _groups(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str:
    key = f"client:{client.id}"
    parts = []
    for group, sessions in sessions_by_group(repo, client.id or 0):
        member = group.member(key)
        took_part = sum(1 for s in sessions if (st := s.attendance.get(key)) and st.took_part)
        recorded = sum(1 for s in sessions if key in s.attendance)
        parts += [
            f"### {inline(group.name)}",
            facts(
                [
                    (r.t("report.group.purpose"), group.purpose),
                    (r.t("report.group.facilitator"), group.facilitator),
                    (
                        r.t("report.group.joined"),
                        r.format_date(member.joined, "long") if member else "",
                    ),
                    (
                        r.t("report.group.left"),
                        r.format_date(member.left, "long") if member and member.left else "",
                    ),
                    (
                        r.t("report.group.took_part"),
                        r.t("report.group.took_part_count", attended=took_part, total=recorded),
                    ),
                ]
            ),
        ]
        rows = []
        for session in sessions:
            status = session.attendance.get(key)
            observation = session.observation(key)
            engagement = observation.engagement if observation else None
            rows.append(
                [
                    r.format_date(session.date),
                    session.topic,
                    r.label(status) if status else "—",
                    f"{engagement}/5" if engagement else "",
                ]
            )
        parts.append(
            table(
                [
                    r.t("overview.col.date"),
                    r.t("report.group.topic"),
                    r.t("report.group.attendance"),
                    r.t("report.group.engagement"),
                ],
                rows,
            )
        )
        for session in sessions:
            observation = session.observation(key)
            if observation is None:
                continue
            heading = f"{r.format_date(session.date, 'long')} · {session.topic}"
            parts += [
                f"#### {inline(heading)}",
                facts(
                    [
                        (r.t("report.group.activity"), session.activity),
                        (r.t("report.group.emotions"), observation.emotions),
                        (r.t("report.group.support_given"), observation.support_given),
                        (r.t("report.group.support_received"), observation.support_received),
                    ]
                ),
                labelled_block(r.t("report.group.observation"), observation.note, floor=5),
            ]
    return join(*parts)


def _reflections(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str:
    parts = []
    for reflection in reversed(repo.reflections_of(client.id or 0)):
        heading = r.format_date(reflection.date, "long")
        if reflection.title:
            heading += f" · {reflection.title}"
        parts.append(f"### {inline(heading)}")
        parts += [f"*{inline(line)}*" for line in reflection_about(repo, reflection, r)]
        parts.append(block(reflection.body, floor=4))
    return join(*parts)


def change_cells(change: ScoreChange, r: Rendering) -> list[str]:
    def given(adm: Administration) -> str:
        band = r.localized(change.instrument.band_for(adm.total).text)
        return f"{adm.total} {band} ({r.format_date(adm.date)})"

    if change.latest is None or change.change is None:
        return [
            r.localized(change.instrument.name),
            given(change.baseline),
            r.t("report.termination.baseline_only"),
            "",
        ]
    direction = {
        "better": r.t("termination.better"),
        "worse": r.t("termination.worse"),
        "same": r.t("termination.same"),
    }[change.direction]
    return [
        r.localized(change.instrument.name),
        given(change.baseline),
        given(change.latest),
        f"{change.change:+d} {direction}",
    ]


def _termination(repo: Repository, client: Client, options: ReportOptions, r: Rendering) -> str:
    done = repo.termination_of(client.id or 0)
    if done is None:
        return inline(r.t("report.termination.none"))
    reason = r.label(done.reason)
    if done.reason_detail:
        reason += f": {done.reason_detail}"
    changes = score_changes(repo, client.id or 0)
    evidence = (
        table(
            [
                r.t("scores.col.instrument"),
                r.t("report.termination.first"),
                r.t("report.termination.latest"),
                r.t("report.termination.change"),
            ],
            [change_cells(c, r) for c in changes],
        )
        if changes
        else inline(r.t("termination.no_scores"))
    )
    plan = repo.plan_of(client.id or 0)
    goals = facts(
        [
            (f"{n}. {g.title} ({r.label(g.status)})", _outcome_against_aim(g, r))
            for n, g in enumerate(plan.goals if plan else [], 1)
        ]
    )
    return join(
        facts(
            [
                (r.t("termination.date"), r.format_date(done.date, "long")),
                (r.t("termination.reason"), reason),
            ]
        ),
        f"### {inline(r.t('termination.evidence'))}",
        evidence,
        goals,
        labelled_block(r.t("termination.changes"), done.changes),
        labelled_block(r.t("termination.goals_outcome"), done.goals_outcome),
        labelled_block(r.t("termination.follow_up"), done.follow_up),
        labelled_block(r.t("termination.handed_over"), done.handed_over),
        labelled_block(r.t("termination.joint_reflection"), done.joint_reflection),
    )


def goal_aim(goal: Goal, t: Callable[..., str], format_date: DateFormatter) -> list[str]:
    """What a goal set out to reach, in words: its success measure and target date (for
    termination, on screen and in the report, where the outcome is read against them)."""
    aim = [t("termination.goal_measure", measure=goal.measure)] if goal.measure else []
    if goal.target_date:
        aim.append(t("termination.goal_target", date=format_date(goal.target_date)))
    return aim


def _outcome_against_aim(goal: Goal, r: Rendering) -> str:
    """A goal's outcome beside what it set out to reach (its measure and target date)."""
    aim = goal_aim(goal, r.t, r.format_date)
    outcome = goal.outcome or "—"
    return f"{outcome} ({'; '.join(aim)})" if aim else outcome


_BUILDERS: dict[str, Callable[[Repository, Client, ReportOptions, Rendering], str | Drawn]] = {
    "intake": _intake,
    "contract": _contract,
    "assessment": _assessment,
    "scores": _scores,
    "history_map": _history_map,
    "plan": _plan,
    "notes": _notes,
    "groups": _groups,
    "reflections": _reflections,
    "termination": _termination,
}


# -- the caseload ---------------------------------------------------------------------------


def caseload_summary(
    repo: Repository,
    r: Rendering,
    open_items: Callable[[CaseFacts], str],
    *,
    include_closed: bool = False,
) -> Document:
    """Every client in one table, by code only (never a name, whatever was asked).

    `open_items` words a case's open items exactly as the caseload screen does.
    """
    cases = case_facts(repo, include_closed=include_closed)
    rows = [
        [
            f.client.code,
            r.label(f.client.phase),
            r.format_date(f.client.first_contact),
            r.format_date(f.last_contact),
            r.format_date(f.next_meeting) if f.client.phase is not Phase.CLOSED else "—",
            open_items(f),
        ]
        for f in cases
    ]
    headers = [
        r.t("caseload.col.code"),
        r.t("caseload.col.phase"),
        r.t("report.caseload.first_contact"),
        r.t("caseload.col.last_contact"),
        r.t("caseload.col.next_meeting"),
        r.t("caseload.col.open_items"),
    ]
    scope = r.t("report.caseload.with_closed" if include_closed else "report.caseload.open_only")
    front = join(
        facts(prepared(repo, r)),
        inline(r.t("report.caseload.count", count=len(cases)) + " " + scope),
        f"*{inline(r.t('report.caseload.confidential'))}*",
    )
    body = table(headers, rows) if rows else inline(r.t("report.caseload.empty"))
    sections = [Section("caseload", r.t("report.caseload.section"), body)]
    groups = _group_attendance(repo, r, include_closed)
    if groups.markdown:
        sections.append(
            Section("groups", r.t("report.caseload.groups"), groups.markdown, groups.figures)
        )
    return Document(
        kind="caseload_summary",
        title=r.t("report.caseload.title"),
        front=front,
        sections=sections,
        language=r.language,
        made_on=repo.today(),
        file_kind=r.t("export.file.caseload_summary"),
        running_head=r.t("document.running_head_caseload"),
    )


def _group_attendance(repo: Repository, r: Rendering, include_closed: bool) -> Drawn:
    """Each group's attendance per participant (by code), as bars and as a table: the
    sessions they took part in, of those held while they belonged to the group. Clients
    whose case is closed only when closed cases were asked for, as in the table above."""
    closed = {c.id for c in repo.clients(include_closed=True) if not c.phase.is_open}
    parts: list[str] = []
    figures: dict[str, str] = {}
    for group in sorted(repo.records(Group), key=lambda g: (g.name.upper(), g.id or 0)):
        summary = attendance_summary(repo, group)
        if not summary.sessions:
            continue
        counts = [
            (row.participant.label, row.attended, sum(c.member for c in row.cells))
            for row in summary.rows
            if include_closed or row.participant.member.client_id not in closed
        ]
        if not counts:
            continue
        key = f"attendance-{group.id}"
        figures[key] = pictures.attendance_svg(group.name, counts, r.t)
        parts += [
            f"### {inline(group.name)}",
            figure(key),
            table(
                [r.t("caseload.col.code"), r.t("report.caseload.took_part")],
                [
                    [code, r.t("picture.attendance.count", attended=attended, held=held)]
                    for code, attended, held in counts
                ],
            ),
        ]
    return Drawn(join(*parts), figures)
