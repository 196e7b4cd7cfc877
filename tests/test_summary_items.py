"""Every agenda item has a place in the 会議概要; 【諮問案件N】 runs through the council's year and
a consultation taken up again keeps its N; decisions' opinions print at their item."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from agendas.consultations import add_consultation
from agendas.model import (
    ConsultationDraft,
    ConsultationKind,
    Department,
    ItemKind,
    Outcome,
    Question,
)
from agendas.store import (
    add_agenda_item,
    add_offered,
    carry_over,
    offered_items,
    set_item_public,
)
from exports.full_minutes import gather_minutes
from exports.summary import gather_summary, summary_text
from meeting.dates import TOKYO, at
from meeting.model import SessionForm, SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.store import cancel_session, list_members, schedule_session
from minutes.decide import DecisionDraft, decide
from minutes.model import SpeakerKind
from minutes.opinions import OpinionKind, add_opinion
from minutes.roll import set_presence
from minutes.speakers import Speaker
from minutes.utterances import enter_line

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=TOKYO)


def sitting_days(db, council, *days):
    plan = SessionPlan(
        sittings=tuple(SittingPlan(at(d, time(14)), at(d, time(16)), "第1会議室") for d in days)
    )
    session = schedule_session(db, council.id, plan, now=NOW)
    for s in session.sittings:
        for m in list_members(db, council.id, on=days[0]):
            set_presence(db, session.id, s.id, m.id, Presence(True))
    return session


def consultation(db, council, number):
    return add_consultation(
        db,
        council.id,
        ConsultationDraft(
            number=number,
            title=f"{number}の件について（諮問）",
            consulting=(Department("総務部", "総務課"),),
            questions=(Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第3項第4号"),),
        ),
        now=NOW,
    )


def headings(db, session):
    return [
        [s.heading for s in day.sections]
        for day in gather_summary(db, session.id, public=True).sittings
    ]


def test_consultation_numbers_run_across_sittings_and_sessions(db, council):
    a, b, c, d, e = (consultation(db, council, f"8か総第{n}号") for n in range(1, 6))
    # The first session sits two days: b is taken up on day 1 and again on day 2.
    first = sitting_days(db, council, date(2026, 7, 6), date(2026, 7, 7))
    day2 = first.sittings[1].id
    add_agenda_item(db, first.id, ItemKind.CONSULTATION, consultation_id=a.id)
    b_day1 = add_agenda_item(db, first.id, ItemKind.CONSULTATION, consultation_id=b.id)
    carry_over(db, b_day1.id)
    add_agenda_item(
        db, first.id, ItemKind.CONSULTATION, consultation_id=b.id,
        carried_from_id=b_day1.id, sitting_id=day2,
    )  # fmt: skip
    add_agenda_item(db, first.id, ItemKind.CONSULTATION, consultation_id=c.id, sitting_id=day2)
    assert headings(db, first) == [
        ["1　【諮問案件1】", "2　【諮問案件2】"],
        ["3　【諮問案件2】", "4　【諮問案件3】"],
    ]
    day2_sections = gather_summary(db, first.id, public=True).sittings[1].sections
    assert (
        dict(day2_sections[0].facts)["件名"] == "8か総第2号の件について（諮問）（前回の補足説明）"
    )
    assert "（前回の補足説明）" not in dict(day2_sections[1].facts)["件名"]

    # The next session of the year: b carried over again keeps 2, d is the year's fourth.
    second = sitting_days(db, council, date(2026, 9, 7))
    add_agenda_item(db, second.id, ItemKind.CONSULTATION, consultation_id=d.id)
    carry_over(db, b_day1.id)
    (offer,) = [(c_, p) for c_, p in offered_items(db, council.id) if c_.id == b.id]
    add_offered(db, second.id, *offer)
    assert headings(db, second) == [["1　【諮問案件4】", "2　【諮問案件2】"]]

    # A new fiscal year starts again at 1.
    next_year = sitting_days(db, council, date(2027, 5, 10))
    add_agenda_item(db, next_year.id, ItemKind.CONSULTATION, consultation_id=e.id)
    assert headings(db, next_year) == [["1　【諮問案件1】"]]


def test_every_item_prints_in_the_summary(db, council):
    c = consultation(db, council, "8か総第1号")
    session = sitting_days(db, council, date(2026, 7, 6))
    members = list_members(db, council.id, on=date(2026, 7, 6))
    opening = add_agenda_item(db, session.id, ItemKind.OPENING)
    heading = add_agenda_item(db, session.id, ItemKind.PROCEEDINGS, "諮問案件の審議")
    previous = add_agenda_item(db, session.id, ItemKind.PREVIOUS_MINUTES, parent_id=heading.id)
    item = add_agenda_item(
        db, session.id, ItemKind.CONSULTATION, consultation_id=c.id, parent_id=heading.id
    )
    other = add_agenda_item(db, session.id, ItemKind.OTHER)
    following = add_agenda_item(db, session.id, ItemKind.NEXT_SESSION)
    moment = at(date(2026, 7, 6), time(14))

    def say(target, text, speaker=None):
        nonlocal moment
        moment += timedelta(minutes=1)
        enter_line(
            db, session.id, text, at=moment, agenda_item_id=target.id,
            speaker=speaker, narration=speaker is None,
        )  # fmt: skip

    clerk = Speaker(SpeakerKind.SECRETARIAT)
    say(opening, "開会します。", clerk)
    say(previous, "前回の概要を報告します。", clerk)
    say(previous, "—前回会議の会議概要は確定される。—")
    say(item, "質問します。", Speaker(SpeakerKind.MEMBER, members[2].id))
    decide(
        db,
        item.id,
        DecisionDraft(
            Outcome.APPROVED,
            "—この件に関しては承認される。—",
        ),
        at=moment + timedelta(minutes=1),
    )
    say(other, "研修の日程は追って連絡します。", clerk)
    say(following, "次回の日程を諮ります。", clerk)

    # No session after this one yet: nothing to print as the date decided.
    text = summary_text(gather_summary(db, session.id, public=True))
    assert not any(t.startswith("次回の日時") for t in text)
    cancelled = sitting_days(db, council, date(2026, 8, 3))
    cancel_session(db, cancelled.id, now=NOW)
    sitting_days(db, council, date(2026, 8, 24))

    summary = gather_summary(db, session.id, public=True)
    (day,) = summary.sittings
    assert [s.heading for s in day.sections] == [
        "1　会長挨拶",
        "2　諮問案件の審議",
        "(1)　前回会議の概要報告",
        "(2)　【諮問案件1】",
        "3　その他",
        "4　次回の開催について",
    ]
    text = summary_text(summary)
    assert "—前回会議の会議概要は確定される。—" in text  # its closing line
    assert "(事務局) 研修の日程は追って連絡します。" in text  # its points
    assert "次回の日時：令和8年8月24日（月）午後2時～午後4時" in text  # the one not cancelled
    assert "—この件に関しては承認される。—" in text


@pytest.fixture
def decided(db, council):
    """A consultation approved with a 付帯意見 and a 要望, one of them closed."""
    c = consultation(db, council, "8か総第1号")
    session = sitting_days(db, council, date(2026, 7, 6))
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=c.id)
    later = add_agenda_item(db, session.id, ItemKind.OTHER)
    members = list_members(db, council.id, on=date(2026, 7, 6))
    moment = at(date(2026, 7, 6), time(14, 5))
    enter_line(
        db, session.id, "本人への通知についての意見です。", at=moment,
        agenda_item_id=item.id, speaker=Speaker(SpeakerKind.MEMBER, members[2].id),
    )  # fmt: skip
    decision = decide(
        db,
        item.id,
        DecisionDraft(
            Outcome.APPROVED_WITH_OPINION,
            "—「本人に通知すること」との意見を付した上で承認される。—",
            opinion="本人に通知すること",
        ),
        at=moment + timedelta(minutes=1),
    )
    enter_line(
        db, session.id, "～実施機関退室～", at=moment + timedelta(minutes=2),
        agenda_item_id=item.id, speaker=None, narration=True,
    )  # fmt: skip
    add_opinion(db, decision.id, OpinionKind.REQUEST, "上田委員の求めた資料を次回示すこと")
    add_opinion(db, decision.id, OpinionKind.CAUTION, "非公開の留意事項", public=False)
    enter_line(
        db, session.id, "その他です。", at=moment + timedelta(minutes=3),
        agenda_item_id=later.id, speaker=Speaker(SpeakerKind.SECRETARIAT),
    )  # fmt: skip
    return session, item


def test_opinions_print_at_the_item_after_its_closing_line(db, decided):
    session, _ = decided
    text = gather_minutes(db, session.id, public=True).text_lines()
    closing = text.index("—「本人に通知すること」との意見を付した上で承認される。—")
    # The 付帯意見 the closing line quotes is not printed twice; the closed one is left out.
    assert text[closing + 1 : closing + 3] == [
        "【要望】上田委員の求めた資料を次回示すこと",
        "～実施機関退室～",
    ]
    assert not any("非公開の留意事項" in t for t in text)
    internal = gather_minutes(db, session.id, public=False).text_lines()
    assert "【留意事項】【非公開】非公開の留意事項" in internal


def test_opinions_print_in_the_summary_with_letters(db, decided):
    session, _ = decided
    summary = gather_summary(db, session.id, public=True)
    text = summary_text(summary)
    assert "【要望】A委員の求めた資料を次回示すこと" in text
    assert "14:06 要望 上田委員 → A委員" in summary.replacements[-1]


def test_a_closed_items_opinions_stay_out(db, decided):
    session, item = decided
    set_item_public(db, item.id, False)
    for text in (
        gather_minutes(db, session.id, public=True).text_lines(),
        summary_text(gather_summary(db, session.id, public=True)),
    ):
        assert not any("次回示すこと" in t for t in text)


def test_a_written_resolution_is_the_next_date(db, council):
    session = sitting_days(db, council, date(2026, 7, 6))
    add_agenda_item(db, session.id, ItemKind.NEXT_SESSION)
    schedule_session(
        db,
        council.id,
        SessionPlan(
            form=SessionForm.WRITTEN_RESOLUTION,
            written_from=date(2026, 8, 3),
            written_until=date(2026, 8, 14),
        ),
        now=NOW,
    )
    text = summary_text(gather_summary(db, session.id, public=True))
    assert "次回の日時：令和8年8月3日（月）～令和8年8月14日（金）（書面決議）" in text
