"""What the record notes besides the spoken lines: narrations, decisions, the recording's start.

A narration is entered as a line without a speaker; one that says the department came in also
marks its staff present for the item. A decision is recorded in its own form; the recorder's
start is stamped from the app's clock.
"""

from __future__ import annotations

import sqlite3

from agendas.model import AgendaItem
from meeting.db_errors import database_trouble
from meeting.screens.decision import DecisionForm
from meeting.screens.dialogs import ConfirmDialog
from meeting.screens.live_view import LiveView
from meeting.screens.speaking import ask_narration
from minutes.entries import note_entry
from minutes.model import Decision
from minutes.recording import mark_recording_start, moment_text, recording_of, start_text


class RecordNotes(LiveView):
    """Narrations, the item's decision and the recording's start, each one key away."""

    def action_narration(self) -> None:
        ask_narration(
            self,
            self.session.council_id,
            enter=lambda text: self.enter(text, narration=True),
            closed=self._focus_line,
        )

    def _note_entry(self, item: AgendaItem, narration: str) -> None:
        """A narration that says the department came in marks its staff present for the item."""
        try:
            staff = note_entry(self.db, self.session.id, item.id, narration)
        except sqlite3.Error as error:
            self.notify(
                f"出席の記録ができません（{database_trouble(error)}）。ト書きは記録しました",
                severity="warning",
            )
            return
        if staff:
            self.notify("この議題の出席: " + "、".join(o.name for o in staff))

    def action_decision(self) -> None:
        item = self.item
        if item is None or self.state is None:
            return

        def done(decision: Decision | None) -> None:
            if decision is not None:
                self.refresh_record()
                self.notify(f"{decision.outcome.label}を記録しました")
            self.pane.line.focus()

        self.app.push_screen(
            DecisionForm(item, self.state, self.sitting.id if self.sitting else None), done
        )

    def action_mark_recording(self) -> None:
        """The recorder starts now: its start is stamped from the app's clock, to the second."""
        sitting, now = self.sitting, self.now()
        if sitting is None:
            self.notify("日程がありません", severity="warning")
            return

        def mark(yes: bool | None = True) -> None:
            if yes:
                self.notify(mark_recording_start(self.db, sitting, now=now).message)
            self.pane.line.focus()

        before = recording_of(self.db, sitting.id)
        if before is None:
            mark()
            return
        self.app.push_screen(
            ConfirmDialog(
                f"録音開始は {start_text(before)} と記録済みです。"
                f"{moment_text(now)} に置き換えますか",
                yes="置き換える",
            ),
            mark,
        )
