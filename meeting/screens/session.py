"""A session under way: the roll call of each sitting, the quorum in sight, the others present."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from agendas.rules import agenda_numbers, item_title
from agendas.store import agenda
from meeting.dates import format_date, format_time, format_time_range, parse_time, to_tokyo
from meeting.errors import InputError
from meeting.forms import parse_count, parse_item_numbers
from meeting.model import Member, Role, Session, SessionForm, Sitting, SpeakerNames
from meeting.quorum import Presence, QuorumState, indicator, opening_statement
from meeting.screens.dialogs import AskDialog, ChoiceDialog, HelpScreen
from meeting.screens.others import OtherForm
from meeting.sessions import session_name, sitting_label
from meeting.store import get_council, set_speaker_names, speaker_names_of
from minutes.model import SpeakerKind
from minutes.record import enter_line, letters, set_letter
from minutes.roll import (
    OtherAttendee,
    describe_others,
    members_for,
    others_present,
    presence_label,
    public_attendees,
    quorum_for,
    record_written_answer,
    recuse,
    roll_call,
    set_presence,
    set_public_attendees,
    withdraw_written_answer,
    written_answers,
)
from minutes.speakers import Speaker

if TYPE_CHECKING:
    from meeting.app import MeetingApp

FOLLOW_COUNCIL = "council"


class SessionScreen(Screen[None]):
    """会議の進行: who is here, and whether the session stands, at every moment."""

    BINDINGS = [
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
            tooltip="事務局・実施機関・オブザーバー",
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
        Binding("escape", "back", "戻る", id="session.back"),
        Binding("f1", "help", "ヘルプ", id="session.help"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.members: list[Member] = []
        self.sitting_index = 0
        self.state: QuorumState | None = None

    @property
    def meeting(self) -> MeetingApp:
        return self.app  # type: ignore[return-value]

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
            with Vertical(id="agenda-side"):
                yield Label("会議次第（g で編集）", classes="pane-title")
                yield Static("", id="agenda-list")
            with Vertical(id="quorum-pane"):
                yield Label("定足数", classes="pane-title")
                yield Static("", id="quorum", classes="quorum")
                yield Static("", id="quorum-rule")
                yield Label("開会の発言（案）　t で会長の発言として記録", classes="pane-title")
                yield Static("", id="opening")
        yield Static("", id="others")
        yield Footer()

    def on_mount(self) -> None:
        self.title = session_name(self.session)
        table = self.query_one("#roll", DataTable)
        if self.written:
            table.add_columns("役職", "氏名", "回答", "回答日")
        else:
            table.add_columns("役職", "氏名", "出欠", "到着", "退出", "形態")
        self.members = members_for(self.meeting.db, self.session)
        self.sitting_index = self._today_index()
        self.refresh_all()
        table.focus()
        self.set_interval(10, self.refresh_quorum)

    def _today_index(self) -> int:
        today = self.meeting.clock().date()
        for i, s in enumerate(self.session.active_sittings):
            if to_tokyo(s.starts_at).date() >= today:
                return i
        return max(0, len(self.session.active_sittings) - 1)

    # What is shown

    def refresh_all(self, select: int | None = None) -> None:
        self.refresh_roll(select)
        self.refresh_quorum()
        self.refresh_others()
        self.refresh_agenda()

    def refresh_agenda(self) -> None:
        items = agenda(self.meeting.db, self.session.id)
        ordinal = {s.id: s.ordinal for s in self.session.sittings}
        many = len(self.session.active_sittings) > 1
        lines = []
        for number, item in zip(agenda_numbers(items), items, strict=True):
            day = f"［{sitting_label(ordinal.get(item.sitting_id or 0, 1))}］" if many else ""
            lines.append(f"{number} {item_title(item)}{day}")
        self.query_one("#agenda-list", Static).update(
            "\n".join(lines) or "議題がありません（g で会議次第を作ります）"
        )

    def refresh_roll(self, select: int | None = None) -> None:
        table = self.query_one("#roll", DataTable)
        row = table.cursor_row
        table.clear()
        if self.written:
            answers = written_answers(self.meeting.db, self.session.id)
            for m in self.members:
                answered = answers.get(m.id)
                table.add_row(
                    m.role.label,
                    m.name,
                    "回答済" if answered else "未回答",
                    format_date(answered) if answered else "",
                    key=str(m.id),
                )
            title = "書面決議（回答を space で記録）"
        else:
            sitting = self.sitting
            roll = roll_call(self.meeting.db, sitting.id) if sitting else {}
            for m in self.members:
                p = roll.get(m.id)
                table.add_row(
                    m.role.label,
                    m.name,
                    presence_label(p),
                    _clock(p.arrived_at if p else None),
                    _clock(p.left_at if p else None),
                    "オンライン" if p and p.online else "",
                    key=str(m.id),
                )
            title = _sitting_title(sitting) if sitting else "日程がありません"
        self.query_one("#sitting-title", Label).update(title)
        if self.members:
            table.move_cursor(
                row=min(select if select is not None else max(row, 0), len(self.members) - 1)
            )

    def refresh_quorum(self) -> None:
        widget = self.query_one("#quorum", Static)
        previous = self.state
        try:
            self.state = quorum_for(
                self.meeting.db,
                self.session.id,
                self._moment(),
                sitting_id=self.sitting.id if self.sitting else None,
            )
        except InputError as error:
            self.state = None
            widget.update(f"{error.field}: {error.message}")
            widget.set_class(True, "-broken")
            return
        state = self.state
        moment, now = self._moment(), self.meeting.clock()
        if self.written:
            when = "書面の回答数（締切日まで）"
        elif moment == now:
            when = f"{format_time(to_tokyo(now).time())} 現在"
        else:
            when = (
                f"{format_date(to_tokyo(moment).date())}{format_time(to_tokyo(moment).time())}時点"
            )
        counted = "回答" if self.written else "出席"
        widget.update(f"{indicator(state, counted=counted)}\n{when}")
        widget.set_class(not state.stands, "-broken")
        widget.set_class(state.stands, "-ok")
        rule = state.rule
        self.query_one("#quorum-rule", Static).update(
            f"根拠: {rule.article or '（条文が未設定）'}\n"
            f"基数: {rule.base.label} {state.base}名　要件: {rule.threshold.label}\n"
            f"会長を{'数える' if rule.chair_counts else '数えない'}・"
            f"オンラインを{'数える' if rule.online_counts else '数えない'}"
        )
        self.query_one("#opening", Static).update(opening_statement(state))
        if previous is not None and previous.stands and not state.stands:
            self.notify(
                f"定足数を欠きました（出席{state.present}名／必要{state.needed}名）。"
                "この間の決定には理由が必要です",
                title="定足数",
                severity="error",
                timeout=10,
            )

    def refresh_others(self) -> None:
        db = self.meeting.db
        items = {item.id: item.position for item in agenda(db, self.session.id)}
        lines = describe_others(others_present(db, self.session.id), items)
        if self.sitting:
            lines.append(f"傍聴人: {public_attendees(db, self.sitting.id)}人")
        self.query_one("#others", Static).update("\n".join(lines) or "")

    def _moment(self) -> datetime:
        """Now, held within the sitting on screen; on another day, the sitting's opening."""
        now = self.meeting.clock()
        sitting = self.sitting
        if sitting is None:
            return now
        if to_tokyo(now).date() != to_tokyo(sitting.starts_at).date():
            return sitting.starts_at
        return min(max(now, sitting.starts_at), sitting.ends_at)

    # Roll call

    def selected(self) -> Member | None:
        table = self.query_one("#roll", DataTable)
        if not self.members or table.cursor_row < 0:
            return None
        return self.members[min(table.cursor_row, len(self.members) - 1)]

    def _presence(self, member: Member) -> Presence | None:
        if self.sitting is None:
            return None
        return roll_call(self.meeting.db, self.sitting.id).get(member.id)

    def _save(self, member: Member, presence: Presence) -> None:
        sitting = self.sitting
        if sitting is None:
            return
        try:
            set_presence(self.meeting.db, self.session.id, sitting.id, member.id, presence)
        except InputError as error:
            self.notify(error.message, title=error.field, severity="error", timeout=8)
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
        db = self.meeting.db
        if member.id in written_answers(db, self.session.id):
            withdraw_written_answer(db, self.session.id, member.id)
        else:
            until = self.session.written_until or date.max
            day = min(self.meeting.clock().date(), until)
            try:
                record_written_answer(db, self.session.id, member.id, day)
            except InputError as error:
                self.notify(error.message, title=error.field, severity="error", timeout=8)
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

    # Others in the room

    def action_add_other(self) -> None:
        def saved(other: OtherAttendee | None) -> None:
            if other is not None:
                self.refresh_others()
                self.notify(f"{other.kind.label}の出席者を追加しました")

        self.app.push_screen(OtherForm(self.session), saved)

    def action_public(self) -> None:
        sitting = self.sitting
        if sitting is None:
            return
        current = public_attendees(self.meeting.db, sitting.id)

        def chosen(count: int | None) -> None:
            if count is None:
                return
            try:
                set_public_attendees(self.meeting.db, sitting.id, count)
            except InputError as error:
                self.notify(error.message, title=error.field, severity="error")
                return
            self.refresh_others()

        self.app.push_screen(
            AskDialog(
                "傍聴人", "人数", str(current), lambda t: parse_count(t, field="傍聴人") or 0
            ),
            chosen,
        )

    def action_recuse(self) -> None:
        member = self.selected()
        if member is None:
            return
        db = self.meeting.db
        positions = {item.position: item.id for item in agenda(db, self.session.id)}

        def parse(text: str) -> int:
            numbers = parse_item_numbers(text)
            if len(numbers) != 1 or numbers[0] not in positions:
                raise InputError(
                    "議題", f"会議次第にある議題の番号を一つ入れてください（{sorted(positions)}）"
                )
            return positions[numbers[0]]

        def chosen(item_id: int | None) -> None:
            if item_id is not None:
                recuse(db, item_id, member.id, "利害関係")
                self.notify(f"{member.name}さんをこの議題の定足数から外しました")

        if not positions:
            self.notify("会議次第に議題がありません", severity="warning")
            return
        self.app.push_screen(
            AskDialog(f"{member.name}さん — 利害関係による除斥", "議題の番号", "", parse), chosen
        )

    # The chair's opening

    def action_opening(self) -> None:
        if self.state is None:
            self.notify("定足数を計算できないため、開会の発言を作れません", severity="error")
            return
        chair = next((m for m in self.members if m.role is Role.CHAIR), None)
        if chair is None:
            self.notify("名簿に会長がいません（委員名簿で役職を入れてください）", severity="error")
            return
        items = agenda(self.meeting.db, self.session.id)
        enter_line(
            self.meeting.db,
            self.session.id,
            opening_statement(self.state),
            at=self.meeting.clock(),
            agenda_item_id=items[0].id if items else None,
            speaker=Speaker(SpeakerKind.MEMBER, chair.id),
            sitting_id=self.sitting.id if self.sitting else None,
            from_line=False,
        )
        self.notify(f"{chair.name}会長の発言として記録しました")

    def action_sitting(self, step: int) -> None:
        count = len(self.session.active_sittings)
        if count > 1:
            self.sitting_index = (self.sitting_index + step) % count
            self.refresh_all()

    def action_agenda(self) -> None:
        from meeting.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen(self.session), lambda _: self.refresh_agenda())

    def action_speaker_names(self) -> None:
        council = get_council(self.meeting.db, self.session.council_id)
        choices: list[tuple[str, object]] = [
            (f"審議会の設定どおり（{council.speaker_names.label}）", FOLLOW_COUNCIL),
            *[(names.label, names) for names in SpeakerNames],
        ]

        def chosen(value: object) -> None:
            if value is None:
                return
            names = value if isinstance(value, SpeakerNames) else None
            self.session = set_speaker_names(self.meeting.db, self.session.id, names)
            shown = speaker_names_of(self.meeting.db, self.session).label
            self.notify(f"この会議の会議録の発言者: {shown}")

        self.app.push_screen(ChoiceDialog("会議録の発言者の表記", choices), chosen)

    def action_letter(self) -> None:
        member = self.selected()
        if member is None:
            return
        current = letters(self.meeting.db, self.session.id).get(member.id, "")

        def chosen(letter: str | None) -> None:
            if letter is None:
                return
            try:
                set_letter(self.meeting.db, self.session.id, member.id, letter)
            except InputError as error:
                self.notify(error.message, title=error.field, severity="error")
                return
            self.notify(f"{member.name}さんは{letter.upper()}委員です")

        self.app.push_screen(
            AskDialog(f"{member.name}さんの記号", "記号（A, B…）", current, lambda t: t.strip()),
            chosen,
        )

    def action_live(self) -> None:
        from meeting.screens.live import LiveScreen

        self.app.push_screen(LiveScreen(self.session), lambda _: self.refresh_all())

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
