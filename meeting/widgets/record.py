"""The growing record of an item, newest line in sight."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from meeting.widgets.safe import plain


class RecordView(VerticalScroll):
    """Lines as the screen made them: stored text shown as typed, re-wrapped to the width."""

    def compose(self) -> ComposeResult:
        yield Static("", id=f"{self.id}-text" if self.id else None, markup=False)

    def show(self, lines: list[str]) -> None:
        self.query_one(Static).update(plain("\n".join(lines)))
        self.scroll_end(animate=False)
        # Shown while a dialog covers the screen (the decision form), the new height is known
        # only once the screen is back: look again then.
        self.call_after_refresh(self.scroll_end, animate=False)
