"""Attendance, the others in the room, and decisions stamped with the quorum."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from agendas.model import ItemKind, Outcome
from agendas.store import add_agenda_item
from meeting.dates import TOKYO, at
from meeting.errors import InputError
from meeting.model import (
    CouncilDraft,
    MemberDraft,
    QuorumBase,
    QuorumRule,
    SessionForm,
    SessionPlan,
    SittingPlan,
    Threshold,
)
from meeting.quorum import Presence, opening_statement
from meeting.store import (
    add_council,
    add_member,
    get_council,
    list_members,
    schedule_session,
    update_council,
)
from minutes.roll import (
    OtherKind,
    add_other,
    others_present,
    presence_label,
    public_attendees,
    quorum_for,
    record_written_answer,
    recuse,
    roll_call,
    set_presence,
    set_public_attendees,
)
from minutes.store import decisions, record_decision

DAY = date(2026, 12, 14)


def t(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 14, hour, minute, tzinfo=TOKYO)


@pytest.fixture
def session(db, council, now):
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "第1会議室"),))
    return schedule_session(db, council.id, plan, now=now)


@pytest.fixture
def members(db, council):
    return list_members(db, council.id, on=DAY)  # six in office; the seventh's term has ended


def mark(db, session, members, *present, **special):
    for m in members:
        p = special.get(m.name, Presence(m.name in present))
        set_presence(db, session.id, session.sittings[0].id, m.id, p)


def test_roll_call_and_quorum_through_the_session(db, session, members):
    names = [m.name for m in members]
    mark(db, session, members, *names[:4], **{names[4]: Presence(True, arrived_at=t(14, 30))})
    roll = roll_call(db, session.sittings[0].id)
    assert [presence_label(roll[m.id]) for m in members] == ["出席"] * 4 + ["遅刻", "欠席"]
    assert quorum_for(db, session.id, t(14)).present == 4  # 4 of 6: more than half
    assert quorum_for(db, session.id, t(15)).present == 5
    set_presence(
        db, session.id, session.sittings[0].id, members[0].id, Presence(True, left_at=t(15, 10))
    )
    set_presence(
        db, session.id, session.sittings[0].id, members[1].id, Presence(True, left_at=t(15, 20))
    )
    late = quorum_for(db, session.id, t(15, 30))
    assert (late.present, late.needed, late.stands) == (3, 4, False)
    assert presence_label(roll_call(db, session.sittings[0].id)[members[0].id]) == "早退"


@pytest.mark.parametrize(
    ("presence", "field"),
    [
        (Presence(True, arrived_at=t(15), left_at=t(14, 30)), "退出時刻"),
        (Presence(True, left_at=t(17)), "退出時刻"),
        (Presence(True, arrived_at=t(13)), "到着時刻"),
    ],
)
def test_impossible_times_are_named_and_nothing_changes(db, session, members, presence, field):
    mark(db, session, members, members[0].name)
    before = roll_call(db, session.sittings[0].id)
    with pytest.raises(InputError) as raised:
        set_presence(db, session.id, session.sittings[0].id, members[0].id, presence)
    assert raised.value.field == field
    assert roll_call(db, session.sittings[0].id) == before


def test_attendance_for_a_member_out_of_office_or_of_another_council(db, council, session, now):
    former = next(m for m in list_members(db, council.id) if m.term_end)
    with pytest.raises(InputError, match="任期外"):
        set_presence(db, session.id, session.sittings[0].id, former.id, Presence(True))
    other = add_council(db, CouncilDraft(name="他の審議会", municipality="x"), now=now)
    stranger = add_member(db, other.id, MemberDraft("他所 の人"))
    with pytest.raises(InputError, match="委員ではありません"):
        set_presence(db, session.id, session.sittings[0].id, stranger.id, Presence(True))
    assert roll_call(db, session.sittings[0].id) == {}


def test_a_council_with_no_members_gets_a_clear_message(db, now):
    empty = add_council(db, CouncilDraft(name="委員のいない審議会", municipality="x"), now=now)
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "室"),))
    session = schedule_session(db, empty.id, plan, now=now)
    with pytest.raises(InputError, match="委員が登録されていない"):
        quorum_for(db, session.id, t(14))


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (QuorumRule(base=QuorumBase.SEATS, seats=0), "委員の定数"),
        (
            QuorumRule(base=QuorumBase.SEATS, seats=5, threshold=Threshold.FIXED, fixed=9),
            "定足数（人数）",
        ),
    ],
)
def test_a_rule_that_can_never_be_met_is_refused_and_the_council_kept(db, council, rule, field):
    draft = CouncilDraft(name=council.name, municipality=council.municipality, quorum=rule)
    with pytest.raises(InputError) as raised:
        update_council(db, council.id, draft)
    assert raised.value.field == field
    assert get_council(db, council.id) == council


def test_seats_rule_is_saved_and_used(db, council, session, members):
    draft = CouncilDraft(
        name=council.name,
        municipality=council.municipality,
        quorum_article=council.quorum_article,
        quorum=QuorumRule(base=QuorumBase.SEATS, seats=10, threshold=Threshold.HALF),
    )
    saved = update_council(db, council.id, draft)
    assert saved.quorum.seats == 10 and saved.quorum.article == council.quorum_article
    mark(db, session, members, *[m.name for m in members])
    state = quorum_for(db, session.id, t(14))
    assert (state.present, state.needed, state.base) == (6, 5, 10)
    assert opening_statement(state).startswith("ただ今の出席委員は6名です。かもめ台市")


def test_decision_without_quorum_needs_a_reason(db, session, members, consultation):
    mark(db, session, members, *[m.name for m in members[:3]])
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    state = quorum_for(db, session.id, t(15), agenda_item_id=item.id)
    assert not state.stands
    with pytest.raises(InputError, match="理由"):
        record_decision(db, item.id, Outcome.APPROVED, at=t(15), narration="", quorum=state)
    assert decisions(db, session.id) == []
    decision = record_decision(
        db,
        item.id,
        Outcome.APPROVED,
        at=t(15),
        narration="",
        quorum=state,
        override_reason="委員の事前の書面同意による",
    )
    assert decision.without_quorum
    assert decision.present_names == tuple(m.name for m in members[:3])
    assert decisions(db, session.id) == [decision]


def test_recused_member_is_left_out_of_the_item(db, session, members, consultation):
    mark(db, session, members, *[m.name for m in members[:4]])
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    recuse(db, item.id, members[3].id, "申請者の親族")
    assert quorum_for(db, session.id, t(15)).present == 4
    assert quorum_for(db, session.id, t(15), agenda_item_id=item.id).present == 3


def test_others_present_and_the_public(db, session, consultation):
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    add_other(db, session.id, OtherKind.SECRETARIAT, title="課長", name="安藤 直樹")
    add_other(
        db,
        session.id,
        OtherKind.AGENCY,
        organisation="市民課",
        title="課長",
        name="関 一",
        item_ids=[item.id],
    )
    add_other(db, session.id, OtherKind.OBSERVER, organisation="株式会社かもめ", headcount=2)
    people = others_present(db, session.id)
    assert [p.kind for p in people] == [OtherKind.SECRETARIAT, OtherKind.AGENCY, OtherKind.OBSERVER]
    assert people[1].item_ids == (item.id,)
    with pytest.raises(InputError, match="氏名"):
        add_other(db, session.id, OtherKind.AGENCY, organisation="市民課")
    with pytest.raises(InputError, match="議題"):
        add_other(db, session.id, OtherKind.AGENCY, name="誰か", item_ids=[9999])
    set_public_attendees(db, session.sittings[0].id, 3)
    assert public_attendees(db, session.sittings[0].id) == 3
    with pytest.raises(InputError, match="傍聴人"):
        set_public_attendees(db, session.sittings[0].id, -1)
    assert public_attendees(db, session.sittings[0].id) == 3


def test_written_resolution_counts_answers_by_the_closing_date(db, council, members, now):
    plan = SessionPlan(
        form=SessionForm.WRITTEN_RESOLUTION,
        written_from=date(2027, 1, 6),
        written_until=date(2027, 1, 15),
    )
    session = schedule_session(db, council.id, plan, now=now)
    for m in members[:3]:
        record_written_answer(db, session.id, m.id, date(2027, 1, 10))
    assert not quorum_for(db, session.id, now).stands
    with pytest.raises(InputError, match="締切後"):
        record_written_answer(db, session.id, members[3].id, date(2027, 1, 16))
    record_written_answer(db, session.id, members[3].id, date(2027, 1, 15))
    assert quorum_for(db, session.id, now).stands


def test_a_departments_entry_marks_its_staff_present_for_the_item(db, session, consultation):
    from minutes.roll import note_agency_entry

    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    own = add_other(
        db, session.id, OtherKind.AGENCY, organisation="市民部 市民課", title="課長", name="関 一"
    )
    other = add_other(
        db, session.id, OtherKind.AGENCY, organisation="税務課", title="係長", name="林 二"
    )
    earlier = add_agenda_item(
        db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id
    )
    came_back = add_other(
        db,
        session.id,
        OtherKind.AGENCY,
        organisation="市民部 市民課",
        title="主査",
        name="森 三",
        item_ids=[earlier.id],
    )
    entered = note_agency_entry(db, session.id, item.id)
    assert [o.id for o in entered] == [own.id, came_back.id]  # the department's, not 税務課
    people = {o.id: o for o in others_present(db, session.id)}
    assert people[own.id].item_ids == ()  # added for the whole meeting: stays so
    assert set(people[came_back.id].item_ids) == {earlier.id, item.id}
    assert people[other.id].item_ids == ()


def test_others_attending_some_items_name_them_as_the_agenda_shows_them():
    """議題2(1)のみ, not the item's place in the table (議題4のみ)."""
    from minutes.roll import OtherAttendee, OtherKind, describe_others

    staff = OtherAttendee(7, 1, OtherKind.AGENCY, "", "課長", "東 一", item_ids=(13, 14))
    whole = OtherAttendee(8, 1, OtherKind.SECRETARIAT, "", "係長", "西 二")
    lines = describe_others([staff, whole], {13: "2(1)", 14: "3"})
    assert any("（議題2(1)・3のみ）" in line for line in lines)
    assert not any("のみ" in line for line in lines if "西 二" in line)
