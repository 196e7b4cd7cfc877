"""The sitting's recording: play it from the selected line, or set its file and start time."""

from __future__ import annotations

from meeting.errors import InputError
from meeting.screens.lines_view import LinesView
from meeting.screens.recording_form import RecordingForm
from minutes.recording import Attached, NoRecording, play_line, sitting_of


class LineRecording(LinesView):
    """r plays what was said around the line; shift+r says where the recording is."""

    def action_play_recording(self) -> None:
        line = self.selected()
        if line is None:
            return
        try:
            played = play_line(self.db, self.session, line)
        except NoRecording as error:
            self.notify(f"{error.message}（shift+r）", title=error.field, severity="warning")
            return
        except InputError as error:
            self.notify(error.message, title=error.field, severity="error", timeout=10)
            return
        self.notify(played.message)

    def action_set_recording(self) -> None:
        try:
            item_sitting = self.item.sitting_id if self.item else None
            sitting = sitting_of(self.session, self.selected(), item_sitting)
        except InputError as error:
            self.notify(error.message, title=error.field, severity="warning")
            return

        def attached(done: Attached | None) -> None:
            if done is not None:
                self.notify(done.message)

        self.app.push_screen(RecordingForm(sitting), attached)
