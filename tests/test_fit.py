"""Every screen fits: on a 120×40 and an 80×24 terminal, each form's 保存 is in sight and its
keys are in the footer, and the roll call shows the members' names and 出欠 in full.

The forms are opened as the clerk opens them, from the home screen of the demo council.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import time

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable
from textual.widgets._footer import FooterKey

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import at
from meeting.entry.demo import load_demo
from meeting.model import SessionForm, SessionPlan, SessionStatus, SittingPlan
from meeting.quorum import Presence
from meeting.screens.base import FormScreen
from meeting.screens.session import SessionScreen
from meeting.store import list_members, schedule_session
from minutes.roll import set_presence
from tests.conftest import NOW

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}

Steps = Callable[[Pilot], Awaitable[None]]


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def keys(*pressed: str) -> Steps:
    async def steps(pilot: Pilot) -> None:
        await press(pilot, *pressed)

    return steps


def on_session(which: str, *pressed: str) -> Steps:
    """The home list's cursor on the demo's past or upcoming session, then ``pressed``."""

    async def steps(pilot: Pilot) -> None:
        home = pilot.app.screen
        wanted = {
            "past": lambda s: s.status is SessionStatus.HELD,
            "upcoming": lambda s: (
                s.status is SessionStatus.SCHEDULED and s.form is not SessionForm.WRITTEN_RESOLUTION
            ),
        }[which]
        row = next(i for i, s in enumerate(home.sessions) if wanted(s))
        table = home.query_one("#sessions", DataTable)
        table.focus()
        table.move_cursor(row=row)
        await pilot.pause()
        await press(pilot, *pressed)

    return steps


def on_consultation(which: str, *pressed: str) -> Steps:
    """On the consultations screen, the demo's appeal or answered consultation chosen."""

    async def steps(pilot: Pilot) -> None:
        await press(pilot, "k")
        screen = pilot.app.screen
        wanted = {"appeal": lambda c: c.is_appeal, "answered": lambda c: c.answer_number}[which]
        row = next(i for i, c in enumerate(screen.consultations) if wanted(c))
        screen.query_one("#consultations", DataTable).move_cursor(row=row)
        await press(pilot, *pressed)

    return steps


FORMS: dict[str, Steps] = {
    "council": keys("n"),
    "council-edit": keys("e"),
    "member": keys("m", "a"),
    "session": keys("s"),
    "reschedule": on_session("upcoming", "r"),
    "others-present": on_session("past", "o", "a"),
    "consultation": keys("k", "a"),
    "consultation-edit": keys("k", "e"),
    "appeal": on_consultation("appeal", "e"),
    "extension": on_consultation("appeal", "l", "enter"),
    "decision": on_session("past", "l", "ctrl+o"),
    "answer": on_consultation("answered", "w"),
    "edit-line": on_session("past", "l", "ctrl+r", "e"),
    "recording": on_session("past", "l", "ctrl+r", "R"),
}


@pytest.fixture
def demo_db(db):
    load_demo(db, now=NOW)
    return db


