"""「3日後」「5分前」: how far a day or a moment is, worded by arrow against the app's clock
(never the real one), on the home screen's detail and the chair's view."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from textual.widgets import Static

from meeting.app import MeetingApp
from meeting.dates import RELATIVE_DAYS, TOKYO, relative_day, relative_time
from meeting.db import open_read_only
from meeting.entry.demo import load_demo
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.utterances import enter_line
from tests.conftest import NOW

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (0, "今日"),
        (1, "明日"),
        (-1, "昨日"),
        (3, "3日後"),
        (-3, "3日前"),
        (7, "7日後"),  # not 1週間後
        (25, "25日後"),  # not 1ヶ月後, as arrow says when left to choose
        (-28, "28日前"),
        (RELATIVE_DAYS, f"{RELATIVE_DAYS}日後"),
        (RELATIVE_DAYS + 1, ""),  # the date beside it says enough
        (-(RELATIVE_DAYS + 1), ""),
    ],
)
def test_a_day_in_calendar_days(days, said):
    assert relative_day(TODAY + timedelta(days=days), TODAY) == said


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0, "たった今"),
        (-59, "たった今"),
        (30, "まもなく"),
        (-60, "1分前"),
        (-5 * 60, "5分前"),
        (5 * 60, "5分後"),
        (-59 * 60, "59分前"),
        (-3 * 3600, "3時間前"),
        (14 * 3600, "14時間後"),  # 23:00, the same day
        (15 * 3600, "明日"),  # 0:00 the next day: a calendar day, not 15時間後
        (-10 * 3600, "昨日"),  # 23:00 the day before
    ],
)
def test_a_moment_within_the_day_and_beyond(seconds, said):
    now = datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)
    assert relative_time(now + timedelta(seconds=seconds), now) == said


def test_the_day_is_tokyos_whatever_the_zone_given():
    now = datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)
    midnight_in_tokyo = datetime.fromisoformat("2026-11-24T15:00:00+00:00")
    assert relative_time(midnight_in_tokyo, now) == "9時間前"  # today in Tokyo, not yesterday
    assert relative_time(midnight_in_tokyo - timedelta(minutes=1), now) == "昨日"


# On the screens


async def test_the_home_detail_says_how_far_each_day_is(db):
    load_demo(db, now=NOW)
    app = MeetingApp(db, clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = app.screen.session  # the next session, two days
        days = [(s.starts_at.date() - NOW.date()).days for s in shown.sittings]
        assert days[1] == days[0] + 1 and 1 < days[0] <= RELATIVE_DAYS
        detail = str(app.screen.query_one("#session-detail", Static).render())
        assert f"正午（{days[0]}日後）" in detail and f"（{days[1]}日後）" in detail


async def test_the_chairs_latest_lines_age_with_the_clock(db, sitting_now):
    path, session = sitting_now
    enter_line(
        db,
        session.id,
        "開会します。",
        at=NOW,
        agenda_item_id=None,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    clock = [NOW + timedelta(minutes=5)]
    app = MeetingApp(open_read_only(path), clock=lambda: clock[0], chair_session=session.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        latest = app.screen.query_one("#chair-latest")
        assert "（5分前）" in str(latest.render()) and "開会します。" in str(latest.render())
        clock[0] = NOW + timedelta(hours=2)  # nothing written: only the clock moved
        for _ in range(40):
            await pilot.pause(0.05)
            if "（2時間前）" in str(latest.render()):
                break
        assert "（2時間前）" in str(latest.render())
