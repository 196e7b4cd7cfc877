"""The home screen's session list: every year reachable though rows arrive a page at a time,
and the launch filling the list once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, time

import pytest
from textual.widgets import DataTable, Label

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.screens.home import HomeScreen
from meeting.screens.home import session_list as home_module
from meeting.store import list_sessions, schedule_session, upcoming_first

SIZE = (120, 40)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of a few rows, so that a few dozen sessions take several chunks."""
    monkeypatch.setattr(home_module, "PAGE", 4)
    monkeypatch.setattr(home_module, "CHUNK", 5)


def sessions_over_years(db, council) -> None:
    """Three sessions in each of ten fiscal years, one still to come."""
    for year in range(2017, 2027):
        for month in (6, 9, 12):
            day = date(year, month, 10)
            plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "室"),))
            schedule_session(db, council.id, plan, now=NOW)


@asynccontextmanager
async def home_over_years(db, council) -> AsyncIterator[tuple]:
    """The app on the home screen over :func:`sessions_over_years`; with every session in list
    order (what `a` ends with)."""
    sessions_over_years(db, council)
    every = upcoming_first(list_sessions(db, council.id), NOW.date())
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        yield app, pilot, home, home.query_one("#sessions", DataTable), every


async def filled(pilot, table: DataTable, count: int) -> None:
    """Wait for the chunks (a frame apart) to bring the table to ``count`` rows."""
    for _ in range(3000):
        if table.row_count == count:
            return
        await pilot.pause(0.01)
    raise AssertionError(f"{table.row_count} rows of {count}")


async def test_a_shows_every_year_and_the_oldest_session_is_reached_by_keys(
    db, council, small_pages
):
    async with home_over_years(db, council) as (app, pilot, home, table, every):
        await pilot.press("down")
        chosen = home.session
        assert chosen is not None
        pages, _ = keys_between_chunks(app, home, [])
        await pilot.press("a")
        assert home.session is not None and home.session.id == chosen.id  # selection kept
        await filled(pilot, table, len(every))
        # the rows shown stay; the older years come a chunk after each frame
        assert max(pages) <= 5 and len(pages) > 2
        assert [str(s.id) for s in every] == [
            table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(len(every))
        ]
        await pilot.press("ctrl+end")
        assert home.session is not None and home.session.id == every[-1].id
        await pilot.press("a")  # back to this year and the last
        await filled(pilot, table, len(home.sessions))
        assert {s.fiscal_year for s in home.sessions} == {2025, 2026}


async def test_a_pressed_twice_quickly_leaves_no_row_twice(db, council, small_pages):
    sessions_over_years(db, council)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        table = home.query_one("#sessions", DataTable)
        await pilot.press("a", "a", "a")
        await filled(pilot, table, 30)
        for _ in range(10):
            await pilot.pause()
        assert table.row_count == len(home.sessions) == 30


async def test_the_launch_fills_the_list_once(db, council, monkeypatch):
    sessions_over_years(db, council)
    calls: list[int] = []
    fill = HomeScreen.refresh_sessions

    def spy(self, select=None):
        calls.append(1)
        fill(self, select)

    monkeypatch.setattr(HomeScreen, "refresh_sessions", spy)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(calls) == 1
        assert app.screen.query_one("#sessions", DataTable).row_count == 6


async def test_an_older_year_dated_among_the_newest_still_takes_its_place(db, council, small_pages):
    """A session of 2018 dated in 2026 (a file from elsewhere: the store would refuse the date,
    as the benchmark archive's years run on into the next) sorts among the first rows: the list
    read a year at a time still ends in the order of every year read at once."""
    sessions_over_years(db, council)
    late = list_sessions(db, council.id, fiscal_year=2018)[0]
    db.execute(
        "UPDATE sittings SET starts_at = '2026-10-01T14:00:00+09:00',"
        " ends_at = '2026-10-01T16:00:00+09:00' WHERE session_id = ?",
        [late.id],
    )
    every = upcoming_first(list_sessions(db, council.id), NOW.date())
    assert [s.id for s in every].index(late.id) < 4
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        table = home.query_one("#sessions", DataTable)
        chosen = home.session
        await pilot.press("a")
        await filled(pilot, table, len(every))
        for _ in range(10):
            await pilot.pause()
        assert [str(s.id) for s in every] == [
            table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(len(every))
        ]
        assert [s.id for s in home.sessions] == [s.id for s in every]
        assert home.session is not None and chosen is not None
        assert home.session.id == chosen.id


