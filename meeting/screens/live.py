"""The live record: the screen the clerk types in for two hours.

The line is saved with Enter in its own transaction; what is typed but not entered is saved as
a draft on every change, so a crash loses neither. Speakers are one key away; so are the next
item, a narration and the decision.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Static

from agendas.model import AgendaItem
from agendas.rules import item_title
from agendas.store import agenda
from meeting.dates import format_time, to_tokyo
from meeting.errors import InputError
from meeting.model import Member, Role, Session, Sitting, SpeakerNames
from meeting.quorum import QuorumState
from meeting.screens.base import AppScreen
from meeting.screens.decision import DecisionForm
from meeting.screens.dialogs import AskDialog, ChoiceDialog, HelpScreen
from meeting.screens.speakers import (
    FUNCTION_KEYS,
    STAFF_FUNCTION_KEYS,
    Choice,
    LineInput,
    SpeakerPicker,
    narration_choices,
    speaker_choices,
)
from meeting.sessions import session_name, sitting_label
from meeting.store import speaker_names_of
from meeting.widgets.panels import AgendaList, QuorumBox
from minutes.model import Decision, SpeakerKind, Utterance, UtteranceKind
from minutes.opinions import add_narration, narrations
from minutes.record import Draft, enter_line, letters, load_draft, save_draft
from minutes.roll import ENTRY_WORDS, members_for, note_agency_entry, quorum_for
from minutes.speakers import Speaker, speaker_tag, surname
from minutes.store import decisions, free_labels, item_utterances, latest_item_id

if TYPE_CHECKING:
    pass


class LiveScreen(AppScreen):
    BINDINGS = [
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
        Binding("ctrl+l", "narration", "ト書き", priority=True, id="live.narration"),
        Binding("ctrl+n", "item(1)", "次の議題", priority=True, id="live.next-item"),
        Binding("ctrl+b", "item(-1)", "前の議題", priority=True, id="live.previous-item"),
        Binding("ctrl+t", "sitting", "次の日程", priority=True, id="live.next-sitting"),
        Binding("ctrl+o", "decision", "決定", priority=True, id="live.decision"),
        Binding("ctrl+r", "lines", "記録を直す", priority=True, id="live.lines"),
        Binding("ctrl+x", "leave", "閉じる", priority=True, id="live.leave", show=False),
        Binding("f1", "help", "ヘルプ", id="live.help"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.members: list[Member] = []
        self.items: list[AgendaItem] = []
        self.item_index = 0
        self.sitting_index = 0
        self.speaker: Speaker | None = None
        self.previous: Speaker | None = None
        self.labels: list[str] = []
        self.state: QuorumState | None = None
        self.anonymised = False
        self.record_lines: list[str] = []
        self.letter_map: dict[int, str] = {}
        """Speaker letters of the session, read once per redraw (anonymised records only)."""

    @property
    def item(self) -> AgendaItem | None:
        return self.items[self.item_index] if self.items else None

    @property
    def sitting(self) -> Sitting | None:
        sittings = self.session.active_sittings
        return sittings[self.sitting_index] if sittings else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="live"):
            with Vertical(id="live-side"):
                yield Label("", id="live-sitting", classes="pane-title")
                yield AgendaList(id="live-agenda")
                yield QuorumBox(id="live-quorum")
                yield Static("", id="live-keys")
            with Vertical(id="live-main"):
                yield Label("", id="live-item", classes="pane-title")
                with VerticalScroll(id="live-record"):
                    yield Static("", id="live-record-text", markup=False)
                yield Label("", id="live-speaker")
                yield LineInput(
                    id="line", placeholder="発言を入力して Enter（Esc で発言者、Tab で前の発言者）"
                )
        yield Footer()

    def on_mount(self) -> None:
        db = self.meeting.db
        self.title = session_name(self.session)
        self.anonymised = speaker_names_of(db, self.session) is SpeakerNames.ANONYMISED
        self.members = members_for(db, self.session)
        self.items = agenda(db, self.session.id)
        self.labels = free_labels(db, self.session.id)
        self.item_index = self._resume_index()
        draft = load_draft(db, self.session.id)
        if draft is not None:
            self.query_one("#line", LineInput).value = draft.text
            self.speaker = draft.speaker
            if draft.agenda_item_id in [i.id for i in self.items]:
                self.item_index = [i.id for i in self.items].index(draft.agenda_item_id)
            if draft.text:
                self.notify("入力途中の行を戻しました", timeout=5)
        self.refresh_all()
        self.query_one("#line", LineInput).focus()
        self.set_interval(5, self.refresh_quorum)

    def _resume_index(self) -> int:
        """Resume at the item of the last line entered."""
        ids = [i.id for i in self.items]
        latest = latest_item_id(self.meeting.db, self.session.id)
        return ids.index(latest) if latest in ids else 0

    # What is shown

    def refresh_all(self) -> None:
        self.refresh_agenda()
        self.refresh_record()
        self.refresh_quorum()
        self.refresh_speaker()

    def refresh_agenda(self) -> None:
        sitting = self.sitting
        self.query_one("#live-sitting", Label).update(
            f"{sitting_label(sitting.ordinal)}  {format_time(to_tokyo(sitting.starts_at).time())}～"
            if sitting
            else ""
        )
        current = self.item
        self.query_one("#live-agenda", AgendaList).show(
            self.items, current_id=current.id if current else None
        )
        self.query_one("#live-item", Label).update(
            item_title(current) if current else "（議題なし）"
        )

    def refresh_record(self) -> None:
        """The current item's record, re-wrapped to the width, newest line in sight."""
        item = self.item
        db = self.meeting.db
        self.letter_map = letters(db, self.session.id) if self.anonymised else {}
        self.record_lines = [
            self.line_text(line)
            for line in item_utterances(db, self.session.id, item.id if item else None)
        ]
        self.record_lines += [
            _decision_line(d)
            for d in decisions(db, self.session.id)
            if item and d.agenda_item_id == item.id
        ]
        self._show_record()

    def _show_record(self) -> None:
        self.query_one("#live-record-text", Static).update("\n".join(self.record_lines))
        self.query_one("#live-record", VerticalScroll).scroll_end(animate=False)

    def line_text(self, line: Utterance) -> str:
        if line.kind is UtteranceKind.NARRATION:
            return f"　　{line.text}"
        speaker = Speaker(
            line.speaker_kind or SpeakerKind.OTHER, line.member_id, line.speaker_label
        )
        return f"{self.tag(speaker)}：{line.text}"

    def tag(self, speaker: Speaker) -> str:
        """The named tag; in an anonymised record, the letter first and the name beside it."""
        member = next((m for m in self.members if m.id == speaker.member_id), None)
        named = speaker_tag(speaker, member, anonymised=False)
        if not self.anonymised or member is None:
            return named
        if member.role is not Role.CHAIR and member.id not in self.letter_map:
            # a first speaker got a letter since the last look
            self.letter_map = letters(self.meeting.db, self.session.id)
        letter = self.letter_map.get(member.id)
        anonymous = speaker_tag(speaker, member, anonymised=True, letter=letter)
        return anonymous if anonymous == named else f"{anonymous}（{surname(member.name)}）"

    def refresh_quorum(self) -> None:
        widget = self.query_one("#live-quorum", QuorumBox)
        now = self.meeting.clock()
        try:
            self.state = quorum_for(
                self.meeting.db,
                self.session.id,
                now,
                sitting_id=self.sitting.id if self.sitting else None,
                agenda_item_id=self.item.id if self.item else None,
            )
        except InputError as error:
            widget.show_error(error)
            return
        widget.show(self.state, f"{format_time(to_tokyo(now).time())} 現在")

    def refresh_speaker(self) -> None:
        speaker = f"発言者: {self.tag(self.speaker)}" if self.speaker else "発言者: （Esc で選ぶ）"
        before = f"　Tab → {self.tag(self.previous)}" if self.previous else ""
        self.query_one("#live-speaker", Label).update(speaker + before)
        keys = [f"{k.upper()} {m.title}" for k, m in zip(FUNCTION_KEYS, self.members, strict=False)]
        keys += [f"{k.upper()} {label}" for k, (_, label) in STAFF_FUNCTION_KEYS.items()]
        self.query_one("#live-keys", Static).update("\n".join(keys))

    # Typing

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "line":
            self._save_draft(event.value)

    def _save_draft(self, text: str) -> None:
        item = self.item
        draft = Draft(text, item.id if item else None, self.speaker)
        save_draft(self.meeting.db, self.session.id, draft, at=self.meeting.clock())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "line":
            return
        event.stop()
        self.enter(event.value)

    def enter(self, text: str, *, narration: bool = False) -> bool:
        item = self.item
        try:
            line = enter_line(
                self.meeting.db,
                self.session.id,
                text,
                at=self.meeting.clock(),
                agenda_item_id=item.id if item else None,
                speaker=None if narration else self.speaker,
                narration=narration,
                sitting_id=self.sitting.id if self.sitting else None,
            )
        except InputError as error:
            self.notify(error.message, title=error.field, severity="error")
            return False
        if line is None:
            return False
        if narration and item and any(word in text for word in ENTRY_WORDS):
            staff = note_agency_entry(self.meeting.db, self.session.id, item.id)
            if staff:
                self.notify("この議題の出席: " + "、".join(o.name for o in staff))
        if not narration:
            field = self.query_one("#line", LineInput)
            field.value = ""
        self.record_lines.append(self.line_text(line))
        self._show_record()
        return True

    def on_line_input_block_pasted(self, event: LineInput.BlockPasted) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]

        def chosen(choice: object) -> None:
            field = self.query_one("#line", LineInput)
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
        if speaker != self.speaker:
            self.previous, self.speaker = self.speaker, speaker
        self.refresh_speaker()
        self._save_draft(self.query_one("#line", LineInput).value)

    def action_member(self, index: int) -> None:
        if index < len(self.members):
            self.set_speaker(Speaker(SpeakerKind.MEMBER, self.members[index].id))
        else:
            self.notify(f"F{index + 2} の委員はいません", severity="warning")

    def action_staff(self, kind: str) -> None:
        self.set_speaker(Speaker(SpeakerKind(kind)))

    def action_previous_speaker(self) -> None:
        if self.previous is not None:
            self.set_speaker(self.previous)

    def action_pick_speaker(self) -> None:
        def chosen(choice: Choice | None) -> None:
            self.query_one("#line", LineInput).focus()
            if choice is None:
                return
            if choice.speaker is not None:
                self.set_speaker(choice.speaker)
            elif choice.key == "t":
                self.app.push_screen(
                    AskDialog(
                        "その他の発言者", "発言者の名前（例: 参考人）", "", lambda t: t.strip()
                    ),
                    self._free_label,
                )
            elif choice.key == "n":
                self.action_narration()

        self.app.push_screen(SpeakerPicker(speaker_choices(self.members, self.labels)), chosen)

    def _free_label(self, label: str | None) -> None:
        if label:
            if label not in self.labels:
                self.labels.append(label)
            self.set_speaker(Speaker(SpeakerKind.OTHER, label=label))

    def action_narration(self) -> None:
        council_id = self.session.council_id
        choices = narration_choices(narrations(self.meeting.db, council_id))

        def new(text: str | None) -> None:
            if text:
                add_narration(self.meeting.db, council_id, text)
                self.enter(text, narration=True)

        def picked(choice: Choice | None) -> None:
            self.query_one("#line", LineInput).focus()
            if choice is None:
                return
            if choice.key == "+":
                self.app.push_screen(
                    AskDialog("ト書き", "ト書きの文", "～～", lambda t: t.strip()), new
                )
            else:
                self.enter(choice.label, narration=True)

        self.app.push_screen(SpeakerPicker(choices, "ト書き（キーを一つ）"), picked)

    # Moving through the session

    def action_item(self, step: int) -> None:
        if not self.items:
            return
        self.item_index = max(0, min(len(self.items) - 1, self.item_index + step))
        self.refresh_agenda()
        self.refresh_record()
        self.refresh_quorum()
        self._save_draft(self.query_one("#line", LineInput).value)

    def action_sitting(self) -> None:
        sittings = self.session.active_sittings
        if len(sittings) < 2:
            self.notify("日程が一つの会議です", severity="warning")
            return
        self.sitting_index = (self.sitting_index + 1) % len(sittings)
        sitting_id = sittings[self.sitting_index].id
        first = next((n for n, i in enumerate(self.items) if i.sitting_id == sitting_id), None)
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
            self.query_one("#line", LineInput).focus()

        self.app.push_screen(
            DecisionForm(item, self.state, self.sitting.id if self.sitting else None), done
        )

    def action_lines(self) -> None:
        from meeting.screens.lines import LinesScreen

        item = self.item

        def back(_: object) -> None:
            self.refresh_record()
            self.query_one("#line", LineInput).focus()

        self.app.push_screen(LinesScreen(self.session, item, self.members), back)

    def action_leave(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


def _decision_line(decision: Decision) -> str:
    """The decision's stamp; its closing narration is a line of the record above it."""
    stamp = f"（出席{decision.quorum_present}名／定足数{decision.quorum_needed}名）"
    override = f"　定足数を欠く: {decision.override_reason}" if decision.override_reason else ""
    return f"　　【決定: {decision.outcome.label}】{stamp}{override}"
