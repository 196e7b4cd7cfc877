"""A line's place among its item's lines, and lines taken out: move up and down, delete and put
back, undo the line just entered, a moved line placed where it was said, merge with the item's
next line, and the chair's opening that waits for the secretariat's."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from agendas.model import ItemKind
from agendas.store import add_agenda_item
from meeting.dates import TOKYO, at
from meeting.errors import InputError
from meeting.model import SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.store import list_members, schedule_session
from minutes.approval import confirm_minutes
from minutes.line_order import (
    delete_line,
    deleted_lines,
    merge_lines,
    move_line,
    next_in_item,
    opening_waits,
    restore_line,
    shift_line,
    take_back,
)
from minutes.model import Outcome, SpeakerKind
from minutes.opening import enter_opening
from minutes.opinions import OpinionKind, opinions, promote_to_opinion
from minutes.roll import quorum_for, set_presence
from minutes.speakers import Speaker
from minutes.store import item_utterances, record_decision, utterances
from minutes.utterances import enter_line, history, set_continues, set_lines_public, split_line

DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 14, 0, tzinfo=TOKYO)
CLERK = Speaker(SpeakerKind.SECRETARIAT, None, "事務局")


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


def say(db, session, item, text, speaker, minutes):
    return enter_line(
        db,
        session.id,
        text,
        at=NOW + timedelta(minutes=minutes),
        agenda_item_id=item.id,
        speaker=speaker,
        narration=speaker is None,
    )


def texts(db, session, item):
    return [u.text for u in item_utterances(db, session.id, item.id)]


def member(members, n):
    return Speaker(SpeakerKind.MEMBER, members[n].id)


@pytest.fixture
def interleaved(db, sitting):
    """Item 1 holds あ い う, item 2 holds X between い and う (a line moved in later)."""
    session, first, second, members = sitting
    a = say(db, session, first, "あ", member(members, 1), 1)
    b = say(db, session, first, "い", member(members, 2), 2)
    x = say(db, session, second, "X", member(members, 1), 3)
    c = say(db, session, first, "う", member(members, 1), 4)
    return session, first, second, members, (a, b, x, c)


def test_a_line_moves_up_and_down_among_its_items_lines(db, interleaved):
    session, first, second, _, (a, b, x, c) = interleaved
    shift_line(db, c.id, -1, at=NOW)  # past X, which is another item's
    assert texts(db, session, first) == ["あ", "う", "い"]
    assert texts(db, session, second) == ["X"]
    shift_line(db, c.id, -1, at=NOW)
    assert texts(db, session, first) == ["う", "あ", "い"]
    with pytest.raises(InputError, match="この議題の最初の行です"):
        shift_line(db, c.id, -1, at=NOW)
    shift_line(db, b.id, -1, at=NOW)
    assert texts(db, session, first) == ["う", "い", "あ"]
    with pytest.raises(InputError, match="この議題の最後の行です"):
        shift_line(db, a.id, 1, at=NOW)
    assert [h.action for h in history(db, c.id)] == ["order", "order"]


def test_a_paragraph_moved_away_from_its_speaker_becomes_a_turn(db, sitting):
    session, first, _, members = sitting
    head = say(db, session, first, "一段落目", member(members, 1), 1)
    more = say(db, session, first, "二段落目", member(members, 1), 2)
    say(db, session, first, "別の委員", member(members, 2), 3)
    set_continues(db, more.id, True, at=NOW)
    shift_line(db, more.id, 1, at=NOW)  # now after another member's line
    moved = next(u for u in utterances(db, session.id) if u.id == more.id)
    assert not moved.continues
    assert history(db, more.id)[-1].action == "continue"
    assert head.id == item_utterances(db, session.id, first.id)[0].id


def test_merge_finds_the_items_next_line_past_another_items_line(db, interleaved):
    session, first, _, _, (a, b, x, c) = interleaved
    assert next_in_item(db, b.id).id == c.id  # X sits between them, in another item
    merged = merge_lines(db, b.id, c.id, at=NOW)
    assert merged.text == "いう"
    assert texts(db, session, first) == ["あ", "いう"]
    assert next_in_item(db, merged.id) is None


def test_a_moved_line_goes_where_it_was_said(db, sitting):
    session, first, second, members = sitting
    say(db, session, second, "十時十分", member(members, 1), 10)
    say(db, session, second, "十時三十分", member(members, 2), 30)
    stray = say(db, session, first, "十時二十分（移し忘れ）", member(members, 1), 20)
    late = say(db, session, first, "十時五十分", member(members, 1), 50)
    early = say(db, session, first, "十時五分", member(members, 1), 5)
    move_line(db, stray.id, second.id, at=NOW)
    assert texts(db, session, second) == ["十時十分", "十時二十分（移し忘れ）", "十時三十分"]
    move_line(db, late.id, second.id, at=NOW)
    assert texts(db, session, second)[-1] == "十時五十分"
    move_line(db, early.id, second.id, at=NOW)
    assert texts(db, session, second)[0] == "十時五分"
    assert texts(db, session, first) == []
    positions = [u.position for u in utterances(db, session.id)]
    assert len(set(positions)) == len(positions)  # no two lines share a place


def test_a_deleted_line_is_kept_in_its_history_and_put_back_where_it_was(db, interleaved):
    session, first, _, _, (a, b, x, c) = interleaved
    gone = delete_line(db, b.id, at=NOW)
    assert texts(db, session, first) == ["あ", "う"]
    assert [u.text for u in deleted_lines(db, session.id, first.id)] == ["い"]
    assert history(db, b.id)[-1].before["text"] == "い"
    say(db, session, first, "え", member(sitting_members(db, session), 0), 5)
    back = restore_line(db, gone.id, at=NOW)
    assert back.id == b.id
    assert texts(db, session, first) == ["あ", "い", "う", "え"]
    assert deleted_lines(db, session.id, first.id) == []
    assert [h.action for h in history(db, b.id)] == ["delete", "restore"]
    with pytest.raises(InputError, match="記録にあります"):
        restore_line(db, b.id, at=NOW)


def sitting_members(db, session):
    return list_members(db, session.council_id, on=DAY)


def closing(db, session, item, minutes):
    """A decision with its closing line, as the decision form records them."""
    moment = NOW + timedelta(minutes=minutes)
    state = quorum_for(db, session.id, moment)
    decision = record_decision(
        db, item.id, Outcome.APPROVED, at=moment, narration="—承認される。—", quorum=state
    )
    say(db, session, item, "—承認される。—", None, minutes)
    return decision


def test_a_deleted_lines_opinion_keeps_its_text_and_comes_back_with_it(db, sitting):
    session, first, _, members = sitting
    line = say(db, session, first, "個人番号の扱いに留意すること", member(members, 1), 1)
    decision = closing(db, session, first, 2)
    promote_to_opinion(db, line.id, decision.id, OpinionKind.RIDER, public=True)
    delete_line(db, line.id, at=NOW)
    (kept,) = opinions(db, decision.id)
    assert kept.text == "個人番号の扱いに留意すること" and kept.utterance_id is None
    restore_line(db, line.id, at=NOW)
    assert opinions(db, decision.id)[0].utterance_id == line.id


def test_undo_takes_back_only_the_line_entered_last(db, interleaved):
    session, first, _, members, (a, b, x, c) = interleaved
    with pytest.raises(InputError, match="最後に記録した行だけ"):
        take_back(db, session.id, b.id, at=NOW)
    back = take_back(db, session.id, c.id, at=NOW)
    assert back.text == "う"
    assert texts(db, session, first) == ["あ", "い"]
    assert history(db, c.id)[-1].action == "take-back"
    # The line before it was entered before X: it is not the last entered.
    with pytest.raises(InputError, match="最後に記録した行だけ"):
        take_back(db, session.id, b.id, at=NOW)


def test_a_decisions_closing_line_is_not_taken_back(db, sitting):
    session, first, _, members = sitting
    say(db, session, first, "質問です", member(members, 1), 1)
    closing(db, session, first, 2)
    last = item_utterances(db, session.id, first.id)[-1]
    with pytest.raises(InputError, match="決定の締めの行"):
        take_back(db, session.id, last.id, at=NOW)


def test_a_confirmed_record_refuses_every_change_of_order(db, interleaved):
    session, first, _, _, (a, b, x, c) = interleaved
    confirm_minutes(db, session.id, on=DAY)
    for change in (
        lambda: shift_line(db, c.id, -1, at=NOW),
        lambda: delete_line(db, c.id, at=NOW),
        lambda: take_back(db, session.id, c.id, at=NOW),
    ):
        with pytest.raises(InputError, match="確定しています"):
            change()
    assert texts(db, session, first) == ["あ", "い", "う"]


def test_the_chairs_opening_waits_for_the_secretariats(db, sitting):
    """Recorded from the roll call before the meeting starts, the chair's opening lands after
    the secretariat's opening and the narration of the time, as it was said."""
    session, first, _, members = sitting
    state = quorum_for(db, session.id, NOW)
    enter_opening(db, session.id, members, state, at=NOW, sitting_id=session.sittings[0].id)
    assert opening_waits(db, session.id)
    say(db, session, first, "午後2時00分開会", None, 1)
    say(db, session, first, "定刻となりましたので始めます。会長、お願いします。", CLERK, 2)
    assert opening_waits(db, session.id)
    say(db, session, first, "よろしくお願いします", member(members, 1), 3)
    assert not opening_waits(db, session.id)
    said = item_utterances(db, session.id, first.id)
    assert [u.speaker_kind for u in said] == [
        None,
        SpeakerKind.SECRETARIAT,
        SpeakerKind.MEMBER,  # the chair's opening
        SpeakerKind.MEMBER,
    ]
    assert "定足数" in said[2].text or "出席" in said[2].text
    assert said[3].text == "よろしくお願いします"


