"""What the live record holds and shows: the state every part of ``LiveScreen`` shares.

``LiveScreen`` joins the parts in ``live_*.py`` (the hold and the draft, entering lines,
speakers, narrations and decisions, moving through the session); each stands on this class,
which keeps the session's state and draws it, and names what the parts call in each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agendas.model import AgendaItem
from agendas.rules import CLOSED_MARK
from meeting.dates import format_time, to_tokyo
from meeting.errors import InputError
from meeting.model import AgendaNumbering, Member, Session, Sitting
from meeting.quorum import QuorumState
from meeting.screens.base import AppScreen
from meeting.widgets.live_panes import LinePane, SessionSide
from minutes.labels import SpeakerLabels, decision_line
from minutes.model import Utterance
from minutes.roll import absent_members, quorum_for
from minutes.speakers import Speaker
from minutes.store import decisions, item_utterances
from minutes.writing import RecordWriter

if TYPE_CHECKING:
    from textual.timer import Timer

ENTER_WAIT = 0.5
"""Seconds Enter waits for another program's lock before it says so and keeps the line."""


class LiveView(AppScreen):
    """The session's members, agenda and speakers as this screen has them, and their panes."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.members: list[Member] = []
        self.absent: frozenset[int] = frozenset()
        """Members the sitting's roll call has as absent: marked beside their keys."""
        self.items: list[AgendaItem] = []
        self.numbering = AgendaNumbering.NESTED
        """How the council numbers its agenda (read on mount)."""
        self.item_index = 0
        self.sitting_index = 0
        self.speaker: Speaker | None = None
        self.previous: Speaker | None = None
        self.labels: list[str] = []
        self.state: QuorumState | None = None
        self.record_lines: list[str] = []
        self.tags = SpeakerLabels([], anonymised=False, load_letters=dict)
        """How speakers are named on this screen (set on mount, once the roster is read)."""
        self.writer: RecordWriter | None = None
        """This instance's hold on the record, and its draft (set on mount)."""
        self.typed = ""
        """What the line holds, kept here as well: the draft is saved after the line is gone."""
        self._draft_retry: Timer | None = None
        self._watch: Timer | None = None
        self.last_entered: int | None = None
        """The line this screen entered last: ctrl+z takes it back into the line."""

    if TYPE_CHECKING:  # what the parts call in each other (LiveScreen joins them)

        def enter(self, text: str, *, narration: bool = False, continues: bool = False) -> bool:
            """In ``live_enter``."""

        def _note_entry(self, item: AgendaItem, narration: str) -> None:
            """In ``live_notes``."""

        def action_narration(self) -> None:
            """In ``live_notes``."""

        def set_speaker(self, speaker: Speaker) -> None:
            """In ``live_speakers``."""

        def _save_draft(self) -> None:
            """In ``live_hold``."""

    @property
    def item(self) -> AgendaItem | None:
        return self.items[self.item_index] if self.items else None

    @property
    def sitting(self) -> Sitting | None:
        sittings = self.session.active_sittings
        return sittings[self.sitting_index] if sittings else None

    @property
    def read_only(self) -> bool:
        """Another instance holds the record: this one shows it and cannot write."""
        return self.writer is not None and self.writer.read_only

    @property
    def draft_unsaved(self) -> bool:
        """The line changed and the database has not taken the draft yet."""
        return self.writer is not None and self.writer.draft_unsaved

    @property
    def side(self) -> SessionSide:
        return self.query_one(SessionSide)

    @property
    def pane(self) -> LinePane:
        return self.query_one(LinePane)

    def _status(self, text: str) -> None:
        for pane in self.query(LinePane).results():  # none once the screen closes
            pane.say(text)

    def _focus_line(self) -> None:
        self.pane.line.focus()

    # What is shown

    def refresh_all(self) -> None:
        self.refresh_agenda()
        self.refresh_record()
        self.refresh_quorum()
        self.refresh_speaker()

    def refresh_agenda(self) -> None:
        self.side.show_sitting(self.sitting, public=self.session.public)
        self.side.show_agenda(self.items, self.item, self.numbering)
        self.pane.show_item(self.item)

    def refresh_record(self) -> None:
        """The current item's record, re-wrapped to the width, newest line in sight."""
        item = self.item
        db = self.db
        self.tags.reload()
        self.record_lines = [
            self.line_text(line)
            for line in item_utterances(db, self.session.id, item.id if item else None)
        ]
        self.record_lines += [
            decision_line(d)
            for d in decisions(db, self.session.id)
            if item and d.agenda_item_id == item.id
        ]
        self._show_record()

    def _show_record(self) -> None:
        self.pane.show_record(self.record_lines)

    def line_text(self, line: Utterance) -> str:
        """A line as the record shows it; 【非公開】 on a line closed by itself (a closed item
        is marked in its title instead)."""
        return self.tags.line_text(line, mark="" if line.public else CLOSED_MARK)

    def refresh_quorum(self) -> None:
        now = self.now()
        self.absent = absent_members(self.db, self.sitting.id) if self.sitting else frozenset()
        try:
            self.state = quorum_for(
                self.db,
                self.session.id,
                now,
                sitting_id=self.sitting.id if self.sitting else None,
                agenda_item_id=self.item.id if self.item else None,
            )
        except InputError as error:
            self.side.show_quorum_error(error)
            return
        self.side.show_quorum(self.state, f"{format_time(to_tokyo(now).time())} 現在")

    def refresh_speaker(self) -> None:
        tag = self.tags.tag
        speaker = f"発言者: {tag(self.speaker)}" if self.speaker else "発言者: （Esc で選ぶ）"
        before = f"　Tab → {tag(self.previous)}" if self.previous else ""
        self.pane.show_speaker(speaker + before)
        self.side.show_keys(self.members, self.absent)
