"""Speakers: a function key a member, one a staff role, Tab the one before, Esc the picker.

The speaker tags every line entered until another is chosen; choosing one also saves the
draft, so a crash brings back the line with its speaker.
"""

from __future__ import annotations

from meeting.screens.live_view import LiveView
from meeting.screens.speaking import ask_speaker
from meeting.widgets.speaker_keys import FUNCTION_KEYS, key_label
from minutes.model import SpeakerKind
from minutes.speakers import Speaker


class SpeakerKeys(LiveView):
    """Who speaks: chosen by key or from the picker, an absent member named as such."""

    def set_speaker(self, speaker: Speaker) -> None:
        if speaker.member_id in self.absent:
            member = next(m for m in self.members if m.id == speaker.member_id)
            self.notify(
                f"{member.title}は欠席と記録されています（出欠は会議の画面で直せます）",
                title="発言者",
                severity="warning",
            )
        if speaker != self.speaker:
            self.previous, self.speaker = self.speaker, speaker
        self.refresh_speaker()
        self._save_draft()

    def action_member(self, index: int) -> None:
        if index < len(self.members):
            self.set_speaker(Speaker(SpeakerKind.MEMBER, self.members[index].id))
        else:
            self.notify(f"{key_label(FUNCTION_KEYS[index])} の委員はいません", severity="warning")

    def action_staff(self, kind: str) -> None:
        self.set_speaker(Speaker(SpeakerKind(kind)))

    def action_previous_speaker(self) -> None:
        if self.previous is not None:
            self.set_speaker(self.previous)

    def action_pick_speaker(self) -> None:
        ask_speaker(
            self,
            self.members,
            self.labels,
            absent=self.absent,
            chosen=self.set_speaker,
            narration=self.action_narration,
            closed=self._focus_line,
        )
