"""Others in the room, recusals, and how the record names members: each a dialog of its own.

Adding others and the 傍聴人 count are in ``others``, recusals in ``recusal``, how the record
names members in ``speaker_names``; these keys open them for the session on screen.
"""

from __future__ import annotations

from meeting.model import Session
from meeting.screens.others import add_other_present, ask_audience, remove_other_present
from meeting.screens.recusal import ask_recusal
from meeting.screens.session_view import SessionView
from meeting.screens.speaker_names import ask_letter, choose_speaker_names


class RoomKeys(SessionView):
    """Others present (a, d), the 傍聴人 (p), a recusal (x), the speakers' names (n, k)."""

    def action_add_other(self) -> None:
        add_other_present(self, self.session, self.refresh_others)

    def action_remove_other(self) -> None:
        remove_other_present(self, self.session, self.refresh_others)

    def action_public(self) -> None:
        if sitting := self.sitting:
            ask_audience(self, sitting, self.refresh_others)

    def action_recuse(self) -> None:
        if member := self.selected():
            ask_recusal(self, self.session, member)

    def action_speaker_names(self) -> None:
        def changed(session: Session) -> None:
            self.session = session

        choose_speaker_names(self, self.session, changed)

    def action_letter(self) -> None:
        if member := self.selected():
            ask_letter(self, self.session, member)
