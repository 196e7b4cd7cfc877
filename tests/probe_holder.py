"""A second app instance holding a session's live record (for tests).

Usage: python probe_holder.py DB SESSION_ID TEXT. Opens the live record, types TEXT as a draft,
prints HOLDING, then waits until stdin closes and leaves the screen (letting the hold go).
"""

import asyncio
import sys

from textual.widgets import DataTable

from meeting.app import MeetingApp
from meeting.db import open_database
from meeting.widgets.line_input import LineInput


async def main(path: str, session_id: int, text: str) -> None:
    db = open_database(path)
    app = MeetingApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session_id))
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("f2")
        app.screen.query_one("#line", LineInput).insert_text_at_cursor(text)
        await pilot.pause()
        print("HOLDING", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await pilot.press("ctrl+x")
        await pilot.pause()
    db.close()
    print("RELEASED", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
