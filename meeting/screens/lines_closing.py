"""Closing (非公開) a line, or a range of lines from the b mark, and opening it again.

A line in a closed item is closed with the item (on the agenda screen), not here.
"""

from __future__ import annotations

from meeting.screens.lines_view import LinesView
from minutes.editing import line_range
from minutes.store import closed_lines
from minutes.utterances import set_lines_public


class LineClosing(LinesView):
    """The b mark and h: which lines a public document leaves out."""

    def action_range_start(self) -> None:
        line = self.selected()
        if line is None:
            return
        self.range_start = None if self.range_start == line.id else line.id
        self.refresh_lines(line.id)
        if self.range_start is not None:
            self.notify("範囲の始めにしました。終わりの行で h を押すと、その範囲を非公開にします")

    def action_toggle_public(self) -> None:
        """Close the selected line (or the range from the b mark), or open it again."""
        line = self.selected()
        if line is None:
            return
        if self.item is not None and not self.item.public:
            self.notify(
                "この議題は全体が非公開です（会議次第の画面で p）", severity="warning", timeout=6
            )
            return
        ids = [u.id for u in self.lines]
        lines = line_range(ids, self.range_start, line.id, closed_lines(self.db, self.session.id))
        self.range_start = None
        self._run(
            lambda: set_lines_public(
                self.db, lines.first, lines.last, public=lines.public, at=self.now()
            ),
            line.id,
            f"{lines.count}行を{'公開に戻しました' if lines.public else '非公開にしました'}",
        )
