"""The intervention plan, made with the client: goals, the actions towards them, who
does what by when. The needs and strengths found in the assessment stay in view while
the plan is written, so each goal can point at the need it answers.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from models.records import Action, Client, Goal, Plan, Responsible, Status
from tui.i18n import format_date, label, t
from tui.widgets.chrome import screen_bottom, screen_top
from tui.widgets.dialogs import ConfirmDialog, DatedConfirmDialog
from tui.widgets.form import AreaField, ChoiceField, DateField, OptionField, TextField
from tui.widgets.status import StatusLine

from .form import FormScreen
from .list_screen import Column, ListScreen

NO_NEED = ""


def status_mark(status: Status) -> str:
    return {Status.PLANNED: "○", Status.IN_PROGRESS: "◐", Status.DONE: "●", Status.DROPPED: "✗"}[
        status
    ]


class _PlanPartForm(FormScreen[Plan]):
    """A form for one part of the plan (its date, a goal, an action); saves the plan."""

    def __init__(self, client: Client, plan: Plan) -> None:
        super().__init__()
        self.client = client
        self.plan = plan

    def persist(self, record: Plan) -> Plan:
        return self.repo.add(record) if record.id is None else self.repo.update(record)


class PlanDateForm(_PlanPartForm):
    def title_text(self) -> str:
        return t("plan.date.title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        yield DateField(
            "agreed_on",
            "plan.agreed_on",
            self.plan.agreed_on,
            today=self.repo.today(),
            required=True,
            suggested=self.plan.id is None,
        )

    def build_record(self, values: dict[str, Any]) -> Plan:
        return replace(self.plan, agreed_on=values["agreed_on"])


class GoalForm(_PlanPartForm):
    HELP_KEY = "plan.goal.help"

    def __init__(self, client: Client, plan: Plan, index: int, needs: list[str]) -> None:
        super().__init__(client, plan)
        self.index = index
        self.needs = needs

    def title_text(self) -> str:
        return t("plan.goal.title", code=self.client.code)

    def compose_fields(self) -> ComposeResult:
        goal = self.plan.goals[self.index] if self.index < len(self.plan.goals) else Goal(title="")
        prefix = f"goals.{self.index}"
        needs = [(t("plan.need.none"), NO_NEED)] + [(need, need) for need in self.needs]
        if goal.need and goal.need not in self.needs:  # the assessment changed since
            needs.append((goal.need, goal.need))
        yield TextField(f"{prefix}.title", "plan.goal", goal.title, required=True)
        yield OptionField(f"{prefix}.need", "plan.need", needs, goal.need)
        yield DateField(
            f"{prefix}.target_date",
            "plan.target_date",
            goal.target_date,
            today=self.repo.today(),
            ahead=True,
        )
        yield TextField(
            f"{prefix}.measure", "plan.measure", goal.measure, hint_key="plan.measure.hint"
        )
        yield ChoiceField(f"{prefix}.status", "plan.status", list(Status), goal.status)
        yield TextField(f"{prefix}.reason", "plan.reason", goal.reason, hint_key="plan.reason.hint")
        yield AreaField(
            f"{prefix}.outcome", "plan.outcome", goal.outcome, hint_key="plan.outcome.hint"
        )

    def build_record(self, values: dict[str, Any]) -> Plan:
        prefix = f"goals.{self.index}"
        goals = list(self.plan.goals)
        old = goals[self.index] if self.index < len(goals) else Goal(title="")
        goal = replace(
            old,
            title=values[f"{prefix}.title"],
            need=values[f"{prefix}.need"],
            status=values[f"{prefix}.status"],
            reason=values[f"{prefix}.reason"],
            target_date=values[f"{prefix}.target_date"],
            measure=values[f"{prefix}.measure"],
            outcome=values[f"{prefix}.outcome"],
        )
        if self.index < len(goals):
            goals[self.index] = goal
        else:
            goals.append(goal)
        return replace(self.plan, goals=goals)


class ActionForm(_PlanPartForm):
    HELP_KEY = "plan.action.help"

    def __init__(self, client: Client, plan: Plan, goal: int, index: int) -> None:
        super().__init__(client, plan)
        self.goal = goal
        self.index = index

    def title_text(self) -> str:
        return t("plan.action.title", goal=self.plan.goals[self.goal].title)

    def compose_fields(self) -> ComposeResult:
        actions = self.plan.goals[self.goal].actions
        action = actions[self.index] if self.index < len(actions) else Action(what="")
        prefix = f"goals.{self.goal}.actions.{self.index}"
        today = self.repo.today()
        yield TextField(f"{prefix}.what", "plan.action", action.what, required=True)
        yield ChoiceField(
            f"{prefix}.responsible", "plan.responsible", list(Responsible), action.responsible
        )
        yield TextField(
            f"{prefix}.responsible_name",
            "plan.responsible_name",
            action.responsible_name,
            hint_key="plan.responsible_name.hint",
        )
        yield DateField(f"{prefix}.due", "plan.due", action.due, today=today, ahead=True)
        yield ChoiceField(f"{prefix}.status", "plan.status", list(Status), action.status)
        yield TextField(
            f"{prefix}.reason", "plan.reason", action.reason, hint_key="plan.reason.hint"
        )
        yield DateField(f"{prefix}.done_on", "plan.done_on", action.done_on, today=today)

    def build_record(self, values: dict[str, Any]) -> Plan:
        prefix = f"goals.{self.goal}.actions.{self.index}"
        goals = list(self.plan.goals)
        actions = list(goals[self.goal].actions)
        old = actions[self.index] if self.index < len(actions) else Action(what="")
        status = values[f"{prefix}.status"]
        done_on = values[f"{prefix}.done_on"]
        if status is Status.DONE and done_on is None:
            done_on = self.repo.today()
        action = replace(
            old,
            what=values[f"{prefix}.what"],
            responsible=values[f"{prefix}.responsible"],
            responsible_name=values[f"{prefix}.responsible_name"],
            due=values[f"{prefix}.due"],
            status=status,
            reason=values[f"{prefix}.reason"],
            done_on=done_on,
        )
        if self.index < len(actions):
            actions[self.index] = action
        else:
            actions.append(action)
        goals[self.goal] = replace(goals[self.goal], actions=actions)
        return replace(self.plan, goals=goals)


class PlanScreen(ListScreen[None]):
    HELP_KEY = "plan.help"
    DEFAULT_CSS = """
    PlanScreen #plan-context { height: auto; padding: 0 1; margin-bottom: 1; }
    PlanScreen #plan-table { height: 1fr; }
    """
    BINDINGS = [
        Binding("g", "add_goal", "key.add_goal", id="plan.add_goal"),
        Binding("a", "add_action", "key.add_action", id="plan.add_action"),
        Binding("enter", "edit", "key.edit", id="plan.edit", show=False),
        Binding("x", "done", "key.mark_done", id="plan.done"),
        Binding("d", "delete", "key.delete", id="plan.delete", show=False),
        Binding("c", "agreed_on", "key.plan_date", id="plan.date", show=False),
    ]

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.plan = Plan(client_id=client.id or 0)
        self.needs: list[str] = []
        self.rows: list[tuple[int, int | None]] = []  # (goal, action or None)

    def compose(self) -> ComposeResult:
        yield from screen_top(t("plan.title", code=self.client.code))
        yield Static("", id="plan-context", classes="sensitive")
        table: DataTable[Any] = DataTable(id="plan-table", cursor_type="row", classes="sensitive")
        yield table
        yield StatusLine(scroll=table)
        yield from screen_bottom()

    def columns(self) -> list[Column]:
        # Fixed widths keep the status in view at 80 columns; long titles are cut.
        return [
            (t("plan.col.what"), 35),
            (t("plan.col.who"), 10),
            (t("plan.col.due"), 12),
            (t("plan.col.status"), 14),
        ]

    def reload(self) -> None:
        client_id = self.client.id or 0
        self.plan = self.repo.plan_of(client_id) or Plan(
            client_id=client_id, agreed_on=self.repo.today()
        )
        assessments = self.repo.assessments_of(client_id)
        current = assessments[0] if assessments else None
        self.needs = current.needs_list() if current else []
        strengths = current.strengths_list() if current else []
        context = Text()
        context.append(t("plan.needs") + ": ", style="bold")
        context.append(
            " · ".join(self.needs) or t("plan.no_needs" if current else "plan.no_assessment")
        )
        context.append("\n" + t("plan.strengths") + ": ", style="bold")
        context.append(" · ".join(strengths) or "—")
        context.append(
            "\n"
            + (
                t("plan.agreed", date=format_date(self.plan.agreed_on))
                if self.plan.id
                else t("plan.not_yet")
            ),
            style="dim",
        )
        self.query_one("#plan-context", Static).update(context)
        self.fill()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        self.rows = []
        today = self.repo.today()
        for g, goal in enumerate(self.plan.goals):
            target = format_date(goal.target_date, "short") if goal.target_date else ""
            table.add_row(
                Text(f"{g + 1}. {goal.title}", style="bold"),
                "",
                target,
                f"{status_mark(goal.status)} {label(goal.status)}",
            )
            self.rows.append((g, None))
            if goal.need:  # its own line, so a long goal never hides the need it answers
                table.add_row(
                    Text(f"   ↳ {t('plan.for_need', need=goal.need)}", style="dim"), "", "", ""
                )
                self.rows.append((g, None))
            if goal.measure:  # what reaching it looks like (its target date is in "By")
                table.add_row(Text(f"   ◎ {goal.measure}", style="dim"), "", "", "")
                self.rows.append((g, None))
            for a, action in enumerate(goal.actions):
                who = (
                    action.responsible_name
                    if action.responsible is Responsible.OTHER and action.responsible_name
                    else label(action.responsible)
                )
                due = format_date(action.due, "short") if action.due else ""
                style = ""
                if action.status.is_open and action.due and action.due < today:
                    due, style = f"! {due}", "bold red"
                table.add_row(
                    f"   {g + 1}.{a + 1} {action.what}",
                    who,
                    Text(due, style=style),
                    f"{status_mark(action.status)} {label(action.status)}",
                )
                self.rows.append((g, a))
        if not self.rows:
            table.add_row(t("plan.empty"), "", "", "")
        table.move_cursor(row=min(cursor, max(0, table.row_count - 1)))

    def selected(self) -> tuple[int, int | None] | None:
        table = self.query_one(DataTable)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def _save(self, plan: Plan) -> None:
        def store() -> Plan:
            return self.repo.add(plan) if plan.id is None else self.repo.update(plan)

        self.run_save(store, lambda _: self.reload())

    # -- actions -------------------------------------------------------------------------

    def action_add_goal(self) -> None:
        self.app.push_screen(GoalForm(self.client, self.plan, len(self.plan.goals), self.needs))

    def action_add_action(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.notify(t("plan.goal_first"), severity="warning")
            return
        goal = chosen[0]
        self.app.push_screen(
            ActionForm(self.client, self.plan, goal, len(self.plan.goals[goal].actions))
        )

    def action_edit(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.action_add_goal()
            return
        goal, action = chosen
        self.app.push_screen(
            GoalForm(self.client, self.plan, goal, self.needs)
            if action is None
            else ActionForm(self.client, self.plan, goal, action)
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_done(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        goal, action = chosen
        goals = list(self.plan.goals)
        if action is None:
            goals[goal] = replace(goals[goal], status=Status.DONE)
            self._save(replace(self.plan, goals=goals))
            return
        actions = list(goals[goal].actions)

        def answered(day: date | None) -> None:
            # The day it was done: today unless the worker records it afterwards.
            if day is not None:
                actions[action] = replace(actions[action], status=Status.DONE, done_on=day)
                goals[goal] = replace(goals[goal], actions=actions)
                self._save(replace(self.plan, goals=goals))

        self.app.push_screen(
            DatedConfirmDialog(
                t("plan.done.title"),
                t("plan.done.text", what=actions[action].what),
                today=self.repo.today(),
                confirm_key="plan.done.confirm",
            ),
            answered,
        )

    def action_delete(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        goal, action = chosen
        goals = list(self.plan.goals)
        if action is None:
            name = goals[goal].title
            goals.pop(goal)
        else:
            actions = list(goals[goal].actions)
            name = actions.pop(action).what
            goals[goal] = replace(goals[goal], actions=actions)
        plan = replace(self.plan, goals=goals)

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(plan)

        self.app.push_screen(
            ConfirmDialog(t("map.delete.title"), t("map.delete.text", name=name), danger=True),
            answered,
        )

    def action_agreed_on(self) -> None:
        self.app.push_screen(PlanDateForm(self.client, self.plan))
