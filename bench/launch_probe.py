"""Start an app headless, stop at its first full paint, print the peak memory (for bench).

Usage: python launch_probe.py meeting ARCHIVE  |  python launch_probe.py bare
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

        def on_ready(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run(headless=True, size=(120, 40))


def meeting(path: str) -> None:
    from textual.widgets import DataTable

    from meeting.app import MeetingApp
    from meeting.db import open_database
    from meeting.screens.home import HomeScreen

    class Probe(MeetingApp):
        def on_ready(self) -> None:
            self.set_interval(0.001, self.check)

        def check(self) -> None:
            screen = self.screen
            if isinstance(screen, HomeScreen) and screen.query(DataTable):
                table = screen.query_one("#sessions", DataTable)
                if table.row_count:
                    self.call_after_refresh(self.exit)

    Probe(open_database(path)).run(headless=True, size=(120, 40))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        meeting(sys.argv[2])
    print(f"MAXRSS_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
