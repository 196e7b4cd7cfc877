"""The roll call and the quorum on screen, as the clerk takes them at the opening."""

from __future__ import annotations

from datetime import datetime, time

from textual.widgets import DataTable, Input, Static

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.screens.dialogs import AskDialog
from meeting.screens.others import OtherForm
from meeting.screens.session import SessionScreen
from meeting.store import list_members, schedule_session
from minutes.roll import others_present, public_attendees, roll_call
from minutes.store import utterances

SIZE = (120, 40)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)


async def open_session(pilot, session) -> SessionScreen:
    home = pilot.app.screen
    ids = [s.id for s in home.sessions]
    home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
    await pilot.press("o")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


def morning_session(db, council):
    """A session of the fixture council sitting today, 9:00–12:00: the clock is at ten."""
    day = NOW.date()
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(9)), at(day, time(12)), "第1会議室"),))
    return schedule_session(db, council.id, plan, now=NOW)


def quorum_text(screen) -> str:
    return str(screen.query_one("#quorum", Static).render())


async def test_roll_call_indicator_and_a_departure_that_breaks_quorum(db, council):
    session = morning_session(db, council)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, session)
        assert "不成立" in quorum_text(screen)
        await pilot.press(*["space"] * 6)  # the roll call, down the list
        await pilot.pause()
        assert "出席 6名／必要 4名" in quorum_text(screen)
        assert "成立" in quorum_text(screen)
        assert not screen.query_one("#quorum").has_class("-broken")

        # Three members leave at ten: 3 of 6 is not more than half.
        table = screen.query_one("#roll", DataTable)
        for row in (3, 4, 5):
            table.move_cursor(row=row)
            await pilot.press("o")
            assert isinstance(app.screen, AskDialog)
            assert app.screen.query_one(Input).value == "午前10時"
            await pilot.press("enter")
            await pilot.pause()
        assert "出席 3名／必要 4名" in quorum_text(screen)
        assert "不成立（あと1名）" in quorum_text(screen)
        assert screen.query_one("#quorum").has_class("-broken")
        assert any("定足数を欠きました" in n.message for n in app._notifications)

    members = list_members(db, council.id, on=NOW.date())
    roll = roll_call(db, session.sittings[0].id)
    assert [roll[m.id].left_at is not None for m in members] == [False] * 3 + [True] * 3


async def test_late_arrival_time_outside_the_sitting_is_named(db, council):
    session = morning_session(db, council)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, session)
        await pilot.press("l")
        dialog = app.screen
        assert isinstance(dialog, AskDialog)
        dialog.query_one(Input).value = "午後3時"
        await pilot.press("enter")
        await pilot.pause()
        assert any("到着時刻" in (n.title or "") for n in app._notifications)
        await pilot.press("l")
        app.screen.query_one(Input).value = "25時"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)  # stays open, naming the field
        assert "到着時刻" in str(app.screen.query_one("#error", Static).render())
    assert roll_call(db, session.sittings[0].id) == {}


async def test_others_present_public_and_the_chairs_opening_line(db, council):
    session = morning_session(db, council)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, session)
        await pilot.press(*["space"] * 5)
        await pilot.press("a")
        assert isinstance(app.screen, OtherForm)
        app.screen.query_one("#department", Input).value = "総務部／総務課"
        app.screen.query_one("#title", Input).value = "課長"
        app.screen.query_one("#name", Input).value = "浅野 恵"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("p")
        app.screen.query_one(Input).value = "3"
        await pilot.press("enter")
        await pilot.pause()
        others = str(screen.query_one("#others", Static).render())
        assert "事務局: 浅野 恵（総務部総務課 課長）" in others and "傍聴人: 3人" in others
        await pilot.press("t")
        await pilot.pause()
    assert [o.name for o in others_present(db, session.id)] == ["浅野 恵"]
    assert others_present(db, session.id)[0].department.path == ("総務部", "総務課")
    assert public_attendees(db, session.sittings[0].id) == 3
    (line,) = utterances(db, session.id)
    assert line.text.startswith(
        "ただ今の出席委員は5名です。かもめ台市情報公開・個人情報保護審議会条例第5条第2項"
    )
    assert line.member_id == list_members(db, council.id)[0].id  # the chair


