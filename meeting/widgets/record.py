"""The growing record of an item, newest line in sight."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from meeting.text import visible, wrap_japanese


class RecordView(VerticalScroll):
    """Lines as the screen made them: stored text shown as typed, re-wrapped to the width."""

    def compose(self) -> ComposeResult:
        yield WrappedLines(id=f"{self.id}-text" if self.id else None)

    def show(self, lines: list[str]) -> None:
        self.query_one(WrappedLines).show(lines)
        self.scroll_end(animate=False)
        # Shown while a dialog covers the screen (the decision form), the new height is known
        # only once the screen is back: look again then.
        self.call_after_refresh(self.scroll_end, animate=False)


class WrappedLines(Widget):
    """Lines broken as Japanese is (no line starts with 、。」, J-LIS stays whole) at the
    widget's own width, and again whenever that changes.

    The breaking is done here, line by line, so the terminal's own folding never sees a line
    wider than the widget (``text-wrap: nowrap``): it would start lines with 、。 and cut
    words. A line's continuation starts at the left edge, as the pane always showed it.
    """

    DEFAULT_CSS = """
    WrappedLines {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: tuple[str, ...] = ()

    def show(self, lines: Sequence[str]) -> None:
        self._lines = tuple(visible(line).replace("\t", " ") for line in lines)
        self.refresh(layout=True)

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines as given (control characters made visible), before breaking."""
        return self._lines

    def rows(self, width: int | None = None) -> list[str]:
        """The lines as drawn at ``width`` (the widget's own by default)."""
        width = max(1, self.size.width if width is None else width)
        return [row for line in self._lines for row in _wrapped(line, width)]

    def render(self) -> Content:
        return Content("\n".join(self.rows()))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows(width))


@lru_cache(maxsize=4096)
def _wrapped(line: str, width: int) -> tuple[str, ...]:
    """A line's rows, kept: the record is drawn again at every line entered."""
    return tuple(wrap_japanese(line, width))
