"""The home screen's keys that change a session's schedule: a new one, another date or place,
called off, held. Each opens a form or asks, calls one store function, and shows the list again
on the session."""

from __future__ import annotations

from meeting.errors import InputError
from meeting.model import Session, SessionStatus
from meeting.screens.dialogs import ConfirmDialog
from meeting.screens.home.session_list import HomeList
from meeting.sessions import numbering_warning, session_full_title, session_when
from meeting.store import cancel_session, list_sessions, mark_held
from meeting.widgets.safe import tell


class HomeScheduling(HomeList):
    """Scheduling, rescheduling, cancelling, marking held. A part of
    :class:`~meeting.screens.home.HomeScreen`, not a screen of its own."""

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
