"""The live record's two panes: the session at a glance on the left, the item's record and the
line on the right. They show what the screen hands them; the screen does the rest."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from agendas.model import AgendaItem
from agendas.rules import CLOSED_MARK, closed_item_mark, item_title
from meeting.dates import format_time, to_tokyo
from meeting.errors import InputError
from meeting.model import AgendaNumbering, Member, Sitting
from meeting.quorum import QuorumState
from meeting.sessions import sitting_label
from meeting.widgets.line_input import LineInput
from meeting.widgets.panels import AgendaList, QuorumBox
from meeting.widgets.record import RecordView
from meeting.widgets.safe import line, plain
from meeting.widgets.speaker_keys import ABSENT, FUNCTION_KEYS, STAFF_FUNCTION_KEYS, key_label

PLACEHOLDER = "発言を入力して Enter（Esc で発言者、Tab で前の発言者）"


class SessionSide(Vertical):
    """The sitting, the agenda with the current item, the quorum, and the speakers' keys."""

    def compose(self) -> ComposeResult:
        yield Label("", id="live-sitting", classes="pane-title")
        yield AgendaList(id="live-agenda")
        yield QuorumBox(id="live-quorum")
        yield Static("", id="live-keys")

    def show_sitting(self, sitting: Sitting | None, *, public: bool) -> None:
        when = (
            f"{sitting_label(sitting.ordinal)}  {format_time(to_tokyo(sitting.starts_at).time())}～"
            if sitting
            else ""
        )
        closed = "" if public else f"  {CLOSED_MARK}（非公開の会議）"
        self.query_one("#live-sitting", Label).update(plain(when + closed))

    def show_agenda(
        self,
        items: Sequence[AgendaItem],
        current: AgendaItem | None,
        numbering: AgendaNumbering = AgendaNumbering.NESTED,
    ) -> None:
        self.query_one(AgendaList).show_items(
            items, current_id=current.id if current else None, numbering=numbering
        )

    def show_quorum(self, state: QuorumState, note: str) -> None:
        self.query_one(QuorumBox).show(state, note)

    def show_quorum_error(self, error: InputError) -> None:
        self.query_one(QuorumBox).show_error(error)

    def show_keys(self, members: Sequence[Member], absent: frozenset[int] = frozenset()) -> None:
        keys = [
            f"{key_label(k)} {m.title}{ABSENT if m.id in absent else ''}"
            for k, m in zip(FUNCTION_KEYS, members, strict=False)
        ]
        keys += [f"{k.upper()} {label}" for k, (_, label) in STAFF_FUNCTION_KEYS.items()]
        self.query_one("#live-keys", Static).update(plain("\n".join(keys)))


class LinePane(Vertical):
    """The current item, its record as it grows, what went wrong, the speaker, and the line."""

    def compose(self) -> ComposeResult:
        yield Label("", id="live-item", classes="pane-title")
        yield RecordView(id="live-record")
        yield Label("", id="live-status", markup=False)
        yield Label("", id="live-speaker")
        yield LineInput(id="line", placeholder=PLACEHOLDER)

    @property
    def line(self) -> LineInput:
        return self.query_one("#line", LineInput)

    def show_item(self, item: AgendaItem | None) -> None:
        title = item_title(item) if item else "（議題なし）"
        if item and not item.public:
            title = f"{closed_item_mark(item)} {title}"
        self.query_one("#live-item", Label).update(line(title))

    def show_record(self, lines: list[str]) -> None:
        self.query_one(RecordView).show(lines)

    def show_speaker(self, text: str) -> None:
        self.query_one("#live-speaker", Label).update(plain(text))

    def say(self, text: str) -> None:
        """What the clerk must know now (the database said no, the record is read-only)."""
        status = self.query_one("#live-status", Label)
        status.update(text)
        status.display = bool(text)
