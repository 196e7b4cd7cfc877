"""The ways out of the session screen: its agenda, its live record, its documents, a transcript.

The screens open through the app (``MeetingApp.open_*``); coming back, what they may have
changed is shown again.
"""

from __future__ import annotations

from meeting.screens.session_view import SessionView
from meeting.screens.transcript import ask_transcript


class SessionWays(SessionView):
    """g, r, e and i: the agenda, the record, the documents, a transcript to take in."""

    def action_agenda(self) -> None:
        self.meeting_app.open_agenda(self.session, then=self.refresh_agenda)

    def action_live(self) -> None:
        self.meeting_app.open_live(self.session, then=self.refresh_all)

    def action_documents(self) -> None:
        self.meeting_app.open_documents(self.session, then=self.refresh_all)

    def action_transcript(self) -> None:
        ask_transcript(self, self.session, self.sitting)
