"""The command palette (ctrl+p) in Japanese: its placeholder and its 見つかりません."""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "操作の名前で探す…（例: 書き出す、委員名簿）"
NOTHING_FOUND = "見つかりません"


class Palette(CommandPalette):
    """Textual's palette, speaking Japanese. Textual writes its "No matches found" inside the
    countdown that shows it, so the countdown is written again here with the Japanese words."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(placeholder=PLACEHOLDER, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:  # a search that found nothing says so
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NOTHING_FOUND, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:  # browsing with an empty search: nothing to say
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)
