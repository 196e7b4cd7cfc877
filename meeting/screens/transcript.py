"""Importing a transcript into the session's record: the file, who each label is, a preview.

The session screen opens this (``i``). The file's path is asked first; the mapping screen lists
each label of the file with its count and first line, proposed or remembered speakers filled
in, and the clerk picks who each is (Enter, then one key, as on the live screen); ctrl+s shows
what would be added, per item, and ``y`` adds it. The rules are in
:mod:`minutes.transcript_import`.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Select, Static

from agendas.rules import numbered
from meeting.errors import InputError
from meeting.model import Member, Session, Sitting
from meeting.screens.base import AppScreen, Guarded, Shell, field
from meeting.screens.dialogs import AskDialog, ConfirmDialog, HelpScreen, SpeakerPicker
from meeting.sessions import sitting_label
from meeting.store import get_council
from meeting.widgets.footer import Footer
from meeting.widgets.safe import cell, line, plain
from meeting.widgets.speaker_keys import Choice, speaker_choices
from minutes.model import SpeakerKind
from minutes.roll import members_for
from minutes.speakers import Speaker
from minutes.store import free_labels, latest_item_id
from minutes.transcript import Transcript, read_transcript
from minutes.transcript_import import (
    Placement,
    describe,
    import_transcript,
    placement,
    plan_import,
)
from minutes.transcript_labels import DROP, NARRATION, Assignment, LabelCount, Use, label_choices

BY_TIME = "time"
NO_ITEM = 0
_EXAMPLE = 36


def ask_transcript(screen: AppScreen, session: Session, sitting: Sitting | None) -> None:
    """Ask for the file, then open the mapping screen on it; say how many lines came in."""

    def opened(found: object) -> None:
        if isinstance(found, Transcript):
            screen.app.push_screen(TranscriptScreen(session, sitting, found), done)

    def done(count: int | None) -> None:
        if count:
            screen.notify(
                f"{count}行を記録に取り込みました。"
                "記録を直す画面（r の後 ctrl+r）で確かめてください",
                timeout=10,
            )

    screen.app.push_screen(
        AskDialog(
            "文字起こしの取り込み",
            "ファイルのパス（.txt .docx .vtt .srt .csv）",
            "",
            _read,
            select=False,
        ),
        opened,
    )


def _read(text: str) -> Transcript:
    raw = text.strip().strip('"')
    if not raw:
        raise InputError("ファイル", "取り込むファイルのパスを入れてください")
    try:
        return read_transcript(Path(raw).expanduser())
    except OSError as error:
        raise InputError("ファイル", f"{raw} を読めません（{error.strerror or error}）") from None


class TranscriptScreen(Guarded, Shell, ModalScreen[int | None]):
    """Who each label of the transcript is, and where its lines go; then the preview."""

    place: Placement
    """Where the lines may go (read with the labels, as the screen is built)."""

    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="transcript.help"),
        Binding(
            "enter",
            "assign",
            "発言者を選ぶ",
            id="transcript.assign",
            tooltip="カーソルのラベルが誰かを選びます（委員・事務局・ト書き・取り込まない…）",
        ),
        Binding(
            "ctrl+s",
            "preview",
            "確認して取り込む",
            id="transcript.preview",
            tooltip="議題ごとの行数を確かめてから取り込みます",
        ),
        Binding("escape", "cancel", "取消", id="transcript.cancel", tooltip="取り込まずに閉じます"),
    ]

    def __init__(self, session: Session, sitting: Sitting | None, transcript: Transcript) -> None:
        super().__init__()
        self.session = session
        self.sitting = sitting
        self.transcript = transcript
        self.members: list[Member] = []
        self.labels: list[LabelCount] = []
        self.mapping: dict[str, Assignment | None] = {}

    def compose(self) -> ComposeResult:
        t = self.transcript
        db = self.db
        self.members = members_for(db, self.session)
        self.labels = label_choices(db, self.session.id, t, self.members)
        self.mapping = {c.label: c.assignment for c in self.labels}
        self.place = placement(db, self.session, t, self.sitting)
        day = f"{sitting_label(self.sitting.ordinal)}の" if self.sitting else ""
        with Vertical(classes="dialog wide", id="transcript"):
            yield Label(
                line(f"文字起こしの取り込み — {t.name}（{t.format.label}）"), classes="title"
            )
            yield Static(
                plain(
                    f"{day}文字起こし（{len(t.lines)}行）。Enter でラベルごとに発言者を選び、"
                    "ctrl+s で確かめて取り込みます。"
                )
            )
            yield DataTable(id="transcript-labels", cursor_type="row")
            yield field(
                "取り込む議題",
                Select(
                    self._item_options(),
                    allow_blank=False,
                    value=self._default_item(),
                    id="transcript-item",
                    compact=True,
                ),
            )
            if t.notes:
                yield Static(plain("\n".join(f"注意: {n}" for n in t.notes)))
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("確認して取り込む (ctrl+s)", id="preview", variant="primary")
                yield Button("取消 (esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#transcript-labels", DataTable)
        table.add_columns("ラベル", "行数", "発言者", "最初の発言")
        for n, c in enumerate(self.labels):
            table.add_row(
                cell(c.shown),
                str(c.count),
                cell(self._who(c.label)),
                cell(f"{c.first.text[:_EXAMPLE]}（{self.transcript.where(c.first)}）"),
                key=str(n),  # a label may be "" (a file that names no speaker)
            )
        table.focus()

    def _who(self, label: str) -> str:
        chosen = self.mapping.get(label)
        if chosen is None:
            return "（未定）"
        remembered = next((c for c in self.labels if c.label == label and c.remembered), None)
        how = "（前回）" if remembered and remembered.assignment == chosen else ""
        return chosen.text(self.members) + how

    def _item_options(self) -> list[tuple[str, object]]:
        numbering = get_council(self.db, self.session.council_id).agenda_numbering
        options: list[tuple[str, object]] = []
        if self.place.by_time:
            options.append(("時刻で議題に振り分ける", BY_TIME))
        options += [(n.line(), n.item.id) for n in numbered(self.place.items, numbering)]
        return options or [("（議題なし）", NO_ITEM)]

    def _default_item(self) -> object:
        if self.place.by_time:
            return BY_TIME
        if not self.place.items:
            return NO_ITEM
        current = latest_item_id(self.db, self.session.id)
        ids = [i.id for i in self.place.items]
        return current if current in ids else ids[0]

    # Who each label is

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_assign()

    def action_assign(self) -> None:
        table = self.query_one("#transcript-labels", DataTable)
        if not self.labels:
            return
        label = self.labels[table.cursor_row].label
        choices = [
            c
            for c in speaker_choices(self.members, free_labels(self.db, self.session.id))
            if c.key != "o"
        ]
        choices.append(Choice("x", "取り込まない", None))
        shown = self.labels[table.cursor_row].shown
        self.app.push_screen(
            SpeakerPicker(choices, title=f"「{shown}」は誰ですか（キーを一つ）"),
            lambda picked: self._picked(label, picked),
        )

    def _picked(self, label: str, picked: Choice | None) -> None:
        if picked is None:
            return
        if picked.key == "t":
            self.app.push_screen(
                AskDialog("名簿にない発言者", "記録での呼び方（例: 参考人）", label, _free_label),
                lambda named: self._assign(label, named) if named else None,
            )
            return
        if picked.key == "n":
            self._assign(label, NARRATION)
        elif picked.key == "x":
            self._assign(label, DROP)
        elif picked.speaker is not None:
            self._assign(label, Assignment(Use.SPEECH, picked.speaker))

    def _assign(self, label: str, assignment: Assignment) -> None:
        self.mapping[label] = assignment
        table = self.query_one("#transcript-labels", DataTable)
        row = next(n for n, c in enumerate(self.labels) if c.label == label)
        table.update_cell(str(row), table.ordered_columns[2].key, cell(self._who(label)))
        table.move_cursor(row=min(row + 1, len(self.labels) - 1))
        self.query_one("#error", Static).update("")

    # The preview, then the import

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "preview":
            self.action_preview()
        else:
            self.dismiss(None)

    def action_preview(self) -> None:
        chosen = self.query_one("#transcript-item", Select).value
        try:
            plan = plan_import(
                self.db,
                self.session,
                self.transcript,
                self.mapping,
                item_id=chosen if isinstance(chosen, int) and chosen != NO_ITEM else None,
                by_time=chosen == BY_TIME,
                sitting=self.sitting,
                now=self.now(),
            )
        except InputError as error:
            self._error(error)
            return
        lines = describe(plan, self.place, self.members)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                ids = import_transcript(self.db, plan, at=self.now())
            except InputError as error:
                self._error(error)
                return
            self.dismiss(len(ids))

        self.app.push_screen(
            ConfirmDialog("\n".join(lines) + "\n\n取り込みますか", yes="取り込む"), confirmed
        )

    def _error(self, error: InputError) -> None:
        self.query_one("#error", Static).update(plain(f"{error.field}: {error.message}"))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


def _free_label(text: str) -> Assignment:
    name = text.strip()
    if not name:
        raise InputError("呼び方", "発言者の呼び方を入れてください")
    return Assignment(Use.SPEECH, Speaker(SpeakerKind.OTHER, label=name))
