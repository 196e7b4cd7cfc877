"""The home screen's ways into the other screens: the chosen session's (its roll call, its
live record, its documents, its agenda) and the chosen council's (members, consultations,
templates), and the search. Each goes through the app (``MeetingApp.open_*``)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable

from meeting.model import SessionStatus
from meeting.screens.home.session_list import HomeList


class HomeOpening(HomeList):
    """The screens the home screen opens. A part of :class:`~meeting.screens.home.HomeScreen`,
    not a screen of its own."""

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

    def action_members(self) -> None:
        if council := self._need_council():
            self.meeting_app.open_members(council, then=self.refresh_sessions)

    def action_templates(self) -> None:
        if council := self._need_council():
            self.meeting_app.open_templates(council)

    def action_consultations(self) -> None:
        if council := self._need_council():
            self.meeting_app.open_consultations(council)

    def action_search(self) -> None:
        self.meeting_app.open_search()

    def action_agenda(self) -> None:
        if session := self._need_session():
            self.meeting_app.open_agenda(session)
