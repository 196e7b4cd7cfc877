"""Search the record: type words, see where they were said, Enter opens the line.

Opened from the home screen it searches every session; from the live or the lines screen, the
session in hand (ctrl+f widens it to the council's every session). A hit of that session goes
back to the screen that asked, which opens the line; any other hit opens over the search, so
Esc comes back to the results with the words still there.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from agendas.rules import CLOSED_MARK
from meeting.dates import format_date, format_fiscal_year
from meeting.errors import InputError
from meeting.model import Session
from meeting.screens.base import Guarded, Shell
from meeting.screens.dialogs import HelpScreen
from meeting.sessions import session_name
from meeting.text import one_line
from meeting.widgets.folded import FoldedText
from meeting.widgets.footer import Footer
from meeting.widgets.safe import cell, line, plain
from minutes.search import LIMIT, Excerpt, Hit, excerpt, place_of, search

HIGHLIGHT = "bold reverse"
"""How the words searched for stand out in a hit."""
ITEM_WIDTH = {True: 16, False: 10}
"""Characters of an item's number and title a row shows (one session's hits; every session's,
which show the session and the date too)."""
TEXT_WIDTH = {True: 60, False: 40}
"""Characters of the line a row shows, around the first word found."""


class SearchScreen(Guarded, Shell, Screen[Hit | None]):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="search.help"),
        Binding("escape", "back", "戻る", id="search.back"),
        Binding(
            "ctrl+f",
            "widen",
            "範囲",
            priority=True,
            id="search.scope",
            tooltip="この会議の中だけか、この審議会のすべての会議かを切り替えます",
        ),
    ]

    def __init__(
        self,
        council_id: int | None = None,
        *,
        session: Session | None = None,
        pick: bool = False,
    ) -> None:
        super().__init__()
        self.council_id = council_id if session is None else session.council_id
        self.session = session
        """The session searched in (None: every session)."""
        self.within = session is not None
        """Only this session's lines (ctrl+f widens to the council's every session)."""
        self.pick = pick
        """A hit of the session goes back to the screen that asked, which opens it."""
        self.hits: list[Hit] = []
        self.term = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="search"):
            yield Label(line(self._title()), classes="title", id="search-title")
            yield Input(placeholder="探す言葉（空白で区切ると、すべてを含む行）", id="query")
            yield Static("", id="search-count")
            yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
            yield FoldedText(id="hit-text")
        yield Footer()

    def on_mount(self) -> None:
        self._columns()
        self.query_one("#query", Input).focus()

    def _title(self) -> str:
        if self.session is None:
            return "記録の検索（すべての会議・すべての年度）"
        name = session_name(self.session)
        if self.within:
            return f"この会議の中を検索（{name}）　ctrl+f でこの審議会のすべての会議"
        return f"記録の検索（この審議会のすべての会議）　ctrl+f で{name}の中だけ"

    def _columns(self) -> None:
        table = self.query_one("#hits", DataTable)
        table.clear(columns=True)
        if self.within:
            table.add_columns("時刻", "議題", "発言者", "発言")
        else:
            table.add_columns("会議", "日付", "時刻", "議題", "発言者", "発言")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.session is not None if action == "widen" else True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return  # nothing to look for: the results stay as they are
        self.term = event.value
        self.run_search()

    def run_search(self, keep: int | None = None) -> None:
        """Search for the term; the cursor on the line ``keep`` when it is still found."""
        table = self.query_one("#hits", DataTable)
        table.clear()
        count = self.query_one("#search-count", Static)
        try:
            self.hits = search(
                self.db,
                self.term,
                council_id=self.council_id,
                session_id=self.session.id if self.session and self.within else None,
            )
        except InputError as error:
            self.hits = []
            count.update(plain(f"{error.field}: {error.message}"))
            return
        for hit in self.hits:
            table.add_row(*self._row(hit))
        more = f"（新しい順に{LIMIT}件まで）" if len(self.hits) >= LIMIT else ""
        count.update(f"{len(self.hits)}件{more}" if self.hits else "見つかりませんでした")
        if not self.hits:
            self.query_one("#hit-text", FoldedText).show([])
            return
        ids = [h.utterance_id for h in self.hits]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        table.focus()
        self.show_hit()

    def _row(self, hit: Hit) -> list[str | Text]:
        said: list[str | Text] = [
            hit.spoken_at.strftime("%H:%M"),
            cell(_cut(hit.item, ITEM_WIDTH[self.within])),
            cell(hit.speaker),
            highlighted(
                excerpt(hit.text, self.term, width=TEXT_WIDTH[self.within]),
                CLOSED_MARK if hit.closed else "",
            ),
        ]
        if self.within:
            return said
        where: list[str | Text] = [
            f"{format_fiscal_year(hit.fiscal_year)}第{hit.number}回",
            format_date(hit.day, weekday=False) if hit.day else "",
        ]
        return [*where, *said]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_hit()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        hit = self.current()
        if hit is None:
            return
        if self.pick and self.session is not None and hit.session_id == self.session.id:
            self.dismiss(hit)
            return
        place = place_of(self.db, hit)

        def back() -> None:
            self.run_search(keep=hit.utterance_id)  # the line may have been corrected

        self.meeting_app.open_lines(
            place.session, place.item, place.members, at_line=hit.utterance_id, then=back
        )

    def current(self) -> Hit | None:
        row = self.query_one("#hits", DataTable).cursor_row
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def show_hit(self) -> None:
        hit = self.current()
        if hit is not None:
            mark = CLOSED_MARK if hit.closed else ""
            item = f"［{hit.item}］" if hit.item else ""
            self.query_one("#hit-text", FoldedText).show([f"{mark}{item}{hit.speaker}：{hit.text}"])

    def action_widen(self) -> None:
        if self.session is None:
            return
        self.within = not self.within
        self.query_one("#search-title", Label).update(line(self._title()))
        self._columns()
        kept = self.current()
        if self.term.strip():
            self.run_search(keep=kept.utterance_id if kept else None)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


def highlighted(found: Excerpt, mark: str = "") -> Text:
    """A hit's text for a cell: the words searched for highlighted, control characters shown
    as marks, never read as markup."""
    text = Text(mark, end="")
    at = 0
    for start, end in found.spans:
        text.append(one_line(found.text[at:start]))
        text.append(one_line(found.text[start:end]), style=HIGHLIGHT)
        at = end
    text.append(one_line(found.text[at:]))
    return text


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
