"""The live record's core: entering lines, drafts, corrections with history, speakers, opinions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agendas.model import ItemKind, Outcome
from agendas.store import add_agenda_item
from meeting.dates import TOKYO, at
from meeting.errors import InputError
from meeting.model import SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.store import list_members, schedule_session
from minutes.line_order import merge_lines, move_line
from minutes.model import SpeakerKind, UtteranceKind
from minutes.opinions import OpinionKind, add_narration, narrations, opinions, promote_to_opinion
from minutes.roll import quorum_for, set_presence
from minutes.speakers import Speaker, draft_narration, format_line, speaker_tag
from minutes.store import record_decision, utterances
from minutes.utterances import (
    Draft,
    correct_line,
    enter_line,
    history,
    keep_text,
    letters,
    load_draft,
    retag_line,
    save_draft,
    set_letter,
    split_line,
)

T0 = datetime(2026, 12, 14, 14, 0, tzinfo=TOKYO)


@pytest.fixture
def live(db, council, now):
    day = date(2026, 12, 14)
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=now)
    item = add_agenda_item(db, session.id, ItemKind.REPORT, "報告")
    other = add_agenda_item(db, session.id, ItemKind.OTHER)
    members = list_members(db, council.id, on=day)
    return session, item, other, members


def member(m) -> Speaker:
    return Speaker(SpeakerKind.MEMBER, m.id)


def test_enter_keeps_the_line_and_clears_the_draft_together(db, live):
    session, item, _, members = live
    save_draft(db, session.id, Draft("書きかけの質問", item.id, member(members[2])), at=T0)
    assert load_draft(db, session.id).text == "書きかけの質問"
    line = enter_line(
        db,
        session.id,
        "書きかけの質問です。",
        at=T0,
        agenda_item_id=item.id,
        speaker=member(members[2]),
    )
    assert line is not None and line.position == 1
    assert load_draft(db, session.id) is None
    assert enter_line(db, session.id, "   ", at=T0, agenda_item_id=item.id, speaker=None) is None
    with pytest.raises(InputError, match="発言者"):
        enter_line(db, session.id, "誰の発言か", at=T0, agenda_item_id=item.id, speaker=None)
    narration = enter_line(
        db,
        session.id,
        "～実施機関職員による説明～",
        at=T0,
        agenda_item_id=item.id,
        speaker=None,
        narration=True,
    )
    assert narration.kind is UtteranceKind.NARRATION
    assert [u.text for u in utterances(db, session.id)] == [
        "書きかけの質問です。",
        "～実施機関職員による説明～",
    ]


def test_corrections_keep_their_history(db, live):
    session, item, other, members = live
    line = enter_line(
        db, session.id, "質門です。", at=T0, agenda_item_id=item.id, speaker=member(members[2])
    )
    later = T0 + timedelta(minutes=5)
    correct_line(db, line.id, "質問です。", at=later)
    retag_line(db, line.id, member(members[3]), at=later)
    move_line(db, line.id, other.id, at=later)
    changes = history(db, line.id)
    assert [c.action for c in changes] == ["correct", "retag", "move"]
    assert changes[0].before["text"] == "質門です。" and changes[0].after == {"text": "質問です。"}
    assert changes[1].before["member_id"] == members[2].id
    assert changes[0].actor == "事務局" and changes[0].changed_at == later
    final = utterances(db, session.id)[0]
    assert (final.text, final.member_id, final.agenda_item_id) == (
        "質問です。",
        members[3].id,
        other.id,
    )
    with pytest.raises(InputError):
        correct_line(db, line.id, "  ", at=later)


def test_split_and_merge(db, live):
    session, item, _, members = live
    a = enter_line(
        db,
        session.id,
        "一つ目の質問です。二つ目の質問です。",
        at=T0,
        agenda_item_id=item.id,
        speaker=member(members[2]),
    )
    b = enter_line(
        db,
        session.id,
        "回答します。",
        at=T0,
        agenda_item_id=item.id,
        speaker=Speaker(SpeakerKind.AGENCY, label="実施機関"),
    )
    first, second = split_line(db, a.id, len("一つ目の質問です。"), at=T0)
    assert [u.text for u in utterances(db, session.id)] == [
        "一つ目の質問です。",
        "二つ目の質問です。",
        "回答します。",
    ]
    assert [u.position for u in utterances(db, session.id)] == [1, 2, 3]
    assert second.member_id == members[2].id
    with pytest.raises(InputError):
        split_line(db, first.id, 0, at=T0)
    with pytest.raises(InputError, match="続いている"):
        merge_lines(db, first.id, b.id, at=T0)
    merged = merge_lines(db, first.id, second.id, at=T0)
    assert merged.text == "一つ目の質問です。二つ目の質問です。"
    assert [u.position for u in utterances(db, session.id)] == [1, 2]
    assert [c.action for c in history(db, second.id)] == ["split-from", "merged-into"]


def test_speaker_tags_named_and_anonymised(db, live, council):
    session, item, _, members = live
    chair, vice, third, fourth = members[0], members[1], members[2], members[3]
    for m in (third, vice, third, fourth):
        enter_line(db, session.id, "発言", at=T0, agenda_item_id=item.id, speaker=member(m))
    enter_line(
        db, session.id, "議事を進めます。", at=T0, agenda_item_id=item.id, speaker=member(chair)
    )
    got = letters(db, session.id)
    assert (got[third.id], got[vice.id], got[fourth.id]) == ("A", "B", "C")
    assert chair.id not in got  # the chair is printed as 会長 and takes no letter

    assert speaker_tag(member(chair), chair, anonymised=False) == "青木会長"
    assert speaker_tag(member(vice), vice, anonymised=False) == "井上委員"  # 副会長 speaks as 委員
    assert speaker_tag(member(vice), vice, anonymised=True, letter="B") == "B委員"
    assert speaker_tag(member(chair), chair, anonymised=True, letter="D") == "会長"
    for kind, tag in [
        (SpeakerKind.SECRETARIAT, "事務局"),
        (SpeakerKind.AGENCY, "実施機関"),
        (SpeakerKind.ALL_MEMBERS, "委員全員"),
    ]:
        assert speaker_tag(Speaker(kind), None, anonymised=True) == tag
    assert (
        speaker_tag(Speaker(SpeakerKind.OTHER, label="参考人"), None, anonymised=True) == "参考人"
    )
    assert format_line("青木会長", "開会します。", anonymised=False) == "青木会長：開会します。"
    assert format_line("A委員", "質問です。", anonymised=True) == "(A委員) 質問です。"

    with pytest.raises(InputError, match="既にほかの委員"):
        set_letter(db, session.id, fourth.id, "A")
    set_letter(db, session.id, fourth.id, "E")
    assert letters(db, session.id)[fourth.id] == "E"


def test_a_member_keeps_one_letter_across_sittings(db, council, now):
    days = [date(2026, 12, 14), date(2026, 12, 15)]
    plan = SessionPlan(
        sittings=tuple(SittingPlan(at(d, time(14)), at(d, time(16)), "室") for d in days)
    )
    session = schedule_session(db, council.id, plan, now=now)
    m = list_members(db, council.id, on=days[0])[3]
    enter_line(db, session.id, "初日", at=T0, agenda_item_id=None, speaker=member(m))
    enter_line(
        db, session.id, "二日目", at=T0 + timedelta(days=1), agenda_item_id=None, speaker=member(m)
    )
    assert letters(db, session.id) == {m.id: "A"}


@pytest.mark.parametrize(
    ("outcome", "kwargs", "text"),
    [
        (Outcome.APPROVED, {}, "—他に質問や意見等はなく、この件に関しては承認される。—"),
        (
            Outcome.APPROVED_WITH_OPINION,
            {"opinion": "利用者への周知を徹底すること"},
            "—この件に関しては、「利用者への周知を徹底すること」との意見を付した上で承認される。—",
        ),
        (
            Outcome.CARRIED_OVER,
            {"follow_up": "契約書の案"},
            "—契約書の案について、次回の審議会で改めて説明することとなる。—",
        ),
        (Outcome.REJECTED, {}, "—この件に関しては承認されない。—"),
        (Outcome.DIRECTION_APPROVED, {}, "—答申の方向性について了承される。—"),
    ],
)
def test_closing_narration_is_drafted_from_the_outcome(outcome, kwargs, text):
    assert draft_narration(outcome, **kwargs) == text


def test_a_request_in_the_qa_becomes_an_attached_opinion(db, live):
    session, item, _, members = live
    for m in members:
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    request = enter_line(
        db,
        session.id,
        "本人への通知文を分かりやすくしていただきたい。",
        at=T0,
        agenda_item_id=item.id,
        speaker=member(members[2]),
    )
    decision = record_decision(
        db,
        item.id,
        Outcome.APPROVED_WITH_OPINION,
        at=T0,
        narration=draft_narration(Outcome.APPROVED_WITH_OPINION),
        quorum=quorum_for(db, session.id, T0),
    )
    opinion = promote_to_opinion(db, request.id, decision.id, OpinionKind.RIDER)
    assert opinions(db, decision.id) == [opinion]
    assert (opinion.kind.value, opinion.utterance_id) == ("付帯意見", request.id)


def test_the_narration_list_can_be_extended(db, council):
    before = narrations(db, council.id)
    add_narration(db, council.id, "～実施機関職員 紹介～")
    add_narration(db, council.id, "～実施機関職員 紹介～")
    assert narrations(db, council.id) == before + ["～実施機関職員 紹介～"]
    with pytest.raises(InputError):
        add_narration(db, council.id, " ")


def test_any_text_is_kept_as_typed(db, council, now):
    day = date(2026, 12, 14)
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "室"),))
    session = schedule_session(db, council.id, plan, now=now)
    speaker = Speaker(SpeakerKind.SECRETARIAT)

    @settings(max_examples=80, deadline=None)
    @given(text=st.text(st.characters(codec=None, categories=None), min_size=1, max_size=3000))
    def check(text: str) -> None:
        line = enter_line(db, session.id, text, at=T0, agenda_item_id=None, speaker=speaker)
        if not text.strip():
            assert line is None
            return
        assert line is not None
        assert line.text == keep_text(text)

    check()
    lone = enter_line(db, session.id, "前\ud800後", at=T0, agenda_item_id=None, speaker=speaker)
    assert lone is not None and lone.text == "前\ufffd後"


def test_control_characters_and_very_long_lines_are_kept(db, live):
    session, item, _, members = live
    long = "個人情報" * 2500
    odd = "前\x0b後\x00\u200f右から左\ufe0f😀\ufffe"
    for text in (long, odd):
        line = enter_line(
            db, session.id, text, at=T0, agenda_item_id=item.id, speaker=member(members[2])
        )
        assert line is not None and line.text == text
    assert len(utterances(db, session.id)[0].text) == 10_000


def test_a_narration_leaves_the_half_typed_line_in_the_draft(db, live):
    session, item, _, members = live
    save_draft(db, session.id, Draft("書きかけ", item.id, member(members[2])), at=T0)
    enter_line(
        db,
        session.id,
        "～実施機関退室～",
        at=T0,
        agenda_item_id=item.id,
        speaker=None,
        narration=True,
    )
    assert load_draft(db, session.id).text == "書きかけ"
