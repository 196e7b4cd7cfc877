"""A sitting with a start and no end: 午前10時～ everywhere, never a made-up end."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
import vobject
from icalendar import Calendar

from exports.ics import UNKNOWN_END_LENGTH, UNKNOWN_END_NOTE, session_calendar
from exports.registry import prepare
from meeting.dates import TOKYO, at, format_time_range
from meeting.errors import InputError
from meeting.forms import SittingText, session_plan, sitting_texts
from meeting.model import SessionForm, SessionKind, SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.sessions import session_detail, session_when
from meeting.store import get_session, list_members, reschedule_session, schedule_session
from minutes.roll import set_presence
from minutes.timing import moment_in
from tests.test_ics import COUNCIL, MEMBERS, STAMP, TWO_DAYS

DAY = date(2026, 12, 14)
ROOM = "第1会議室"


def _plan(*sittings: SittingPlan) -> SessionPlan:
    return SessionPlan(sittings=sittings)


def _open(day: date = DAY, start: time = time(10)) -> SittingPlan:
    return SittingPlan(at(day, start), None, ROOM)


@pytest.mark.parametrize(
    ("end", "printed"),
    [
        (None, "午前10時～"),
        (datetime(2026, 12, 14, 12, 0, tzinfo=TOKYO), "午前10時～正午"),
        (datetime(2026, 12, 14, 15, 30, tzinfo=TOKYO), "午前10時～午後3時30分"),
    ],
)
def test_a_time_range_without_an_end_prints_the_start_and_a_dash(end, printed):
    assert format_time_range(datetime(2026, 12, 14, 10, tzinfo=TOKYO), end) == printed


@pytest.mark.parametrize(
    ("end_text", "expected_end"),
    [("", None), ("   ", None), ("正午", datetime(2026, 12, 14, 12, tzinfo=TOKYO))],
)
def test_the_session_form_leaves_the_end_empty(end_text, expected_end):
    plan = session_plan(
        kind=SessionKind.REGULAR,
        form=SessionForm.IN_PERSON,
        public=True,
        fiscal_year="",
        number="",
        sittings=[SittingText("令和8年12月14日", "午前10時", end_text, ROOM)],
        written_from="",
        written_until="",
    )
    assert plan.sittings[0].ends_at == expected_end


def test_a_sitting_without_an_end_is_stored_and_read_back(db, council, now):
    session = schedule_session(db, council.id, _plan(_open()), now=now)
    assert session.sittings[0].ends_at is None
    assert db.execute("SELECT ends_at FROM sittings").fetchone()[0] is None
    assert session.last_day == DAY
    assert session_when(session) == "令和8年12月14日（月）午前10時～"
    assert "午前10時～  第1会議室" in session_detail(session, invited=0)
    assert sitting_texts(session)[0].end == ""
    # an end given later replaces the open one, and can be taken away again
    ended = reschedule_session(
        db, session.id, _plan(SittingPlan(at(DAY, time(10)), at(DAY, time(12)), ROOM)), now=now
    )
    assert ended.sittings[0].ends_at == at(DAY, time(12))
    reopened = reschedule_session(db, session.id, _plan(_open()), now=now)
    assert reopened.sittings[0].ends_at is None


@pytest.mark.parametrize(
    ("sittings", "field", "words"),
    [
        # an end before the start is still refused
        (
            (SittingPlan(at(DAY, time(15)), at(DAY, time(13)), ROOM),),
            "1日目の終了時刻",
            "より後",
        ),
        # two sittings of one day may not start together, though neither has an end
        ((_open(), _open()), "2日目の開始時刻", "重なっています"),
        # a sitting with an end still may not be overlapped by one without
        (
            (SittingPlan(at(DAY, time(10)), at(DAY, time(12)), ROOM), _open(DAY, time(11))),
            "2日目の開始時刻",
            "重なっています",
        ),
    ],
)
def test_bad_schedules_are_refused(db, council, now, sittings, field, words):
    with pytest.raises(InputError) as raised:
        schedule_session(db, council.id, _plan(*sittings), now=now)
    assert raised.value.field == field
    assert words in raised.value.message


def test_two_open_sittings_on_one_day_at_different_times_are_kept(db, council, now):
    session = schedule_session(db, council.id, _plan(_open(), _open(DAY, time(13, 30))), now=now)
    assert [s.ends_at for s in session.sittings] == [None, None]


def test_arrival_in_an_open_sitting_is_checked_against_its_day(db, council, now):
    session = schedule_session(db, council.id, _plan(_open()), now=now)
    sitting = session.sittings[0]
    member = list_members(db, council.id, on=DAY)[1]
    late = at(DAY, time(18, 30))  # no end: any time of the day after the start
    set_presence(db, session.id, sitting.id, member.id, Presence(True, arrived_at=late))
    for moment in (at(DAY, time(9)), at(DAY + timedelta(days=1), time(10))):
        with pytest.raises(InputError, match="午前10時～）の外です"):
            set_presence(db, session.id, sitting.id, member.id, Presence(True, arrived_at=moment))


def test_the_moment_of_an_open_sitting_is_held_from_its_start_only(db, council, now):
    session = schedule_session(db, council.id, _plan(_open()), now=now)
    sitting = get_session(db, session.id).sittings[0]
    assert moment_in(sitting, at(DAY, time(9))) == at(DAY, time(10))
    assert moment_in(sitting, at(DAY, time(19))) == at(DAY, time(19))


def test_documents_print_the_start_and_no_end(db, council, now):
    session = schedule_session(db, council.id, _plan(_open()), now=now)
    for name in ("minutes", "summary", "agenda"):
        text = "\n".join(prepare(db, name, session.id, public=True).preview)
        assert "午前10時～" in text, name
        assert "午前10時～正午" not in text and "午前10時～午後" not in text, name


def _open_invite() -> bytes:
    open_day = replace(TWO_DAYS.sittings[0], ends_at=None)
    session = replace(TWO_DAYS, sittings=(open_day, TWO_DAYS.sittings[1]))
    return session_calendar(COUNCIL, session, MEMBERS, stamp=STAMP).to_ical()


def test_an_invite_for_an_open_sitting_has_a_default_length_and_says_so():
    data = _open_invite()
    start = datetime(2026, 12, 14, 10, tzinfo=TOKYO)
    first, second = Calendar.from_ical(data).walk("VEVENT")
    assert first["DTSTART"].dt == start
    assert first["DTEND"].dt == start + UNKNOWN_END_LENGTH
    assert first["DTEND"].params["TZID"] == "Asia/Tokyo"
    lines = str(first["DESCRIPTION"]).splitlines()
    assert lines[1] == "日時: 令和8年12月14日（月）午前10時～"
    assert UNKNOWN_END_NOTE in lines
    assert UNKNOWN_END_NOTE not in str(second["DESCRIPTION"])  # the day with an end is as it was
    vevent = vobject.readOne(data.decode("utf-8")).vevent_list[0]
    assert vevent.dtstart.value == start
    assert vevent.dtend.value == start + UNKNOWN_END_LENGTH


def test_an_open_sitting_late_in_the_day_ends_in_the_calendar_by_midnight():
    late = replace(TWO_DAYS.sittings[0], starts_at=datetime(2026, 12, 14, 23, tzinfo=TOKYO))
    session = replace(TWO_DAYS, sittings=(replace(late, ends_at=None),))
    event = Calendar.from_ical(
        session_calendar(COUNCIL, session, MEMBERS, stamp=STAMP).to_ical()
    ).walk("VEVENT")[0]
    assert event["DTEND"].dt == datetime(2026, 12, 15, 0, tzinfo=TOKYO)


async def test_the_clerk_schedules_a_sitting_and_leaves_its_end_empty(db, council):
    from meeting.screens.home import HomeScreen
    from meeting.store import list_sessions
    from tests.test_app import SIZE, fill, make_app

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await fill(pilot, "#day-1", "令和8年12月14日")
        await fill(pilot, "#start-1", "午前10時")
        await fill(pilot, "#place-1", ROOM)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (session,) = list_sessions(db, council.id)
    assert session.sittings[0].ends_at is None


def test_the_sessions_json_says_an_open_end_is_null(db, council, now, tmp_path, capsys):
    import json

    from meeting.entry.cli import main

    schedule_session(db, council.id, _plan(_open()), now=now)
    assert main(["--db", str(tmp_path / "meeting.db"), "sessions", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["sittings"][0]["ends_at"] is None
    assert listed["sittings"][0]["starts_at"] == "2026-12-14T10:00:00+09:00"