def test_an_opening_recorded_after_the_secretariat_spoke_does_not_wait(db, sitting):
    session, first, _, members = sitting
    say(db, session, first, "定刻となりました。", CLERK, 1)
    state = quorum_for(db, session.id, NOW)
    enter_opening(db, session.id, members, state, at=NOW, sitting_id=session.sittings[0].id)
    assert not opening_waits(db, session.id)


def test_the_wait_ends_when_the_next_item_begins_or_the_opening_goes(db, sitting):
    session, first, second, members = sitting
    state = quorum_for(db, session.id, NOW)
    enter_opening(db, session.id, members, state, at=NOW, sitting_id=session.sittings[0].id)
    say(db, session, second, "議題2の説明です", CLERK, 5)
    assert not opening_waits(db, session.id)
    assert texts(db, session, second) == ["議題2の説明です"]
    opening = item_utterances(db, session.id, first.id)[0]
    delete_line(db, opening.id, at=NOW)
    assert not opening_waits(db, session.id)


async def test_the_lines_screen_moves_deletes_and_puts_back_by_key(db, interleaved):
    from textual.widgets import DataTable

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.dialogs import ChoiceDialog, ConfirmDialog
    from meeting.screens.lines import LinesScreen

    session, first, second, members, (a, b, x, c) = interleaved
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = LinesScreen(session, first, members)
        app.push_screen(screen)
        await pilot.pause()
        table = screen.query_one("#lines", DataTable)
        assert table.cursor_row == 2  # opened on the newest line, う
        await pilot.press("shift+up")
        await pilot.pause()
        assert texts(db, session, first) == ["あ", "う", "い"]
        assert table.cursor_row == 1  # the cursor follows the line
        await pilot.press("m")  # with い, the item's next line
        await pilot.pause()
        assert texts(db, session, first) == ["あ", "うい"]
        await pilot.press("up", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # not after all
        await pilot.pause()
        assert texts(db, session, first) == ["あ", "うい"]
        await pilot.press("d", "y")
        await pilot.pause()
        assert texts(db, session, first) == ["うい"]
        assert table.cursor_row == 0  # on the line after the one deleted
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert texts(db, session, first) == ["あ", "うい"]
        assert "消した行を戻した" in str(screen.query_one("#line-history").render())
        await pilot.press("u")  # nothing deleted any more
        await pilot.pause()
        assert isinstance(app.screen, LinesScreen)


async def test_the_opening_from_the_roll_call_reads_after_the_secretariats_on_screen(db, sitting):
    from textual.widgets import DataTable

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.live import LiveScreen
    from meeting.screens.session import SessionScreen

    session, first, _, members = sitting
    app = MeetingApp(db, clock=fixed_clock(NOW - timedelta(minutes=5)))
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("t")  # the chair's opening, before the meeting starts
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        await pilot.press("f10")
        live.pane.line.insert_text_at_cursor("定刻となりましたので、会長お願いします。")
        await pilot.press("enter")
        await pilot.pause()
        assert live.record_lines[0].startswith("事務局：定刻となりました")
        assert live.record_lines[1].startswith("青木会長：ただ今の出席委員は")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_newest_line_is_in_view_after_every_enter(db, sitting, size):
    from textual.widgets import DataTable

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.live import LiveScreen
    from meeting.widgets.record import RecordView

    session, first, _, members = sitting
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=size) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
        await pilot.press("l")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        view = live.query_one(RecordView)
        await pilot.press("f4")
        for n in range(30):
            # Long lines wrap to several rows: the height grows by more than one row.
            live.pane.line.insert_text_at_cursor(f"{n}番目。" + "保存期間を確認します。" * (n % 4))
            await pilot.press("enter")
            await pilot.pause()
            bottom = view.scroll_y + view.size.height
            assert bottom >= view.virtual_size.height, (n, view.scroll_y, view.virtual_size)
        assert view.max_scroll_y > 0  # the record outgrew the pane: it did scroll


