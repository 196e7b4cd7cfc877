"""Calendar invites, read back by icalendar and by vobject, an independent parser."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from exports.ics import council_calendar, session_calendar, write_calendar
from meeting.dates import TOKYO
from meeting.model import (
    Council,
    CouncilKind,
    Member,
    Role,
    Session,
    SessionForm,
    SessionKind,
    SessionStatus,
    Sitting,
    SittingStatus,
    SpeakerNames,
)

STAMP = datetime(2026, 11, 20, 9, 0, tzinfo=TOKYO)
COUNCIL_NAME = "ひばり野市情報公開・個人情報保護審議会"

COUNCIL = Council(
    id=1,
    name=COUNCIL_NAME,
    municipality="ひばり野市",
    kind=CouncilKind.SHINGIKAI,
    quorum_article="条例第5条第2項",
    speaker_names=SpeakerNames.NAMED,
    secretariat_name="総務課情報公開係",
    secretariat_email="johokokai@city.hibarino.example",
)
CHAIR = Member(
    1,
    1,
    "森川 聡子",
    "もりかわ さとこ",
    Role.CHAIR,
    None,
    None,
    email="morikawa@mail.hibarino.example",
    position=1,
)
VICE = Member(
    2,
    1,
    "石田 健一",
    "いしだ けんいち",
    Role.VICE_CHAIR,
    None,
    None,
    email="ishida@mail.hibarino.example",
    position=2,
)
NO_MAIL = Member(3, 1, "大野 真理", "おおの まり", Role.MEMBER, None, None, position=3)
MEMBERS = (CHAIR, VICE, NO_MAIL)


def _sitting(
    ordinal: int, day: date, start: tuple[int, int], end: tuple[int, int], **kw: object
) -> Sitting:
    return Sitting(
        id=ordinal,
        session_id=10,
        ordinal=ordinal,
        starts_at=datetime(day.year, day.month, day.day, *start, tzinfo=TOKYO),
        ends_at=datetime(day.year, day.month, day.day, *end, tzinfo=TOKYO),
        place=kw.pop("place", "ひばり野市役所 本庁舎3階 第1会議室"),  # type: ignore[arg-type]
        online=False,
        uid=f"sitting-{ordinal}@hibarino.example",
        **kw,  # type: ignore[arg-type]
    )


TWO_DAYS = Session(
    id=10,
    council_id=1,
    fiscal_year=2026,
    number=3,
    kind=SessionKind.REGULAR,
    form=SessionForm.IN_PERSON,
    public=True,
    status=SessionStatus.SCHEDULED,
    sequence=0,
    uid="session-10@hibarino.example",
    sittings=(
        _sitting(1, date(2026, 12, 14), (10, 0), (12, 0)),
        _sitting(2, date(2026, 12, 15), (13, 30), (15, 0)),
    ),
)
EXPECTED_TIMES = [
    (datetime(2026, 12, 14, 10, 0, tzinfo=TOKYO), datetime(2026, 12, 14, 12, 0, tzinfo=TOKYO)),
    (datetime(2026, 12, 15, 13, 30, tzinfo=TOKYO), datetime(2026, 12, 15, 15, 0, tzinfo=TOKYO)),
]
UIDS = ["sitting-1@hibarino.example", "sitting-2@hibarino.example"]

WRITTEN = Session(
    id=11,
    council_id=1,
    fiscal_year=2026,
    number=4,
    kind=SessionKind.EXTRAORDINARY,
    form=SessionForm.WRITTEN_RESOLUTION,
    public=False,
    status=SessionStatus.SCHEDULED,
    sequence=0,
    uid="session-11@hibarino.example",
    written_from=date(2027, 1, 12),
    written_until=date(2027, 1, 22),
)


def _both(cal: Calendar) -> tuple[Calendar, vobject.base.Component]:
    """Serialise, then parse the bytes with each library."""
    data = cal.to_ical()
    return Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def _ical_events(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


def _attendees(event) -> list:
    found = event.get("ATTENDEE", [])
    return found if isinstance(found, list) else [found]


def test_two_sittings_are_two_events_in_tokyo_time() -> None:
    ical, vcal = _both(session_calendar(COUNCIL, TWO_DAYS, MEMBERS, stamp=STAMP))

    assert str(ical["METHOD"]) == "REQUEST"
    assert str(ical["PRODID"]) == "-//meeting//ひばり野市//JA"
    assert [str(tz["TZID"]) for tz in ical.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    events = _ical_events(ical)
    assert [str(e["UID"]) for e in events] == UIDS
    for event, (start, end) in zip(events, EXPECTED_TIMES, strict=True):
        assert event["DTSTART"].dt == start and event["DTEND"].dt == end
        assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
        assert event["DTSTAMP"].dt == STAMP.astimezone(UTC)
        assert str(event["STATUS"]) == "CONFIRMED"
        assert int(event["SEQUENCE"]) == 0
    assert str(events[0]["SUMMARY"]) == f"{COUNCIL_NAME} 令和8年度第3回定例会（1日目）"
    assert str(events[1]["SUMMARY"]).endswith("（2日目）")
    description = str(events[0]["DESCRIPTION"])
    assert description.splitlines() == [
        "令和8年度第3回定例会",
        "日時: 令和8年12月14日（月）午前10時～正午",
        "場所: ひばり野市役所 本庁舎3階 第1会議室",
        "公開",
    ]
    organizer = events[0]["ORGANIZER"]
    assert str(organizer) == "mailto:johokokai@city.hibarino.example"
    assert organizer.params["CN"] == "総務課情報公開係"
    attendees = {str(a): a.params for a in _attendees(events[0])}
    assert set(attendees) == {f"mailto:{CHAIR.email}", f"mailto:{VICE.email}"}
    assert attendees[f"mailto:{CHAIR.email}"]["CN"] == "森川 聡子"
    assert attendees[f"mailto:{CHAIR.email}"]["ROLE"] == "CHAIR"
    assert attendees[f"mailto:{VICE.email}"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees[f"mailto:{VICE.email}"]["RSVP"] == "TRUE"

    assert vcal.method.value == "REQUEST"
    assert vcal.vtimezone.tzid.value == "Asia/Tokyo"
    vevents = vcal.vevent_list
    assert [e.uid.value for e in vevents] == UIDS
    for event, (start, end) in zip(vevents, EXPECTED_TIMES, strict=True):
        assert event.dtstart.value.tzinfo is not None
        assert event.dtstart.value == start and event.dtend.value == end
        assert event.dtstart.value.utcoffset() == timedelta(hours=9)
    assert vevents[1].summary.value.endswith("（2日目）")
    assert vevents[0].organizer.params["CN"] == ["総務課情報公開係"]
    by_mail = {a.value: a.params for a in vevents[0].attendee_list}
    assert set(by_mail) == {f"mailto:{CHAIR.email}", f"mailto:{VICE.email}"}
    assert by_mail[f"mailto:{CHAIR.email}"]["CN"] == ["森川 聡子"]
    assert by_mail[f"mailto:{CHAIR.email}"]["ROLE"] == ["CHAIR"]
    assert by_mail[f"mailto:{VICE.email}"]["CN"] == ["石田 健一"]
    assert "大野" not in cal_text(session_calendar(COUNCIL, TWO_DAYS, MEMBERS, stamp=STAMP))


def cal_text(cal: Calendar) -> str:
    """Unfolded text, for checks on what a line says."""
    return re.sub(r"\r\n[ \t]", "", cal.to_ical().decode("utf-8"))


def test_output_is_deterministic() -> None:
    first = session_calendar(COUNCIL, TWO_DAYS, MEMBERS, stamp=STAMP).to_ical()
    assert session_calendar(COUNCIL, TWO_DAYS, MEMBERS, stamp=STAMP).to_ical() == first


def test_single_sitting_has_no_day_ordinal_and_online_place() -> None:
    online = replace(TWO_DAYS.sittings[0], place="", online=True)
    session = replace(TWO_DAYS, form=SessionForm.ONLINE, public=False, sittings=(online,))
    ical, vcal = _both(session_calendar(COUNCIL, session, MEMBERS, stamp=STAMP))
    (event,) = _ical_events(ical)
    assert str(event["SUMMARY"]) == f"{COUNCIL_NAME} 令和8年度第3回定例会"
    assert str(event["LOCATION"]) == "オンライン"
    assert str(event["DESCRIPTION"]).splitlines()[-1] == "非公開"
    assert vcal.vevent.location.value == "オンライン"


def test_reschedule_raises_sequence_and_keeps_uids() -> None:
    week = timedelta(days=7)
    moved = replace(
        TWO_DAYS,
        sequence=1,
        sittings=tuple(
            replace(s, starts_at=s.starts_at + week, ends_at=s.ends_at + week)
            for s in TWO_DAYS.sittings
        ),
    )
    ical, vcal = _both(session_calendar(COUNCIL, moved, MEMBERS, stamp=STAMP))
    events = _ical_events(ical)
    assert [str(e["UID"]) for e in events] == UIDS
    assert [int(e["SEQUENCE"]) for e in events] == [1, 1]
    assert events[0]["DTSTART"].dt == datetime(2026, 12, 21, 10, 0, tzinfo=TOKYO)
    assert [e.sequence.value for e in vcal.vevent_list] == ["1", "1"]
    assert [e.uid.value for e in vcal.vevent_list] == UIDS


def test_cancelled_session_cancels_every_event() -> None:
    cancelled = replace(TWO_DAYS, status=SessionStatus.CANCELLED, sequence=2)
    ical, vcal = _both(session_calendar(COUNCIL, cancelled, MEMBERS, stamp=STAMP))
    assert str(ical["METHOD"]) == "CANCEL"
    events = _ical_events(ical)
    assert [str(e["UID"]) for e in events] == UIDS
    assert [str(e["STATUS"]) for e in events] == ["CANCELLED", "CANCELLED"]
    assert [int(e["SEQUENCE"]) for e in events] == [2, 2]
    assert vcal.method.value == "CANCEL"
    assert [e.status.value for e in vcal.vevent_list] == ["CANCELLED", "CANCELLED"]
    assert [e.uid.value for e in vcal.vevent_list] == UIDS


def test_one_cancelled_sitting_in_a_scheduled_session() -> None:
    second = replace(TWO_DAYS.sittings[1], status=SittingStatus.CANCELLED)
    session = replace(TWO_DAYS, sequence=1, sittings=(TWO_DAYS.sittings[0], second))
    ical, vcal = _both(session_calendar(COUNCIL, session, MEMBERS, stamp=STAMP))
    assert str(ical["METHOD"]) == "REQUEST"
    assert [str(e["STATUS"]) for e in _ical_events(ical)] == ["CONFIRMED", "CANCELLED"]
    assert [e.status.value for e in vcal.vevent_list] == ["CONFIRMED", "CANCELLED"]


def test_written_resolution_is_one_all_day_event() -> None:
    ical, vcal = _both(session_calendar(COUNCIL, WRITTEN, MEMBERS, stamp=STAMP))
    (event,) = _ical_events(ical)
    assert str(event["UID"]) == WRITTEN.uid
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert type(start) is date and type(end) is date
    assert (start, end) == (date(2027, 1, 12), date(2027, 1, 23))
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["SUMMARY"]) == f"{COUNCIL_NAME} 令和8年度第4回臨時会（書面決議）"
    assert "期間: 令和9年1月12日（火）～令和9年1月22日（金）" in str(event["DESCRIPTION"])
    assert "LOCATION" not in event

    (vevent,) = vcal.vevent_list
    assert type(vevent.dtstart.value) is date and type(vevent.dtend.value) is date
    assert vevent.dtstart.value == date(2027, 1, 12)
    assert vevent.dtend.value == date(2027, 1, 23)
    assert vevent.uid.value == WRITTEN.uid


def test_council_calendar_holds_every_session() -> None:
    cancelled_written = replace(WRITTEN, status=SessionStatus.CANCELLED, sequence=1)
    cal = council_calendar(
        COUNCIL,
        [TWO_DAYS, cancelled_written],
        {TWO_DAYS.id: MEMBERS, WRITTEN.id: (CHAIR,)},
        stamp=STAMP,
    )
    ical, vcal = _both(cal)
    assert str(ical["METHOD"]) == "REQUEST"
    events = _ical_events(ical)
    assert [str(e["UID"]) for e in events] == [*UIDS, WRITTEN.uid]
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert len(_attendees(events[0])) == 2 and len(_attendees(events[2])) == 1
    assert len(ical.walk("VTIMEZONE")) == 1
    assert [e.uid.value for e in vcal.vevent_list] == [*UIDS, WRITTEN.uid]


def test_council_calendar_without_attendees_entry() -> None:
    (event,) = _ical_events(council_calendar(COUNCIL, [WRITTEN], {}, stamp=STAMP))
    assert "ATTENDEE" not in event


def test_no_organizer_without_secretariat_email() -> None:
    council = replace(COUNCIL, secretariat_email="")
    for event in _ical_events(session_calendar(council, TWO_DAYS, MEMBERS, stamp=STAMP)):
        assert "ORGANIZER" not in event


def test_organizer_falls_back_to_council_name() -> None:
    council = replace(COUNCIL, secretariat_name="")
    ical, _ = _both(session_calendar(council, WRITTEN, (), stamp=STAMP))
    assert _ical_events(ical)[0]["ORGANIZER"].params["CN"] == COUNCIL_NAME


def test_control_characters_are_stripped() -> None:
    council = replace(
        COUNCIL, name="ひばり野市\x0b情報公開\ud800審議会\x00", municipality="ひばり\x1f野市"
    )
    sitting = replace(TWO_DAYS.sittings[0], place="第1\x07会議室\ufffe")
    member = replace(CHAIR, name="森川\x0c 聡子")
    session = replace(TWO_DAYS, sittings=(sitting,))
    cal = session_calendar(council, session, (member,), stamp=STAMP)
    data = cal.to_ical()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data)
    assert "\ufffe" not in data.decode("utf-8")
    ical, vcal = _both(cal)
    (event,) = _ical_events(ical)
    assert str(event["SUMMARY"]) == "ひばり野市情報公開審議会 令和8年度第3回定例会"
    assert str(event["LOCATION"]) == "第1会議室"
    assert _attendees(event)[0].params["CN"] == "森川 聡子"
    assert str(ical["PRODID"]) == "-//meeting//ひばり野市//JA"
    assert vcal.vevent.location.value == "第1会議室"


def test_write_calendar_writes_only_that_path(tmp_path: Path) -> None:
    cal = session_calendar(COUNCIL, TWO_DAYS, MEMBERS, stamp=STAMP)
    target = tmp_path / "第3回定例会.ics"
    assert write_calendar(cal, target) == target
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == cal.to_ical()
    # Overwriting replaces the file and still leaves nothing else behind.
    write_calendar(session_calendar(COUNCIL, WRITTEN, (), stamp=STAMP), target)
    assert list(tmp_path.iterdir()) == [target]
    assert WRITTEN.uid in target.read_text(encoding="utf-8")


def test_write_calendar_missing_parent(tmp_path: Path) -> None:
    cal = session_calendar(COUNCIL, TWO_DAYS, MEMBERS, stamp=STAMP)
    with pytest.raises(FileNotFoundError, match="フォルダ"):
        write_calendar(cal, tmp_path / "nowhere" / "invite.ics")
    assert list(tmp_path.iterdir()) == []
