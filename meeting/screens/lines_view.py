"""What the correcting screen holds and shows: the state every part of ``LinesScreen`` shares.

``LinesScreen`` joins the parts in ``lines_*.py`` (a line's text and speaker, the lines' order,
closing, opinions, the recording); each stands on this class, which keeps the item's lines and
draws them, and runs a change so that a refused one says why and a done one is shown at once.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Label, Static

from agendas.model import AgendaItem
from agendas.rules import CLOSED_MARK, item_title
from agendas.store import get_item
from meeting.errors import InputError
from meeting.model import Member, Session
from meeting.screens.base import AppScreen
from meeting.widgets.safe import cell, plain
from meeting.widgets.safe import line as line_content
from minutes.labels import change_text, named_tag
from minutes.model import Utterance
from minutes.store import lines_in_closed_parts, utterances
from minutes.utterances import history


class LinesView(AppScreen):
    """The session, the item and its lines as this screen has them, and their table."""

    def __init__(
        self,
        session: Session,
        item: AgendaItem | None,
        members: list[Member],
        *,
        at_line: int | None = None,
    ) -> None:
        super().__init__()
        self.at_line = at_line
        """The line the cursor starts on (a search's hit)."""
        self.session = session
        self.item = item
        self.members = members
        self.lines: list[Utterance] = []
        self.closed: set[int] = set()
        """Lines a public document leaves out (their own mark, the item's or the session's)."""
        self.range_start: int | None = None
        """The first line of a range to close or open, marked with b."""

    def _title(self) -> str:
        name = item_title(self.item) if self.item else "議題なし"
        mark = ""
        if self.item is not None and not self.item.public:
            mark = CLOSED_MARK + (
                f"（{self.item.closed_reason}）" if self.item.closed_reason else ""
            )
        elif not self.session.public:
            mark = f"{CLOSED_MARK}（非公開の会議）"
        return f"記録を直す — {name}{mark}"

    def refresh_lines(self, select: int | None = None) -> None:
        table = self.query_one("#lines", DataTable)
        # Opened, on the newest line: the clerk comes here to fix what was just typed.
        row = table.cursor_row if table.row_count else -1
        item_id = self.item.id if self.item else None
        db = self.db
        if self.item is not None:
            self.item = get_item(db, self.item.id)  # closed or opened elsewhere meanwhile
            self.query_one("#lines-title", Label).update(line_content(self._title()))
        self.lines = [u for u in utterances(db, self.session.id) if u.agenda_item_id == item_id]
        self.closed = lines_in_closed_parts(db, self.session.id)
        if self.range_start not in {u.id for u in self.lines}:
            self.range_start = None
        table.clear()
        for line in self.lines:
            start = "▶" if line.id == self.range_start else ""
            table.add_row(
                start + line.spoken_at.strftime("%H:%M"),
                cell(named_tag(line, self.members)),
                cell((CLOSED_MARK if line.id in self.closed else "") + line.text),
                key=str(line.id),
            )
        ids = [u.id for u in self.lines]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        elif self.lines:
            last = len(self.lines) - 1
            table.move_cursor(row=last if row < 0 else min(row, last))
        self.show_history()

    def selected(self) -> Utterance | None:
        if not self.lines:
            return None
        row = self.query_one("#lines", DataTable).cursor_row
        return self.lines[min(max(row, 0), len(self.lines) - 1)]

    def show_history(self) -> None:
        line = self.selected()
        text = ""
        if line is not None:
            changes = history(self.db, line.id)
            text = "\n".join(
                f"{c.changed_at.strftime('%H:%M')} {c.actor} {change_text(c)}" for c in changes
            )
        self.query_one("#line-history", Static).update(plain(text or "変更の履歴はありません"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_history()

    def _run(self, work: Callable[[], object], select: int | None = None, done: str = "") -> None:
        try:
            work()
        except InputError as error:
            self.notify(error.message, title=error.field, severity="error", timeout=8)
            return
        self.refresh_lines(select)
        if done:
            self.notify(done)