ACTIONS = {"ctrl+end": "scroll_bottom", "end": "scroll_bottom", "up": "cursor_up"}


def keys_between_chunks(app, home, keys: list[str]) -> tuple[list[int], list[int]]:
    """The action of each of ``keys`` (as bound on the table), one after each chunk of rows, as
    a clerk would press them while older years load; returns the rows added by each fill and
    the rows there were at each key. (Pressed through the pilot, a key waits for the app to be
    idle, that is for every year to be in.)"""
    pages: list[int] = []
    rows_at_key: list[int] = []
    fill = home._fill
    waiting = list(keys)
    table = home.query_one("#sessions", DataTable)
    for key in keys:  # the key is the table's, for that action
        assert ACTIONS[key] in [b.action for b in table._bindings.key_to_bindings[key]]

    def spy(table, stop):
        before = table.row_count
        fill(table, stop)
        pages.append(table.row_count - before)
        if len(pages) >= 2 and waiting:
            rows_at_key.append(table.row_count)
            home.call_later(getattr(table, f"action_{ACTIONS[waiting.pop(0)]}"))

    home._fill = spy
    return pages, rows_at_key


@pytest.mark.parametrize("key", ["ctrl+end", "end"])
async def test_the_last_key_reaches_the_oldest_session_while_older_years_load(
    db, council, small_pages, key
):
    async with home_over_years(db, council) as (app, pilot, home, table, every):
        pages, rows_at_key = keys_between_chunks(app, home, [key])
        await pilot.press("a")
        await filled(pilot, table, len(every))
        await pilot.pause()
        assert rows_at_key and rows_at_key[0] < len(every)  # pressed while years were to come
        assert home.session is not None and home.session.id == every[-1].id
        assert max(pages) <= 5  # still a chunk at a time, never every row at once
        await pilot.press("home")
        assert home.session is not None and home.session.id == every[0].id


async def test_a_key_of_the_clerk_while_the_list_loads_stops_the_way_to_the_end(
    db, council, small_pages
):
    async with home_over_years(db, council) as (app, pilot, home, table, every):
        _, rows_at_key = keys_between_chunks(app, home, ["ctrl+end", "up"])
        await pilot.press("a")
        await filled(pilot, table, len(every))
        await pilot.pause()
        assert len(rows_at_key) == 2 and rows_at_key[1] < len(every)
        assert table.cursor_row < rows_at_key[1]  # where up left it, not the rows added since
        assert home.session is not None and home.session.id != every[-1].id


async def test_the_table_is_drawn_between_chunks_and_a_shows_at_once(db, council, small_pages):
    async with home_over_years(db, council) as (app, pilot, home, table, every):
        await filled(pilot, table, len(home.sessions))
        events: list[str] = []
        display, more = app._display, home._more

        def frame(screen, renderable):
            if renderable is not None:
                events.append("frame")
            return display(screen, renderable)

        def chunk(table, filling):
            events.append("chunk")
            more(table, filling)

        app._display, home._more = frame, chunk
        await pilot.press("a")
        assert "すべての年度" in str(home.query_one("#sessions-title", Label).render())
        await filled(pilot, table, len(every))
        chunks = events.count("chunk")
        assert chunks > 3
        assert events[0] == "frame"  # what `a` changed is drawn before any chunk is read
        # frames between the chunks: keys and frames go on while the years come in (chained on
        # call_after_refresh the chunks had no frame between them at all)
        gaps = ",".join(events).split("chunk")[1:-1]
        assert sum("frame" in gap for gap in gaps) >= 0.8 * len(gaps)
        await pilot.press("a")
        assert "今年度と前年度" in str(home.query_one("#sessions-title", Label).render())