def test_a_line_entered_after_an_undo_never_takes_the_deleted_lines_id(db, interleaved):
    """SQLite hands the last row's id out again once it is deleted: the deleted line's history
    would then read as the new line's, and the deleted line could not come back."""
    session, first, _, members, (a, b, x, c) = interleaved
    take_back(db, session.id, c.id, at=NOW)
    again = say(db, session, first, "う（打ち直し）", member(members, 1), 5)
    assert again.id != c.id
    assert history(db, again.id) == []
    delete_line(db, again.id, at=NOW)
    later = say(db, session, first, "え", member(members, 1), 6)
    assert later.id not in {c.id, again.id}
    restore_line(db, again.id, at=NOW)
    restore_line(db, c.id, at=NOW)
    assert texts(db, session, first) == ["あ", "い", "う", "う（打ち直し）", "え"]


# Found in review: each a case that once went wrong


def test_a_restored_line_comes_back_after_the_line_that_stood_before_it(db, sitting):
    session, first, _, members = sitting
    a = say(db, session, first, "あ。ア", member(members, 1), 1)
    say(db, session, first, "い", member(members, 2), 2)
    c = say(db, session, first, "う", member(members, 1), 3)
    say(db, session, first, "え", member(members, 2), 4)
    delete_line(db, c.id, at=NOW)
    split_line(db, a.id, 2, at=NOW)  # an insert before it meanwhile
    restore_line(db, c.id, at=NOW)
    assert texts(db, session, first) == ["あ。", "ア", "い", "う", "え"]
    positions = [u.position for u in utterances(db, session.id)]
    assert len(set(positions)) == len(positions)


