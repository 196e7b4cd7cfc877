"""Who writes the record, and the draft of the line being typed.

One app instance holds a session's record; another opens it read-only, follows the holder's
record and can take it over. What is typed but not entered is saved as a draft on every
change, without waiting for a lock, and retried until it goes in. Both rules live in
``minutes.writing`` (``RecordWriter``); this part of ``LiveScreen`` shows what they say.
"""

from __future__ import annotations

from textual.widgets import Input

from meeting.screens.dialogs import ConfirmDialog
from meeting.screens.live_view import ENTER_WAIT, LiveView
from minutes.utterances import Draft, load_draft

DRAFT_RETRY = 1.0
"""Seconds between attempts to save a draft the database refused."""
WRITING_ACTIONS = {
    "narration",
    "decision",
    "lines",
    "member",
    "staff",
    "previous_speaker",
    "pick_speaker",
    "continue_turn",
    "undo",
}
"""What a read-only view of someone else's record cannot do."""


class RecordHold(LiveView):
    """This instance's hold on the record, its read-only view of another's, and the draft."""

    def _hold(self) -> None:
        if self.writer is None:  # not mounted yet
            return
        was_read_only = self.writer.read_only
        why = self.writer.hold()
        if why:
            self._read_only(why)
        elif was_read_only:
            self.pane.line.disabled = False
            self._status("")
            self.refresh_bindings()

    def _read_only(self, why: str) -> None:
        self.pane.line.disabled = True
        self._status(why)
        if self._watch is None:
            self._watch = self.set_interval(2, self._follow)
        self.refresh_bindings()

    def _follow(self) -> None:
        """A read-only view follows the holder's record."""
        if self.read_only:
            self.refresh_record()

    def _heartbeat(self) -> None:
        if self.writer is not None and (why := self.writer.heartbeat()):
            self._read_only(why)

    def action_take_over(self) -> None:
        writer = self.writer
        if writer is None or not writer.read_only:
            self.notify("この画面で記録しています")
            return
        self._hold()  # the other instance may be gone by now: then the record is simply ours
        other = writer.other_holder()
        if other is None:
            self._took_over()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                writer.take_over()
                self._hold()
                self._took_over()

        self.app.push_screen(
            ConfirmDialog(
                f"{other.label} が入力中です。その画面が止まっている場合だけ引き継いでください。"
                "引き継ぐと、向こうの画面は閲覧のみになります",
                yes="引き継ぐ",
            ),
            answered,
        )

    def _took_over(self) -> None:
        """Continue from the draft the previous holder left."""
        if self.read_only:
            return
        field = self.pane.line
        draft = load_draft(self.db, self.session.id)
        if draft is not None and not field.value:
            field.value = draft.text
            self.speaker = draft.speaker
        self.refresh_all()
        field.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in WRITING_ACTIONS:
            return False
        return True

    def on_unmount(self) -> None:
        if self.writer is not None and not self.writer.read_only:
            self._flush_draft(wait=ENTER_WAIT)
            self.writer.let_go()

    # The draft

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "line":
            self.typed = event.value
            self._save_draft()

    def _save_draft(self) -> None:
        if self.writer is None or self.writer.read_only:
            return
        self.writer.changed()
        if self._draft_retry is None:  # a retry is due anyway: it saves the newest text
            self._flush_draft()

    def _flush_draft(self, *, wait: float = 0) -> None:
        """Save the draft without waiting for a lock; if refused, say so and try again soon."""
        self._draft_retry = None
        if self.writer is None:
            return
        item = self.item
        why = self.writer.save_draft(
            Draft(self.typed, item.id if item else None, self.speaker), wait=wait
        )
        if why is None:
            return
        self._status(why)
        if why:
            self._draft_retry = self.set_timer(DRAFT_RETRY, self._flush_draft)
