"""The home screen: councils on the left, the chosen council's sessions on the right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from meeting.dates import fiscal_year, format_fiscal_year
from meeting.errors import InputError
from meeting.model import Council, Session, SessionStatus
from meeting.screens.base import DocumentScreen
from meeting.screens.dialogs import AskDialog, ConfirmDialog, HelpScreen, SavePathDialog
from meeting.sessions import (
    numbering_warning,
    session_detail,
    session_full_title,
    session_name,
    session_when,
)
from meeting.store import (
    cancel_session,
    get_session,
    invited_members,
    list_councils,
    list_members,
    list_sessions,
    mark_held,
    merge_upcoming_first,
    session_years,
    upcoming_first,
)
from meeting.text import one_line
from meeting.widgets.footer import Footer
from meeting.widgets.safe import line, marked, plain, tell

if TYPE_CHECKING:
    from icalendar import Calendar
    from textual.timer import Timer


PAGE = 100
"""Rows put in the session table before its frame; the rest follow in chunks of :data:`CHUNK`
after it. DataTable measures every row it is given before it paints, and every year of an old
council is thousands of rows (bench/README.md)."""

SESSIONS_TITLE = {
    False: "会議（今年度と前年度、今後の予定から）",
    True: "会議（すべての年度、今後の予定から）",
}
"""Over the session table: which years it holds (`a` switches)."""

CHUNK = 50
"""Rows added at a time after the first page: measuring them holds the frame (about 0.2 ms a
row), so a chunk is kept to a few milliseconds."""

STEP = 0.25
"""Seconds to wait for a frame before the next chunk comes all the same (nothing to draw)."""


WELCOME = """\
[b]まだ審議会が登録されていません。[/b]

  [b]n[/b]  審議会を追加する（名称・定足数の根拠・事務局）
  [b]d[/b]  デモを読み込む（架空の「ひばり野市」の審議会と委員・会議）

審議会を追加したら、[b]m[/b] で委員名簿、[b]s[/b] で会議の予定を入れます。
[b]f1[/b] でこの画面のキー、[b]ctrl+p[/b] ですべての操作を名前で探せます。
"""


class SessionTable(DataTable[str]):
    """The council's sessions, a row each. ctrl+end (and end) goes to the last row and asks the
    screen to follow the older years down as they are added (:meth:`HomeScreen._more`)."""

    BINDINGS = [
        Binding("end", "scroll_bottom", "最後の会議へ", show=False, id="home.sessions-last"),
        Binding("home", "scroll_top", "最初の会議へ", show=False, id="home.sessions-first"),
    ]

    class ToLast(Message):
        """The clerk asked for the last row: the oldest session, once every year is in."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row
            """The row the cursor went to (the last there was)."""

    def action_scroll_bottom(self) -> None:
        super().action_scroll_bottom()
        self.post_message(self.ToLast(self.cursor_row))