def assert_in_sight(screen: Screen, widget: Widget) -> None:
    """Whole on the screen, not clipped by a scrolling parent, and nothing drawn over it."""
    geometry = screen.find_widget(widget)
    region = geometry.region
    assert screen.region.contains_region(region), f"{widget} at {region} is off the screen"
    assert geometry.clip.contains_region(region), f"{widget} at {region} is cut"
    middle = (region.x + region.width // 2, region.y + region.height // 2)
    top, _ = screen.get_widget_at(*middle)
    assert top is widget, f"{top} is drawn over {widget}"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("form", FORMS)
async def test_every_form_keeps_save_in_sight_and_its_keys_in_the_footer(demo_db, form, size):
    app = MeetingApp(demo_db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZES[size]) as pilot:
        await FORMS[form](pilot)
        screen = app.screen
        assert isinstance(screen, FormScreen) or form in ("answer", "edit-line"), screen
        save = screen.query_one("#save", Button)
        assert "保存" in str(save.label)
        assert_in_sight(screen, save)
        footer_save = [
            k for k in screen.query(FooterKey) if k.key == "ctrl+s" and k.description == "保存"
        ]
        assert footer_save, "the footer does not show ctrl+s 保存"
        assert_in_sight(screen, footer_save[0])

        # The last field too can be reached: focusing it scrolls it into view above 保存.
        fields = [
            w
            for w in screen.query("Input, Select, TextArea")
            if all(node.display for node in w.ancestors_with_self if isinstance(node, Widget))
        ]
        last = fields[-1]
        last.focus()
        for _ in range(20):  # scrolling into view takes a refresh or two; more on a busy machine
            await pilot.pause()
            geometry = screen.find_widget(last)
            if geometry.clip.contains_region(geometry.region):
                break
        assert geometry.clip.contains_region(geometry.region)
        assert_in_sight(screen, save)


async def test_the_save_button_saves_a_form_scrolled_at_80x24(demo_db):
    """保存 clicked at the foot of the council form (its fields scroll) saves the council."""
    from meeting.store import list_councils

    app = MeetingApp(demo_db, clock=fixed_clock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n")
        form = app.screen
        form.query_one("#name", Widget).value = "つばさ市情報公開審議会"
        await pilot.click("#save")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    assert "つばさ市情報公開審議会" in [c.name for c in list_councils(demo_db)]


def late_session(db, council):
    """Today's sitting with its roll call taken: one late, one gone early, one online."""
    day = NOW.date()
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(9)), at(day, time(12)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    sitting = session.sittings[0]
    members = list_members(db, council.id, on=day)
    for m in members:
        set_presence(db, session.id, sitting.id, m.id, Presence(True))
    set_presence(
        db, session.id, sitting.id, members[1].id, Presence(True, arrived_at=at(day, time(9, 35)))
    )
    set_presence(
        db, session.id, sitting.id, members[2].id, Presence(True, left_at=at(day, time(11, 45)))
    )
    set_presence(db, session.id, sitting.id, members[3].id, Presence(True, online=True))
    return session, members


@pytest.mark.parametrize("size", SIZES)
async def test_the_roll_call_shows_names_and_presence_in_full(db, council, size):
    session, members = late_session(db, council)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZES[size]) as pilot:
        app.open_session(session)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        table = screen.query_one("#roll", DataTable)
        columns = list(table.columns.values())
        labels = [str(c.label) for c in columns]
        name = columns[labels.index("氏名")]
        longest = max(cell_len(m.name) for m in members)
        assert name.content_width >= longest

        # Every column (氏名, 出欠, the times, 形態) within the table's width, none scrolled
        # away, and every member's row in view.
        assert table.scroll_x == 0
        shown = table.scrollable_content_region
        assert sum(c.get_render_width(table) for c in columns) <= shown.width, labels
        assert table.row_count == len(members)
        assert shown.height >= len(members) + 1  # the header and a row for each
        assert_in_sight(screen, table)
        # The quorum stays in sight beside or under the roll call.
        quorum = screen.query_one("#quorum")
        geometry = screen.find_widget(quorum)
        assert geometry.clip.contains_region(geometry.region)
        assert screen.region.contains_region(geometry.region)


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_roster_file_keeps_the_verdict_in_sight(db, council, tmp_path, size):
    """Thirty new members: the preview's rows scroll, `y で取り込みます` stays on the screen."""
    from meeting.screens.roster_preview import RosterPreview
    from tests.roster_files import HEADER, write_csv

    rows = [
        [f"新井 {n}郎", "", "委員", "令和8年4月1日", "", "", f"arai{n}@example.jp"]
        for n in range(30)
    ]
    path = write_csv(tmp_path / "名簿.csv", [HEADER, *rows])
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZES[size]) as pilot:
        await press(pilot, "m", "i")
        app.screen.query_one("#answer", Widget).value = str(path)
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, RosterPreview)
        verdict = screen.query_one("#roster-preview-verdict")
        assert "y で取り込みます" in str(verdict.render())
        assert_in_sight(screen, verdict)
        keys = {(k.key, k.description) for k in screen.query(FooterKey)}
        assert ("y", "取り込む") in keys
