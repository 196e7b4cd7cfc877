"""Changing lines already entered: correct, re-tag, split, merge, move, promote to an opinion.

Every change is kept in the line's history (who, when, before and after).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Label, Static

from agendas.model import AgendaItem
from agendas.rules import item_title
from agendas.store import agenda
from meeting.errors import InputError
from meeting.forms import parse_item_numbers
from meeting.model import Member, Session
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog, ChoiceDialog, HelpScreen
from meeting.screens.speakers import SpeakerPicker, speaker_choices
from minutes.approval import approval, check_reason, record_erratum
from minutes.model import SpeakerKind, Utterance, UtteranceKind
from minutes.opinions import OpinionKind, promote_to_opinion
from minutes.record import (
    correct_line,
    history,
    merge_lines,
    move_line,
    retag_line,
    split_line,
)
from minutes.speakers import Speaker, speaker_tag
from minutes.store import decisions, utterances

if TYPE_CHECKING:
    pass

SPLIT_MARK = "||"


class LinesScreen(AppScreen):
    BINDINGS = [
        Binding("e", "correct", "直す", id="lines.correct"),
        Binding("t", "retag", "発言者を変える", id="lines.retag"),
        Binding("s", "split", "分ける", id="lines.split"),
        Binding("m", "merge", "次の行とまとめる", id="lines.merge"),
        Binding("v", "move", "議題を移す", id="lines.move"),
        Binding(
            "p", "promote", "意見にする", id="lines.promote", tooltip="決定の付帯意見などにします"
        ),
        Binding("escape", "back", "戻る", id="lines.back"),
        Binding("f1", "help", "ヘルプ", id="lines.help"),
    ]

    def __init__(self, session: Session, item: AgendaItem | None, members: list[Member]) -> None:
        super().__init__()
        self.session = session
        self.item = item
        self.members = members
        self.lines: list[Utterance] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="lines-pane"):
            yield Label(
                f"記録を直す — {item_title(self.item) if self.item else '議題なし'}",
                classes="title",
            )
            yield DataTable(id="lines", cursor_type="row", zebra_stripes=True)
            yield Static("", id="line-history")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#lines", DataTable).add_columns("時刻", "発言者", "発言")
        self.refresh_lines()
        self.query_one("#lines", DataTable).focus()

    def refresh_lines(self, select: int | None = None) -> None:
        table = self.query_one("#lines", DataTable)
        row = table.cursor_row
        item_id = self.item.id if self.item else None
        self.lines = [
            u for u in utterances(self.meeting.db, self.session.id) if u.agenda_item_id == item_id
        ]
        table.clear()
        for line in self.lines:
            table.add_row(
                line.spoken_at.strftime("%H:%M"), self._tag(line), line.text, key=str(line.id)
            )
        ids = [u.id for u in self.lines]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        elif self.lines:
            table.move_cursor(row=min(max(row, 0), len(self.lines) - 1))
        self.show_history()

    def _tag(self, line: Utterance) -> str:
        if line.kind is UtteranceKind.NARRATION:
            return "（ト書き）"
        speaker = Speaker(
            line.speaker_kind or SpeakerKind.OTHER, line.member_id, line.speaker_label
        )
        member = next((m for m in self.members if m.id == line.member_id), None)
        return speaker_tag(speaker, member, anonymised=False)

    def selected(self) -> Utterance | None:
        if not self.lines:
            return None
        row = self.query_one("#lines", DataTable).cursor_row
        return self.lines[min(max(row, 0), len(self.lines) - 1)]

    def show_history(self) -> None:
        line = self.selected()
        text = ""
        if line is not None:
            changes = history(self.meeting.db, line.id)
            text = "\n".join(
                f"{c.changed_at.strftime('%H:%M')} {c.actor} {c.action}: "
                f"{(c.before or {}).get('text', '')} → {(c.after or {}).get('text', '')}"
                for c in changes
            )
        self.query_one("#line-history", Static).update(text or "変更の履歴はありません")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_history()

    def _run(self, work: Callable[[], object], select: int | None = None, done: str = "") -> None:
        try:
            work()
        except InputError as error:
            self.notify(error.message, title=error.field, severity="error", timeout=8)
            return
        self.refresh_lines(select)
        if done:
            self.notify(done)

    def action_correct(self) -> None:
        line = self.selected()
        if line is None:
            return

        state = approval(self.meeting.db, self.session.id)
        if state.confirmed:
            self._erratum(line, state.stamp)
            return

        def corrected(text: str | None) -> None:
            if text is not None:
                now = self.meeting.clock()
                self._run(lambda: correct_line(self.meeting.db, line.id, text, at=now), line.id)

        self.app.push_screen(
            AskDialog("行を直す", "正しい文", line.text, lambda t: t, select=False), corrected
        )

    def _erratum(self, line: Utterance, stamp: str) -> None:
        """A confirmed record is corrected by an erratum: the new text, then the reason."""

        def corrected(text: str | None) -> None:
            if text is None:
                return

            def reasoned(reason: str | None) -> None:
                if reason is None:
                    return
                now = self.meeting.clock()
                self._run(
                    lambda: record_erratum(self.meeting.db, line.id, text, reason=reason, at=now),
                    line.id,
                    "正誤を記録しました（版が上がりました）",
                )

            self.app.push_screen(
                AskDialog("正誤の理由", "訂正の理由（例: 発言者の申し出による）", "", check_reason),
                reasoned,
            )

        self.app.push_screen(
            AskDialog(f"正誤 — 会議録は{stamp}", "正しい文", line.text, lambda t: t, select=False),
            corrected,
        )

    def action_retag(self) -> None:
        line = self.selected()
        if line is None:
            return

        def chosen(choice: object) -> None:
            speaker = getattr(choice, "speaker", None)
            if isinstance(speaker, Speaker):
                self._run(
                    lambda: retag_line(self.meeting.db, line.id, speaker, at=self.meeting.clock()),
                    line.id,
                )

        self.app.push_screen(SpeakerPicker(speaker_choices(self.members, [])), chosen)

    def action_split(self) -> None:
        line = self.selected()
        if line is None:
            return

        def parse(text: str) -> int:
            if text.count(SPLIT_MARK) != 1 or text.replace(SPLIT_MARK, "") != line.text:
                raise InputError(
                    "分割", f"分ける位置に {SPLIT_MARK} を一つだけ入れてください（文は変えずに）"
                )
            return text.index(SPLIT_MARK)

        def split(index: int | None) -> None:
            if index is not None:
                now = self.meeting.clock()
                self._run(lambda: split_line(self.meeting.db, line.id, index, at=now), line.id)

        prompt = f"分ける位置に {SPLIT_MARK} を入れて Enter"
        self.app.push_screen(AskDialog("行を分ける", prompt, line.text, parse, select=False), split)

    def action_merge(self) -> None:
        line = self.selected()
        if line is None:
            return
        following = [u for u in self.lines if u.position == line.position + 1]
        if not following:
            self.notify("次の行がありません", severity="warning")
            return
        self._run(
            lambda: merge_lines(self.meeting.db, line.id, following[0].id, at=self.meeting.clock()),
            line.id,
        )

    def action_move(self) -> None:
        line = self.selected()
        if line is None:
            return
        items = {i.position: i for i in agenda(self.meeting.db, self.session.id)}

        def parse(text: str) -> int:
            numbers = parse_item_numbers(text, field="議題")
            if len(numbers) != 1 or numbers[0] not in items:
                raise InputError("議題", f"会議次第の順番を一つ入れてください（{sorted(items)}）")
            return items[numbers[0]].id

        def moved(item_id: int | None) -> None:
            if item_id is not None:
                now = self.meeting.clock()
                self._run(
                    lambda: move_line(self.meeting.db, line.id, item_id, at=now), done="移しました"
                )

        self.app.push_screen(AskDialog("ほかの議題へ移す", "移す先の議題の順番", "", parse), moved)

    def action_promote(self) -> None:
        line = self.selected()
        item = self.item
        if line is None or item is None:
            return
        found = [
            d for d in decisions(self.meeting.db, self.session.id) if d.agenda_item_id == item.id
        ]
        if not found:
            self.notify(
                "この議題にはまだ決定がありません（ctrl+o で記録します）", severity="warning"
            )
            return
        decision = found[-1]

        def chosen(kind: object) -> None:
            if isinstance(kind, OpinionKind):
                self._run(
                    lambda: promote_to_opinion(self.meeting.db, line.id, decision.id, kind),
                    line.id,
                    f"{kind.value}として決定に付けました",
                )

        self.app.push_screen(
            ChoiceDialog("意見の種類", [(k.value, k) for k in OpinionKind]), chosen
        )

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
