"""The live record: the screen the clerk types in for two hours.

The line is saved with Enter in its own transaction; what is typed but not entered is saved as
a draft on every change, so a crash loses neither. Speakers are one key away; so are the next
item, a narration and the decision.

The database may say no — another program holds the lock, the disk is full, the file turned
read-only. Typing never waits for it: a draft is saved without waiting and retried until it
goes in; Enter waits a moment, then says what happened and keeps the line for the next Enter.
One app instance holds a session's record; another opens it read-only. Both rules live in
``minutes.writing``; this screen shows what they say.

The screen is joined from parts of one purpose each, every one standing on ``LiveView`` (the
state and what is shown): ``live_hold`` (who writes, the draft), ``live_enter`` (Enter, ctrl+y,
ctrl+z, a pasted block), ``live_speakers``, ``live_notes`` (narration, decision, the
recording's start) and ``live_moves`` (items, sittings, the lines screen, search). Here are its
keys, its layout and its start.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header

from agendas.store import agenda
from meeting.model import SpeakerNames
from meeting.screens.dialogs import HelpScreen
from meeting.screens.live_enter import LineEntry
from meeting.screens.live_hold import DRAFT_RETRY, WRITING_ACTIONS, RecordHold
from meeting.screens.live_moves import SessionMoves
from meeting.screens.live_notes import RecordNotes
from meeting.screens.live_speakers import SpeakerKeys
from meeting.screens.live_view import ENTER_WAIT
from meeting.sessions import session_name
from meeting.store import get_council, speaker_names_of
from meeting.widgets.footer import Footer
from meeting.widgets.live_panes import LinePane, SessionSide
from meeting.widgets.speaker_keys import FUNCTION_KEYS, STAFF_FUNCTION_KEYS
from minutes.holds import HEARTBEAT_SECONDS
from minutes.labels import SpeakerLabels
from minutes.roll import members_for
from minutes.store import free_labels, latest_item_id
from minutes.timing import index_of, resume_index
from minutes.utterances import letters, load_draft
from minutes.writing import RecordWriter

__all__ = ["DRAFT_RETRY", "ENTER_WAIT", "WRITING_ACTIONS", "LiveScreen"]


class LiveScreen(RecordHold, LineEntry, SpeakerKeys, RecordNotes, SessionMoves):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="live.help"),
        *[
            Binding(key, f"member({n})", show=False, priority=True, id=f"live.member-{n + 1}")
            for n, key in enumerate(FUNCTION_KEYS)
        ],
        *[
            Binding(
                key, f"staff('{kind.value}')", show=False, priority=True, id=f"live.{kind.value}"
            )
            for key, (kind, _) in STAFF_FUNCTION_KEYS.items()
        ],
        Binding("tab", "previous_speaker", "前の発言者", priority=True, id="live.previous-speaker"),
        Binding("escape", "pick_speaker", "発言者", priority=True, id="live.pick-speaker"),
        Binding(
            "ctrl+y",
            "continue_turn",
            "段落を続ける",
            priority=True,
            id="live.continue-turn",
            tooltip="入力した文を、直前の発言者の同じ発言の新しい段落として記録します",
        ),
        Binding(
            "ctrl+z",
            "undo",
            "元に戻す",
            priority=True,
            id="live.undo",
            tooltip="最後に記録した行を記録から外し、入力欄に戻します",
        ),
        Binding("ctrl+l", "narration", "ト書き", priority=True, id="live.narration"),
        Binding("ctrl+n", "item(1)", "次の議題", priority=True, id="live.next-item"),
        Binding("ctrl+b", "item(-1)", "前の議題", priority=True, id="live.previous-item"),
        Binding("ctrl+t", "sitting", "次の日程", priority=True, id="live.next-sitting"),
        Binding("ctrl+o", "decision", "決定", priority=True, id="live.decision"),
        Binding("ctrl+r", "lines", "記録を直す", priority=True, id="live.lines"),
        Binding(
            "ctrl+f",
            "search",
            "検索",
            priority=True,
            show=False,  # in F1's help: the footer keeps the keys of every minute
            id="live.search",
            tooltip="この会議の中を検索し、見つかった行を開きます",
        ),
        Binding("ctrl+g", "take_over", "記録を引き継ぐ", priority=True, id="live.take-over"),
        Binding(
            "ctrl+k",
            "mark_recording",
            "録音開始",
            priority=True,
            show=False,  # in F1's help: the footer keeps the keys of every minute
            id="live.mark-recording",
            tooltip="今の時刻を、この日程の録音を始めた時刻として記録します",
        ),
        Binding("ctrl+x", "leave", "閉じる", priority=True, id="live.leave", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="live"):
            yield SessionSide(id="live-side")
            yield LinePane(id="live-main")
        yield Footer()

    def on_mount(self) -> None:
        db, session_id = self.db, self.session.id
        self.title = session_name(self.session)
        self.members = members_for(db, self.session)
        self.tags = SpeakerLabels(
            self.members,
            anonymised=speaker_names_of(db, self.session) is SpeakerNames.ANONYMISED,
            load_letters=lambda: letters(db, session_id),
        )
        self.items = agenda(db, session_id)
        self.numbering = get_council(db, self.session.council_id).agenda_numbering
        self.labels = free_labels(db, session_id)
        self.item_index = resume_index(self.items, latest_item_id(db, session_id))
        self.writer = RecordWriter(db, session_id, self.meeting_app.holder, self.meeting_app.clock)
        self._hold()
        draft = None if self.read_only else load_draft(db, session_id)
        if draft is not None:
            self.pane.line.value = draft.text
            self.speaker = draft.speaker
            self.item_index = index_of(self.items, draft.agenda_item_id, default=self.item_index)
            if draft.text:
                self.notify("入力途中の行を戻しました", timeout=5)
        self.refresh_all()
        self.pane.line.focus()
        self.set_interval(5, self.refresh_quorum)
        self.set_interval(HEARTBEAT_SECONDS, self._heartbeat)

    def action_leave(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
