"""Consultations and agendas through the store: the register, the order, carry-over, history."""

from __future__ import annotations

from datetime import date, time

import pytest

from agendas.consultations import (
    add_consultation,
    consultation_history,
    get_consultation,
    list_consultations,
    record_answer,
    set_status,
    update_consultation,
)
from agendas.model import (
    ConsultationDraft,
    ConsultationKind,
    ConsultationStatus,
    Department,
    ItemKind,
    Question,
)
from agendas.rules import (
    agenda_numbers,
    flagged_articles,
    item_title,
    parse_article,
    parse_departments,
    question_mark,
)
from agendas.store import (
    add_agenda_item,
    add_offered,
    agenda,
    carry_over,
    move_item,
    move_record,
    offered_items,
    remove_item,
)
from meeting.dates import at
from meeting.errors import InputError
from meeting.model import SessionPlan, SittingPlan
from meeting.store import schedule_session
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.store import utterances
from minutes.utterances import enter_line


def draft(number="8か総第1号", title="庁内データ連携について（諮問）", questions=None, **kw):
    return ConsultationDraft(
        number=number,
        title=title,
        filed_on=date(2026, 10, 1),
        consulting=(Department("総務部", "情報政策課"),),
        questions=questions
        if questions is not None
        else (Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第3項第4号"),),
        **kw,
    )


def session_on(db, council, now, day):
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "第1会議室"),))
    return schedule_session(db, council.id, plan, now=now)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("条例第9条第3項第4号", (9, None, 3, 4)),
        ("条例第10条第1項第2号", (10, None, 1, 2)),
        ("条例第11条第1項", (11, None, 1, None)),
        ("条例第７条", (7, None, None, None)),
        ("かもめ台市個人情報保護条例第9条の2第1項", (9, 2, 1, None)),
    ],
)
def test_articles_that_parse(text, parts):
    a = parse_article(text)
    assert a is not None and (a.article, a.branch, a.paragraph, a.item) == parts


@pytest.mark.parametrize("text", ["第9条第3項", "法第27条", "条例9条", "", "条例第九条"])
def test_articles_that_do_not_parse_are_flagged_but_kept(db, council, now, text):
    questions = (Question(ConsultationKind.EXTERNAL_PROVISION, text),)
    assert parse_article(text) is None
    assert flagged_articles(draft(questions=questions)) == [text]
    saved = add_consultation(db, council.id, draft(questions=questions), now=now)
    assert saved.questions[0].article == text


def test_register_with_two_questions_and_departments(db, council, now):
    saved = add_consultation(
        db,
        council.id,
        draft(
            questions=(
                Question(ConsultationKind.ONLINE_LINK, "条例第11条第1項", "外部サーバとの結合"),
                Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第2項第4号", "等級の利用"),
            ),
            using=parse_departments("福祉部 障がい福祉課、市民部 市民課", field="利用機関"),
            materials=("資料1 諮問書", "資料2 概要"),
        ),
        now=now,
    )
    assert saved.status is ConsultationStatus.FILED
    assert saved.kinds == (ConsultationKind.ONLINE_LINK, ConsultationKind.OUT_OF_PURPOSE)
    assert [d.label for d in saved.using] == ["福祉部障がい福祉課", "市民部市民課"]
    assert [question_mark(i) for i in range(len(saved.questions))] == ["①", "②"]
    assert saved.materials == ("資料1 諮問書", "資料2 概要")


def test_duplicate_number_and_missing_question_are_refused(db, council, now):
    add_consultation(db, council.id, draft(), now=now)
    with pytest.raises(InputError) as raised:
        add_consultation(db, council.id, draft(title="別の件名"), now=now)
    assert raised.value.field == "諮問番号" and "既に登録" in raised.value.message
    with pytest.raises(InputError) as raised:
        add_consultation(db, council.id, draft(number="8か総第2号", questions=()), now=now)
    assert raised.value.field == "諮問事項"
    # a department of any depth is read; a part left empty is refused
    assert parse_departments("総務部 総務課 情報係", field="諮問機関")[0].path == (
        "総務部",
        "総務課",
        "情報係",
    )
    with pytest.raises(InputError, match="空の部分"):
        parse_departments("総務部／／情報係", field="諮問機関")
    assert len(list_consultations(db, council.id)) == 1


def test_editing_to_a_taken_number_keeps_the_original(db, council, now):
    first = add_consultation(db, council.id, draft(), now=now)
    second = add_consultation(db, council.id, draft(number="8か総第2号"), now=now)
    with pytest.raises(InputError):
        update_consultation(db, second.id, draft(number=first.number))
    assert get_consultation(db, second.id) == second


def test_filter_and_search(db, council, now):
    add_consultation(db, council.id, draft(), now=now)
    add_consultation(db, council.id, draft("8か健第9号", "がん検診の受診勧奨について"), now=now)
    assert [c.number for c in list_consultations(db, council.id, search="検診")] == ["8か健第9号"]
    assert [c.number for c in list_consultations(db, council.id, search="８か総")] == ["8か総第1号"]
    assert list_consultations(db, council.id, status=ConsultationStatus.ANSWERED) == []