def test_a_line_merged_away_after_being_put_back_is_not_offered_again(db, sitting):
    session, first, _, members = sitting
    a = say(db, session, first, "あ", member(members, 1), 1)
    b = say(db, session, first, "い", member(members, 1), 2)
    delete_line(db, b.id, at=NOW)
    restore_line(db, b.id, at=NOW)
    merge_lines(db, a.id, b.id, at=NOW)
    assert deleted_lines(db, session.id, first.id) == []
    with pytest.raises(InputError, match="消した行の中にありません"):
        restore_line(db, b.id, at=NOW)
    assert texts(db, session, first) == ["あい"]


def test_a_closed_line_comes_back_closed_even_into_a_reused_item_id(db, sitting):
    """SQLite hands a removed last item's id to the next item: a closed line deleted with its
    item would be offered under a new public item. It comes back closed."""
    from agendas.store.items import remove_item
    from minutes.store import lines_in_closed_parts

    session, first, _, members = sitting
    closed = add_agenda_item(db, session.id, ItemKind.OTHER, "非公開の議題", public=False)
    secret = say(db, session, closed, "個人の氏名を含む発言", member(members, 1), 1)
    delete_line(db, secret.id, at=NOW)
    remove_item(db, closed.id)
    fresh = add_agenda_item(db, session.id, ItemKind.OTHER, "公開の議題", public=True)
    back = restore_line(db, secret.id, at=NOW)
    assert back.agenda_item_id == fresh.id  # the same id: nothing tells them apart
    assert secret.id in lines_in_closed_parts(db, session.id)


