"""The home screen's keys for a council as a whole: add or edit one, load the demo councils,
write a fiscal year's 運用状況."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from meeting.dates import fiscal_year, format_fiscal_year
from meeting.errors import InputError
from meeting.model import Council
from meeting.screens.dialogs import AskDialog, SavePathDialog
from meeting.screens.home.session_list import HomeList
from meeting.widgets.safe import tell


class HomeCouncils(HomeList):
    """A council added, edited, loaded from the demo, or its year written. A part of
    :class:`~meeting.screens.home.HomeScreen`, not a screen of its own."""

    def action_add_council(self) -> None:
        from meeting.screens.council_form import CouncilForm

        self.app.push_screen(CouncilForm(), self._council_saved)

    def action_edit_council(self) -> None:
        from meeting.screens.council_form import CouncilForm

        if council := self._need_council():
            self.app.push_screen(CouncilForm(council), self._council_saved)

    def _council_saved(self, council: Council | None) -> None:
        if council is not None:
            self.refresh_councils(select=council.id)
            tell(self, f"{council.name}を保存しました")

    def action_demo(self) -> None:
        load_demo = self.meeting_app.demo
        if load_demo is None:
            self.notify("このアプリにはデモがありません", severity="warning")
            return
        try:
            council = load_demo(self.db, now=self.now())
        except InputError as error:
            tell(self, error.message, severity="warning")
            return
        self.refresh_councils(select=council.id)
        self.query_one("#sessions", DataTable).focus()
        self.notify("デモを読み込みました（架空のひばり野市）")

    def action_annual(self) -> None:
        """Write a fiscal year's 運用状況: the year of the chosen session, or this year."""
        council = self._need_council()
        if council is None:
            return
        session = self.session
        year = session.fiscal_year if session is not None else fiscal_year(self.now().date())

        def asked(chosen: int | None) -> None:
            if chosen is None:
                return
            from exports.registry import prepare

            prepared = prepare(self.db, "annual", (council.id, chosen))
            name = f"{council.name}_運用状況_{format_fiscal_year(chosen)}.docx"

            def where(out: Path | None) -> None:
                if out is not None:
                    self.write_prepared(prepared, out)

            self.app.push_screen(SavePathDialog("運用状況を書き出す", Path.cwd() / name), where)

        self.app.push_screen(
            AskDialog(
                "運用状況を書き出します",
                "年度",
                format_fiscal_year(year),
                _a_year,
            ),
            asked,
        )


def _a_year(text: str) -> int:
    """A fiscal year the clerk typed (令和8年度, R8, 2026); empty is not one."""
    from meeting.forms import parse_fiscal_year

    year = parse_fiscal_year(text)
    if year is None:
        raise InputError("年度", "年度を入れてください（例: 令和8年度、2026）")
    return year
