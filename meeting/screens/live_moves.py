"""Moving through the session: its items and sittings, and out to its lines and its search.

The lines screen (ctrl+r, or a search hit) opens over this one; coming back, the record is
read again and the line is as it was typed.
"""

from __future__ import annotations

from meeting.screens.live_view import LiveView
from minutes.search import Hit
from minutes.timing import first_item_of


class SessionMoves(LiveView):
    """The next or previous item, the next sitting, the lines screen and the search."""

    def action_item(self, step: int) -> None:
        if not self.items:
            return
        self.item_index = max(0, min(len(self.items) - 1, self.item_index + step))
        self.refresh_agenda()
        self.refresh_record()
        self.refresh_quorum()
        self._save_draft()

    def action_sitting(self) -> None:
        sittings = self.session.active_sittings
        if len(sittings) < 2:
            self.notify("日程が一つの会議です", severity="warning")
            return
        self.sitting_index = (self.sitting_index + 1) % len(sittings)
        first = first_item_of(self.items, sittings[self.sitting_index].id)
        if first is not None:
            self.item_index = first
        self.refresh_all()

    def action_lines(self) -> None:
        def back() -> None:
            self.refresh_record()
            self.pane.line.focus()

        self.meeting_app.open_lines(self.session, self.item, self.members, then=back)

    def action_search(self) -> None:
        def found(hit: Hit) -> None:
            """The hit's line on the lines screen; Esc comes back here, the line as typed."""
            if self.read_only:
                self.notify("閲覧のみで開いています（ctrl+g で引き継ぐ）", severity="warning")
                self._focus_line()
                return
            item = next((i for i in self.items if i.id == hit.agenda_item_id), None)

            def back() -> None:
                self.refresh_record()
                self._focus_line()

            self.meeting_app.open_lines(
                self.session, item, self.members, at_line=hit.utterance_id, then=back
            )

        self.meeting_app.open_search(session=self.session, found=found, then=self._focus_line)
