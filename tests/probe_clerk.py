"""Run the live record headless in its own process, taking lines from a script (for tests).

Usage: python probe_clerk.py DB SESSION_ID START COUNT. For each i it types the phrase as an IME
commits it, prints DRAFT i once the draft is saved, presses Enter and prints ENTERED i. The test
kills this process with SIGKILL at a random moment and restarts it.
"""

import asyncio
import sys

from textual.widgets import DataTable

from meeting.app import MeetingApp
from meeting.db import open_database
from meeting.widgets.line_input import LineInput

PHRASE = "第{i}行目の発言です。個人情報の取扱いについて確認します。"


async def main(path: str, session_id: int, start: int, count: int) -> None:
    db = open_database(path)
    app = MeetingApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session_id))
        await pilot.press("l")
        await pilot.pause()
        line = app.screen.query_one("#line", LineInput)
        print(f"RESTORED {line.value}", flush=True)
        line.value = ""
        await pilot.press("f2")
        for i in range(start, start + count):
            line.insert_text_at_cursor(PHRASE.format(i=i))
            await pilot.pause()
            print(f"DRAFT {i}", flush=True)
            await pilot.press("enter")
            await pilot.pause()
            print(f"ENTERED {i}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
