"""Key to frame for `a` on the home screen (every year's sessions): from the key press to the first
frame the app composes after the action ran (headless, 120×40; `App._display` is timed).

Usage: python bench/home_list.py ARCHIVE CHECKOUT  (CHECKOUT: the tree whose `meeting` to run)
"""

import asyncio
import sys
import time

sys.path.insert(0, sys.argv[2])
from textual.widgets import DataTable

from meeting.app import MeetingApp
from meeting.db import open_database
from meeting.screens.home import HomeScreen


async def once(path):
    app = MeetingApp(open_database(path))
    frames = []
    orig = app._display

    def display(screen, renderable):
        if renderable is not None:
            frames.append(time.perf_counter())
        return orig(screen, renderable)

    app._display = display
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        before = screen.query_one("#sessions", DataTable).row_count
        done = []
        orig_action = screen.action_all_years

        def action():
            orig_action()
            done.append(time.perf_counter())

        screen.action_all_years = action
        frames.clear()
        t0 = time.perf_counter()
        await pilot.press("a")
        while not (done and any(f > done[0] for f in frames)):
            await asyncio.sleep(0.001)
        t1 = next(f for f in frames if f > done[0])
        after = screen.query_one("#sessions", DataTable).row_count
        await pilot.pause(0.5)
        full = len(screen.sessions)
        return t1 - t0, before, after, full


if __name__ == "__main__":
    dt, before, after, full = asyncio.run(once(sys.argv[1]))
    print(f"KEYFRAME {dt * 1000:.1f} ms rows {before}->{after} sessions {full}")
