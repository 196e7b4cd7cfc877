"""The home screen's lists: the councils, and the chosen council's sessions, a page before the
first frame and the rest a chunk at a time after it, every fiscal year when asked (`a`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from meeting.dates import fiscal_year
from meeting.screens.home.detail import HomeDetail
from meeting.sessions import session_name, session_when
from meeting.store import (
    list_councils,
    list_sessions,
    merge_upcoming_first,
    session_years,
    upcoming_first,
)
from meeting.widgets.safe import line

if TYPE_CHECKING:
    from textual.timer import Timer


PAGE = 100
"""Rows put in the session table before its frame; the rest follow in chunks of :data:`CHUNK`
after it. DataTable measures every row it is given before it paints, and every year of an old
council is thousands of rows (bench/README.md)."""

SESSIONS_TITLE = {
    False: "会議（今年度と前年度、今後の予定から）",
    True: "会議（すべての年度、今後の予定から）",
}
"""Over the session table: which years it holds (`a` switches)."""

CHUNK = 50
"""Rows added at a time after the first page: measuring them holds the frame (about 0.2 ms a
row), so a chunk is kept to a few milliseconds."""

STEP = 0.25
"""Seconds to wait for a frame before the next chunk comes all the same (nothing to draw)."""


class SessionTable(DataTable[str]):
    """The council's sessions, a row each. ctrl+end (and end) goes to the last row and asks the
    screen to follow the older years down as they are added (:meth:`HomeList._more`)."""

    BINDINGS = [
        Binding("end", "scroll_bottom", "最後の会議へ", show=False, id="home.sessions-last"),
        Binding("home", "scroll_top", "最初の会議へ", show=False, id="home.sessions-first"),
    ]

    class ToLast(Message):
        """The clerk asked for the last row: the oldest session, once every year is in."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row
            """The row the cursor went to (the last there was)."""

    def action_scroll_bottom(self) -> None:
        super().action_scroll_bottom()
        self.post_message(self.ToLast(self.cursor_row))


