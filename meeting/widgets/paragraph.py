"""A text area for one paragraph: a long remark edited in full view, never split by a line end."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from meeting.text import one_paragraph


class ParagraphArea(TextArea):
    """Wraps the whole text in view; Enter submits (a line of the record is one paragraph, and
    Enter is how every other field of the app is confirmed), and a pasted text comes in with
    its line ends removed. A line end already in the text is left as it is."""

    class Submitted(Message):
        """Enter was pressed."""

        def __init__(self, area: ParagraphArea) -> None:
            super().__init__()
            self.area = area

        @property
        def control(self) -> ParagraphArea:
            return self.area

    async def _on_key(self, event: events.Key) -> None:
        if (
            event.key == "enter"
        ):  # TextArea's own handler, which would insert a line end, is skipped
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # TextArea's own handler would paste the line ends too
        if self.read_only:
            return
        result = self.replace(one_paragraph(event.text), *self.selection)
        self.move_cursor(result.end_location)
