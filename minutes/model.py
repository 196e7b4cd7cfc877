"""The record of a session as plain values: who attended, who said what, what was decided."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from agendas.model import Outcome


class SpeakerKind(StrEnum):
    MEMBER = "member"
    SECRETARIAT = "secretariat"
    AGENCY = "agency"
    OBSERVER = "observer"
    ALL_MEMBERS = "all_members"
    OTHER = "other"


class UtteranceKind(StrEnum):
    SPEECH = "speech"
    NARRATION = "narration"


@dataclass(frozen=True)
class Utterance:
    id: int
    session_id: int
    agenda_item_id: int | None
    position: int
    kind: UtteranceKind
    speaker_kind: SpeakerKind | None
    member_id: int | None
    speaker_label: str
    """How the speaker is named when not a member (事務局, 実施機関, a free label)."""
    text: str
    spoken_at: datetime
    public: bool = True
    """False when the line itself is closed (非公開); its item or session may close it too."""
    sitting_id: int | None = None
    """The sitting (1日目, 2日目…) the line was entered in, when known."""
    continues: bool = False
    """A new paragraph of the previous line's speaker: the documents print one label a turn."""


@dataclass(frozen=True)
class Decision:
    id: int
    agenda_item_id: int
    outcome: Outcome
    decided_at: datetime
    narration: str
    quorum_present: int
    quorum_needed: int
    present_names: tuple[str, ...]
    """Who was counted present when the decision was taken."""
    override_reason: str = ""
    """Why it was recorded although the quorum did not stand; the minutes say so."""

    @property
    def without_quorum(self) -> bool:
        return self.quorum_present < self.quorum_needed
