"""A session under way: the roll call of each sitting, the quorum in sight, the chair's opening.

The screen also shows the others present; adding them and the 傍聴人 count are in
``others``, recusals in ``recusal``, how the record names members in ``speaker_names``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Label, Static

from agendas.rules import numbered
from agendas.store import agenda
from meeting.dates import format_date, format_time, format_time_range, parse_time, to_tokyo
from meeting.errors import InputError
from meeting.model import Member, Session, SessionForm, Sitting
from meeting.quorum import Presence, QuorumState, opening_statement
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog, HelpScreen
from meeting.screens.others import add_other_present, ask_audience, remove_other_present
from meeting.screens.recusal import ask_recusal
from meeting.screens.speaker_names import ask_letter, choose_speaker_names
from meeting.screens.transcript import ask_transcript
from meeting.sessions import session_name, sitting_label
from meeting.store import get_council
from meeting.widgets.footer import Footer
from meeting.widgets.panels import AgendaList, QuorumBox
from meeting.widgets.safe import cell, line, plain, tell
from minutes.line_order import opening_waits
from minutes.opening import enter_opening
from minutes.roll import (
    describe_others,
    members_for,
    others_present,
    presence_label,
    public_attendees,
    quorum_for,
    record_written_answer,
    roll_call,
    set_presence,
    withdraw_written_answer,
    written_answers,
)
from minutes.timing import moment_in, sitting_index_for, written_answer_day


class SessionScreen(AppScreen):
    """会議の進行: who is here, and whether the session stands, at every moment."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (150, "-wide")]
    """The roll call with its times needs about 70 columns: the quorum and the agenda sit
    beside it (-wide), the agenda goes under it (-medium), or both do (-narrow, 80×24)."""

    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="session.help"),
        Binding("escape", "back", "戻る", id="session.back"),
        Binding(
            "space",
            "toggle_presence",
            "出欠",
            id="session.toggle",
            tooltip="出席／欠席を切り替えます",
        ),
        Binding("l", "late", "遅刻", id="session.late", tooltip="到着時刻を入れます"),
        Binding("o", "leave", "退出", id="session.leave", tooltip="早退（退出時刻）を入れます"),
        Binding(
            "w", "online", "オンライン", id="session.online", tooltip="オンライン出席を切り替えます"
        ),
        Binding(
            "a",
            "add_other",
            "出席者追加",
            id="session.add-other",
            show=False,  # with 出席者削除: rare, in F1 and the palette; the footer is full
            tooltip="事務局・実施機関・オブザーバー",
        ),
        Binding(
            "d",
            "remove_other",
            "出席者削除",
            id="session.remove-other",
            show=False,
            tooltip="誤って加えた事務局・実施機関・オブザーバーを外します",
        ),
        Binding(
            "x",
            "recuse",
            "除斥",
            id="session.recuse",
            show=False,
            tooltip="利害関係のある委員を議題の定足数から外します",
        ),
        Binding("p", "public", "傍聴人", id="session.public", tooltip="傍聴人の人数を入れます"),
        Binding(
            "t",
            "opening",
            "開会の発言",
            id="session.opening",
            tooltip="会長の開会の発言を記録します",
        ),
        Binding("[", "sitting(-1)", "前の日", id="session.previous-sitting", show=False),
        Binding("]", "sitting(1)", "次の日", id="session.next-sitting", show=False),
        Binding("g", "agenda", "会議次第", id="session.agenda", tooltip="会議次第を編集します"),
        Binding("r", "live", "記録", id="session.live", tooltip="記録をとる画面へ"),
        Binding(
            "e",
            "documents",
            "文書",
            id="session.documents",
            show=False,
            tooltip="会議録・会議概要などの文書を書き出す画面へ",
        ),
        Binding(
            "n",
            "speaker_names",
            "発言者の表記",
            id="session.speaker-names",
            show=False,
            tooltip="この会議の会議録で発言者を氏名で書くか匿名にするか",
        ),
        Binding(
            "k",
            "letter",
            "記号",
            id="session.letter",
            show=False,
            tooltip="匿名の会議録での委員の記号（A委員…）を変えます",
        ),
        Binding(
            "i",
            "transcript",
            "文字起こし取込",
            id="session.transcript",
            show=False,
            tooltip="音声認識などの文字起こし（.txt .docx .vtt .srt .csv）を記録に取り込みます",
        ),
    ]

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

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="session-main"):
            with Vertical(id="roll-pane"):
                yield Label("", id="sitting-title", classes="pane-title")
                yield DataTable(id="roll", cursor_type="row", zebra_stripes=True)
            with Vertical(id="quorum-pane"):
                yield Label("定足数", id="quorum-title", classes="pane-title")
                yield QuorumBox(id="quorum")
                yield Static("", id="quorum-rule")
                yield Static("開会の発言（案）　t で会長の発言として記録", classes="pane-title")
                yield Static("", id="opening")
            with Vertical(id="agenda-side"):
                yield Label("会議次第（g で編集）", classes="pane-title")
                yield AgendaList(id="agenda-list")
        yield Static("", id="others")
        yield Footer()

    def on_mount(self) -> None:
        self.title = session_name(self.session)
        table = self.query_one("#roll", DataTable)
        if self.written:
            table.add_columns("役職", "氏名", "回答", "回答日")
        else:
            table.add_columns("役職", "氏名", "出欠", "到着", "退出", "形態")
        self.members = members_for(self.db, self.session)
        self.sitting_index = sitting_index_for(self.session.active_sittings, self.now().date())
        self.refresh_all()
        table.focus()
        self.set_interval(10, self.refresh_quorum)

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

    # Roll call

    def selected(self) -> Member | None:
        table = self.query_one("#roll", DataTable)
        if not self.members or table.cursor_row < 0:
            return None
        return self.members[min(table.cursor_row, len(self.members) - 1)]

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

    # Others in the room, recusals, and how the record names members

    def action_add_other(self) -> None:
        add_other_present(self, self.session, self.refresh_others)

    def action_remove_other(self) -> None:
        remove_other_present(self, self.session, self.refresh_others)

    def action_public(self) -> None:
        if sitting := self.sitting:
            ask_audience(self, sitting, self.refresh_others)

    def action_recuse(self) -> None:
        if member := self.selected():
            ask_recusal(self, self.session, member)

    def action_speaker_names(self) -> None:
        def changed(session: Session) -> None:
            self.session = session

        choose_speaker_names(self, self.session, changed)

    def action_letter(self) -> None:
        if member := self.selected():
            ask_letter(self, self.session, member)

    # The chair's opening

    def action_opening(self) -> None:
        if self.state is None:
            self.notify("定足数を計算できないため、開会の発言を作れません", severity="error")
            return
        try:
            chair = enter_opening(
                self.db,
                self.session.id,
                self.members,
                self.state,
                at=self.now(),
                sitting_id=self.sitting.id if self.sitting else None,
            )
        except InputError as error:
            self.notify(error.message, severity="error")
            return
        waits = "（事務局の開会の発言を入力すると、その後に入ります）"
        said = waits if opening_waits(self.db, self.session.id) else ""
        tell(self, f"{chair.name}会長の発言として記録しました{said}")

    # Elsewhere

    def action_agenda(self) -> None:
        self.meeting_app.open_agenda(self.session, then=self.refresh_agenda)

    def action_live(self) -> None:
        self.meeting_app.open_live(self.session, then=self.refresh_all)

    def action_documents(self) -> None:
        self.meeting_app.open_documents(self.session, then=self.refresh_all)

    def action_transcript(self) -> None:
        ask_transcript(self, self.session, self.sitting)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


def _sitting_title(sitting: Sitting) -> str:
    start = to_tokyo(sitting.starts_at)
    return (
        f"{sitting_label(sitting.ordinal)}  {format_date(start.date())}"
        f"{format_time_range(sitting.starts_at, sitting.ends_at)}  {sitting.place}"
    )


def _clock(moment: datetime | None) -> str:
    return format_time(to_tokyo(moment).time()) if moment else ""
