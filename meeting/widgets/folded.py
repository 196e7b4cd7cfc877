"""Text folded at the widget's width by terminal cells, control characters shown.

Japanese has no spaces between words, and a terminal's word wrap takes the 全角 space after
a heading mark (第1　, ①　) for one, leaving the mark alone on its line. A document preview
is folded by cells instead, as Word folds it.
"""

from __future__ import annotations

from rich.cells import chop_cells
from rich.text import Text
from textual.widget import Widget

from meeting.text import visible, wrap_japanese


class FoldedText(Widget):
    DEFAULT_CSS = """
    FoldedText {
        height: auto;
    }
    """

    def __init__(
        self,
        *,
        id: str | None = None,  # noqa: A002
        hanging: int = 0,
        japanese: bool = False,
    ) -> None:
        super().__init__(id=id)
        self.lines: list[str] = []
        self.hanging = hanging
        """Cells a folded line's continuation starts in (a list's number stays alone)."""
        self.fold = wrap_japanese if japanese else chop_cells
        """By Japanese rules (no line starts with ）、。; J-LIS stays whole) for short lists
        such as the agenda, or by cells alone for a long document's preview, which must stay
        fast."""

    def show(self, lines: list[str]) -> None:
        self.lines = lines
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def render(self) -> Text:
        width = max(self.content_size.width, 10)
        folded: list[str] = []
        for line in self.lines:  # stored text: control characters shown, never sent
            first, *rest = self.fold(visible(line), width) or [""]
            if rest and self.hanging:
                indent = " " * min(self.hanging, width // 2)
                rest = self.fold("".join(rest), width - len(indent))
                rest = [indent + part for part in rest]
            folded += [first, *rest]
        return Text("\n".join(folded), no_wrap=True, overflow="ignore")
