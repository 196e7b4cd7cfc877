"""Rules that the record screens used to hold, now plain functions a test calls directly.

Which narration marks the department present, how a speaker is tagged (and when the session's
letters are read again), which sitting and moment the roll call works at, who speaks the
opening, how a line splits and which range a closing covers, what the agenda offers, and the
hold and draft of the live record.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from agendas.model import AgendaItem, Consultation, ConsultationStatus, ItemKind, Outcome
from agendas.offers import PLAIN_KINDS, add_choices, next_sitting, offer_label
from agendas.register import flagged_articles, parse_answer
from meeting.dates import TOKYO, at
from meeting.errors import InputError
from meeting.model import Member, Role, Sitting
from minutes.editing import line_range, merge_closes, split_position
from minutes.entries import marks_entry, note_entry
from minutes.labels import SpeakerLabels, change_text, decision_line, named_tag
from minutes.model import Decision, SpeakerKind, Utterance, UtteranceKind
from minutes.speakers import Speaker
from minutes.timing import (
    first_item_of,
    index_of,
    moment_in,
    resume_index,
    sitting_index_for,
    written_answer_day,
)
from minutes.utterances import Change, Draft

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)


def member(id_: int, name: str, role: Role = Role.MEMBER) -> Member:
    return Member(id_, 1, name, "", role, None, None)


MEMBERS = [member(1, "青木 一郎", Role.CHAIR), member(2, "井上 花", Role.VICE_CHAIR)]
MEMBERS += [member(3, "上田 進")]


def utterance(
    text: str, kind: SpeakerKind | None = SpeakerKind.MEMBER, member_id: int | None = 3
) -> Utterance:
    narration = kind is None
    return Utterance(
        1,
        1,
        None,
        1,
        UtteranceKind.NARRATION if narration else UtteranceKind.SPEECH,
        kind,
        member_id,
        "",
        text,
        NOW,
    )


def item(id_: int, sitting_id: int | None = None) -> AgendaItem:
    return AgendaItem(id_, 1, id_, ItemKind.OTHER, f"議題{id_}", sitting_id=sitting_id)


def sitting(id_: int, day: date, start: int = 9, end: int = 12) -> Sitting:
    return Sitting(id_, 1, id_, at(day, time(start)), at(day, time(end)), "室", False, f"u{id_}")


# The department comes in


@pytest.mark.parametrize(
    ("narration", "marks"),
    [
        ("～実施機関入室～", True),
        ("～実施機関職員 紹介～", True),
        ("～実施機関職員紹介～", True),
        ("～実施機関退室～", False),
        ("～事務局より資料説明～", False),
    ],
)
def test_a_narration_marks_the_department_present(narration, marks):
    assert marks_entry(narration) is marks


def test_only_an_entry_narration_touches_the_attendance(db, council, consultation, sitting_now):
    from agendas.store import add_agenda_item
    from minutes.roll import OtherKind, add_other, others_present

    _, session = sitting_now
    entry = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    earlier = add_agenda_item(
        db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id
    )
    add_other(db, session.id, OtherKind.AGENCY, organisation="市民課", name="浅野 恵")
    add_other(
        db,
        session.id,
        OtherKind.AGENCY,
        organisation="市民課",
        name="石井 聡",
        item_ids=[earlier.id],
    )
    assert note_entry(db, session.id, entry.id, "～休憩～") == []
    staff = note_entry(db, session.id, entry.id, "～実施機関入室～")
    assert [o.name for o in staff] == ["浅野 恵", "石井 聡"]
    # the whole meeting's staff stay so; those who came for an item have this one too
    assert [set(o.item_ids) for o in others_present(db, session.id)] == [
        set(),
        {earlier.id, entry.id},
    ]


# How speakers are tagged


def test_a_named_record_tags_by_surname_and_never_reads_letters():
    reads: list[int] = []
    labels = SpeakerLabels(MEMBERS, anonymised=False, load_letters=lambda: reads.append(1) or {})
    labels.reload()
    assert labels.tag(Speaker(SpeakerKind.MEMBER, 1)) == "青木会長"
    assert labels.tag(Speaker(SpeakerKind.MEMBER, 2)) == "井上委員"
    assert labels.tag(Speaker(SpeakerKind.AGENCY)) == "実施機関"
    assert labels.tag(Speaker(SpeakerKind.OTHER, label="参考人")) == "参考人"
    assert reads == []


def test_an_anonymised_record_shows_the_letter_and_the_name_and_reads_letters_on_a_miss():
    letters = {3: "A"}
    reads: list[dict[int, str]] = []

    def load() -> dict[int, str]:
        reads.append(dict(letters))
        return dict(letters)

    labels = SpeakerLabels(MEMBERS, anonymised=True, load_letters=load)
    labels.reload()
    assert len(reads) == 1
    assert labels.tag(Speaker(SpeakerKind.MEMBER, 3)) == "A委員（上田）"
    assert labels.tag(Speaker(SpeakerKind.MEMBER, 1)) == "会長（青木）"  # the chair has no letter
    assert len(reads) == 1  # a known letter, and the chair: no second read
    letters[2] = "B"  # 井上 speaks for the first time: the store gave her a letter
    assert labels.tag(Speaker(SpeakerKind.MEMBER, 2)) == "B委員（井上）"
    assert len(reads) == 2
    assert labels.tag(Speaker(SpeakerKind.SECRETARIAT)) == "事務局"


def test_lines_as_the_record_screens_show_them():
    labels = SpeakerLabels(MEMBERS, anonymised=False, load_letters=dict)
    assert labels.line_text(utterance("質問します。")) == "上田委員：質問します。"
    assert labels.line_text(utterance("質問します。"), mark="【非公開】") == (
        "【非公開】上田委員：質問します。"
    )
    assert labels.line_text(utterance("～開会～", None, None)) == "　　～開会～"
    assert named_tag(utterance("～開会～", None, None), MEMBERS) == "（ト書き）"
    assert named_tag(utterance("はい。", SpeakerKind.MEMBER, 1), MEMBERS) == "青木会長"
    decision = Decision(1, 1, Outcome.APPROVED, NOW, "", 5, 4, ())
    assert decision_line(decision) == "　　【決定: 承認】（出席5名／定足数4名）"
    short = Decision(1, 1, Outcome.APPROVED, NOW, "", 3, 4, (), override_reason="緊急のため")
    assert decision_line(short).endswith("（出席3名／定足数4名）　定足数を欠く: 緊急のため")


@pytest.mark.parametrize(
    ("action", "before", "after", "reads"),
    [
        ("correct", {"text": "五年"}, {"text": "五年間"}, "訂正: 五年 → 五年間"),
        ("move", {"text": "a"}, {"text": "a", "public": 0}, "議題を移動（非公開）"),
        ("retag", {"text": "a", "member_id": 1}, {"text": "a", "member_id": 2}, "発言者を変更"),
        ("merge", {"text": "前"}, {"text": "前後"}, "次の行とまとめた: 前 → 前後"),
        ("split", {"text": "前後"}, {"text": "前"}, "分割: 前後 → 前"),
        ("close", None, None, "非公開にしました"),
        ("open", None, None, "公開に戻しました"),
        ("order", {"position": 3}, {"position": 2, "step": -1}, "順序を変更"),
        ("delete", {"text": "重複"}, {}, "行を消した: 重複"),
        ("take-back", {"text": "打ち間違い"}, {}, "入力欄に戻した（元に戻す）: 打ち間違い"),
        ("restore", None, {"position": 2}, "消した行を戻した"),
    ],
)
def test_a_change_reads_as_the_clerk_reads_it(action, before, after, reads):
    assert change_text(Change(1, NOW, "事務局", action, before, after)) == reads


# Which sitting, which moment, which item


def test_the_roll_call_opens_on_todays_sitting_or_the_next_or_the_last():
    today = NOW.date()
    days = [
        sitting(1, today - timedelta(days=1)),
        sitting(2, today),
        sitting(3, today + timedelta(1)),
    ]
    assert sitting_index_for(days, today) == 1
    assert sitting_index_for(days, today - timedelta(days=5)) == 0
    assert sitting_index_for(days, today + timedelta(days=5)) == 2
    assert sitting_index_for([], today) == 0


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (NOW, NOW),  # ten o'clock, within 9–12
        (NOW.replace(hour=8), NOW.replace(hour=9)),  # before the opening
        (NOW.replace(hour=15), NOW.replace(hour=12)),  # after the closing
        (NOW + timedelta(days=1), NOW.replace(hour=9)),  # another day: the opening
    ],
)
def test_the_quorum_is_counted_at_a_moment_within_the_sitting(now, expected):
    assert moment_in(sitting(1, NOW.date()), now) == expected
    assert moment_in(None, now) == now


def test_a_written_answer_is_dated_today_at_the_latest_the_deadline():
    today = date(2026, 11, 25)
    assert written_answer_day(today, date(2026, 11, 30)) == today
    assert written_answer_day(today, date(2026, 11, 20)) == date(2026, 11, 20)
    assert written_answer_day(today, None) == today


def test_the_live_record_resumes_at_the_last_item_and_a_sitting_starts_at_its_first():
    items = [item(10, 1), item(11, 1), item(12, 2)]
    assert resume_index(items, 11) == 1
    assert resume_index(items, None) == 0
    assert resume_index(items, 99) == 0
    assert index_of(items, 99, default=2) == 2
    assert first_item_of(items, 2) == 2
    assert first_item_of(items, 3) is None


# The chair's opening


def test_the_opening_is_the_chairs_line_on_the_first_item(db, council, sitting_now):
    from agendas.store import add_agenda_item
    from minutes.opening import enter_opening
    from minutes.roll import members_for, quorum_for
    from minutes.store import utterances

    _, session = sitting_now
    first = add_agenda_item(db, session.id, ItemKind.OPENING)
    members = members_for(db, session)
    state = quorum_for(db, session.id, NOW.replace(hour=9, minute=30))
    with pytest.raises(InputError, match="会長がいません"):
        enter_opening(db, session.id, members[1:], state, at=NOW, sitting_id=None)
    chair = enter_opening(db, session.id, members, state, at=NOW, sitting_id=None)
    assert chair.role is Role.CHAIR
    (line,) = utterances(db, session.id)
    assert (line.member_id, line.agenda_item_id) == (chair.id, first.id)
    assert line.text.startswith("ただ今の出席委員は6名です。")


# Correcting lines


def test_a_line_splits_where_the_clerk_marked_it_and_nowhere_else():
    assert split_position("提供します。||保存は五年です。", "提供します。保存は五年です。") == 6
    for marked in ("提供します。保存は五年です。", "a||b||c", "提供||します。変えた"):
        with pytest.raises(InputError, match="一つだけ"):
            split_position(marked, "提供します。保存は五年です。")


def test_a_range_closes_unless_every_line_is_closed_by_itself():
    ids = [1, 2, 3, 4]
    closing = line_range(ids, 4, 2, own_closed={3})
    assert (closing.first, closing.last, closing.count, closing.public) == (4, 2, 3, False)
    opening = line_range(ids, None, 3, own_closed={3})
    assert (opening.first, opening.count, opening.public) == (3, 1, True)
    assert line_range(ids, 99, 1, own_closed=set()).first == 1  # a mark on another item
    assert (
        merge_closes(1, 2, {2}) and not merge_closes(1, 2, {1, 2}) and not merge_closes(1, 2, set())
    )


# The agenda and the register


def test_the_agenda_offers_carried_over_consultations_first_then_plain_kinds():
    carried = Consultation(
        7, 1, "8ひ総第3号", "図書館システムについて（諮問）", None, ConsultationStatus.CARRIED_OVER
    )
    previous = item(3)
    choices = add_choices([(carried, previous), (carried, None)])
    assert choices[0] == (
        "諮問案件 8ひ総第3号 図書館システムについて（諮問）（前回の補足説明）",
        (carried, previous),
    )
    assert (
        choices[1][0]
        == offer_label(carried, None)
        == ("諮問案件 8ひ総第3号 図書館システムについて（諮問）")
    )
    assert [value for _, value in choices[2:]] == list(PLAIN_KINDS)


def test_an_item_moves_to_the_next_sitting_round_to_the_first():
    days = [sitting(1, NOW.date()), sitting(2, NOW.date() + timedelta(days=1))]
    assert next_sitting(item(1, 1), days) == days[1]
    assert next_sitting(item(1, 2), days) == days[0]
    assert next_sitting(item(1, None), days) == days[1]  # no sitting: the first day's
    assert next_sitting(item(1, 1), days[:1]) is None


def test_the_register_flags_articles_and_reads_an_answer():
    from agendas.model import ConsultationKind, Question

    c = Consultation(
        1,
        1,
        "n",
        "t",
        None,
        ConsultationStatus.FILED,
        questions=(
            Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第3項第4号"),
            Question(ConsultationKind.OUT_OF_PURPOSE, "第九条のあたり"),
        ),
    )
    assert flagged_articles(c) == ["第九条のあたり"]
    assert parse_answer("答申第3号 令和9年2月1日") == ("答申第3号", date(2027, 2, 1))
    with pytest.raises(InputError, match="答申番号 日付"):
        parse_answer("令和9年2月1日")


# The live record's hold and draft


def test_a_second_writer_is_read_only_and_takes_over_when_told(db, sitting_now):
    from meeting.clock import fixed_clock
    from minutes.holds import Holder, current_holder
    from minutes.writing import RecordWriter

    _, session = sitting_now
    first = RecordWriter(db, session.id, Holder("t1", "clerk1", "pc1", 1), fixed_clock(NOW))
    second = RecordWriter(db, session.id, Holder("t2", "clerk2", "pc2", 2), fixed_clock(NOW))
    assert first.hold() == "" and not first.read_only
    why = second.hold()
    assert second.read_only and "clerk1（pc1）、プロセス 1" in why and "ctrl+g" in why
    assert second.other_holder().token == "t1"
    second.changed()
    assert not second.draft_unsaved  # a read-only view keeps no draft
    assert second.take_over() == "" and not second.read_only
    assert current_holder(db, session.id).token == "t2"
    assert "clerk2（pc2）" in first.heartbeat() and first.read_only
    first.let_go()  # not the holder any more: nothing happens
    assert current_holder(db, session.id).token == "t2"
    second.let_go()
    assert current_holder(db, session.id) is None


def test_a_refused_draft_says_why_and_goes_in_on_the_next_try(db, sitting_now):
    from meeting.clock import fixed_clock
    from minutes.holds import Holder
    from minutes.utterances import load_draft
    from minutes.writing import RecordWriter

    _, session = sitting_now
    writer = RecordWriter(db, session.id, Holder("t1", "clerk1", "pc1", 1), fixed_clock(NOW))
    writer.hold()
    draft = Draft("保存期間は", None, None)
    assert writer.save_draft(draft) is None  # nothing typed yet
    writer.changed()
    db.execute("PRAGMA query_only = 1")
    try:
        why = writer.save_draft(draft)
    finally:
        db.execute("PRAGMA query_only = 0")
    assert why and "読み取り専用" in why and writer.draft_unsaved
    assert writer.save_draft(draft) == "" and not writer.draft_unsaved
    assert load_draft(db, session.id).text == "保存期間は"
    writer.changed()
    writer.entered()
    assert not writer.draft_unsaved


def test_the_rules_need_no_textual():
    import subprocess
    import sys

    code = (
        "import sys; import minutes.entries, minutes.labels, minutes.timing, minutes.opening, "
        "minutes.editing, minutes.writing, agendas.offers, agendas.register; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
