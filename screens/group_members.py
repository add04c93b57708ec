"""Joining and leaving a group: two small forms on the group record.

A member is added by code, either a client of this worker (the code on the caseload)
or another participant known only by a code, with the date they joined; leaving is a
date too, so attendance on earlier sessions stays on the record.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from models.groups import (
    Participant,
    client_codes,
    new_member,
    participant,
    with_left,
    with_member,
)
from models.records import Group, GroupSession, Problem
from tui.i18n import t
from tui.widgets.form import DateField, TextField, read_form, show_problems

from .form import FormScreen


class _MembershipForm(FormScreen[Group]):
    """Checks the typed values against the group before the usual save."""

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group

    def check(self, values: dict[str, Any]) -> tuple[Group | None, list[Problem]]:
        """The changed group, or the problems (named after this form's fields)."""
        raise NotImplementedError

    def action_save(self) -> None:
        values, problems = read_form(self)
        if not problems:
            _, problems = self.check(values)
        if problems:
            show_problems(self, problems)
            self.notify(t("form.fix_problems"), severity="warning")
            return
        super().action_save()

    def build_record(self, values: dict[str, Any]) -> Group:
        changed, _ = self.check(values)
        assert changed is not None  # action_save only gets here when check passed
        return changed

    def persist(self, record: Group) -> Group:
        return self.repo.update(record)


class MemberFormScreen(_MembershipForm):
    HELP_KEY = "member.help"

    def __init__(self, group: Group, *, client: bool) -> None:
        super().__init__(group)
        self.client = client

    def title_text(self) -> str:
        key = "member.title_client" if self.client else "member.title_participant"
        return t(key, group=self.group.name)

    def compose_fields(self) -> ComposeResult:
        hint = "member.code.hint_client" if self.client else "member.code.hint_participant"
        yield TextField("code", "member.code", required=True, max_length=16, hint_key=hint)
        yield DateField(
            "joined",
            "member.joined",
            self.repo.today(),
            today=self.repo.today(),
            required=True,
            suggested=True,
        )

    def check(self, values: dict[str, Any]) -> tuple[Group | None, list[Problem]]:
        member, problems = new_member(
            self.repo, self.group, values["code"], values["joined"], client=self.client
        )
        if member is None:
            return None, problems
        return with_member(self.group, member), []

    def after_save(self, record: Group) -> None:
        added = participant(record.members[-1], client_codes(self.repo))
        self.notify(t("member.added", code=added.label, group=record.name), timeout=3)
        self.dismiss(record)


class LeftFormScreen(_MembershipForm):
    HELP_KEY = "member.left.help"

    def __init__(self, group: Group, person: Participant, sessions: list[GroupSession]) -> None:
        super().__init__(group)
        self.person = person
        self.sessions = sessions

    def title_text(self) -> str:
        return t("member.left.title", code=self.person.label, group=self.group.name)

    def compose_fields(self) -> ComposeResult:
        today = self.repo.today()
        yield DateField(
            "left",
            "member.left",
            self.person.member.left or today,
            today=today,
            hint_key="member.left.hint",
            suggested=self.person.member.left is None,
        )

    def check(self, values: dict[str, Any]) -> tuple[Group | None, list[Problem]]:
        changed, problems = with_left(self.group, self.person.key, values["left"], self.sessions)
        return (None, problems) if problems else (changed, [])

    def after_save(self, record: Group) -> None:
        member = record.member(self.person.key)
        if member is not None and member.left is not None:
            self.notify(t("member.left.saved", code=self.person.label), timeout=3)
        self.dismiss(record)
