"""Councils, rosters and sessions through the store, with every bad input the clerk may type."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from meeting.dates import TOKYO, at
from meeting.errors import InputError
from meeting.model import (
    CouncilDraft,
    MemberDraft,
    Role,
    SessionForm,
    SessionPlan,
    SessionStatus,
    SittingPlan,
    SittingStatus,
)
from meeting.store import (
    add_council,
    add_member,
    cancel_session,
    delete_member,
    get_session,
    list_councils,
    list_members,
    list_sessions,
    next_session_number,
    reschedule_session,
    schedule_session,
    upcoming_first,
    update_member,
)

ROOM = "本庁舎3階 第1会議室"


def sitting(day: date, start=time(10), end=time(12), place=ROOM) -> SittingPlan:
    return SittingPlan(at(day, start), at(day, end), place)


def two_day_plan() -> SessionPlan:
    return SessionPlan(
        sittings=(sitting(date(2026, 12, 15)), sitting(date(2026, 12, 14), time(13, 30), time(16)))
    )


def test_council_with_an_empty_name_is_refused(db, now):
    with pytest.raises(InputError) as raised:
        add_council(db, CouncilDraft(name="   ", municipality="かもめ台市"), now=now)
    assert raised.value.field == "名称"
    assert list_councils(db) == []


def test_council_with_a_bad_email_is_refused(db, now):
    with pytest.raises(InputError, match="事務局のメール"):
        add_council(
            db, CouncilDraft(name="審議会", municipality="", secretariat_email="soumu"), now=now
        )


def test_roster_order_and_ended_terms(db, council):
    everyone = list_members(db, council.id)
    assert [m.role for m in everyone[:2]] == [Role.CHAIR, Role.VICE_CHAIR]
    assert len(everyone) == 7
    in_office = list_members(db, council.id, on=date(2026, 12, 14))
    assert "木村 元" not in [m.name for m in in_office]
    assert len(in_office) == 6
    # …but on a day of the former term, the former member is there.
    assert "木村 元" in [m.name for m in list_members(db, council.id, on=date(2024, 6, 1))]


def test_member_with_an_empty_name_is_refused_and_nothing_changes(db, council):
    before = list_members(db, council.id)
    with pytest.raises(InputError) as raised:
        add_member(db, council.id, MemberDraft(name="　 "))
    assert raised.value.field == "氏名"
    assert list_members(db, council.id) == before


def test_member_term_ending_before_it_starts_is_refused(db, council):
    with pytest.raises(InputError, match="任期の終了日"):
        add_member(
            db,
            council.id,
            MemberDraft("佐藤 新", term_start=date(2026, 4, 1), term_end=date(2026, 3, 1)),
        )


def test_a_second_chair_in_the_same_term_is_refused(db, council):
    with pytest.raises(InputError, match="会長は任期の重なる青木 一郎さん"):
        add_member(db, council.id, MemberDraft("佐藤 新", role=Role.CHAIR))


def test_editing_a_member_keeps_the_rest(db, council):
    member = list_members(db, council.id)[2]
    edited = update_member(
        db, member.id, MemberDraft(member.name, "うえだ すすむ", member.role, member.term_start)
    )
    assert edited.reading == "うえだ すすむ"
    with pytest.raises(InputError):
        update_member(db, member.id, MemberDraft(""))
    assert list_members(db, council.id)[2].reading == "うえだ すすむ"


def test_a_member_in_a_record_cannot_be_deleted(db, council):
    session = schedule_session(db, council.id, two_day_plan(), now=datetime.now(TOKYO))
    member = list_members(db, council.id)[0]
    db.execute(
        "INSERT INTO attendance (sitting_id, member_id, status) VALUES (?, ?, 'present')",
        [session.sittings[0].id, member.id],
    )
    db.conn.commit()
    with pytest.raises(InputError, match="記録にある"):
        delete_member(db, member.id)
    assert member in list_members(db, council.id)
    spare = add_member(db, council.id, MemberDraft("誤入力 太郎"))
    delete_member(db, spare.id)
    assert spare not in list_members(db, council.id)


def test_two_sitting_session_is_numbered_and_ordered(db, council, now):
    session = schedule_session(db, council.id, two_day_plan(), now=now)
    assert (session.fiscal_year, session.number) == (2026, 1)
    assert [s.ordinal for s in session.sittings] == [1, 2]
    assert session.sittings[0].starts_at == datetime(2026, 12, 14, 13, 30, tzinfo=TOKYO)
    assert session.sittings[0].uid != session.sittings[1].uid
    assert next_session_number(db, council.id, 2026) == 2
    stored = db.execute("SELECT starts_at FROM sittings ORDER BY ordinal").fetchall()
    assert stored[0][0] == "2026-12-14T13:30:00+09:00"


def test_duplicate_number_is_refused(db, council, now):
    schedule_session(db, council.id, two_day_plan(), now=now)
    plan = SessionPlan(number=1, sittings=(sitting(date(2027, 1, 20)),))
    with pytest.raises(InputError) as raised:
        schedule_session(db, council.id, plan, now=now)
    assert raised.value.field == "回"
    assert "令和8年度第1回は既にあります" in raised.value.message
    assert "第2回" in raised.value.message
    assert len(list_sessions(db, council.id)) == 1


def test_end_before_start_is_refused(db, council, now):
    plan = SessionPlan(sittings=(sitting(date(2026, 12, 14), time(15), time(13)),))
    with pytest.raises(InputError) as raised:
        schedule_session(db, council.id, plan, now=now)
    assert raised.value.field == "1日目の終了時刻"
    assert list_sessions(db, council.id) == []


def test_sitting_outside_the_fiscal_year_is_refused(db, council, now):
    plan = SessionPlan(sittings=(sitting(date(2027, 3, 31)), sitting(date(2027, 4, 1))))
    with pytest.raises(InputError) as raised:
        schedule_session(db, council.id, plan, now=now)
    assert raised.value.field == "2日目の日付"
    assert "令和8年度の外" in raised.value.message
    explicit = SessionPlan(fiscal_year=2025, sittings=(sitting(date(2026, 5, 1)),))
    with pytest.raises(InputError, match="令和7年度の外"):
        schedule_session(db, council.id, explicit, now=now)
    assert list_sessions(db, council.id) == []


def test_overlapping_sittings_and_missing_place_are_refused(db, council, now):
    overlap = SessionPlan(
        sittings=(sitting(date(2026, 12, 14)), sitting(date(2026, 12, 14), time(11), time(13)))
    )
    with pytest.raises(InputError, match="重なっています"):
        schedule_session(db, council.id, overlap, now=now)
    with pytest.raises(InputError, match="1日目の場所"):
        schedule_session(
            db, council.id, SessionPlan(sittings=(sitting(date(2026, 12, 14), place=""),)), now=now
        )
    online = SessionPlan(form=SessionForm.ONLINE, sittings=(sitting(date(2026, 12, 14), place=""),))
    assert schedule_session(db, council.id, online, now=now).sittings[0].place == "オンライン"


def test_written_resolution_over_a_date_range(db, council, now):
    plan = SessionPlan(
        form=SessionForm.WRITTEN_RESOLUTION,
        written_from=date(2027, 1, 6),
        written_until=date(2027, 1, 15),
    )
    session = schedule_session(db, council.id, plan, now=now)
    assert session.sittings == ()
    assert (session.first_day, session.last_day) == (date(2027, 1, 6), date(2027, 1, 15))
    backwards = SessionPlan(
        form=SessionForm.WRITTEN_RESOLUTION,
        written_from=date(2027, 1, 15),
        written_until=date(2027, 1, 6),
    )
    with pytest.raises(InputError, match="書面決議の締切日"):
        schedule_session(db, council.id, backwards, now=now)
    across = SessionPlan(
        form=SessionForm.WRITTEN_RESOLUTION,
        written_from=date(2027, 3, 25),
        written_until=date(2027, 4, 5),
    )
    with pytest.raises(InputError, match="令和8年度の外"):
        schedule_session(db, council.id, across, now=now)


def test_reschedule_raises_sequence_and_keeps_uids(db, council, now):
    session = schedule_session(db, council.id, two_day_plan(), now=now)
    uids = [s.uid for s in session.sittings]
    moved = reschedule_session(
        db,
        session.id,
        SessionPlan(sittings=(sitting(date(2026, 12, 21)), sitting(date(2026, 12, 22)))),
        now=now,
    )
    assert moved.sequence == 1
    assert [s.uid for s in moved.sittings] == uids
    assert moved.sittings[0].starts_at == datetime(2026, 12, 21, 10, tzinfo=TOKYO)
    assert moved.number == session.number

    shorter = reschedule_session(
        db, session.id, SessionPlan(sittings=(sitting(date(2026, 12, 21)),)), now=now
    )
    assert shorter.sequence == 2
    assert [s.status for s in shorter.sittings] == [
        SittingStatus.SCHEDULED,
        SittingStatus.CANCELLED,
    ]
    assert len(shorter.active_sittings) == 1


def test_bad_reschedule_changes_nothing(db, council, now):
    session = schedule_session(db, council.id, two_day_plan(), now=now)
    bad = SessionPlan(sittings=(sitting(date(2026, 12, 21), time(12), time(10)),))
    with pytest.raises(InputError):
        reschedule_session(db, session.id, bad, now=now)
    assert get_session(db, session.id) == session


def test_cancel_gives_the_number_back(db, council, now):
    session = schedule_session(db, council.id, two_day_plan(), now=now)
    cancelled = cancel_session(db, session.id, now=now)
    assert cancelled.status is SessionStatus.CANCELLED
    assert cancelled.sequence == session.sequence + 1
    with pytest.raises(InputError, match="中止"):
        cancel_session(db, session.id, now=now)
    with pytest.raises(InputError, match="中止した会議"):
        reschedule_session(db, session.id, two_day_plan(), now=now)
    again = schedule_session(
        db, council.id, SessionPlan(sittings=(sitting(date(2027, 1, 12)),)), now=now
    )
    assert again.number == 1


def test_upcoming_first(db, council, now):
    past = schedule_session(
        db, council.id, SessionPlan(sittings=(sitting(date(2026, 6, 1)),)), now=now
    )
    older = schedule_session(
        db, council.id, SessionPlan(sittings=(sitting(date(2026, 5, 1)),)), now=now
    )
    later = schedule_session(
        db, council.id, SessionPlan(sittings=(sitting(date(2027, 2, 1)),)), now=now
    )
    soon = schedule_session(
        db, council.id, SessionPlan(sittings=(sitting(date(2026, 12, 1)),)), now=now
    )
    ordered = upcoming_first(list_sessions(db, council.id), now.date() + timedelta(days=0))
    assert [s.id for s in ordered] == [soon.id, later.id, past.id, older.id]
