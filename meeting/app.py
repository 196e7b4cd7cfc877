"""The Textual app shell: holds the database and the clock, and opens the home screen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from meeting.clock import Clock, system_clock

if TYPE_CHECKING:
    from meeting.db import Checkpointer


class MeetingApp(App[None]):
    """審議会の会議と記録."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "meeting 審議会の会議と記録"

    def __init__(
        self,
        db: Database,
        *,
        db_path: Path | None = None,
        clock: Clock = system_clock,
        chair_session: int | None = None,
    ):
        super().__init__()
        self.db = db
        self.db_path = db_path
        self.clock = clock
        self.chair_session = chair_session
        """Open the chair's read-only view of this session instead of the home screen."""
        self.checkpointer: Checkpointer | None = None

    def on_mount(self) -> None:
        if self.chair_session is not None:
            from meeting.screens.chair import ChairScreen
            from meeting.store import get_session

            self.push_screen(ChairScreen(get_session(self.db, self.chair_session)))
            return
        from meeting.db import Checkpointer
        from meeting.screens.home import HomeScreen

        self.checkpointer = Checkpointer(self.db)  # the clerk's Enter never waits on one
        self.push_screen(HomeScreen())

    def on_unmount(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every binding of the screen is also a command in the palette."""
        seen: set[str] = set()
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            help_text = binding.tooltip or f"{binding.description}（{binding.key}）"
            yield SystemCommand(binding.description, help_text, _runner(screen, binding.action))
        yield SystemCommand("テーマ", "画面の配色を変えます", self.action_change_theme)
        yield SystemCommand("画面を保存", "今の画面を SVG で保存します", self.action_screenshot)
        yield SystemCommand("終了", "meeting を終了します", self.action_quit)


def _runner(screen: Screen, action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await screen.run_action(action)

    return run
