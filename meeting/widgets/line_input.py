"""The line the clerk types the record in."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class LineInput(Input):
    """The clerk's line. A pasted block of several lines is handed to the screen to decide."""

    class BlockPasted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def _on_paste(self, event: events.Paste) -> None:
        if len([line for line in event.text.splitlines() if line.strip()]) > 1:
            event.stop()
            event.prevent_default()
            self.post_message(self.BlockPasted(event.text))
        # A single line: Textual calls Input's own handler after this one (it walks the classes'
        # handlers), so calling it here too pasted the text twice.