def test_a_line_put_back_after_a_closed_line_is_closed(db, sitting):
    from minutes.store import lines_in_closed_parts

    session, first, _, members = sitting
    a = say(db, session, first, "あ", member(members, 1), 1)
    b = say(db, session, first, "個人の氏名を含む発言", member(members, 2), 2)
    c = say(db, session, first, "う", member(members, 1), 3)
    delete_line(db, b.id, at=NOW)
    set_lines_public(db, a.id, c.id, public=False, at=NOW)
    restore_line(db, b.id, at=NOW)
    assert {a.id, b.id, c.id} <= lines_in_closed_parts(db, session.id)
    assert history(db, b.id)[-1].after == {"position": b.position, "public": False}


def test_a_line_is_not_moved_to_its_own_item(db, interleaved):
    session, first, _, _, (a, b, x, c) = interleaved
    with pytest.raises(InputError, match="すでにその議題の行です"):
        move_line(db, b.id, first.id, at=NOW)
    assert texts(db, session, first) == ["あ", "い", "う"]


def test_a_narration_after_the_secretariat_spoke_ends_the_openings_wait(db, sitting):
    session, first, _, members = sitting
    state = quorum_for(db, session.id, NOW)
    enter_opening(db, session.id, members, state, at=NOW, sitting_id=session.sittings[0].id)
    say(db, session, first, "会長、お願いします。", CLERK, 1)
    closing(db, session, first, 30)  # a narration, as the decision form enters it
    said = [u.text for u in item_utterances(db, session.id, first.id)]
    assert said[0] == "会長、お願いします。" and said[-1] == "—承認される。—"
    assert not opening_waits(db, session.id)


def test_a_taken_back_first_line_gives_its_letter_to_the_next_speaker(db, sitting):
    from minutes.utterances import letters

    session, first, _, members = sitting
    x = say(db, session, first, "最初の発言", member(members, 1), 1)
    take_back(db, session.id, x.id, at=NOW)
    say(db, session, first, "別の委員", member(members, 2), 2)
    assert letters(db, session.id) == {members[2].id: "A"}
    restore_line(db, x.id, at=NOW)  # back: a letter again
    assert set(letters(db, session.id)) == {members[1].id, members[2].id}


def test_lines_of_two_sittings_are_not_merged(db, council):
    plan = SessionPlan(
        sittings=(
            SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "第1会議室"),
            SittingPlan(at(DAY + timedelta(days=1), time(14)), None, "第1会議室"),
        )
    )
    session = schedule_session(db, council.id, plan, now=NOW)
    item = add_agenda_item(db, session.id, ItemKind.OTHER)
    members = list_members(db, council.id, on=DAY)
    one, two = session.sittings
    first = enter_line(
        db,
        session.id,
        "一日目",
        at=NOW,
        agenda_item_id=item.id,
        speaker=member(members, 1),
        sitting_id=one.id,
    )
    second = enter_line(
        db,
        session.id,
        "二日目",
        at=NOW + timedelta(days=1),
        agenda_item_id=item.id,
        speaker=member(members, 1),
        sitting_id=two.id,
    )
    with pytest.raises(InputError, match="別の日程"):
        merge_lines(db, first.id, second.id, at=NOW)


async def test_undo_of_a_paragraph_says_how_to_keep_it_as_one_again(db, sitting):
    from textual.widgets import DataTable

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.live import LiveScreen

    session, first, _, members = sitting
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
        await pilot.press("l")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        await pilot.press("f4")
        live.pane.line.insert_text_at_cursor("一段落目。")
        await pilot.press("enter")
        live.pane.line.insert_text_at_cursor("二段落目。")
        await pilot.press("ctrl+y")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert live.pane.line.value == "二段落目。"
        said = [n.message for n in app._notifications]
        assert any("ctrl+y で続きの段落として" in m for m in said), said
        await pilot.press("ctrl+y")  # kept as the paragraph again
        await pilot.pause()
    kept = item_utterances(db, session.id, first.id)
    assert [u.text for u in kept] == ["一段落目。", "二段落目。"] and kept[1].continues
