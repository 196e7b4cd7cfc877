"""A speaker's turn of several paragraphs: entered with one key, kept as a mark on each new
paragraph, printed with one label a turn in the minutes and the summary."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from textual.widgets import DataTable

from agendas.model import ItemKind
from agendas.store import add_agenda_item
from exports.full_minutes import gather_minutes
from exports.summary import gather_summary, summary_text
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.errors import InputError
from meeting.model import SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.store import list_members, schedule_session
from meeting.widgets.line_input import LineInput
from minutes.model import SpeakerKind
from minutes.roll import set_presence
from minutes.speakers import Speaker
from minutes.store import set_line_public, utterances
from minutes.utterances import enter_line, retag_line, set_continues

DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 14, 30, tzinfo=TOKYO)


@pytest.fixture
def sitting(db, council):
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    first = add_agenda_item(db, session.id, ItemKind.OPENING)
    second = add_agenda_item(db, session.id, ItemKind.OTHER)
    members = list_members(db, council.id, on=DAY)
    for m in members:
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    return session, first, second, members


def say(db, session, item, text, speaker=None, *, continues=False, minutes=0):
    return enter_line(
        db,
        session.id,
        text,
        at=NOW + timedelta(minutes=minutes),
        agenda_item_id=item.id,
        speaker=speaker,
        narration=speaker is None and not continues,
        continues=continues,
    )


def test_a_new_paragraph_takes_the_turns_speaker(db, sitting):
    session, first, _, members = sitting
    member = Speaker(SpeakerKind.MEMBER, members[2].id)
    say(db, session, first, "一つ目の段落です。", member)
    line = say(db, session, first, "二つ目の段落です。", continues=True)
    assert line.continues and (line.speaker_kind, line.member_id) == (
        SpeakerKind.MEMBER,
        members[2].id,
    )


@pytest.mark.parametrize(
    ("before", "where", "words"),
    [
        ([], "first", "続ける発言がありません"),  # nothing said yet
        ([("～資料確認～", None)], "first", "続ける発言がありません"),  # a narration before
        ([("事務局です。", "secretariat")], "second", "別の議題"),  # another item's turn
    ],
)
def test_a_paragraph_with_no_turn_to_continue_is_refused(db, sitting, before, where, words):
    session, first, second, _ = sitting
    for text, kind in before:
        say(db, session, first, text, Speaker(SpeakerKind(kind)) if kind else None)
    item = first if where == "first" else second
    with pytest.raises(InputError, match=words):
        say(db, session, item, "続き", continues=True)
    assert len(utterances(db, session.id)) == len(before)


def test_the_documents_print_one_label_a_turn(db, sitting):
    session, first, _, members = sitting
    chair = Speaker(SpeakerKind.MEMBER, members[0].id)
    member = Speaker(SpeakerKind.MEMBER, members[2].id)
    say(db, session, first, "開会します。", chair)
    say(db, session, first, "質問です。", member, minutes=1)
    say(db, session, first, "もう一点あります。", continues=True, minutes=2)
    say(db, session, first, "さらにもう一点。", continues=True, minutes=3)
    say(db, session, first, "お答えします。", Speaker(SpeakerKind.SECRETARIAT), minutes=4)
    say(db, session, first, "質問です。", member, minutes=5)  # a new turn: labelled again

    text = gather_minutes(db, session.id, public=True).text_lines()
    assert text[:6] == [
        "青木会長：開会します。",
        "上田委員：質問です。",
        "もう一点あります。",
        "さらにもう一点。",
        "事務局：お答えします。",
        "上田委員：質問です。",
    ]
    summary = summary_text(gather_summary(db, session.id, public=True))
    start = summary.index("(A委員) 質問です。")
    assert summary[start : start + 3] == [
        "(A委員) 質問です。",
        "もう一点あります。",
        "さらにもう一点。",
    ]


def test_a_paragraph_after_a_part_left_out_is_labelled(db, sitting):
    """The public version leaves the closed paragraph out: the next one names its speaker."""
    session, first, _, members = sitting
    member = Speaker(SpeakerKind.MEMBER, members[2].id)
    say(db, session, first, "公開の段落。", member)
    closed = say(db, session, first, "非公開の段落。", continues=True, minutes=1)
    say(db, session, first, "また公開の段落。", continues=True, minutes=2)
    set_line_public(db, closed.id, False)
    public = gather_minutes(db, session.id, public=True).text_lines()
    assert public[:3] == [
        "上田委員：公開の段落。",
        "（非公開部分につき省略）",
        "上田委員：また公開の段落。",
    ]
    internal = gather_minutes(db, session.id, public=False).text_lines()
    assert internal[:3] == [
        "上田委員：公開の段落。",
        "【非公開】非公開の段落。",
        "また公開の段落。",
    ]


def test_a_paragraph_is_marked_or_unmarked_later(db, sitting):
    session, first, _, members = sitting
    member = Speaker(SpeakerKind.MEMBER, members[2].id)
    say(db, session, first, "一つ目。", member)
    second = say(db, session, first, "二つ目。", member, minutes=1)
    other = say(db, session, first, "事務局です。", Speaker(SpeakerKind.SECRETARIAT), minutes=2)
    assert set_continues(db, second.id, True, at=NOW).continues
    with pytest.raises(InputError, match="同じ発言者"):
        set_continues(db, other.id, True, at=NOW)
    # Re-tagged to another speaker, a paragraph begins a turn of its own.
    assert not retag_line(db, second.id, Speaker(SpeakerKind.AGENCY), at=NOW).continues
    assert gather_minutes(db, session.id, public=True).text_lines()[1] == "実施機関：二つ目。"


async def test_the_clerk_continues_a_turn_with_one_key(db, council, sitting):
    from meeting.screens.lines import LinesScreen
    from meeting.screens.live import LiveScreen

    session, first, _, members = sitting
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        line = screen.query_one("#line", LineInput)
        await pilot.press("f4")  # the third member of the roll
        line.insert_text_at_cursor("一つ目の段落。")
        await pilot.press("enter")
        await pilot.press("ctrl+y")  # nothing typed: nothing kept
        await pilot.pause()
        assert len(utterances(db, session.id)) == 1
        line.insert_text_at_cursor("二つ目の段落。")
        await pilot.press("ctrl+y")
        await pilot.pause()
        first_line, second_line = utterances(db, session.id)
        assert second_line.continues and second_line.member_id == first_line.member_id
        assert line.value == ""
        assert screen.record_lines[-1] == "　〃　二つ目の段落。"

        await pilot.press("ctrl+r")
        await pilot.pause()
        lines = app.screen
        assert isinstance(lines, LinesScreen)
        table = lines.query_one("#lines", DataTable)
        assert "段落の続き" in str(table.get_row_at(1)[1])
        table.move_cursor(row=1)
        await pilot.press("c")  # a turn of its own again
        await pilot.pause()
        assert not utterances(db, session.id)[1].continues
        assert "新しい発言にしました" in str(lines.query_one("#line-history").render())
