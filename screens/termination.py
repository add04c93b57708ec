"""Termination: the contract is formally ended. Worker and client look back at what
changed, from the evidence: the first and latest questionnaire scores side by side, and
each goal of the plan with its outcome. Saving closes the case (it can be reopened,
deliberately, with a reason).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from documents.report import goal_aim
from models.progress import ScoreChange, goals_of, score_changes
from models.records import Client, Goal, Plan, Termination, TerminationReason
from tui.i18n import format_date, label, t
from tui.widgets.form import AreaField, ChoiceField, DateField, TextField
from tui.widgets.questionnaire import localized

from .form import FormScreen
from .plan import status_mark


def change_line(change: ScoreChange) -> Text:
    """PHQ-9   11 moderate (16 Mar 2026) → 4 minimal (14 Nov 2026)   −7 better"""
    text = Text()
    text.append(f"{localized(change.instrument.name):<7}", style="bold")
    text.append(
        f"{change.baseline.total} {localized(change.band_before.text)} "
        f"({format_date(change.baseline.date)})"
    )
    if change.latest is None or change.band_after is None or change.change is None:
        text.append("  " + t("termination.no_follow_up_score"), style="yellow")
        return text
    text.append(" → ")
    text.append(
        f"{change.latest.total} {localized(change.band_after.text)} "
        f"({format_date(change.latest.date)})"
    )
    style = {"better": "green", "worse": "red", "same": ""}[change.direction]
    text.append(
        f"   {change.change:+d} {t(f'termination.{change.direction}')}", style="bold " + style
    )
    return text


def evidence(changes: list[ScoreChange], goals: list[Goal]) -> Text:
    text = Text(t("termination.evidence"), style="bold")
    for change in changes:
        text.append("\n")
        text.append_text(change_line(change))
    if not changes:
        text.append("\n" + t("termination.no_scores"), style="dim")
    for number, goal in enumerate(goals, 1):
        text.append(f"\n{number}. {status_mark(goal.status)} {goal.title} ({label(goal.status)})")
        aim = goal_aim(goal, t, format_date)  # under it, so the outcome is written against it
        if aim:
            text.append("\n   " + " · ".join(aim), style="dim")
    return text


class TerminationScreen(FormScreen[Termination]):
    HELP_KEY = "termination.help"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.existing: Termination | None = None
        self.goals: list[Goal] = []
        self.plan: Plan | None = None
        self._outcomes: list[str] = []

    def title_text(self) -> str:
        return t("termination.title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        client_id = self.client.id or 0
        self.existing = self.repo.termination_of(client_id)
        self.plan = self.repo.plan_of(client_id)
        self.goals = goals_of(self.repo, client_id)
        done = self.existing or Termination(client_id=client_id, date=self.repo.today())
        yield Static(
            evidence(score_changes(self.repo, client_id), self.goals), classes="form-intro"
        )
        yield DateField(
            "date",
            "termination.date",
            done.date,
            today=self.repo.today(),
            required=True,
            suggested=self.existing is None,
        )
        yield ChoiceField("reason", "termination.reason", list(TerminationReason), done.reason)
        yield TextField(
            "reason_detail",
            "termination.reason_detail",
            done.reason_detail,
            hint_key="termination.reason_detail.hint",
        )
        yield AreaField("changes", "termination.changes", done.changes, required=True)
        for index, goal in enumerate(self.goals):
            yield AreaField(
                f"goal.{index}.outcome",
                "termination.goal_outcome",
                goal.outcome,
                label_text=t("termination.goal_outcome", number=index + 1, goal=goal.title[:12]),
            )
        yield AreaField("goals_outcome", "termination.goals_outcome", done.goals_outcome)
        yield AreaField("follow_up", "termination.follow_up", done.follow_up)
        yield AreaField(
            "handed_over",
            "termination.handed_over",
            done.handed_over,
            hint_key="termination.handed_over.hint",
        )
        yield AreaField(
            "joint_reflection", "termination.joint_reflection", done.joint_reflection, tall=True
        )

    def build_record(self, values: dict[str, Any]) -> Termination:
        base = self.existing or Termination(client_id=self.client.id or 0)
        self._outcomes = [values[f"goal.{i}.outcome"] for i in range(len(self.goals))]
        return replace(
            base,
            date=values["date"],
            reason=values["reason"],
            reason_detail=values["reason_detail"],
            changes=values["changes"],
            goals_outcome=values["goals_outcome"],
            follow_up=values["follow_up"],
            handed_over=values["handed_over"],
            joint_reflection=values["joint_reflection"],
        )

    def confirmation(self, record: Termination) -> tuple[str, str] | None:
        if self.client.phase.is_open:
            return t("termination.confirm.title"), t(
                "termination.confirm.text", code=self.client.code
            )
        return None

    def persist(self, record: Termination) -> Termination:
        with self.repo.transaction():  # outcomes and the closing: one save
            if self.plan is not None and self.goals:
                goals = [
                    replace(goal, outcome=outcome)
                    for goal, outcome in zip(self.plan.goals, self._outcomes, strict=True)
                ]
                self.repo.update(replace(self.plan, goals=goals))
            return self.repo.terminate(record)

    def after_save(self, record: Termination) -> None:
        self.notify(t("termination.saved", code=self.client.code), timeout=5)
        self.dismiss(record)
