"""The home screen's calendar invites (.ics): the chosen session's, or the council's upcoming
sessions'. The file is written in a worker, so a slow disk never holds the screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from meeting.errors import InputError
from meeting.screens.dialogs import SavePathDialog
from meeting.screens.home.detail import HomeDetail
from meeting.sessions import session_full_title
from meeting.widgets.safe import tell

if TYPE_CHECKING:
    from icalendar import Calendar


class HomeInvites(HomeDetail):
    """招集案内 and 今後の案内. A part of :class:`~meeting.screens.home.HomeScreen`, not a
    screen of its own."""

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
