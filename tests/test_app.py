"""The clerk's path through the app, driven by the pilot: council, roster, sessions, invites."""

from __future__ import annotations

from datetime import date, datetime

import icalendar
import pytest
import vobject
from textual.widgets import DataTable, Input, Select, Static

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO
from meeting.model import Role, SessionForm, SessionStatus
from meeting.screens.council_form import CouncilForm
from meeting.screens.dialogs import ConfirmDialog, HelpScreen, SavePathDialog
from meeting.screens.home import HomeScreen
from meeting.screens.members import MemberForm, MembersScreen
from meeting.screens.session_form import SessionFormScreen
from meeting.store import list_councils, list_members, list_sessions

SIZE = (120, 40)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)


def make_app(db) -> MeetingApp:
    from meeting.entry.demo import load_demo

    return MeetingApp(db, clock=fixed_clock(NOW), demo=load_demo)


async def fill(pilot, selector: str, text: str) -> None:
    """Type into a field the way a terminal delivers an IME's committed phrase: all at once."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    field.insert_text_at_cursor(text)
    await pilot.pause()


async def choose(pilot, selector: str, value) -> None:
    pilot.app.screen.query_one(selector, Select).value = value
    await pilot.pause()


def error_text(app) -> str:
    return str(app.screen.query_one("#error", Static).render())


async def add_member(pilot, name: str, role: Role, email: str) -> None:
    await pilot.press("a")
    assert isinstance(pilot.app.screen, MemberForm)
    await fill(pilot, "#name", name)
    await choose(pilot, "#role", role)
    await fill(pilot, "#term_start", "令和7年7月1日")
    await fill(pilot, "#term_end", "R9.6.30")
    await fill(pilot, "#email", email)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MembersScreen)


async def select_session(pilot, title_part: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    titles = [f"{s.fiscal_year}-{s.number}-{s.form.value}" for s in screen.sessions]
    index = next(i for i, t in enumerate(titles) if title_part in t)
    table = screen.query_one("#sessions", DataTable)
    table.focus()
    table.move_cursor(row=index)
    await pilot.pause()


async def test_empty_database_shows_how_to_begin_and_offers_the_demo(db):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        welcome = app.screen.query_one("#welcome", Static)
        assert welcome.display
        assert "デモ" in str(welcome.render())
        await pilot.press("d")
        await pilot.pause()
        assert not welcome.display
        assert len(app.screen.sessions) == 3
        assert "ひばり野市" in list_councils(db)[0].name


async def test_clerk_creates_council_roster_sessions_and_sends_invites(db, tmp_path):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        # A council.
        await pilot.press("n")
        assert isinstance(app.screen, CouncilForm)
        await fill(pilot, "#name", "みなと野市情報公開・個人情報保護審議会")
        await fill(pilot, "#municipality", "みなと野市")
        await fill(pilot, "#quorum_article", "みなと野市情報公開・個人情報保護審議会条例第6条第2項")
        await fill(pilot, "#secretariat_name", "総務課")
        await fill(pilot, "#secretariat_email", "soumu@city.minatono.example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        council = list_councils(db)[0]
        assert council.quorum_article.endswith("第6条第2項")

        # Its members.
        await pilot.press("m")
        assert isinstance(app.screen, MembersScreen)
        await add_member(pilot, "波多野 葵", Role.CHAIR, "hatano@example.jp")
        await add_member(pilot, "杉本 拓也", Role.VICE_CHAIR, "sugimoto@example.jp")
        await add_member(pilot, "土屋 美咲", Role.MEMBER, "")
        await add_member(pilot, "丸山 剛", Role.MEMBER, "maruyama@example.jp")
        assert [m.role for m in list_members(db, council.id)][:2] == [Role.CHAIR, Role.VICE_CHAIR]
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

        # A two-sitting session.
        await pilot.press("s")
        assert isinstance(app.screen, SessionFormScreen)
        await fill(pilot, "#day-1", "令和8年12月14日")
        await fill(pilot, "#start-1", "午後1時30分")
        await fill(pilot, "#end-1", "16:00")
        await fill(pilot, "#place-1", "本庁舎3階 第1会議室")
        assert "令和8年度第1回" in app.screen.query_one("#number", Input).placeholder
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#place-2", Input).value == "本庁舎3階 第1会議室"
        await fill(pilot, "#day-2", "R8.12.15")
        await fill(pilot, "#start-2", "午前10時")
        await fill(pilot, "#end-2", "正午")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        # A 書面決議 over a date range.
        await pilot.press("s")
        await choose(pilot, "#form", SessionForm.WRITTEN_RESOLUTION)
        assert app.screen.query_one("#written").display
        assert not app.screen.query_one("#sittings").display
        await fill(pilot, "#written_from", "2027-01-12")
        await fill(pilot, "#written_until", "令和9年1月22日")
        await pilot.press("ctrl+s")
        await pilot.pause()

        sessions = {s.form: s for s in list_sessions(db, council.id)}
        two_day = sessions[SessionForm.IN_PERSON]
        written = sessions[SessionForm.WRITTEN_RESOLUTION]
        assert (two_day.number, written.number) == (1, 2)
        assert [s.starts_at for s in two_day.sittings] == [
            datetime(2026, 12, 14, 13, 30, tzinfo=TOKYO),
            datetime(2026, 12, 15, 10, 0, tzinfo=TOKYO),
        ]
        assert (written.written_from, written.written_until) == (
            date(2027, 1, 12),
            date(2027, 1, 22),
        )

        # Reschedule the two-sitting session: one week later.
        await select_session(pilot, "2026-1-in_person")
        await pilot.press("r")
        assert isinstance(app.screen, SessionFormScreen)
        assert app.screen.query_one("#day-1", Input).value == "令和8年12月14日（月）"
        await fill(pilot, "#day-1", "令和8年12月21日")
        await fill(pilot, "#day-2", "令和8年12月22日")
        await pilot.press("ctrl+s")
        await pilot.pause()
        moved = next(s for s in list_sessions(db, council.id) if s.id == two_day.id)
        assert moved.sequence == 1
        assert moved.sittings[0].starts_at == datetime(2026, 12, 21, 13, 30, tzinfo=TOKYO)
        assert [s.uid for s in moved.sittings] == [s.uid for s in two_day.sittings]

        # Cancel the 書面決議.
        await select_session(pilot, "written_resolution")
        await pilot.press("c")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        cancelled = next(s for s in list_sessions(db, council.id) if s.id == written.id)
        assert cancelled.status is SessionStatus.CANCELLED

        # Export both invites.
        for part, name in (("2026-1-in_person", "moved.ics"), ("written_resolution", "cancel.ics")):
            await select_session(pilot, part)
            await pilot.press("i")
            assert isinstance(app.screen, SavePathDialog)
            await fill(pilot, "#path", str(tmp_path / name))
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()

    moved_ics = (tmp_path / "moved.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(moved_ics)
    assert str(calendar["method"]) == "REQUEST"
    events = calendar.events
    assert [e.start for e in events] == [
        datetime(2026, 12, 21, 13, 30, tzinfo=TOKYO),
        datetime(2026, 12, 22, 10, 0, tzinfo=TOKYO),
    ]
    assert all(str(e.start.tzinfo) == "Asia/Tokyo" for e in events)
    assert [int(e["sequence"]) for e in events] == [1, 1]
    attendees = {str(a.params["CN"]) for a in events[0].get("attendee")}
    assert attendees == {"波多野 葵", "杉本 拓也", "丸山 剛"}  # 土屋 has no address
    other = vobject.readOne(moved_ics.decode("utf-8"))
    assert [e.dtstart.value for e in other.vevent_list] == [e.start for e in events]
    assert [e.dtend.value for e in other.vevent_list] == [e.end for e in events]

    cancel_ics = (tmp_path / "cancel.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(cancel_ics)
    assert str(calendar["method"]) == "CANCEL"
    (event,) = calendar.events
    assert event.start == date(2027, 1, 12) and event.end == date(2027, 1, 23)
    other = vobject.readOne(cancel_ics.decode("utf-8"))
    assert other.vevent.dtstart.value == date(2027, 1, 12)
    assert other.vevent.status.value == "CANCELLED"


async def test_member_with_an_empty_name_is_named_and_the_form_keeps_what_was_typed(db, council):
    app = make_app(db)
    before = list_members(db, council.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "a")
        await pilot.press(*"tanaka")  # typed key by key, as on a keyboard without IME
        assert app.screen.query_one("#name", Input).value == "tanaka"
        await fill(pilot, "#name", "  ")
        await fill(pilot, "#reading", "たなか")
        await fill(pilot, "#email", "tanaka@example.jp")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MemberForm)
        assert "氏名" in error_text(app)
        assert app.focused is app.screen.query_one("#name", Input)
        assert app.screen.query_one("#email", Input).value == "tanaka@example.jp"
    assert list_members(db, council.id) == before


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("#day-1", "令和8年2月30日", "1日目の日付"),
        ("#day-1", "令和0年5月1日", "令和0年はありません"),
        ("#end-1", "9:00", "1日目の終了時刻"),
    ],
)
async def test_bad_schedule_is_named_and_nothing_is_saved(db, council, field, text, words):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await fill(pilot, "#day-1", "令和8年12月14日")
        await fill(pilot, "#start-1", "10:00")
        await fill(pilot, "#end-1", "12:00")
        await fill(pilot, "#place-1", "第1会議室")
        await fill(pilot, field, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen)
        assert words in error_text(app)
        assert app.focused is app.screen.query_one(field, Input)
        assert app.screen.query_one("#place-1", Input).value == "第1会議室"
    assert list_sessions(db, council.id) == []


async def test_duplicate_number_is_named(db, council):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            await pilot.press("s")
            await fill(pilot, "#number", "第1回")
            await fill(pilot, "#day-1", "令和8年12月14日")
            await fill(pilot, "#start-1", "10:00")
            await fill(pilot, "#end-1", "12:00")
            await fill(pilot, "#place-1", "第1会議室")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen)
        assert "令和8年度第1回は既にあります" in error_text(app)
    assert len(list_sessions(db, council.id)) == 1


async def test_every_action_is_in_the_palette_and_f1_lists_the_keys(db, council):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in (
            "審議会を追加",
            "委員名簿",
            "会議を予定",
            "日程変更",
            "中止",
            "招集案内",
            "デモ",
        ):
            assert wanted in titles
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


def test_home_screen_with_the_demo(db, snap_compare):
    from meeting.entry.demo import load_demo

    load_demo(db, now=NOW)
    assert snap_compare(make_app(db), terminal_size=SIZE)


async def test_home_lists_this_and_last_year_and_a_shows_every_year(db, council):
    from meeting.dates import at
    from meeting.model import SessionPlan, SittingPlan
    from meeting.store import schedule_session

    def on(day):
        from datetime import time

        plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "室"),))
        return schedule_session(db, council.id, plan, now=NOW)

    old = on(datetime(2020, 6, 1).date())
    last_year = on(datetime(2025, 6, 1).date())
    this_year = on(datetime(2026, 12, 14).date())
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert {s.id for s in home.sessions} == {last_year.id, this_year.id}
        await pilot.press("a")
        assert {s.id for s in home.sessions} == {old.id, last_year.id, this_year.id}
        await pilot.press("a")
        assert old.id not in {s.id for s in home.sessions}


async def test_the_command_palette_speaks_japanese(db):
    from textual.command import CommandInput, CommandList

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.widgets.palette import NOTHING_FOUND, PLACEHOLDER, Palette
    from tests.conftest import NOW

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        keys = [str(k.render()) for k in app.screen.query("FooterKey")]
        assert any("コマンド" in k for k in keys) and not any("palette" in k for k in keys)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, Palette)
        field = palette.query_one(CommandInput)
        assert field.placeholder == PLACEHOLDER
        await pilot.press(*"zzzzqqq")
        await pilot.pause(0.8)
        options = palette.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(NOTHING_FOUND in text for text in shown), shown
        assert not any("No matches" in text for text in shown)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")  # once more: one palette, not two
        await pilot.pause()
        assert isinstance(app.screen, Palette)


async def test_home_shows_a_council_s_older_sessions_when_it_has_none_recent(db, council):
    """After a restart on a file whose sessions are all from earlier years, home lists them,
    not 会議はまだありません; returning from another screen keeps the list and the selection."""
    from datetime import time

    from textual.widgets import DataTable

    from meeting.dates import at
    from meeting.model import SessionPlan, SittingPlan
    from meeting.store import schedule_session

    def on(day):
        plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "室"),))
        return schedule_session(db, council.id, plan, now=NOW)

    older = [on(datetime(2021, 6, 1).date()), on(datetime(2022, 6, 1).date())]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert {s.id for s in home.sessions} == {s.id for s in older}
        assert "まだありません" not in str(home.query_one("#session-detail").render())
        table = home.query_one("#sessions", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.pause()
        chosen = home.session
        await pilot.press("m")  # the roster, and back
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home and home.session == chosen
        assert {s.id for s in home.sessions} == {s.id for s in older}


async def test_rescheduling_before_an_earlier_numbered_session_warns(db, council):
    from datetime import time

    from meeting.dates import at
    from meeting.model import SessionPlan, SittingPlan
    from meeting.screens.session_form import SessionFormScreen
    from meeting.store import schedule_session

    def on(day):
        plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "室"),))
        return schedule_session(db, council.id, plan, now=NOW)

    on(date(2026, 12, 14))  # 第1回
    second = on(date(2027, 1, 18))  # 第2回
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await select_session(pilot, "2026-2-in_person")
        await pilot.press("r")
        assert isinstance(app.screen, SessionFormScreen)
        await fill(pilot, "#day-1", "令和8年12月7日")  # now before 第1回
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("第2回が第1回（令和8年12月14日（月））より前になります" in m for m in said), said
    assert [s.number for s in list_sessions(db, council.id) if s.id == second.id] == [2]


def test_no_warning_while_the_numbers_follow_the_days(db, council):
    from datetime import time

    from meeting.dates import at
    from meeting.model import SessionPlan, SittingPlan
    from meeting.sessions import numbering_warning
    from meeting.store import cancel_session, schedule_session

    def on(day):
        plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "室"),))
        return schedule_session(db, council.id, plan, now=NOW)

    first, second = on(date(2026, 12, 14)), on(date(2027, 1, 18))
    year = list_sessions(db, council.id, fiscal_year=2026)
    assert numbering_warning(second, year) == numbering_warning(first, year) == ""
    third = on(date(2026, 12, 1))  # 第3回 before both
    year = list_sessions(db, council.id, fiscal_year=2026)
    assert "第3回が第1回" in numbering_warning(third, year)
    cancel_session(db, first.id, now=NOW)
    cancel_session(db, second.id, now=NOW)  # cancelled ones do not count
    year = list_sessions(db, council.id, fiscal_year=2026)
    assert numbering_warning(third, year) == ""