class HomeScreen(DocumentScreen):
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

    def __init__(self) -> None:
        super().__init__()
        self.councils: list[Council] = []
        self.sessions: list[Session] = []
        self.all_years = False
        """Show sessions of every fiscal year, not only this and the last."""
        self._listed: int | None = None
        """The council whose sessions the table holds: the highlight that comes back from
        filling the council list at launch must not fill the table a second time."""
        self._filling = 0
        """Bumped by each fill, so that the chunks of an older fill stop."""
        self._years: list[int] = []
        """Older fiscal years whose sessions are still to be read into the list, newest first."""
        self._chunk_due: tuple[DataTable[str], int] | None = None
        """The table's next chunk, waiting for a frame: the table and the fill it belongs to."""
        self._chunk_timer: Timer | None = None
        self._from_year: int | None = None
        """The oldest fiscal year the list holds when it holds this and the last year only (the
        default), None when it holds every year or is still being given the older ones."""
        self._to_last: int | None = None
        """While older years are added after ctrl+end: the row the cursor was last taken to (the
        last there was). A cursor found elsewhere has been moved by the clerk: it stays."""
        self._painted = False
        """The first frame is on the terminal: the answers due, read after it at launch, are now
        read with the list (bench/README.md, the launch)."""

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

    def first_frame_drawn(self) -> None:
        """The launch's first frame is on the terminal (``MeetingApp.on_ready``): what it left
        out now, the answers due and the table's next chunk."""
        self._painted = True
        if (council := self.council) is not None:
            self.show_deadlines(council, self.now().date())
        if self._chunk_due is not None:
            self._chunk_now(self._chunk_due)

    def _drawn(self, _screen: object) -> None:
        """The screen was drawn: the session table's next chunk of rows, if one is waiting,
        comes as a message after it (a signal's callback must not fail: this one only posts).
        Before the first frame the signal also comes for a layout not yet drawn: not one."""
        if self._painted and self._chunk_due is not None:
            self.call_later(self._chunk_now, self._chunk_due)

    # What is shown

    @property
    def council(self) -> Council | None:
        index = self.query_one("#councils", OptionList).highlighted
        if index is None or not self.councils:
            return None
        return self.councils[min(index, len(self.councils) - 1)]

    @property
    def session(self) -> Session | None:
        table = self.query_one("#sessions", DataTable)
        if not self.sessions or table.cursor_row < 0:
            return None
        return self.sessions[min(table.cursor_row, len(self.sessions) - 1)]

    def refresh_councils(self, select: int | None = None) -> None:
        self.councils = list_councils(self.db)
        options = self.query_one("#councils", OptionList)
        current = self.council
        options.clear_options()
        options.add_options([Option(line(c.name), id=str(c.id)) for c in self.councils])
        empty = not self.councils
        self.query_one("#welcome").display = empty
        for widget in self.query(".with-council"):
            widget.display = not empty
        if empty:
            self.query_one("#council-info", Static).update("")
            self.query_one("#due-warnings", Static).display = False
            return
        wanted = select if select is not None else (current.id if current else self.councils[0].id)
        ids = [c.id for c in self.councils]
        options.highlighted = ids.index(wanted) if wanted in ids else 0
        self.refresh_sessions()

    def refresh_sessions(self, select: int | None = None) -> None:
        council = self.council
        table = self.query_one("#sessions", DataTable)
        current = self.session
        table.clear()
        if council is None:
            self.sessions = []
            self._listed = None
            return
        today = self.now().date()
        # The list holds this and the last fiscal year: twenty years of sessions would make
        # the first paint wait on a table nobody scrolls (bench/README.md). `a` shows them all,
        # read a year at a time after the first frame (`_more`).
        since = fiscal_year(today) - 1
        found = list_sessions(self.db, council.id, since_fiscal_year=since)
        self._years = []
        self._from_year = since
        if not found or (select is not None and select not in {s.id for s in found}):
            # none this year or last (a council that last sat years ago, an old file): the
            # list shows what there is rather than 会議はまだありません
            found = list_sessions(self.db, council.id)
            self._from_year = None
        elif self.all_years:
            self._years = [y for y in session_years(self.db, council.id) if y < since]
            self._from_year = None
        self.sessions = upcoming_first(found, today)
        self._listed = council.id
        wanted = select if select is not None else (current.id if current else None)
        ids = [s.id for s in self.sessions]
        at = ids.index(wanted) if wanted in ids else None
        self._filling += 1
        self._to_last = None
        self._fill(table, max(PAGE, (at or 0) + 1))
        in_office = len(list_members(self.db, council.id, on=today))
        info = marked(
            "[b]$name[/b]（$kind）　委員: 在任 ${count}名\n定足数の根拠: $article\n"
            "会議録の発言者: $speakers\n事務局: $secretariat  $email",
            name=council.name,
            kind=council.kind.label,
            count=str(in_office),
            article=council.quorum_article or "未設定",
            speakers=council.speaker_names.label,
            secretariat=council.secretariat_name or "未設定",
            email=council.secretariat_email,
        )
        self.query_one("#council-info", Static).update(info)
        if self._painted:  # at launch the first frame comes first (_drawn)
            self.show_deadlines(council, today)
        if at is not None:
            table.move_cursor(row=at)
        self.show_detail()

    def _fill(self, table: DataTable[str], stop: int) -> None:
        """The table's rows up to ``stop``, then more after the frame.

        Only the first page is measured before the table paints; the rest come a chunk per
        refresh, so keys and frames go on between them and every session is reached in the end.
        """
        for s in self.sessions[table.row_count : stop]:
            table.add_row(
                session_name(s), s.form.label, s.status.label, session_when(s), key=str(s.id)
            )
        if self._years or table.row_count < len(self.sessions):
            self._next_chunk(table)

    def _next_chunk(self, table: DataTable[str]) -> None:
        """The next chunk once the screen has been drawn (:meth:`_drawn`): what the key changed
        shows first, and keys are read and the table drawn between chunks. (Chained on
        ``call_after_refresh`` the chunks ran one after another with no frame between them: the
        table asks for its refresh after the screen has gone idle.) If nothing needs drawing
        (an older year with no sessions, another screen on top), it comes after :data:`STEP`."""
        due = self._chunk_due = (table, self._filling)
        if self._chunk_timer is not None:
            self._chunk_timer.stop()
        self._chunk_timer = self.set_timer(STEP, partial(self._chunk_now, due))

    def _chunk_now(self, due: tuple[DataTable[str], int]) -> None:
        """The chunk ``due``, unless it was taken already (two frames may both offer it)."""
        if self._chunk_due is not due:
            return
        self._chunk_due = None
        if self._chunk_timer is not None:
            self._chunk_timer.stop()
            self._chunk_timer = None
        self._more(*due)

    def _more(self, table: DataTable[str], filling: int) -> None:
        """The next chunk of rows, reading the next older fiscal year first when there is one."""
        if filling != self._filling:
            return  # a newer fill has begun
        if self._years:
            year = self._years.pop(0)
            older = list_sessions(self.db, self.sessions[0].council_id, fiscal_year=year)
            listed = merge_upcoming_first(self.sessions, older, self.now().date())
            shown = [s.id for s in self.sessions[: table.row_count]]
            if [s.id for s in listed[: table.row_count]] != shown:
                # a session of an older year sorts among the rows shown (a year whose dates
                # run into the next): the table starts again, the cursor on the same session
                current = self.session
                self.sessions = listed
                ids = [s.id for s in listed]
                at = ids.index(current.id) if current and current.id in ids else 0
                table.clear()
                self._fill(table, max(PAGE, at + 1))
                table.move_cursor(row=at)
                if self._to_last is not None:
                    self._to_last = at  # the same session, in its new row
                self._follow_to_last(table)
                return
            self.sessions = listed
        self._fill(table, table.row_count + CHUNK)
        self._follow_to_last(table)

    def _loading(self, table: DataTable[str]) -> bool:
        return bool(self._years) or table.row_count < len(self.sessions)

    def _follow_to_last(self, table: DataTable[str]) -> None:
        """After ctrl+end, the cursor goes down with each chunk to the oldest session."""
        if self._to_last is None:
            return
        if table.cursor_row != self._to_last:  # the clerk moved it meanwhile
            self._to_last = None
            return
        last = table.row_count - 1
        table.move_cursor(row=last)
        self._to_last = last if self._loading(table) else None

    def on_session_table_to_last(self, event: SessionTable.ToLast) -> None:
        table = self.query_one("#sessions", SessionTable)
        if self._loading(table) and table.cursor_row == event.row:  # not moved on since
            self._to_last = event.row

    def show_deadlines(self, council: Council, today: date) -> None:
        """Answers due within 30 days, and overdue ones, for the chosen council."""
        from agendas.consultations import due_soon

        due = due_soon(self.db, council.id, today)
        warnings = self.query_one("#due-warnings", Static)
        warnings.display = bool(due)
        warnings.set_class(any(d.overdue for d in due), "overdue")
        warnings.update(plain("\n".join(f"⚠ {d.label}" for d in due)))

    def show_detail(self) -> None:
        session = self.session
        detail = self.query_one("#session-detail", Static)
        if session is None:
            detail.update("会議はまだありません。s で予定を入れます。" if self.council else "")
            return
        invited = [m for m in invited_members(self.db, session) if m.email]
        today = self.now().date()
        detail.update(plain(session_detail(session, invited=len(invited), today=today)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        council = self.council
        if council is not None and council.id == self._listed:
            return
        self.refresh_sessions()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#sessions", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_session()

    def action_open_session(self) -> None:
        self._run_session(self.meeting_app.open_session)

    def action_documents(self) -> None:
        self._run_session(self.meeting_app.open_documents)

    def action_live(self) -> None:
        self._run_session(self.meeting_app.open_live)

    def _run_session(self, open_screen: Callable[..., None]) -> None:
        """Open a screen that runs the chosen session (not a cancelled one)."""
        session = self._need_session()
        if session is None:
            return
        if session.status is SessionStatus.CANCELLED:
            self.notify("中止した会議です", severity="warning")
            return
        open_screen(session, then=self.refresh_sessions)

    # Councils and rosters

    def action_add_council(self) -> None:
        from meeting.screens.council_form import CouncilForm

        self.app.push_screen(CouncilForm(), self._council_saved)

    def action_edit_council(self) -> None:
        from meeting.screens.council_form import CouncilForm

        if council := self._need_council():
            self.app.push_screen(CouncilForm(council), self._council_saved)

    def _council_saved(self, council: Council | None) -> None:
        if council is not None:
            self.refresh_councils(select=council.id)
            tell(self, f"{council.name}を保存しました")

    def action_members(self) -> None:
        if council := self._need_council():
            self.meeting_app.open_members(council, then=self.refresh_sessions)

    def action_templates(self) -> None:
        if council := self._need_council():
            self.meeting_app.open_templates(council)

    def action_consultations(self) -> None:
        if council := self._need_council():
            self.meeting_app.open_consultations(council)

    def action_annual(self) -> None:
        """Write a fiscal year's 運用状況: the year of the chosen session, or this year."""
        council = self._need_council()
        if council is None:
            return
        session = self.session
        year = session.fiscal_year if session is not None else fiscal_year(self.now().date())

        def asked(chosen: int | None) -> None:
            if chosen is None:
                return
            from exports.registry import prepare

            prepared = prepare(self.db, "annual", (council.id, chosen))
            name = f"{council.name}_運用状況_{format_fiscal_year(chosen)}.docx"

            def where(out: Path | None) -> None:
                if out is not None:
                    self.write_prepared(prepared, out)

            self.app.push_screen(SavePathDialog("運用状況を書き出す", Path.cwd() / name), where)

        self.app.push_screen(
            AskDialog(
                "運用状況を書き出します",
                "年度",
                format_fiscal_year(year),
                _a_year,
            ),
            asked,
        )

    def action_all_years(self) -> None:
        self.all_years = not self.all_years
        self.query_one("#sessions-title", Label).update(SESSIONS_TITLE[self.all_years])
        council = self.council
        if self.all_years and council and council.id == self._listed and self._from_year:
            # The rows shown stay (this and the last year are the newest of every year's):
            # only the older years are added, a chunk after each frame (_more).
            table = self.query_one("#sessions", SessionTable)
            self._years = [y for y in session_years(self.db, council.id) if y < self._from_year]
            self._from_year = None
            self._filling += 1
            self._to_last = None
            if self._years:
                self._next_chunk(table)
        else:
            self.refresh_sessions()

    def action_search(self) -> None:
        self.meeting_app.open_search()

    def action_agenda(self) -> None:
        if session := self._need_session():
            self.meeting_app.open_agenda(session)

    # Sessions

    def action_new_session(self) -> None:
        from meeting.screens.session_form import SessionFormScreen

        if council := self._need_council():
            self.app.push_screen(SessionFormScreen(council), self._session_saved)

    def action_reschedule(self) -> None:
        from meeting.screens.session_form import SessionFormScreen

        council, session = self._need_council(), self._need_session()
        if council and session:
            if session.status is SessionStatus.CANCELLED:
                self.notify("中止した会議の日程は変えられません", severity="warning")
                return
            self.app.push_screen(SessionFormScreen(council, session), self._session_saved)

    def _session_saved(self, session: Session | None) -> None:
        if session is not None:
            self.refresh_sessions(select=session.id)
            self.notify(f"{session_full_title(session)}を保存しました（{session_when(session)}）")
            year = list_sessions(self.db, session.council_id, fiscal_year=session.fiscal_year)
            if warning := numbering_warning(session, year):
                tell(self, warning, title="回の番号", severity="warning", timeout=12)

    def action_cancel_session(self) -> None:
        session = self._need_session()
        if session is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = cancel_session(self.db, session.id, now=self.now())
            except InputError as error:
                tell(self, error.message, title=error.field, severity="error")
                return
            self.refresh_sessions(select=done.id)
            self.notify(f"{session_full_title(done)}を中止にしました。i で取消の案内を書き出せます")

        self.app.push_screen(
            ConfirmDialog(
                f"{session_full_title(session)}（{session_when(session)}）を中止にしますか？",
                yes="中止",
            ),
            confirmed,
        )

    def action_mark_held(self) -> None:
        session = self._need_session()
        if session is None:
            return
        try:
            done = mark_held(self.db, session.id, now=self.now())
        except InputError as error:
            tell(self, error.message, title=error.field, severity="error")
            return
        self.refresh_sessions(select=done.id)
        self.notify(f"{session_full_title(done)}を開催済みにしました")

    # Invites

    def action_export_session(self) -> None:
        session = self._need_session()
        if session is None:
            return
        default = Path.cwd() / f"{session_full_title(session)}.ics"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            from exports.invites import session_invites

            calendar = session_invites(self.db, session.id, now=self.now())
            self.write_invites(calendar, path)

        self.app.push_screen(SavePathDialog("招集案内（.ics）を書き出す", default), chosen)

    def action_export_council(self) -> None:
        council = self._need_council()
        if council is None:
            return

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            from exports.invites import council_invites

            calendar = council_invites(self.db, council.id, now=self.now())
            self.write_invites(calendar, path)

        default = Path.cwd() / f"{council.name}_今後の会議.ics"
        self.app.push_screen(SavePathDialog("今後の会議の案内（.ics）を書き出す", default), chosen)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write_invites(self, calendar: Calendar, path: Path) -> None:
        from exports.ics import write_calendar

        try:
            written = write_calendar(calendar, path)
        except (OSError, InputError) as error:
            message = error.message if isinstance(error, InputError) else str(error)
            self.app.call_from_thread(tell, self, f"書き出せません: {message}", severity="error")
            return
        self.app.call_from_thread(tell, self, f"書き出しました: {written}")

    # Demo and help

    def action_demo(self) -> None:
        load_demo = self.meeting_app.demo
        if load_demo is None:
            self.notify("このアプリにはデモがありません", severity="warning")
            return
        try:
            council = load_demo(self.db, now=self.now())
        except InputError as error:
            tell(self, error.message, severity="warning")
            return
        self.refresh_councils(select=council.id)
        self.query_one("#sessions", DataTable).focus()
        self.notify("デモを読み込みました（架空のひばり野市）")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))

    def _need_council(self) -> Council | None:
        if self.council is None:
            self.notify("まず審議会を追加してください（n）", severity="warning")
        return self.council

    def _need_session(self) -> Session | None:
        session = self.session
        if session is None:
            self.notify(
                "会議を選んでください（まだなければ s で予定を入れます）", severity="warning"
            )
            return None
        return get_session(self.db, session.id)


def _a_year(text: str) -> int:
    """A fiscal year the clerk typed (令和8年度, R8, 2026); empty is not one."""
    from meeting.forms import parse_fiscal_year

    year = parse_fiscal_year(text)
    if year is None:
        raise InputError("年度", "年度を入れてください（例: 令和8年度、2026）")
    return year
