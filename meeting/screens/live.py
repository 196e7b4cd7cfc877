"""The live record: the screen the clerk types in for two hours.

The line is saved with Enter in its own transaction; what is typed but not entered is saved as
a draft on every change, so a crash loses neither. Speakers are one key away; so are the next
item, a narration and the decision.

The database may say no — another program holds the lock, the disk is full, the file turned
read-only. Typing never waits for it: a draft is saved without waiting and retried until it
goes in; Enter waits a moment, then says what happened and keeps the line for the next Enter.
One app instance holds a session's record; another opens it read-only. Both rules live in
``minutes.writing``; this screen shows what they say.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Input

from agendas.model import AgendaItem
from agendas.rules import CLOSED_MARK
from agendas.store import agenda
from meeting.dates import format_time, to_tokyo
from meeting.db_errors import database_trouble
from meeting.errors import InputError
from meeting.model import AgendaNumbering, Member, Session, Sitting, SpeakerNames
from meeting.quorum import QuorumState
from meeting.screens.base import AppScreen
from meeting.screens.decision import DecisionForm
from meeting.screens.dialogs import ChoiceDialog, ConfirmDialog, HelpScreen
from meeting.screens.speaking import ask_narration, ask_speaker
from meeting.sessions import session_name
from meeting.store import get_council, speaker_names_of
from meeting.widgets.footer import Footer
from meeting.widgets.line_input import LineInput
from meeting.widgets.live_panes import LinePane, SessionSide
from meeting.widgets.speaker_keys import FUNCTION_KEYS, STAFF_FUNCTION_KEYS, key_label
from minutes.entries import note_entry
from minutes.holds import HEARTBEAT_SECONDS
from minutes.labels import SpeakerLabels, decision_line, speaker_of
from minutes.line_order import opening_waits, take_back
from minutes.model import Decision, SpeakerKind, Utterance, UtteranceKind
from minutes.recording import mark_recording_start, moment_text, recording_of, start_text
from minutes.roll import absent_members, members_for, quorum_for
from minutes.search import Hit
from minutes.speakers import Speaker
from minutes.store import decisions, free_labels, item_utterances, latest_item_id
from minutes.timing import first_item_of, index_of, resume_index
from minutes.utterances import Draft, enter_line, letters, load_draft
from minutes.writing import RecordWriter

if TYPE_CHECKING:
    from textual.timer import Timer

ENTER_WAIT = 0.5
"""Seconds Enter waits for another program's lock before it says so and keeps the line."""
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


class LiveScreen(AppScreen):
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

    # Who writes the record

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

    def _status(self, text: str) -> None:
        for pane in self.query(LinePane).results():  # none once the screen closes
            pane.say(text)

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

    # Typing

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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "line":
            return
        event.stop()
        self.enter(event.value)

    def action_continue_turn(self) -> None:
        """The typed text as a new paragraph of the last speaker's turn: one label a turn."""
        if not self.pane.line.value.strip():
            self.notify("続きの段落の文を入力してから ctrl+y を押してください", severity="warning")
            return
        self.enter(self.pane.line.value, continues=True)

    def enter(self, text: str, *, narration: bool = False, continues: bool = False) -> bool:
        if self.read_only or self.writer is None:
            self.notify("閲覧のみで開いています（ctrl+g で引き継ぐ）", severity="warning")
            return False
        item = self.item
        waiting = opening_waits(self.db, self.session.id)
        try:
            line = enter_line(
                self.db,
                self.session.id,
                text,
                at=self.now(),
                agenda_item_id=item.id if item else None,
                speaker=None if narration else self.speaker,
                narration=narration,
                sitting_id=self.sitting.id if self.sitting else None,
                wait=ENTER_WAIT,
                continues=continues,
            )
        except InputError as error:
            self.notify(error.message, title=error.field, severity="error")
            return False
        except sqlite3.Error as error:
            what = "ト書き" if narration else "入力した文は入力欄に残っています"
            message = f"{database_trouble(error)}。記録できませんでした（{what}）。Enter で再試行"
            self._status(message)
            self.notify(message, title="記録できません", severity="error", timeout=8)
            return False
        if line is None:
            return False
        self.last_entered = line.id
        if not narration:
            self.pane.line.value = ""
            self.writer.entered()  # the draft was cleared with the line, in one transaction
        if continues:
            self.set_speaker(speaker_of(line))
        self._status("")
        if waiting:  # placed before the chair's opening: the record reads in its new order
            self.refresh_record()
        else:
            self.record_lines.append(self.line_text(line))
            self._show_record()
        if narration and item:
            self._note_entry(item, text)
        return True

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

    def action_undo(self) -> None:
        """The line entered last leaves the record (its history keeps it) and comes back to
        the line, with its speaker, to be typed again."""
        field = self.pane.line
        if self.last_entered is None:
            self.notify("この画面で記録した行がありません（記録を直す画面で消せます）")
            return
        if field.value.strip():
            self.notify("入力欄を空にしてから ctrl+z を押してください", severity="warning")
            return
        try:
            line = take_back(self.db, self.session.id, self.last_entered, at=self.now())
        except InputError as error:
            self.notify(error.message, title=error.field, severity="warning")
            return
        self.last_entered = None
        self.item_index = index_of(self.items, line.agenda_item_id, default=self.item_index)
        if line.kind is UtteranceKind.NARRATION:
            self.notify(f"ト書き「{line.text}」を記録から外しました")
        else:
            self.set_speaker(speaker_of(line))
            field.value = line.text
            field.cursor_position = len(line.text)
            again = "ctrl+y で続きの段落として" if line.continues else "Enter で"
            self.notify(f"最後の行を入力欄に戻しました（{again}もう一度記録）")
        self.refresh_agenda()
        self.refresh_record()
        field.focus()

    def on_line_input_block_pasted(self, event: LineInput.BlockPasted) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]

        def chosen(choice: object) -> None:
            field = self.pane.line
            if choice == "split":
                for line in lines:
                    if not self.enter(line):
                        break
            elif choice == "join":
                field.insert_text_at_cursor("".join(lines))

        self.app.push_screen(
            ChoiceDialog(
                f"貼り付けた{len(lines)}行",
                [
                    (f"{len(lines)}行を別々の発言として記録する（発言者は今の発言者）", "split"),
                    ("1行につなげて入力欄に入れる", "join"),
                ],
            ),
            chosen,
        )

    # Speakers

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

    def action_narration(self) -> None:
        ask_narration(
            self,
            self.session.council_id,
            enter=lambda text: self.enter(text, narration=True),
            closed=self._focus_line,
        )

    def _focus_line(self) -> None:
        self.pane.line.focus()

    # Moving through the session

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

    def action_lines(self) -> None:
        def back() -> None:
            self.refresh_record()
            self.pane.line.focus()

        self.meeting_app.open_lines(self.session, self.item, self.members, then=back)

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

    def action_leave(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
