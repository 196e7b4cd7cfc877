"""Entering lines: Enter records the typed line, in its own transaction, tagged with the speaker.

The database may say no (another program holds the lock, the disk is full, the file turned
read-only): Enter waits a moment, then says what happened and keeps the line for the next
Enter. ctrl+y enters the line as a new paragraph of the last turn; ctrl+z takes the line
entered last back into the line; a pasted block is entered line by line or joined.
"""

from __future__ import annotations

import sqlite3

from textual.widgets import Input

from meeting.db_errors import database_trouble
from meeting.errors import InputError
from meeting.screens.dialogs import ChoiceDialog
from meeting.screens.live_view import ENTER_WAIT, LiveView
from meeting.widgets.line_input import LineInput
from minutes.labels import speaker_of
from minutes.line_order import opening_waits, take_back
from minutes.model import UtteranceKind
from minutes.timing import index_of
from minutes.utterances import enter_line


class LineEntry(LiveView):
    """The line typed and entered, continued, taken back, or pasted as a block."""

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
