"""Quorum rules, table-driven, with the boundary counts of 過半数 and 半数以上."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from meeting.dates import TOKYO
from meeting.errors import InputError
from meeting.model import Member, Role
from meeting.quorum import (
    Presence,
    QuorumBase,
    QuorumRule,
    Threshold,
    indicator,
    needed,
    opening_statement,
    quorum_at,
    validate_rule,
    written_quorum,
)

START = datetime(2026, 12, 14, 14, 0, tzinfo=TOKYO)
LATER = datetime(2026, 12, 14, 15, 0, tzinfo=TOKYO)
NAMES = [
    "会長 一",
    "副会長 二",
    "委員 三",
    "委員 四",
    "委員 五",
    "委員 六",
    "委員 七",
    "委員 八",
    "委員 九",
]


def roster(n: int) -> list[Member]:
    roles = [Role.CHAIR, Role.VICE_CHAIR] + [Role.MEMBER] * 7
    return [
        Member(i + 1, 1, NAMES[i], "", roles[i], date(2025, 4, 1), None, position=i)
        for i in range(n)
    ]


def present(*ids: int, **kwargs) -> dict[int, Presence]:
    return {i: Presence(True, **kwargs) for i in ids}


@pytest.mark.parametrize(
    ("threshold", "base", "need"),
    [
        (Threshold.MAJORITY, 9, 5),
        (Threshold.MAJORITY, 8, 5),
        (Threshold.MAJORITY, 7, 4),
        (Threshold.MAJORITY, 1, 1),
        (Threshold.HALF, 8, 4),
        (Threshold.HALF, 9, 5),
        (Threshold.HALF, 7, 4),
        (Threshold.TWO_THIRDS, 9, 6),
        (Threshold.TWO_THIRDS, 8, 6),
        (Threshold.TWO_THIRDS, 10, 7),
    ],
)
def test_needed(threshold, base, need):
    assert needed(QuorumRule(threshold=threshold), base) == need


@pytest.mark.parametrize(
    ("members", "here", "threshold", "stands"),
    [
        (9, 5, Threshold.MAJORITY, True),  # 5 of 9: more than half
        (9, 4, Threshold.MAJORITY, False),
        (8, 4, Threshold.MAJORITY, False),  # 4 of 8: exactly half is not more than half
        (8, 5, Threshold.MAJORITY, True),
        (8, 4, Threshold.HALF, True),  # 4 of 8: half or more
        (8, 3, Threshold.HALF, False),
        (8, 5, Threshold.HALF, True),
        (9, 5, Threshold.HALF, True),
        (9, 6, Threshold.TWO_THIRDS, True),
        (9, 5, Threshold.TWO_THIRDS, False),
    ],
)
def test_stands(members, here, threshold, stands):
    state = quorum_at(
        QuorumRule(threshold=threshold), roster(members), present(*range(1, here + 1)), START
    )
    assert state.present == here
    assert state.stands is stands


def test_base_of_fixed_seats_and_a_fixed_number():
    seats = QuorumRule(base=QuorumBase.SEATS, seats=10)  # 10 seats, 8 filled
    state = quorum_at(seats, roster(8), present(*range(1, 6)), START)
    assert (state.base, state.needed, state.stands) == (10, 6, False)
    fixed = QuorumRule(threshold=Threshold.FIXED, fixed=3)
    assert quorum_at(fixed, roster(8), present(1, 2, 3), START).stands


def test_late_arrival_and_early_departure_move_the_count():
    rule = QuorumRule()
    attendance = present(1, 2, 3, 4) | {
        5: Presence(True, arrived_at=datetime(2026, 12, 14, 14, 20, tzinfo=TOKYO)),
        6: Presence(True, left_at=datetime(2026, 12, 14, 14, 40, tzinfo=TOKYO)),
    }
    at_start = quorum_at(rule, roster(9), attendance, START)
    assert (at_start.present, at_start.stands) == (5, True)
    mid = quorum_at(rule, roster(9), attendance, datetime(2026, 12, 14, 14, 30, tzinfo=TOKYO))
    assert mid.present == 6
    after = quorum_at(rule, roster(9), attendance, LATER)
    assert (after.present, after.stands) == (5, True)
    attendance[1] = Presence(True, left_at=datetime(2026, 12, 14, 14, 50, tzinfo=TOKYO))
    broken = quorum_at(rule, roster(9), attendance, LATER)
    assert (broken.present, broken.stands, broken.short_by) == (4, False, 1)
    assert "不成立（あと1名）" in indicator(broken)


def test_chair_and_online_members_count_only_if_the_rule_says_so():
    attendance = present(1, 2, 3, 4) | {5: Presence(True, online=True)}
    assert quorum_at(QuorumRule(), roster(9), attendance, START).present == 5
    assert quorum_at(QuorumRule(chair_counts=False), roster(9), attendance, START).present == 4
    assert quorum_at(QuorumRule(online_counts=False), roster(9), attendance, START).present == 4


def test_a_recused_member_is_left_out_of_the_item():
    state = quorum_at(QuorumRule(), roster(9), present(1, 2, 3, 4, 5), START, recused=[3])
    assert (state.present, state.stands) == (4, False)
    assert "委員 三" not in state.names


def test_written_resolution_counts_answers():
    assert written_quorum(QuorumRule(), roster(9), [1, 2, 3, 4, 5]).stands
    assert not written_quorum(QuorumRule(), roster(9), [1, 2, 3, 4]).stands


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (QuorumRule(base=QuorumBase.SEATS, seats=0), "委員の定数"),
        (QuorumRule(base=QuorumBase.SEATS, seats=None), "委員の定数"),
        (
            QuorumRule(base=QuorumBase.SEATS, seats=5, threshold=Threshold.FIXED, fixed=6),
            "定足数（人数）",
        ),
        (QuorumRule(threshold=Threshold.FIXED, fixed=0), "定足数（人数）"),
    ],
)
def test_rules_that_can_never_be_met_are_refused(rule, field):
    with pytest.raises(InputError) as raised:
        validate_rule(rule)
    assert raised.value.field == field


def test_fixed_number_above_the_members_in_office_is_refused():
    with pytest.raises(InputError, match="満たすことができません"):
        quorum_at(QuorumRule(threshold=Threshold.FIXED, fixed=10), roster(9), present(1), START)


def test_a_council_with_no_members_is_named():
    with pytest.raises(InputError, match="委員が登録されていない"):
        quorum_at(QuorumRule(), [], {}, START)


def test_opening_statement_for_nine_members_eight_present():
    rule = QuorumRule(article="かもめ台市情報公開・個人情報保護審議会条例第5条第2項")
    state = quorum_at(rule, roster(9), present(*range(1, 9)), START)
    assert opening_statement(state) == (
        "ただ今の出席委員は8名です。かもめ台市情報公開・個人情報保護審議会条例第5条第2項の規定により、"
        "出席者が委員の過半数を超えていますので、本日の会議は成立いたしました。"
    )


def test_opening_statement_when_the_session_does_not_stand():
    state = quorum_at(QuorumRule(threshold=Threshold.HALF), roster(8), present(1, 2, 3), START)
    assert opening_statement(state) == (
        "ただ今の出席委員は3名です。出席者が委員の半数に達していませんので、本日の会議は成立しておりません。"
    )
