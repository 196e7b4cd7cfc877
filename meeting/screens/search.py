"""Search every line of every session: type words, see where they were said."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from agendas.rules import CLOSED_MARK
from meeting.dates import format_date, format_fiscal_year
from meeting.errors import InputError
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import HelpScreen
from meeting.widgets.folded import FoldedText
from meeting.widgets.safe import cell, plain
from minutes.search import LIMIT, Hit, search
from minutes.store import in_closed_parts


class SearchScreen(AppScreen):
    BINDINGS = [
        Binding("escape", "back", "戻る", id="search.back"),
        Binding("f1", "help", "ヘルプ", id="search.help"),
    ]

    def __init__(self, council_id: int | None = None) -> None:
        super().__init__()
        self.council_id = council_id
        self.hits: list[Hit] = []
        self.closed: set[int] = set()
        """Hits a public document leaves out: closed lines, lines of closed items or sessions."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="search"):
            yield Label("記録の検索（すべての会議・すべての年度）", classes="title")
            yield Input(placeholder="探す言葉（空白で区切ると、すべてを含む行）", id="query")
            yield Static("", id="search-count")
            yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
            yield FoldedText(id="hit-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#hits", DataTable).add_columns("会議", "日付", "発言者", "発言")
        self.query_one("#query", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        table = self.query_one("#hits", DataTable)
        table.clear()
        try:
            self.hits = search(self.db, event.value, council_id=self.council_id)
        except InputError as error:
            self.query_one("#search-count", Static).update(plain(f"{error.field}: {error.message}"))
            return
        self.closed = in_closed_parts(self.db, [h.utterance_id for h in self.hits])
        for hit in self.hits:
            table.add_row(
                f"{format_fiscal_year(hit.fiscal_year)}第{hit.number}回",
                format_date(hit.day, weekday=False) if hit.day else "",
                cell(hit.speaker),
                cell((CLOSED_MARK if self._hit_closed(hit) else "") + hit.text[:60]),
            )
        more = f"（新しい順に{LIMIT}件まで）" if len(self.hits) >= LIMIT else ""
        self.query_one("#search-count", Static).update(
            f"{len(self.hits)}件{more}" if self.hits else "見つかりませんでした"
        )
        if self.hits:
            table.focus()
            self.show_hit()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_hit()

    def show_hit(self) -> None:
        row = self.query_one("#hits", DataTable).cursor_row
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            mark = CLOSED_MARK if self._hit_closed(hit) else ""
            self.query_one("#hit-text", FoldedText).show([f"{mark}{hit.speaker}：{hit.text}"])

    def _hit_closed(self, hit: Hit) -> bool:
        return not hit.public or hit.utterance_id in self.closed

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
