"""The chair's clock: counted from the sitting's start, stopped at its end."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from meeting.dates import TOKYO, at
from meeting.model import Sitting
from meeting.sessions import sitting_clock

DAY = date(2026, 12, 14)


def sitting(end: time | None = time(12)) -> Sitting:
    return Sitting(
        id=1,
        session_id=1,
        ordinal=1,
        starts_at=at(DAY, time(10)),
        ends_at=at(DAY, end) if end else None,
        place="第1会議室",
        online=False,
        uid="sitting-1@example",
    )


@pytest.mark.parametrize(
    ("now", "end", "said"),
    [
        (datetime(2026, 12, 14, 9, 30, tzinfo=TOKYO), time(12), "開始前（午前10時から）"),
        (datetime(2026, 12, 14, 10, 0, tzinfo=TOKYO), time(12), "開始から0分"),
        (datetime(2026, 12, 14, 10, 45, tzinfo=TOKYO), time(12), "開始から45分"),
        (datetime(2026, 12, 14, 11, 5, tzinfo=TOKYO), time(12), "開始から1時間5分"),
        (datetime(2026, 12, 14, 12, 0, tzinfo=TOKYO), time(12), "終了（2時間）"),
        # a past session: the count stopped at its end, not 64688時間 later
        (datetime(2026, 12, 25, 9, 0, tzinfo=TOKYO), time(12), "終了（2時間）"),
        (datetime(2026, 12, 14, 13, 0, tzinfo=TOKYO), None, "開始から3時間"),
        (datetime(2026, 12, 15, 9, 0, tzinfo=TOKYO), None, "終了"),  # no end, another day
    ],
)
def test_the_clock_counts_from_the_start_and_stops_at_the_end(now, end, said):
    assert sitting_clock(sitting(end), now) == said
