"""The session screen's state and what it shows: the roll call, the quorum, the others present.

Every part of the screen (``session_roll``, ``session_room``, ``session_opening``,
``session_ways``) stands on this class; ``session`` joins them with the keys and the layout.
"""

from __future__ import annotations

from datetime import datetime

from textual.widgets import DataTable, Label, Static

from agendas.rules import numbered
from agendas.store import agenda
from meeting.dates import format_date, format_time, format_time_range, to_tokyo
from meeting.errors import InputError
from meeting.model import Member, Session, SessionForm, Sitting
from meeting.quorum import QuorumState, opening_statement
from meeting.screens.base import AppScreen
from meeting.sessions import sitting_label
from meeting.store import get_council
from meeting.widgets.panels import AgendaList, QuorumBox
from meeting.widgets.safe import cell, line, plain
from minutes.roll import (
    describe_others,
    others_present,
    presence_label,
    public_attendees,
    quorum_for,
    roll_call,
    written_answers,
)
from minutes.timing import moment_in


class SessionView(AppScreen):
    """The session, its members and the sitting on screen, and the panes that show them."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.members: list[Member] = []
        self.sitting_index = 0
        self.state: QuorumState | None = None

    @property
    def written(self) -> bool:
        return self.session.form is SessionForm.WRITTEN_RESOLUTION

    @property
    def sitting(self) -> Sitting | None:
        sittings = self.session.active_sittings
        return sittings[self.sitting_index] if sittings else None

    # What is shown

    def refresh_all(self, select: int | None = None) -> None:
        self.refresh_roll(select)
        self.refresh_quorum()
        self.refresh_others()
        self.refresh_agenda()

    def refresh_agenda(self) -> None:
        self.query_one("#agenda-list", AgendaList).show_items(
            agenda(self.db, self.session.id),
            sitting_ordinals={s.id: s.ordinal for s in self.session.active_sittings},
            empty="議題がありません（g で会議次第を作ります）",
            numbering=get_council(self.db, self.session.council_id).agenda_numbering,
        )

    def refresh_roll(self, select: int | None = None) -> None:
        table = self.query_one("#roll", DataTable)
        row = table.cursor_row
        table.clear()
        if self.written:
            answers = written_answers(self.db, self.session.id)
            for m in self.members:
                answered = answers.get(m.id)
                table.add_row(
                    m.role.label,
                    cell(m.name),
                    "回答済" if answered else "未回答",
                    format_date(answered) if answered else "",
                    key=str(m.id),
                )
            title = "書面決議（回答を space で記録）"
        else:
            sitting = self.sitting
            roll = roll_call(self.db, sitting.id) if sitting else {}
            for m in self.members:
                p = roll.get(m.id)
                table.add_row(
                    m.role.label,
                    cell(m.name),
                    presence_label(p),
                    _clock(p.arrived_at if p else None),
                    _clock(p.left_at if p else None),
                    "オンライン" if p and p.online else "",
                    key=str(m.id),
                )
            title = _sitting_title(sitting) if sitting else "日程がありません"
        self.query_one("#sitting-title", Label).update(line(title))
        if self.members:
            table.move_cursor(
                row=min(select if select is not None else max(row, 0), len(self.members) - 1)
            )

    def refresh_quorum(self) -> None:
        widget = self.query_one("#quorum", QuorumBox)
        previous = self.state
        try:
            self.state = quorum_for(
                self.db,
                self.session.id,
                self._moment(),
                sitting_id=self.sitting.id if self.sitting else None,
            )
        except InputError as error:
            self.state = None
            widget.show_error(error)
            return
        state = self.state
        moment, now = self._moment(), self.now()
        if self.written:
            when = "書面の回答数（締切日まで）"
        elif moment == now:
            when = f"{format_time(to_tokyo(now).time())} 現在"
        else:
            when = (
                f"{format_date(to_tokyo(moment).date())}{format_time(to_tokyo(moment).time())}時点"
            )
        widget.show(state, when, counted="回答" if self.written else "出席")
        rule = state.rule
        self.query_one("#quorum-rule", Static).update(
            plain(
                f"根拠: {rule.article or '（条文が未設定）'}\n"
                f"基数: {rule.base.label} {state.base}名　要件: {rule.threshold.label}\n"
                f"会長を{'数える' if rule.chair_counts else '数えない'}・"
                f"オンラインを{'数える' if rule.online_counts else '数えない'}"
            )
        )
        self.query_one("#opening", Static).update(plain(opening_statement(state)))
        if previous is not None and previous.stands and not state.stands:
            self.notify(
                f"定足数を欠きました（出席{state.present}名／必要{state.needed}名）。"
                "この間の決定には理由が必要です",
                title="定足数",
                severity="error",
                timeout=10,
            )

    def refresh_others(self) -> None:
        db = self.db
        numbering = get_council(db, self.session.council_id).agenda_numbering
        shown = numbered(agenda(db, self.session.id), numbering)
        numbers = {n.item.id: n.number for n in shown}
        lines = describe_others(others_present(db, self.session.id), numbers)
        if self.sitting:
            lines.append(f"傍聴人: {public_attendees(db, self.sitting.id)}人")
        self.query_one("#others", Static).update(plain("\n".join(lines)))

    def _moment(self) -> datetime:
        """Now, held within the sitting on screen; on another day, the sitting's opening."""
        return moment_in(self.sitting, self.now())

    # The member under the cursor (the roll call and the room keys act on them)

    def selected(self) -> Member | None:
        table = self.query_one("#roll", DataTable)
        if not self.members or table.cursor_row < 0:
            return None
        return self.members[min(table.cursor_row, len(self.members) - 1)]


def _sitting_title(sitting: Sitting) -> str:
    start = to_tokyo(sitting.starts_at)
    return (
        f"{sitting_label(sitting.ordinal)}  {format_date(start.date())}"
        f"{format_time_range(sitting.starts_at, sitting.ends_at)}  {sitting.place}"
    )


def _clock(moment: datetime | None) -> str:
    return format_time(to_tokyo(moment).time()) if moment else ""
