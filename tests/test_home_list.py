"""The home screen's session list: every year reachable though rows arrive a page at a time,
and the launch filling the list once."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from textual.widgets import DataTable

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.screens import home as home_module
from meeting.screens.home import HomeScreen
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


async def filled(pilot, table: DataTable, count: int) -> None:
    for _ in range(50):
        if table.row_count == count:
            return
        await pilot.pause()
    raise AssertionError(f"{table.row_count} rows of {count}")


async def test_a_shows_every_year_and_the_oldest_session_is_reached_by_keys(
    db, council, small_pages
):
    sessions_over_years(db, council)
    every = upcoming_first(list_sessions(db, council.id), NOW.date())
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#sessions", DataTable)
        await pilot.press("down")
        chosen = home.session
        assert chosen is not None
        pages: list[int] = []
        fill = home._fill

        def spy(table, start, stop):
            pages.append(stop - start)
            fill(table, start, stop)

        home._fill = spy
        await pilot.press("a")
        assert home.session is not None and home.session.id == chosen.id  # selection kept
        await filled(pilot, table, len(every))
        assert pages[:3] == [4, 5, 5]  # a page before the frame, chunks after it
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
