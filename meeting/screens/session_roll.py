"""The roll call: who is present, late, gone or online at each sitting; a written answer each.

Each mark is saved as it is made and the quorum is counted again at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from textual.widgets import DataTable

from meeting.dates import format_time, parse_time, to_tokyo
from meeting.errors import InputError
from meeting.model import Member
from meeting.quorum import Presence
from meeting.screens.dialogs import AskDialog
from meeting.screens.session_view import SessionView
from meeting.widgets.safe import tell
from minutes.roll import (
    record_written_answer,
    roll_call,
    set_presence,
    withdraw_written_answer,
    written_answers,
)
from minutes.timing import written_answer_day


class RollCall(SessionView):
    """Marks on the roll (space, l, o, w) and the sitting shown ([ and ])."""

    def _presence(self, member: Member) -> Presence | None:
        if self.sitting is None:
            return None
        return roll_call(self.db, self.sitting.id).get(member.id)

    def _save(self, member: Member, presence: Presence) -> None:
        sitting = self.sitting
        if sitting is None:
            return
        try:
            set_presence(self.db, self.session.id, sitting.id, member.id, presence)
        except InputError as error:
            tell(self, error.message, title=error.field, severity="error", timeout=8)
            return
        self.refresh_roll()
        self.refresh_quorum()

    def action_toggle_presence(self) -> None:
        member = self.selected()
        if member is None:
            return
        if self.written:
            self._toggle_answer(member)
        else:
            p = self._presence(member)
            self._save(member, Presence(not (p and p.present), online=bool(p and p.online)))
        table = self.query_one("#roll", DataTable)
        if table.cursor_row < len(self.members) - 1:
            table.move_cursor(row=table.cursor_row + 1)  # the roll call goes down the list

    def _toggle_answer(self, member: Member) -> None:
        db = self.db
        if member.id in written_answers(db, self.session.id):
            withdraw_written_answer(db, self.session.id, member.id)
        else:
            day = written_answer_day(self.now().date(), self.session.written_until)
            try:
                record_written_answer(db, self.session.id, member.id, day)
            except InputError as error:
                tell(self, error.message, title=error.field, severity="error", timeout=8)
                return
        self.refresh_roll()
        self.refresh_quorum()

    def _ask_time(
        self,
        member: Member,
        title: str,
        prompt: str,
        apply: Callable[[Presence | None, datetime], Presence],
    ) -> None:
        sitting = self.sitting
        if sitting is None or self.written:
            return
        default = format_time(to_tokyo(self._moment()).time())
        day = to_tokyo(sitting.starts_at).date()

        def parse(text: str) -> datetime:
            return datetime.combine(
                day, parse_time(text, field=prompt), tzinfo=sitting.starts_at.tzinfo
            )

        def chosen(moment: datetime | None) -> None:
            if moment is not None:
                self._save(member, apply(self._presence(member), moment))

        self.app.push_screen(
            AskDialog(f"{member.name}さん — {title}", prompt, default, parse), chosen
        )

    def action_late(self) -> None:
        if member := self.selected():
            self._ask_time(
                member,
                "遅刻",
                "到着時刻",
                lambda p, t: replace(p or Presence(True), present=True, arrived_at=t),
            )

    def action_leave(self) -> None:
        if member := self.selected():
            self._ask_time(
                member,
                "退出（早退）",
                "退出時刻",
                lambda p, t: replace(p or Presence(True), present=True, left_at=t),
            )

    def action_online(self) -> None:
        member = self.selected()
        if member is None or self.written:
            return
        p = self._presence(member) or Presence(True)
        self._save(member, Presence(True, p.arrived_at, p.left_at, not p.online))

    def action_sitting(self, step: int) -> None:
        count = len(self.session.active_sittings)
        if count > 1:
            self.sitting_index = (self.sitting_index + step) % count
            self.refresh_all()