def test_the_story_three_consultations_two_sessions_one_carried_over(db, council, now):
    one = add_consultation(db, council.id, draft(), now=now)
    two = add_consultation(
        db,
        council.id,
        draft(
            "8か総第2号",
            "防災情報の連携について（諮問）",
            questions=(
                Question(ConsultationKind.ONLINE_LINK, "条例第11条第1項"),
                Question(ConsultationKind.EXTERNAL_PROVISION, "条例第10条第1項第2号"),
            ),
        ),
        now=now,
    )
    add_consultation(db, council.id, draft("8か総第3号", "三件目"), now=now)

    first = session_on(db, council, now, date(2026, 12, 14))
    add_agenda_item(db, first.id, ItemKind.OPENING)
    heading = add_agenda_item(db, first.id, ItemKind.PROCEEDINGS)
    add_agenda_item(db, first.id, ItemKind.OTHER)
    add_agenda_item(
        db, first.id, ItemKind.CONSULTATION, consultation_id=one.id, parent_id=heading.id
    )
    continued = add_agenda_item(
        db, first.id, ItemKind.CONSULTATION, consultation_id=two.id, parent_id=heading.id
    )
    add_agenda_item(db, first.id, ItemKind.REPORT, "運用状況の報告", parent_id=heading.id)
    items = agenda(db, first.id)
    assert agenda_numbers(items) == ["1", "2", "2(1)", "2(2)", "2(3)", "3"]
    assert get_consultation(db, one.id).status is ConsultationStatus.ON_AGENDA

    assert carry_over(db, continued.id).status is ConsultationStatus.CARRIED_OVER
    second = session_on(db, council, now, date(2027, 1, 18))
    offers = offered_items(db, council.id)
    assert [(c.id, p.id if p else None) for c, p in offers][0] == (two.id, continued.id)
    again = add_offered(db, second.id, *offers[0])
    assert again.carried_from_id == continued.id
    assert item_title(again).endswith("（前回の補足説明）")

    history = consultation_history(db, two.id)
    assert [(h.session.id, h.carried_over) for h in history] == [
        (first.id, False),
        (second.id, True),
    ]


def test_reorder_and_impossible_positions(db, council, now):
    s = session_on(db, council, now, date(2026, 12, 14))
    a = add_agenda_item(db, s.id, ItemKind.OPENING)
    b = add_agenda_item(db, s.id, ItemKind.REPORT, "報告")
    c = add_agenda_item(db, s.id, ItemKind.OTHER)
    assert [i.id for i in move_item(db, c.id, 1)] == [c.id, a.id, b.id]
    for position in (0, 4, -1):
        with pytest.raises(InputError) as raised:
            move_item(db, a.id, position)
        assert raised.value.field == "順番"
    assert [i.id for i in agenda(db, s.id)] == [c.id, a.id, b.id]


def test_an_item_with_a_record_is_removed_only_after_its_record_moves(db, council, now):
    s = session_on(db, council, now, date(2026, 12, 14))
    keep = add_agenda_item(db, s.id, ItemKind.OPENING)
    wrong = add_agenda_item(db, s.id, ItemKind.REPORT, "誤って作った議題")
    enter_line(
        db,
        s.id,
        "報告いたします。",
        at=now,
        agenda_item_id=wrong.id,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    with pytest.raises(InputError, match="記録が1件"):
        remove_item(db, wrong.id)
    assert len(agenda(db, s.id)) == 2
    assert move_record(db, wrong.id, keep.id) == 1
    remove_item(db, wrong.id)
    assert [i.id for i in agenda(db, s.id)] == [keep.id]
    assert utterances(db, s.id)[0].agenda_item_id == keep.id


def test_answer_closes_the_consultation(db, council, now):
    c = add_consultation(db, council.id, draft(), now=now)
    with pytest.raises(InputError, match="受付"):
        record_answer(db, c.id, number="答申第1号", answered_on=date(2027, 2, 1))
    s = session_on(db, council, now, date(2026, 12, 14))
    add_agenda_item(db, s.id, ItemKind.CONSULTATION, consultation_id=c.id)
    set_status(db, c.id, ConsultationStatus.DELIBERATED)
    set_status(db, c.id, ConsultationStatus.DECIDED)
    done = record_answer(db, c.id, number="答申第1号", answered_on=date(2027, 2, 1))
    assert (done.status, done.answer_number) == (ConsultationStatus.ANSWERED, "答申第1号")
    with pytest.raises(InputError, match="答申済"):
        add_agenda_item(db, s.id, ItemKind.CONSULTATION, consultation_id=c.id)


def test_agenda_notice_and_consultation_request_gather_what_they_print(db, council, now):
    from agendas.notice import agenda_notice, consultation_request

    c = add_consultation(
        db,
        council.id,
        draft(using=(Department("福祉部", "福祉総務課"),), materials=("資料1 諮問書",)),
        now=now,
    )
    s = session_on(db, council, now, date(2026, 12, 14))
    add_agenda_item(db, s.id, ItemKind.OPENING)
    heading = add_agenda_item(db, s.id, ItemKind.PROCEEDINGS)
    add_agenda_item(db, s.id, ItemKind.CONSULTATION, consultation_id=c.id, parent_id=heading.id)
    notice = agenda_notice(db, s.id)
    assert notice.title == "令和8年度第1回定例会"
    assert [(i.number, i.listed, i.title) for i in notice.items] == [
        ("1", "1", "会長挨拶"),
        ("2", "2", "議事"),
        ("2(1)", "(1)", "庁内データ連携について（諮問）"),
    ]
    assert [d.label for d in notice.items[2].consulting] == ["総務部情報政策課"]
    assert [d.label for d in notice.items[2].using] == ["福祉部福祉総務課"]
    request = consultation_request(db, c.id)
    assert (request.chair, request.municipality) == ("青木 一郎", "かもめ台市")
    assert request.consultation.questions[0].article == "条例第9条第3項第4号"
