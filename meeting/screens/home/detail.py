"""The home screen's choice and what it shows of it: the council and the session under the
cursors, and the panes beside the session list (the council, its answers due, the session).

Every action of the screen starts from this choice (``_need_council``, ``_need_session``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.widgets import DataTable, OptionList, Static

from meeting.model import Council, Session
from meeting.sessions import session_detail
from meeting.store import get_session, invited_members, list_members
from meeting.widgets.safe import marked, plain

if TYPE_CHECKING:
    from meeting.screens.base import DocumentScreen as HomePart
else:
    # The parts are plain classes when the app runs: making a Textual screen class (its
    # bindings merged, its CSS names, its methods listed) costs the launch, and the five parts
    # made as screens added about 4 ms to it (0.3 ms as plain classes). To the type checker
    # they are the screen they make up.
    HomePart = object


class HomeDetail(HomePart):
    """The councils and sessions listed, the one of each chosen, and the panes that tell of
    them. A part of :class:`~meeting.screens.home.HomeScreen`, not a screen of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.councils: list[Council] = []
        self.sessions: list[Session] = []

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

    def show_council(self, council: Council, today: date) -> None:
        """Over the sessions: the council's kind, its members in office, who runs it."""
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
