"""The dialog in which a long remark is corrected: the whole text in view, wrapped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from meeting.errors import InputError
from meeting.screens.dialogs import ConfirmDialog
from meeting.widgets.footer import Footer
from meeting.widgets.paragraph import ParagraphArea
from meeting.widgets.safe import line, plain


class EditTextDialog(ModalScreen[Any]):
    """Correct a line of the record with all of it in view (a one-line field showed 38
    characters of a 400-character remark).

    Enter, ctrl+s or 保存 saves; the check names what is wrong and the dialog stays open with
    the text. Saving an unchanged text closes the dialog as Esc does: there is nothing to keep.
    Esc after a change asks first — a minute's work on a long remark is not lost to one key.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "保存", id="edit-text.save", priority=True),
        Binding("escape", "cancel", "取消", id="edit-text.cancel"),
    ]

    def __init__(self, title: str, text: str, check: Callable[[str], Any]) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide edit-text"):
            yield Label(
                line(f"{self.title_text}（Enter・ctrl+s で保存、esc で取消）"), classes="title"
            )
            yield ParagraphArea(self.text, id="text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("保存 (ctrl+s)", id="save", variant="primary")
                yield Button("取消 (esc)", id="cancel")
        yield Footer()  # the dialog's keys, not the lines screen's under it

    def on_mount(self) -> None:
        self.query_one("#error").display = False  # a row for the remark until there is a refusal
        area = self.query_one(ParagraphArea)
        area.focus()
        area.move_cursor(area.document.end)  # a correction is most often at the end

    def on_paragraph_area_submitted(self, event: ParagraphArea.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        text = self.query_one(ParagraphArea).text
        if text == self.text:
            self.dismiss(None)
            return
        try:
            value = self.check(text)
        except InputError as error:
            said = self.query_one("#error", Static)
            said.update(plain(f"{error.field}: {error.message}"))
            said.display = True
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        if self.query_one(ParagraphArea).text == self.text:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("直した文を破棄しますか？", yes="破棄する"), answered)
