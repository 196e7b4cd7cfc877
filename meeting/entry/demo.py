"""A fictional city's council to try the product on: ひばり野市 does not exist.

Dates are placed around ``now`` so the demo always has a past and an upcoming session.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlite_utils import Database

from meeting.dates import at, fiscal_year, fiscal_year_bounds, to_tokyo
from meeting.entry.demo_consultations import (
    add_demo_consultations,
    write_demo_answer,
    write_upcoming_agenda,
)
from meeting.entry.demo_record import write_demo_record
from meeting.errors import InputError
from meeting.model import (
    Council,
    CouncilDraft,
    CouncilKind,
    MemberDraft,
    Role,
    SessionForm,
    SessionKind,
    SessionPlan,
    SittingPlan,
    SpeakerNames,
)
from meeting.sessions import session_title
from meeting.store import (
    add_council,
    add_member,
    list_councils,
    mark_held,
    schedule_session,
)

DEMO_COUNCIL = "ひばり野市情報公開・個人情報保護審議会"
PLACE = "ひばり野市役所本庁舎3階 第2会議室"

_TERM = (date(2025, 7, 1), date(2027, 6, 30))
_FORMER_TERM = (date(2023, 7, 1), date(2025, 6, 30))
_MEMBERS = [
    ("森川 聡子", "もりかわ さとこ", Role.CHAIR, "ひばり野大学法学部教授", "morikawa@example.jp"),
    ("石田 健一", "いしだ けんいち", Role.VICE_CHAIR, "弁護士", "ishida@example.jp"),
    ("大野 真理", "おおの まり", Role.MEMBER, "公募市民", ""),
    ("北村 浩二", "きたむら こうじ", Role.MEMBER, "税理士", "kitamura@example.jp"),
    ("佐伯 由美", "さえき ゆみ", Role.MEMBER, "情報セキュリティ専門家", "saeki@example.jp"),
    ("田辺 誠", "たなべ まこと", Role.MEMBER, "ひばり野市自治会連合会", "tanabe@example.jp"),
    ("平井 恵子", "ひらい けいこ", Role.MEMBER, "ひばり野市社会福祉協議会", "hirai@example.jp"),
    ("小川 亮", "おがわ りょう", Role.MEMBER, "公募市民", "ogawa@example.jp"),
]


def load_demo(db: Database, *, now: datetime) -> Council:
    """Create the demo council, its roster and three sessions; refuse to do it twice."""
    if any(c.name == DEMO_COUNCIL for c in list_councils(db)):
        raise InputError("デモ", f"{DEMO_COUNCIL}は既にあります（デモは一度だけ読み込めます）")
    council = add_council(
        db,
        CouncilDraft(
            name=DEMO_COUNCIL,
            municipality="ひばり野市",
            kind=CouncilKind.SHINGIKAI,
            quorum_article="ひばり野市情報公開・個人情報保護審議会条例第6条第2項",
            speaker_names=SpeakerNames.NAMED,
            secretariat_name="ひばり野市総務部総務課 情報公開係",
            secretariat_email="johokokai@city.hibarino.example",
            consulted_under="ひばり野市個人情報の保護に関する法律施行条例第7条",
        ),
        now=now,
    )
    for name, reading, role, affiliation, email in _MEMBERS:
        add_member(
            db,
            council.id,
            MemberDraft(name, reading, role, *_TERM, affiliation=affiliation, email=email),
        )
    # A member of the previous term: in past records, not offered for new sessions.
    add_member(
        db,
        council.id,
        MemberDraft(
            "村上 修", "むらかみ おさむ", Role.MEMBER, *_FORMER_TERM, affiliation="公募市民"
        ),
    )

    today = to_tokyo(now).date()
    past_day = _weekday(today - timedelta(days=35))
    past_next = _weekday(past_day + timedelta(days=1))
    if fiscal_year(past_day) != fiscal_year(past_next):  # a session sits within one fiscal year
        past_day, past_next = (
            _weekday(past_next + timedelta(days=1)),
            _weekday(past_next + timedelta(days=2)),
        )
    past = schedule_session(  # two days: the second with an absence of its own
        db,
        council.id,
        SessionPlan(
            sittings=(
                _sitting(past_day, time(14), time(16)),
                _sitting(past_next, time(10), time(11, 30)),
            )
        ),
        now=now,
    )
    consultations = add_demo_consultations(db, council.id, now=now)
    write_demo_record(db, past, f"{session_title(past)}{council.name}", consultations)
    mark_held(db, past.id, now=now)
    answered_on = past_day + timedelta(days=7)
    write_demo_answer(
        db, consultations["library"], answered_on=answered_on, at=at(answered_on, time(9))
    )

    first = _weekday(today + timedelta(days=21))
    second = _weekday(first + timedelta(days=1))
    if fiscal_year(first) != fiscal_year(second):  # a session sits within one fiscal year
        first, second = _weekday(second + timedelta(days=1)), _weekday(second + timedelta(days=2))
    upcoming = schedule_session(
        db,
        council.id,
        SessionPlan(
            sittings=(
                _sitting(first, time(10), time(12)),
                _sitting(second, time(13, 30), time(15, 30)),
            )
        ),
        now=now,
    )
    write_upcoming_agenda(db, upcoming, consultations)
    written_from = _weekday(today + timedelta(days=42))
    schedule_session(
        db,
        council.id,
        SessionPlan(
            kind=SessionKind.EXTRAORDINARY,
            form=SessionForm.WRITTEN_RESOLUTION,
            written_from=written_from,
            written_until=min(
                written_from + timedelta(days=10), fiscal_year_bounds(fiscal_year(written_from))[1]
            ),
        ),
        now=now,
    )
    return council


def _sitting(day: date, start: time, end: time) -> SittingPlan:
    return SittingPlan(at(day, start), at(day, end), PLACE)


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day
