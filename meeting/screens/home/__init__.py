"""The home screen: councils on the left, the chosen council's sessions on the right.

The screen is put together from parts, one purpose each: what is chosen and the panes that
tell of it (``detail``), the two lists and how the session list is filled (``session_list``),
the ways into the other screens (``opening``), a council's keys (``councils``), a session's
schedule (``scheduling``) and its invites (``invites``). Its keys and layout are here.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Label, OptionList, Static

from meeting.screens.base import DocumentScreen
from meeting.screens.dialogs import HelpScreen
from meeting.screens.home.councils import HomeCouncils
from meeting.screens.home.invites import HomeInvites
from meeting.screens.home.opening import HomeOpening
from meeting.screens.home.scheduling import HomeScheduling
from meeting.screens.home.session_list import SESSIONS_TITLE, SessionTable
from meeting.text import one_line
from meeting.widgets.footer import Footer

__all__ = ["HomeScreen"]


WELCOME = """\
[b]まだ審議会が登録されていません。[/b]

  [b]n[/b]  審議会を追加する（名称・定足数の根拠・事務局）
  [b]d[/b]  デモを読み込む（架空の「ひばり野市」の審議会と委員・会議）

審議会を追加したら、[b]m[/b] で委員名簿、[b]s[/b] で会議の予定を入れます。
[b]f1[/b] でこの画面のキー、[b]ctrl+p[/b] ですべての操作を名前で探せます。
"""


class HomeScreen(HomeOpening, HomeCouncils, HomeScheduling, HomeInvites, DocumentScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="home.help"),
        Binding("q", "quit", "終了", id="home.quit"),
        Binding("n", "add_council", "審議会を追加", id="home.add-council"),
        Binding("e", "edit_council", "審議会を編集", id="home.edit-council", show=False),
        Binding("m", "members", "委員名簿", id="home.members"),
        Binding(
            "o",
            "open_session",
            "会議を開く",
            id="home.open-session",
            tooltip="出欠・定足数・出席者",
        ),
        Binding("s", "new_session", "会議を予定", id="home.new-session"),
        Binding("l", "live", "記録", id="home.live", tooltip="会議の記録をとる画面"),
        Binding(
            "w", "documents", "文書", id="home.documents", tooltip="会議録・会議概要を書き出す"
        ),
        Binding("k", "consultations", "諮問", id="home.consultations", tooltip="諮問の一覧と登録"),
        Binding(
            "t",
            "templates",
            "文書の書式",
            id="home.templates",
            show=False,
            tooltip="会議録などの書式（Word のテンプレート）を選ぶ・書き出す・取り込む",
        ),
        Binding(
            "y",
            "annual",
            "運用状況",
            id="home.annual",
            show=False,
            tooltip="年度の運用状況（開催状況・審査請求の状況）を書き出す",
        ),
        Binding(
            "slash",
            "search",
            "検索",
            id="home.search",
            key_display="/",
            tooltip="すべての会議の記録から言葉を探す",
        ),
        Binding(
            "g", "agenda", "会議次第", id="home.agenda", show=False, tooltip="選んだ会議の会議次第"
        ),
        Binding(
            "r",
            "reschedule",
            "日程変更",
            id="home.reschedule",
            tooltip="選んだ会議の日程・場所を変えます",
        ),
        Binding(
            "c", "cancel_session", "中止", id="home.cancel", tooltip="選んだ会議を中止にします"
        ),
        Binding(
            "i", "export_session", "招集案内", id="home.export-session", tooltip="選んだ会議の .ics"
        ),
        Binding(
            "u",
            "export_council",
            "今後の案内",
            id="home.export-council",
            show=False,
            tooltip="今後の会議すべての .ics",
        ),
        Binding(
            "d",
            "demo",
            "デモ",
            id="home.demo",
            show=False,
            tooltip="架空の市の審議会を読み込みます",
        ),
        Binding(
            "h",
            "mark_held",
            "開催済にする",
            id="home.mark-held",
            show=False,
            tooltip="選んだ会議を開催済みにします",
        ),
        Binding(
            "a",
            "all_years",
            "過去の年度",
            id="home.all-years",
            show=False,
            tooltip="前年度より前の会議も一覧に出します（もう一度で戻します）",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="council-pane"):
                yield Label("審議会", classes="pane-title")
                yield OptionList(id="councils")
            with Vertical(id="session-pane"):
                yield Static("", id="council-info")
                yield Static("", id="due-warnings")
                yield Label(
                    SESSIONS_TITLE[False], id="sessions-title", classes="pane-title with-council"
                )
                yield SessionTable(
                    id="sessions", cursor_type="row", zebra_stripes=True, classes="with-council"
                )
                yield Static("", id="session-detail", classes="with-council")
                yield Static(WELCOME, id="welcome")
        yield Footer()

    def on_mount(self) -> None:
        # 状態 before 日時, the longest: on an 80-column screen the status stays in sight
        self.query_one("#sessions", DataTable).add_columns("回", "形式", "状態", "日時")
        if self.meeting_app.db_path:
            self.sub_title = one_line(str(self.meeting_app.db_path))
        self.refresh_councils()
        if self.councils:
            self.query_one("#sessions", DataTable).focus()
        # called in each layout refresh, right after the frame is drawn
        self.screen_layout_refresh_signal.subscribe(self, self._drawn, immediate=True)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