async def test_recusal_from_an_item_and_written_answers(db, council, consultation):
    from datetime import date

    from agendas.model import ItemKind
    from agendas.store import add_agenda_item
    from meeting.model import SessionForm
    from minutes.roll import recused, written_answers

    session = morning_session(db, council)
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    written = schedule_session(
        db,
        council.id,
        SessionPlan(
            form=SessionForm.WRITTEN_RESOLUTION,
            written_from=date(2026, 11, 20),
            written_until=date(2026, 11, 30),
        ),
        now=NOW,
    )
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, session)
        screen.query_one("#roll", DataTable).move_cursor(row=2)
        await pilot.press("x")
        app.screen.query_one(Input).value = "9"
        await pilot.press("enter")
        assert "議題" in str(app.screen.query_one("#error", Static).render())
        app.screen.query_one(Input).value = "1"
        await pilot.press("enter")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("を議題1 " in m and "の定足数から外しました" in m for m in said), said
        await pilot.press("escape")

        screen = await open_session(pilot, written)
        await pilot.press(*["space"] * 4)
        await pilot.pause()
        assert "回答 4名／必要 4名" in quorum_text(screen)
    assert recused(db, item.id) == [list_members(db, council.id)[2].id]
    assert set(written_answers(db, written.id).values()) == {date(2026, 11, 25)}


async def test_someone_added_by_mistake_is_taken_back(db, council):
    from meeting.screens.dialogs import ChoiceDialog, ConfirmDialog
    from minutes.roll import OtherKind, add_other

    session = morning_session(db, council)
    kept = add_other(db, session.id, OtherKind.SECRETARIAT, organisation="総務課", name="浅野 恵")
    add_other(db, session.id, OtherKind.OBSERVER, organisation="株式会社かもめ", headcount=2)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, session)
        await pilot.press("d")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # the observer
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        others = str(screen.query_one("#others", Static).render())
        assert "株式会社かもめ" not in others and "浅野 恵" in others
    assert [o.id for o in others_present(db, session.id)] == [kept.id]


def test_those_present_are_locked_once_the_minutes_are_confirmed(db, council):
    from datetime import date

    import pytest

    from meeting.errors import InputError
    from minutes.approval import confirm_minutes
    from minutes.roll import OtherKind, add_other, remove_other

    session = morning_session(db, council)
    other = add_other(db, session.id, OtherKind.SECRETARIAT, name="浅野 恵")
    with pytest.raises(InputError, match="ありません|いません"):
        remove_other(db, session.id, other.id + 100)
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    enter_line(
        db,
        session.id,
        "開会します。",
        at=NOW,
        agenda_item_id=None,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    confirm_minutes(db, session.id, on=date(2026, 12, 20))
    before = "\n".join(db.conn.iterdump())
    for attempt in (
        lambda: remove_other(db, session.id, other.id),
        lambda: add_other(db, session.id, OtherKind.SECRETARIAT, name="後から 足す"),
    ):
        with pytest.raises(InputError, match="確定しています"):
            attempt()
    assert "\n".join(db.conn.iterdump()) == before


async def test_the_items_a_guest_attends_are_the_numbers_the_agenda_shows(
    db, council, consultation
):
    from agendas.model import ItemKind
    from agendas.store import add_agenda_item

    session = morning_session(db, council)
    add_agenda_item(db, session.id, ItemKind.OPENING)  # 1
    heading = add_agenda_item(db, session.id, ItemKind.PROCEEDINGS)  # 2 議事
    add_agenda_item(db, session.id, ItemKind.OTHER, parent_id=heading.id)  # 2(1)
    item = add_agenda_item(  # 2(2)
        db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id, parent_id=heading.id
    )
    last = add_agenda_item(db, session.id, ItemKind.OTHER)  # 3
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, session)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, OtherForm)
        form.query_one("#department", Input).value = "市民部／市民課"
        form.query_one("#title", Input).value = "課長"
        form.query_one("#name", Input).value = "浅野 恵"
        form.query_one("#items", Input).value = "2(5)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # named, nothing saved
        assert "2(1)、2(2)、3" in str(form.query_one("#error", Static).render())
        form.query_one("#items", Input).value = "２（２）、3"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (guest,) = others_present(db, session.id)
    assert set(guest.item_ids) == {item.id, last.id}  # the shown 3, not the third listed


async def test_the_documents_open_from_the_session_screen_and_come_back(db, council):
    """The clerk who has just closed the session writes its documents from where they are."""
    from meeting.screens.export import ExportScreen

    session = morning_session(db, council)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, session)
        await pilot.press("e")
        await pilot.pause()
        documents = app.screen
        assert isinstance(documents, ExportScreen)
        assert documents.session.id == session.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
