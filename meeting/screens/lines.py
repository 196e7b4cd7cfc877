"""Changing lines already entered: correct, re-tag, split, merge, move (to another item, or up
and down among the item's lines), delete and put back, promote to an opinion, close (非公開) a
line or a range of lines.

Every change is kept in the line's history (who, when, before and after). Nothing closed becomes
public by being merged, moved or promoted unless the clerk says so.

The screen is joined from parts of one purpose each, every one standing on ``LinesView`` (the
state and the table): ``lines_text`` (correct, re-tag, continue, split, merge), ``lines_order``
(up and down, to another item, delete and put back), ``lines_closing`` (close and open, the b
range), ``lines_opinion`` (promote) and ``lines_recording`` (play, set). Here are its keys, its
layout, its start and search.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Label, Static

from agendas.store import get_item
from meeting.screens.dialogs import HelpScreen
from meeting.screens.lines_closing import LineClosing
from meeting.screens.lines_opinion import LineOpinion
from meeting.screens.lines_order import LineOrder
from meeting.screens.lines_recording import LineRecording
from meeting.screens.lines_text import LineText
from meeting.sessions import session_name
from meeting.widgets.footer import Footer
from meeting.widgets.safe import line as line_content
from minutes.search import Hit


class LinesScreen(LineText, LineOrder, LineClosing, LineOpinion, LineRecording):
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
