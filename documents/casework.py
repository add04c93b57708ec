"""One contract, assessment or session note as Markdown: what the screens preview and
what every document prints, so both read the same."""

from __future__ import annotations

from models.records import Assessment, Contract, SessionNote, Treatment

from .document import Rendering

ASSESSMENT_SECTIONS = ("bio", "psycho", "social", "spiritual")
ASSESSMENT_FINDINGS = ("problem_statement", "causes", "strengths", "needs")


def schedule_text(contract: Contract, r: Rendering) -> str:
    if contract.meeting_weekday is None:
        return r.t("contract.schedule.none")
    text = r.t(
        "contract.schedule.weekly" if contract.interval_weeks == 1 else "contract.schedule.every",
        day=r.t(f"weekday.{contract.meeting_weekday}"),
        weeks=contract.interval_weeks,
    )
    if contract.meeting_time:
        text += " " + r.t("contract.schedule.at", time=contract.meeting_time)
    return text


def contract_markdown(contract: Contract, r: Rendering) -> str:
    """One version of the contract."""
    t = r.t
    lines = [
        f"**{t('contract.agreed_on')}:** {r.format_date(contract.agreed_on)} (v{contract.version})",
        f"**{t('contract.schedule')}:** {schedule_text(contract, r)}",
    ]
    if contract.place:
        lines.append(f"**{t('contract.place')}:** {contract.place}")
    communication = r.label(contract.communication)
    if contract.communication_notes:
        communication += f" ({contract.communication_notes})"
    lines.append(f"**{t('contract.communication')}:** {communication}")
    lines += [
        f"**{t('contract.client_expectations')}**",
        contract.client_expectations,
        f"**{t('contract.worker_expectations')}**",
        contract.worker_expectations,
    ]
    if contract.renegotiation_reason:
        lines += [f"**{t('contract.reason')}**", contract.renegotiation_reason]
    return "\n\n".join(lines)


def assessment_markdown(assessment: Assessment, r: Rendering) -> str:
    """An assessment, under a level-3 heading with its date."""
    t = r.t
    parts = [f"### {t('assessment.heading', date=r.format_date(assessment.date, 'long'))}"]
    bio = assessment.bio
    facts = [
        (t("assessment.bio.diagnosed_year"), str(bio.diagnosed_year or "")),
        (
            t("assessment.bio.treatment"),
            r.label(bio.treatment) if bio.treatment is not Treatment.UNKNOWN else "",
        ),
        (t("assessment.bio.health_service"), bio.health_service),
        (t("assessment.bio.other_conditions"), bio.other_conditions),
    ]
    for section in ASSESSMENT_SECTIONS:
        data = getattr(assessment, section)
        lines = [f"**{t(f'assessment.section.{section}')}**"]
        if section == "bio":
            lines += [f"- {name}: {value}" for name, value in facts if value]
        else:
            lines += [
                f"- {t(f'assessment.{section}.{name}')}: {value}"
                for name, value in vars(data).items()
                if name != "text" and value
            ]
        if data.text:
            lines.append(data.text)
        if len(lines) > 1:
            parts.append("\n\n".join(lines))
    lists = {"strengths": assessment.strengths_list(), "needs": assessment.needs_list()}
    for name in ASSESSMENT_FINDINGS:
        value = getattr(assessment, name)
        if lists.get(name):  # one per line: a list, not run-on text
            value = "\n".join(f"- {item}" for item in lists[name])
        if value:
            parts.append(f"**{t(f'assessment.{name}')}**\n\n{value}")
    return "\n\n".join(parts)


def signature_text(note: SessionNote, r: Rendering) -> str:
    """Who signed, and when; for a note that came with a case bundle, said to be unverified."""
    key = "notes.signed_by_imported" if note.signature_imported else "notes.signed_by"
    return r.t(key, name=note.signed_by or "—", when=r.format_datetime(note.signed_at))


def note_markdown(note: SessionNote, r: Rendering, *, with_addenda: bool = True) -> str:
    """The note, with its signature and addenda."""
    parts = [note.body or ""]
    if note.is_signed:
        parts.append(f"*{signature_text(note, r)}*")
    if with_addenda:
        for addendum in note.addenda:
            parts.append(
                f"**{r.t('notes.addendum', when=r.format_datetime(addendum.at))}** — "
                f"{addendum.reason}\n\n{addendum.text}"
            )
    return "\n\n".join(parts)
