"""The dialog that stands where a traceback would: what happened, that the record is safe."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meeting.text import visible


class CrashDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "close", "閉じる", id="crash.close")]

    def __init__(self, what: str, log: str) -> None:
        super().__init__()
        self.what = what
        self.log_path = log

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("予期しないエラーが起きました", classes="title")
            yield Static(
                visible(self.what)
                + "\n\n記録済みの行と入力中の文は保存されています。この画面を閉じて続けられます。"
                + (f"\n詳しい記録: {self.log_path}" if self.log_path else ""),
                classes="question",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("閉じる (Enter)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
