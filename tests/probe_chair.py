"""Run the chair's view headless in its own process and report what it shows (for tests).

Usage: python probe_chair.py DB SESSION_ID SECONDS. Prints READY, then a SHOW line each time
the view redraws from the file: the quorum line and the latest line of the record.
"""

import asyncio
import sys
import time

from textual.widgets import Static

from meeting.app import MeetingApp
from meeting.db import open_database
from meeting.widgets.record import WrappedLines


async def main(path: str, session_id: int, seconds: float) -> None:
    db = open_database(path)
    app = MeetingApp(db, chair_session=session_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        seen = -1
        print("READY", flush=True)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            await pilot.pause(0.02)
            if screen.refreshes != seen:
                seen = screen.refreshes
                quorum = str(screen.query_one("#chair-quorum", Static).render()).replace("\n", " ")
                latest = " | ".join(screen.query_one("#chair-latest", WrappedLines).lines)
                print(f"SHOW {time.monotonic():.3f} {quorum} || {latest}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