class HomeList(HomeDetail):
    """The two lists and how the session list is filled. A part of
    :class:`~meeting.screens.home.HomeScreen`, not a screen of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.all_years = False
        """Show sessions of every fiscal year, not only this and the last."""
        self._listed: int | None = None
        """The council whose sessions the table holds: the highlight that comes back from
        filling the council list at launch must not fill the table a second time."""
        self._filling = 0
        """Bumped by each fill, so that the chunks of an older fill stop."""
        self._years: list[int] = []
        """Older fiscal years whose sessions are still to be read into the list, newest first."""
        self._chunk_due: tuple[DataTable[str], int] | None = None
        """The table's next chunk, waiting for a frame: the table and the fill it belongs to."""
        self._chunk_timer: Timer | None = None
        self._from_year: int | None = None
        """The oldest fiscal year the list holds when it holds this and the last year only (the
        default), None when it holds every year or is still being given the older ones."""
        self._to_last: int | None = None
        """While older years are added after ctrl+end: the row the cursor was last taken to (the
        last there was). A cursor found elsewhere has been moved by the clerk: it stays."""
        self._painted = False
        """The first frame is on the terminal: the answers due, read after it at launch, are now
        read with the list (bench/README.md, the launch)."""

    def first_frame_drawn(self) -> None:
        """The launch's first frame is on the terminal (``MeetingApp.on_ready``): what it left
        out now, the answers due and the table's next chunk."""
        self._painted = True
        if (council := self.council) is not None:
            self.show_deadlines(council, self.now().date())
        if self._chunk_due is not None:
            self._chunk_now(self._chunk_due)

    def _drawn(self, _screen: object) -> None:
        """The screen was drawn: the session table's next chunk of rows, if one is waiting,
        comes as a message after it (a signal's callback must not fail: this one only posts).
        Before the first frame the signal also comes for a layout not yet drawn: not one."""
        if self._painted and self._chunk_due is not None:
            self.call_later(self._chunk_now, self._chunk_due)

    def refresh_councils(self, select: int | None = None) -> None:
        self.councils = list_councils(self.db)
        options = self.query_one("#councils", OptionList)
        current = self.council
        options.clear_options()
        options.add_options([Option(line(c.name), id=str(c.id)) for c in self.councils])
        empty = not self.councils
        self.query_one("#welcome").display = empty
        for widget in self.query(".with-council"):
            widget.display = not empty
        if empty:
            self.query_one("#council-info", Static).update("")
            self.query_one("#due-warnings", Static).display = False
            return
        wanted = select if select is not None else (current.id if current else self.councils[0].id)
        ids = [c.id for c in self.councils]
        options.highlighted = ids.index(wanted) if wanted in ids else 0
        self.refresh_sessions()

    def refresh_sessions(self, select: int | None = None) -> None:
        council = self.council
        table = self.query_one("#sessions", DataTable)
        current = self.session
        table.clear()
        if council is None:
            self.sessions = []
            self._listed = None
            return
        today = self.now().date()
        # The list holds this and the last fiscal year: twenty years of sessions would make
        # the first paint wait on a table nobody scrolls (bench/README.md). `a` shows them all,
        # read a year at a time after the first frame (`_more`).
        since = fiscal_year(today) - 1
        found = list_sessions(self.db, council.id, since_fiscal_year=since)
        self._years = []
        self._from_year = since
        if not found or (select is not None and select not in {s.id for s in found}):
            # none this year or last (a council that last sat years ago, an old file): the
            # list shows what there is rather than 会議はまだありません
            found = list_sessions(self.db, council.id)
            self._from_year = None
        elif self.all_years:
            self._years = [y for y in session_years(self.db, council.id) if y < since]
            self._from_year = None
        self.sessions = upcoming_first(found, today)
        self._listed = council.id
        wanted = select if select is not None else (current.id if current else None)
        ids = [s.id for s in self.sessions]
        at = ids.index(wanted) if wanted in ids else None
        self._filling += 1
        self._to_last = None
        self._fill(table, max(PAGE, (at or 0) + 1))
        self.show_council(council, today)
        if self._painted:  # at launch the first frame comes first (_drawn)
            self.show_deadlines(council, today)
        if at is not None:
            table.move_cursor(row=at)
        self.show_detail()

    def _fill(self, table: DataTable[str], stop: int) -> None:
        """The table's rows up to ``stop``, then more after the frame.

        Only the first page is measured before the table paints; the rest come a chunk per
        refresh, so keys and frames go on between them and every session is reached in the end.
        """
        for s in self.sessions[table.row_count : stop]:
            table.add_row(
                session_name(s), s.form.label, s.status.label, session_when(s), key=str(s.id)
            )
        if self._years or table.row_count < len(self.sessions):
            self._next_chunk(table)

    def _next_chunk(self, table: DataTable[str]) -> None:
        """The next chunk once the screen has been drawn (:meth:`_drawn`): what the key changed
        shows first, and keys are read and the table drawn between chunks. (Chained on
        ``call_after_refresh`` the chunks ran one after another with no frame between them: the
        table asks for its refresh after the screen has gone idle.) If nothing needs drawing
        (an older year with no sessions, another screen on top), it comes after :data:`STEP`."""
        due = self._chunk_due = (table, self._filling)
        if self._chunk_timer is not None:
            self._chunk_timer.stop()
        self._chunk_timer = self.set_timer(STEP, partial(self._chunk_now, due))

    def _chunk_now(self, due: tuple[DataTable[str], int]) -> None:
        """The chunk ``due``, unless it was taken already (two frames may both offer it)."""
        if self._chunk_due is not due:
            return
        self._chunk_due = None
        if self._chunk_timer is not None:
            self._chunk_timer.stop()
            self._chunk_timer = None
        self._more(*due)

    def _more(self, table: DataTable[str], filling: int) -> None:
        """The next chunk of rows, reading the next older fiscal year first when there is one."""
        if filling != self._filling:
            return  # a newer fill has begun
        if self._years:
            year = self._years.pop(0)
            older = list_sessions(self.db, self.sessions[0].council_id, fiscal_year=year)
            listed = merge_upcoming_first(self.sessions, older, self.now().date())
            shown = [s.id for s in self.sessions[: table.row_count]]
            if [s.id for s in listed[: table.row_count]] != shown:
                # a session of an older year sorts among the rows shown (a year whose dates
                # run into the next): the table starts again, the cursor on the same session
                current = self.session
                self.sessions = listed
                ids = [s.id for s in listed]
                at = ids.index(current.id) if current and current.id in ids else 0
                table.clear()
                self._fill(table, max(PAGE, at + 1))
                table.move_cursor(row=at)
                if self._to_last is not None:
                    self._to_last = at  # the same session, in its new row
                self._follow_to_last(table)
                return
            self.sessions = listed
        self._fill(table, table.row_count + CHUNK)
        self._follow_to_last(table)

    def _loading(self, table: DataTable[str]) -> bool:
        return bool(self._years) or table.row_count < len(self.sessions)

    def _follow_to_last(self, table: DataTable[str]) -> None:
        """After ctrl+end, the cursor goes down with each chunk to the oldest session."""
        if self._to_last is None:
            return
        if table.cursor_row != self._to_last:  # the clerk moved it meanwhile
            self._to_last = None
            return
        last = table.row_count - 1
        table.move_cursor(row=last)
        self._to_last = last if self._loading(table) else None

    def on_session_table_to_last(self, event: SessionTable.ToLast) -> None:
        table = self.query_one("#sessions", SessionTable)
        if self._loading(table) and table.cursor_row == event.row:  # not moved on since
            self._to_last = event.row

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        council = self.council
        if council is not None and council.id == self._listed:
            return
        self.refresh_sessions()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#sessions", DataTable).focus()

    def action_all_years(self) -> None:
        self.all_years = not self.all_years
        self.query_one("#sessions-title", Label).update(SESSIONS_TITLE[self.all_years])
        council = self.council
        if self.all_years and council and council.id == self._listed and self._from_year:
            # The rows shown stay (this and the last year are the newest of every year's):
            # only the older years are added, a chunk after each frame (_more).
            table = self.query_one("#sessions", SessionTable)
            self._years = [y for y in session_years(self.db, council.id) if y < self._from_year]
            self._from_year = None
            self._filling += 1
            self._to_last = None
            if self._years:
                self._next_chunk(table)
        else:
            self.refresh_sessions()
