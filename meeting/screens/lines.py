"""Changing lines already entered: correct, re-tag, split, merge, move (to another item, or up
and down among the item's lines), delete and put back, promote to an opinion, close (非公開) a
line or a range of lines.

Every change is kept in the line's history (who, when, before and after). Nothing closed becomes
public by being merged, moved or promoted unless the clerk says so.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Label, Static

from agendas.model import AgendaItem
from agendas.rules import CLOSED_MARK, item_numbered, item_title, numbered
from agendas.store import agenda, get_item
from meeting.errors import InputError
from meeting.model import Member, Session
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import (
    AskDialog,
    ChoiceDialog,
    ConfirmDialog,
    HelpScreen,
    SpeakerPicker,
)
from meeting.screens.recording_form import RecordingForm
from meeting.screens.text_dialog import EditTextDialog
from meeting.sessions import session_name
from meeting.store import get_council
from meeting.widgets.footer import Footer
from meeting.widgets.safe import cell, plain
from meeting.widgets.safe import line as line_content
from meeting.widgets.speaker_keys import speaker_choices
from minutes.approval import approval, check_reason, record_erratum
from minutes.editing import SPLIT_MARK, line_range, merge_closes, split_position
from minutes.labels import change_text, named_tag
from minutes.line_order import (
    delete_line,
    deleted_lines,
    merge_lines,
    move_line,
    next_in_item,
    restore_line,
    shift_line,
)
from minutes.model import Utterance
from minutes.opinions import OpinionKind, promote_to_opinion
from minutes.recording import Attached, NoRecording, play_line, sitting_of
from minutes.search import Hit
from minutes.speakers import Speaker
from minutes.store import (
    closed_lines,
    decisions,
    line_in_closed_part,
    lines_in_closed_parts,
    utterances,
)
from minutes.utterances import (
    check_text,
    correct_line,
    history,
    retag_line,
    set_continues,
    set_lines_public,
    split_line,
)


class LinesScreen(AppScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="lines.help"),
        Binding("escape", "back", "戻る", id="lines.back"),
        Binding("e", "correct", "直す", id="lines.correct"),
        Binding("t", "retag", "発言者を変える", id="lines.retag"),
        Binding("s", "split", "分ける", id="lines.split"),
        Binding("m", "merge", "次の行とまとめる", id="lines.merge"),
        Binding(
            "c",
            "toggle_continues",
            "段落の続き",
            id="lines.continues",
            tooltip="前の行と同じ発言者の発言の続き（新しい段落）にし、またはそれを外します",
        ),
        Binding("v", "move", "議題を移す", id="lines.move"),
        Binding(
            "shift+up",
            "shift(-1)",
            "上へ",
            key_display="⇧↑",
            id="lines.up",
            tooltip="議題の中で一つ上へ",
        ),
        Binding(
            "shift+down",
            "shift(1)",
            "下へ",
            key_display="⇧↓",
            id="lines.down",
            tooltip="議題の中で一つ下へ",
        ),
        Binding("d", "delete", "行を消す", id="lines.delete", tooltip="確かめてから消します"),
        Binding(
            "u",
            "restore",
            "消した行を戻す",
            id="lines.restore",
            tooltip="この議題で消した行を選んで、元の場所に戻します",
        ),
        Binding(
            "p", "promote", "意見にする", id="lines.promote", tooltip="決定の付帯意見などにします"
        ),
        Binding(
            "h",
            "toggle_public",
            "非公開/公開",
            id="lines.public",
            tooltip="行を非公開にし、または公開に戻します（b で始めを決めると、その行からの範囲）",
        ),
        Binding(
            "b",
            "range_start",
            "範囲の始め",
            id="lines.range-start",
            tooltip="非公開にする範囲の最初の行にします（もう一度で取消）",
        ),
        Binding(
            "r",
            "play_recording",
            "録音を再生",
            id="lines.play-recording",
            tooltip="選んだ行の5秒前から再生します（mpv、ffplay、VLC）",
        ),
        Binding(
            "R",
            "set_recording",
            "録音を設定",
            id="lines.set-recording",
            key_display="shift+r",
            tooltip="録音ファイルと録音開始の時刻（置き換えます）",
        ),
        Binding(
            "slash",
            "search",
            "検索",
            id="lines.search",
            key_display="/",
            tooltip="この会議の中を検索します",
        ),
    ]

    def __init__(
        self,
        session: Session,
        item: AgendaItem | None,
        members: list[Member],
        *,
        at_line: int | None = None,
    ) -> None:
        super().__init__()
        self.at_line = at_line
        """The line the cursor starts on (a search's hit)."""
        self.session = session
        self.item = item
        self.members = members
        self.lines: list[Utterance] = []
        self.closed: set[int] = set()
        """Lines a public document leaves out (their own mark, the item's or the session's)."""
        self.range_start: int | None = None
        """The first line of a range to close or open, marked with b."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="lines-pane"):
            yield Label(line_content(self._title()), classes="title", id="lines-title")
            yield DataTable(id="lines", cursor_type="row", zebra_stripes=True)
            yield Static("", id="line-history")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#lines", DataTable).add_columns("時刻", "発言者", "発言")
        self.title = session_name(self.session)
        self.refresh_lines(self.at_line)
        self.query_one("#lines", DataTable).focus()

    def _title(self) -> str:
        name = item_title(self.item) if self.item else "議題なし"
        mark = ""
        if self.item is not None and not self.item.public:
            mark = CLOSED_MARK + (
                f"（{self.item.closed_reason}）" if self.item.closed_reason else ""
            )
        elif not self.session.public:
            mark = f"{CLOSED_MARK}（非公開の会議）"
        return f"記録を直す — {name}{mark}"

    def refresh_lines(self, select: int | None = None) -> None:
        table = self.query_one("#lines", DataTable)
        # Opened, on the newest line: the clerk comes here to fix what was just typed.
        row = table.cursor_row if table.row_count else -1
        item_id = self.item.id if self.item else None
        db = self.db
        if self.item is not None:
            self.item = get_item(db, self.item.id)  # closed or opened elsewhere meanwhile
            self.query_one("#lines-title", Label).update(line_content(self._title()))
        self.lines = [u for u in utterances(db, self.session.id) if u.agenda_item_id == item_id]
        self.closed = lines_in_closed_parts(db, self.session.id)
        if self.range_start not in {u.id for u in self.lines}:
            self.range_start = None
        table.clear()
        for line in self.lines:
            start = "▶" if line.id == self.range_start else ""
            table.add_row(
                start + line.spoken_at.strftime("%H:%M"),
                cell(named_tag(line, self.members)),
                cell((CLOSED_MARK if line.id in self.closed else "") + line.text),
                key=str(line.id),
            )
        ids = [u.id for u in self.lines]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        elif self.lines:
            last = len(self.lines) - 1
            table.move_cursor(row=last if row < 0 else min(row, last))
        self.show_history()

    def selected(self) -> Utterance | None:
        if not self.lines:
            return None
        row = self.query_one("#lines", DataTable).cursor_row
        return self.lines[min(max(row, 0), len(self.lines) - 1)]

    def show_history(self) -> None:
        line = self.selected()
        text = ""
        if line is not None:
            changes = history(self.db, line.id)
            text = "\n".join(
                f"{c.changed_at.strftime('%H:%M')} {c.actor} {change_text(c)}" for c in changes
            )
        self.query_one("#line-history", Static).update(plain(text or "変更の履歴はありません"))

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

        state = approval(self.db, self.session.id)
        if state.confirmed:
            self._erratum(line, state.stamp)
            return

        def corrected(text: str | None) -> None:
            if text is not None:
                now = self.now()
                self._run(lambda: correct_line(self.db, line.id, text, at=now), line.id)

        self.app.push_screen(EditTextDialog("行を直す", line.text, check_text), corrected)

    def _erratum(self, line: Utterance, stamp: str) -> None:
        """A confirmed record is corrected by an erratum: the new text, then the reason."""

        def corrected(text: str | None) -> None:
            if text is None:
                return

            def reasoned(reason: str | None) -> None:
                if reason is None:
                    return
                now = self.now()
                self._run(
                    lambda: record_erratum(self.db, line.id, text, reason=reason, at=now),
                    line.id,
                    "正誤を記録しました（版が上がりました）",
                )

            self.app.push_screen(
                AskDialog("正誤の理由", "訂正の理由（例: 発言者の申し出による）", "", check_reason),
                reasoned,
            )

        self.app.push_screen(
            EditTextDialog(f"正誤 — 会議録は{stamp}", line.text, check_text), corrected
        )

    def action_retag(self) -> None:
        line = self.selected()
        if line is None:
            return

        def chosen(choice: object) -> None:
            speaker = getattr(choice, "speaker", None)
            if isinstance(speaker, Speaker):
                self._run(
                    lambda: retag_line(self.db, line.id, speaker, at=self.now()),
                    line.id,
                )

        self.app.push_screen(SpeakerPicker(speaker_choices(self.members, [])), chosen)

    def action_toggle_continues(self) -> None:
        line = self.selected()
        if line is None:
            return
        self._run(
            lambda: set_continues(self.db, line.id, not line.continues, at=self.now()),
            line.id,
            "前の発言の続きの段落にしました" if not line.continues else "新しい発言にしました",
        )

    def action_split(self) -> None:
        line = self.selected()
        if line is None:
            return

        def parse(text: str) -> int:
            return split_position(text, line.text)

        def split(index: int | None) -> None:
            if index is not None:
                now = self.now()
                self._run(lambda: split_line(self.db, line.id, index, at=now), line.id)

        prompt = f"分ける位置に {SPLIT_MARK} を入れて Enter"
        self.app.push_screen(AskDialog("行を分ける", prompt, line.text, parse, select=False), split)

    def action_merge(self) -> None:
        line = self.selected()
        if line is None:
            return
        following = next_in_item(self.db, line.id)
        if following is None:
            self.notify("この議題の最後の行です（次の行がありません）", severity="warning")
            return
        closing = merge_closes(line.id, following.id, self.closed)
        self._run(
            lambda: merge_lines(self.db, line.id, following.id, at=self.now()),
            line.id,
            "非公開の行とまとめたため、まとめた行は非公開です" if closing else "",
        )

    def action_shift(self, step: int) -> None:
        line = self.selected()
        if line is not None:
            self._run(lambda: shift_line(self.db, line.id, step, at=self.now()), line.id)

    def action_delete(self) -> None:
        line = self.selected()
        if line is None:
            return
        state = approval(self.db, self.session.id)
        if state.confirmed:
            self.notify(
                f"会議録は{state.stamp}です。行は消せません（e で正誤を記録します）",
                severity="warning",
                timeout=6,
            )
            return
        ids = [u.id for u in self.lines]
        after = ids[ids.index(line.id) + 1] if line.id != ids[-1] else None
        then = after if after is not None else (ids[-2] if len(ids) > 1 else None)

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(
                    lambda: delete_line(self.db, line.id, at=self.now()),
                    then,
                    "行を消しました（u で戻せます）",
                )

        said = named_tag(line, self.members)
        self.app.push_screen(
            ConfirmDialog(f"この行を消しますか？\n{said}：{line.text[:80]}", yes="消す"),
            answered,
        )

    def action_restore(self) -> None:
        gone = deleted_lines(self.db, self.session.id, self.item.id if self.item else None)
        if not gone:
            self.notify("この議題で消した行はありません")
            return

        def chosen(line_id: object) -> None:
            if isinstance(line_id, int):
                self._run(
                    lambda: restore_line(self.db, line_id, at=self.now()),
                    line_id,
                    "消した行を元の場所に戻しました",
                )

        choices: list[tuple[str, object]] = [
            (f"{u.spoken_at.strftime('%H:%M')} {named_tag(u, self.members)}：{u.text}", u.id)
            for u in gone
        ]
        self.app.push_screen(ChoiceDialog("戻す行（新しく消したものから）", choices), chosen)

    def action_move(self) -> None:
        line = self.selected()
        if line is None:
            return
        council = get_council(self.db, self.session.council_id)
        shown = numbered(agenda(self.db, self.session.id), council.agenda_numbering)
        by_id = {n.item.id: n.number for n in shown}
        closed_here = line.id in closed_lines(self.db, self.session.id) or (
            self.item is not None and not self.item.public
        )

        def parse(text: str) -> AgendaItem:
            return item_numbered(shown, text)  # the number the agenda shows: 3, 2(1)

        def move(target: AgendaItem, public: bool | None) -> None:
            now = self.now()
            where = f"議題{by_id.get(target.id, '')} {item_title(target)} に移しました"
            done = where + ("（非公開のまま）" if public is False else "")
            self._run(
                lambda: move_line(self.db, line.id, target.id, at=now, public=public),
                done=done,
            )

        def chosen(target: AgendaItem | None) -> None:
            if target is None:
                return
            if not closed_here or not target.public:
                move(target, None)
                return
            self.app.push_screen(
                ChoiceDialog(
                    "非公開の行です。非公開のまま移しますか？",
                    [("非公開のまま", False), ("公開にして移す", True)],
                ),
                lambda public: move(target, public) if isinstance(public, bool) else None,
            )

        numbers = "、".join(n.number for n in shown if n.number)
        self.app.push_screen(
            AskDialog("ほかの議題へ移す", f"移す先の議題の番号（{numbers}）", "", parse), chosen
        )

    def action_promote(self) -> None:
        line = self.selected()
        item = self.item
        if line is None or item is None:
            return
        found = [d for d in decisions(self.db, self.session.id) if d.agenda_item_id == item.id]
        if not found:
            self.notify(
                "この議題にはまだ決定がありません（ctrl+o で記録します）", severity="warning"
            )
            return
        decision = found[-1]

        def promote(kind: OpinionKind, public: bool) -> None:
            self._run(
                lambda: promote_to_opinion(self.db, line.id, decision.id, kind, public=public),
                line.id,
                f"{kind.value}として決定に付けました"
                + ("" if public else "（非公開: 答申書に載せません）"),
            )

        def chosen(kind: object) -> None:
            if not isinstance(kind, OpinionKind):
                return
            if not line_in_closed_part(self.db, line.id):
                promote(kind, True)
                return
            self.app.push_screen(
                ChoiceDialog(
                    f"非公開の行です。{kind.value}も非公開にしますか？",
                    [
                        ("非公開のまま（公開の文書にも答申書にも載せない）", False),
                        ("公開にする（答申書に載る）", True),
                    ],
                ),
                lambda public: promote(kind, public) if isinstance(public, bool) else None,
            )

        self.app.push_screen(
            ChoiceDialog("意見の種類", [(k.value, k) for k in OpinionKind]), chosen
        )

    def action_range_start(self) -> None:
        line = self.selected()
        if line is None:
            return
        self.range_start = None if self.range_start == line.id else line.id
        self.refresh_lines(line.id)
        if self.range_start is not None:
            self.notify("範囲の始めにしました。終わりの行で h を押すと、その範囲を非公開にします")

    def action_toggle_public(self) -> None:
        """Close the selected line (or the range from the b mark), or open it again."""
        line = self.selected()
        if line is None:
            return
        if self.item is not None and not self.item.public:
            self.notify(
                "この議題は全体が非公開です（会議次第の画面で p）", severity="warning", timeout=6
            )
            return
        ids = [u.id for u in self.lines]
        lines = line_range(ids, self.range_start, line.id, closed_lines(self.db, self.session.id))
        self.range_start = None
        self._run(
            lambda: set_lines_public(
                self.db, lines.first, lines.last, public=lines.public, at=self.now()
            ),
            line.id,
            f"{lines.count}行を{'公開に戻しました' if lines.public else '非公開にしました'}",
        )

    def action_play_recording(self) -> None:
        line = self.selected()
        if line is None:
            return
        try:
            played = play_line(self.db, self.session, line)
        except NoRecording as error:
            self.notify(f"{error.message}（shift+r）", title=error.field, severity="warning")
            return
        except InputError as error:
            self.notify(error.message, title=error.field, severity="error", timeout=10)
            return
        self.notify(played.message)

    def action_set_recording(self) -> None:
        try:
            item_sitting = self.item.sitting_id if self.item else None
            sitting = sitting_of(self.session, self.selected(), item_sitting)
        except InputError as error:
            self.notify(error.message, title=error.field, severity="warning")
            return

        def attached(done: Attached | None) -> None:
            if done is not None:
                self.notify(done.message)

        self.app.push_screen(RecordingForm(sitting), attached)

    def action_search(self) -> None:
        def found(hit: Hit) -> None:
            """The hit's item here, the cursor on its line."""
            item_id = hit.agenda_item_id
            self.item = get_item(self.db, item_id) if item_id is not None else None
            self.refresh_lines(hit.utterance_id)

        self.meeting_app.open_search(session=self.session, found=found)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
