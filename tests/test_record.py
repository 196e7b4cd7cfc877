"""The record underneath a session: roll call, agenda, lines and decisions, as the demo fills it."""

from __future__ import annotations

import sqlite3

import pytest

from agendas.model import ItemKind
from agendas.store import add_agenda_item, agenda
from meeting.demo import DEMO_COUNCIL, load_demo
from meeting.errors import InputError
from meeting.model import CouncilDraft, MemberDraft, SessionStatus
from meeting.quorum import Presence
from meeting.store import add_council, add_member, list_members, list_sessions
from minutes.model import Outcome, SpeakerKind, UtteranceKind
from minutes.record import enter_line
from minutes.roll import presence_label, roll_call, set_presence
from minutes.speakers import Speaker
from minutes.store import decisions, utterances


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
    assert [i.kind for i in items][:3] == [
        ItemKind.OPENING,
        ItemKind.PREVIOUS_MINUTES,
        ItemKind.CONSULTATION,
    ]
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
    assert decision.outcome is Outcome.APPROVED
    assert decision.agenda_item_id == items[2].id
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
