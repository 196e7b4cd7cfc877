"""Attach a sitting's audio recording: the file and the moment the recorder started.

The lines screen opens this (録音を設定); attaching again replaces the sitting's recording.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from meeting.dates import format_date, to_tokyo
from meeting.model import Sitting
from meeting.screens.base import FormScreen, text_field
from meeting.sessions import sitting_label
from meeting.widgets.safe import plain
from minutes.recording import FILE, START, Attached, attach_recording, recording_of, start_text


class RecordingForm(FormScreen[Attached | None]):
    FIELDS = {FILE: "recording-file", START: "recording-start"}

    def __init__(self, sitting: Sitting) -> None:
        super().__init__()
        self.sitting = sitting

    def heading(self) -> str:
        day = format_date(to_tokyo(self.sitting.starts_at).date())
        return f"録音を設定 — {sitting_label(self.sitting.ordinal)}（{day}）"

    def fields(self) -> ComposeResult:
        found = recording_of(self.db, self.sitting.id)
        yield text_field(
            "録音ファイル",
            found.path if found else "",
            "recording-file",
            "例: D:\\録音\\第2回.mp3",
        )
        yield text_field(
            "録音の開始時刻", start_text(found), "recording-start", "例: 9:58、9:58:30"
        )
        yield Static(
            plain(
                "録音機の録音を始めた時刻（秒まで）。行の時刻との差で再生位置を決めます。"
                + ("\n保存すると、今の設定を置き換えます。" if found else "")
            )
        )

    def save(self) -> Attached:
        return attach_recording(
            self.db,
            self.sitting,
            self.value("recording-file"),
            self.value("recording-start"),
            now=self.now(),
        )
