"""A session under way: the roll call of each sitting, the quorum in sight, the chair's opening.

The screen also shows the others present; adding them and the 傍聴人 count are in
``others``, recusals in ``recusal``, how the record names members in ``speaker_names``.

The screen is joined from parts of one purpose each, every one standing on ``SessionView``
(the state and what is shown): ``session_roll`` (the roll call and the sitting shown),
``session_room`` (others present, recusals, the speakers' names), ``session_opening`` (the
chair's opening) and ``session_ways`` (the agenda, the live record, the documents, a
transcript). Here are its keys, its layout and its start.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Label, Static

from meeting.screens.dialogs import HelpScreen
from meeting.screens.session_opening import ChairOpening
from meeting.screens.session_roll import RollCall
from meeting.screens.session_room import RoomKeys
from meeting.screens.session_ways import SessionWays
from meeting.sessions import session_name
from meeting.widgets.footer import Footer
from meeting.widgets.panels import AgendaList, QuorumBox
from minutes.roll import members_for
from minutes.timing import sitting_index_for

__all__ = ["SessionScreen"]


class SessionScreen(RollCall, RoomKeys, ChairOpening, SessionWays):
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

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
