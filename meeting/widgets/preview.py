"""A long document's preview: folded at the width by cells, only as far down as the clerk
has scrolled, and only the rows in view drawn.

A 10,000-line 会議録 folded and drawn whole took seconds and 150 MB before the export screen
showed (bench/README.md). Here the lines are kept as text; they are folded a few screens ahead
of the view as the clerk scrolls (End folds the rest), and each frame draws the rows it shows.
Lines may arrive after the first page (:meth:`DocumentPreview.extend`); until the last has
been folded, a row below the text says that more follows.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import chop_cells
from rich.segment import Segment
from rich.style import Style
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from meeting.text import visible

MORE = "　…（続きがあります: 下へ送ると表示します。End で最後まで）"
"""The row below the text while lines remain to be shown."""
AHEAD = 2
"""Screens folded below the view, so that scrolling down finds its rows ready."""
AT_ONCE = 500
"""A document of this many lines is folded whole (a few milliseconds): its scroll bar is
the whole document's from the start."""


class DocumentPreview(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    DocumentPreview {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.lines: list[str] = []
        """The document's lines received so far, as stored (shown with control marks)."""
        self.complete = True
        """Whether every line of the document has been received."""
        self._rows: list[tuple[int, str]] = []
        """Folded rows: the line each comes from, and its text as shown."""
        self._folded = 0
        """How many of :attr:`lines` are in :attr:`_rows`."""
        self._width = 0

    @property
    def text(self) -> str:
        """The lines received so far."""
        return "\n".join(self.lines)

    @property
    def more(self) -> bool:
        """Whether lines remain below the last row folded."""
        return self._folded < len(self.lines) or not self.complete

    def show(self, lines: list[str], *, complete: bool = True) -> None:
        """A document from its start: its first lines (the rest with :meth:`extend`)."""
        self.lines = list(lines)
        self.complete = complete
        self._rows = []
        self._folded = 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._fold_ahead()
        self.refresh()

    def extend(self, lines: list[str], *, complete: bool) -> None:
        """More of the document's lines, in order; ``complete`` with its last ones."""
        self.lines += lines
        self.complete = complete
        self._fold_ahead()
        self.refresh()

    def show_all(self) -> None:
        """Fold every line received (End, or a test that reads every row)."""
        self._fold_ahead(everything=True)

    def action_scroll_end(self) -> None:
        self.show_all()
        super().action_scroll_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._fold_ahead()

    def on_resize(self, event: Resize) -> None:
        self._fold_ahead()

    @property
    def rows(self) -> list[str]:
        """The rows folded so far, as shown (for tests: what the clerk can scroll to)."""
        return [text for _, text in self._rows]

    def _fold_ahead(self, *, everything: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: folded when it is (on_resize, or the first draw)
            return
        top = self.scroll_offset.y
        if width != self._width:  # folded again at the new width, the top line kept in view
            anchor = self._rows[top][0] if top < len(self._rows) else 0
            self._width, self._rows, self._folded = width, [], 0
            self._fold(lambda: self._folded <= anchor)
            top = next((n for n, (line, _) in enumerate(self._rows) if line == anchor), 0)
            self.scroll_to(y=top, animate=False, immediate=True)
        height = max(self.scrollable_content_region.height, 24)
        wanted = top + height * (1 + AHEAD)
        everything = everything or len(self.lines) <= AT_ONCE
        self._fold(lambda: everything or len(self._rows) < wanted)
        self.virtual_size = Size(width, len(self._rows) + (1 if self.more else 0))

    def _fold(self, go_on: Callable[[], bool]) -> None:
        lines, rows, width = self.lines, self._rows, self._width
        while self._folded < len(lines) and go_on():
            parts = chop_cells(visible(lines[self._folded]), width) or [""]
            rows += [(self._folded, part) for part in parts]
            self._folded += 1

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:  # drawn before the Resize arrives: folded at this width first
            self._fold_ahead()
        row = self.scroll_offset.y + y
        style = self.rich_style
        if row < len(self._rows):
            text = self._rows[row][1]
        elif row == len(self._rows) and self.more:
            text, style = MORE, style + Style(dim=True)
        else:
            return Strip.blank(width, style)
        pad = Style.from_color(bgcolor=style.bgcolor)  # the blank after the text: no colour
        return Strip([Segment(text, style)]).crop_extend(0, width, pad)
