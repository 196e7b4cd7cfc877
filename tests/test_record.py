"""The record underneath a session: roll call, agenda, lines and decisions, as the demo fills it."""

from __future__ import annotations

import sqlite3

import pytest

from agendas.model import ItemKind, Outcome
from agendas.store import add_agenda_item, agenda
from meeting.entry.demo import DEMO_COUNCIL, load_demo
from meeting.errors import InputError
from meeting.model import CouncilDraft, MemberDraft, SessionStatus
from meeting.quorum import Presence
from meeting.store import add_council, add_member, list_members, list_sessions
from minutes.model import SpeakerKind, UtteranceKind
from minutes.opinions import OpinionKind, opinions
from minutes.roll import presence_label, roll_call, set_presence
from minutes.speakers import Speaker
from minutes.store import decisions, utterances
from minutes.utterances import enter_line


@pytest.fixture
def demo(db, now):
    council = load_demo(db, now=now)
    held = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    return council, held


def test_demo_has_seven_or_more_members_a_past_record_and_upcoming_sessions(db, demo, now):
    council, held = demo
    assert council.name == DEMO_COUNCIL
    assert len(list_members(db, council.id, on=now.date())) >= 7
    sessions = list_sessions(db, council.id)
    assert any(s.first_day and s.first_day > now.date() for s in sessions)
    assert held.first_day < now.date()

    roll = roll_call(db, held.sittings[0].id)
    labels = [presence_label(p) for p in roll.values()]
    assert (labels.count("出席"), labels.count("遅刻"), labels.count("欠席")) == (6, 1, 1)
    former = next(m for m in list_members(db, council.id) if m.name == "村上 修")
    assert former.id not in roll  # term ended before the session

    items = agenda(db, held.id)
    assert [i.kind for i in items][:4] == [
        ItemKind.OPENING,
        ItemKind.PROCEEDINGS,  # 2 議事, with (1) (2) (3) under it
        ItemKind.PREVIOUS_MINUTES,
        ItemKind.CONSULTATION,
    ]
    assert [i.parent_id for i in items][2:5] == [items[1].id] * 3
    assert ItemKind.NEXT_SESSION in [i.kind for i in items]
    lines = utterances(db, held.id)
    assert lines[0].text == f"ただ今より、令和8年度第1回{DEMO_COUNCIL}を開催いたします。"
    assert [u.position for u in lines] == list(range(1, len(lines) + 1))
    # The chair's opening counts who was in the room at the start: the late member is not yet.
    assert "条例第6条第2項の規定により" in lines[2].text and "6名" in lines[2].text
    assert any(u.kind is UtteranceKind.NARRATION for u in lines)
    assert {u.speaker_kind for u in lines} >= {
        SpeakerKind.MEMBER,
        SpeakerKind.SECRETARIAT,
        SpeakerKind.AGENCY,
        SpeakerKind.ALL_MEMBERS,
    }
    decision, carried = decisions(db, held.id)
    assert carried.outcome is Outcome.CARRIED_OVER
    assert decision.outcome is Outcome.APPROVED_WITH_OPINION
    assert decision.agenda_item_id == items[3].id
    (rider,) = opinions(db, decision.id)  # the opinion it was approved with, shown at the item
    assert rider.kind is OpinionKind.RIDER
    assert sum(u.continues for u in lines) == 1  # a turn of two paragraphs
    assert (decision.quorum_present, decision.quorum_needed) == (7, 5)
    assert "森川 聡子" in decision.present_names and not decision.without_quorum


def test_attendance_for_someone_outside_the_council_is_refused(db, demo, now):
    _, held = demo
    other = add_council(db, CouncilDraft(name="別の審議会", municipality="x"), now=now)
    stranger = add_member(db, other.id, MemberDraft("部外 者"))
    before = roll_call(db, held.sittings[0].id)
    with pytest.raises(InputError, match="この審議会の委員ではありません"):
        set_presence(db, held.id, held.sittings[0].id, stranger.id, Presence(True))
    assert roll_call(db, held.sittings[0].id) == before


def test_a_line_is_kept_the_moment_it_is_entered(db, demo, now, tmp_path):
    _, held = demo
    item = add_agenda_item(db, held.id, ItemKind.OTHER, "その他")
    enter_line(
        db,
        held.id,
        "次回は追って連絡します。",
        at=now,
        agenda_item_id=item.id,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    other = sqlite3.connect(tmp_path / "meeting.db")
    last = other.execute("SELECT text FROM utterances ORDER BY position DESC LIMIT 1").fetchone()
    assert last == ("次回は追って連絡します。",)


def test_empty_lines_are_ignored_and_missing_speakers_refused(db, demo, now):
    _, held = demo
    before = utterances(db, held.id)
    assert enter_line(db, held.id, "  \n", at=now, agenda_item_id=None, speaker=None) is None
    with pytest.raises(InputError, match="発言者"):
        enter_line(db, held.id, "質問です。", at=now, agenda_item_id=None, speaker=None)
    assert utterances(db, held.id) == before


def test_merging_a_line_made_into_an_opinion_keeps_the_opinion(db, council, consultation, now):
    from datetime import date, time

    from agendas.model import ItemKind, Outcome
    from agendas.store import add_agenda_item
    from meeting.dates import at
    from meeting.quorum import Presence
    from meeting.store import list_members
    from minutes.decide import DecisionDraft, decide
    from minutes.line_order import merge_lines
    from minutes.model import SpeakerKind
    from minutes.opinions import OpinionKind, opinions, promote_to_opinion
    from minutes.roll import set_presence
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line
    from tests.test_minutes_export import afternoon_session

    day = date(2026, 12, 14)
    session = afternoon_session(db, council, now, day)
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    members = list_members(db, council.id, on=day)
    for m in members:
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    speaker = Speaker(SpeakerKind.MEMBER, members[2].id)
    moment = at(day, time(15))
    first = enter_line(db, session.id, "前半。", at=moment, agenda_item_id=item.id, speaker=speaker)
    second = enter_line(
        db, session.id, "後半。", at=moment, agenda_item_id=item.id, speaker=speaker
    )
    decision = decide(db, item.id, DecisionDraft(Outcome.APPROVED, "—承認される。—"), at=moment)
    promote_to_opinion(db, second.id, decision.id, OpinionKind.REMARK)
    merged = merge_lines(db, first.id, second.id, at=moment)
    assert merged.text == "前半。後半。"
    assert [o.utterance_id for o in opinions(db, decision.id)] == [first.id]


def test_an_items_lines_and_the_latest_lines_are_read_without_the_rest(db, council, now):
    from datetime import date

    from agendas.model import ItemKind
    from agendas.store import add_agenda_item
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.store import item_utterances, latest_utterances
    from minutes.utterances import enter_line
    from tests.test_minutes_export import afternoon_session

    session = afternoon_session(db, council, now, date(2026, 12, 14))
    item = add_agenda_item(db, session.id, ItemKind.REPORT)
    speaker = Speaker(SpeakerKind.SECRETARIAT)
    for n in range(6):
        enter_line(
            db,
            session.id,
            f"行{n}",
            at=now,
            agenda_item_id=item.id if n % 2 else None,
            speaker=speaker,
        )
    assert [u.text for u in item_utterances(db, session.id, item.id)] == ["行1", "行3", "行5"]
    assert [u.text for u in item_utterances(db, session.id, None)] == ["行0", "行2", "行4"]
    assert [u.text for u in latest_utterances(db, session.id, 2)] == ["行4", "行5"]
