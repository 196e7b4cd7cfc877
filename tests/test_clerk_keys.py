"""The clerk's keys, counted: a 40-line item typed through the live screen with two corrections,
one deletion, one move and one undo costs at most 2 keys a line beyond the text and Enter.

Every key the clerk presses that is not a character of the text or the Enter that keeps a line
is counted: speaker keys, Tab, ctrl+z, ctrl+r, arrows, e, d, y, v, the item's number, the
Enter that keeps a correction, Backspace, Esc.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from textual.widgets import DataTable, Input, TextArea

from agendas.model import ItemKind
from agendas.store import add_agenda_item
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.screens.lines import LinesScreen
from meeting.screens.live import LiveScreen
from meeting.store import list_members, schedule_session
from minutes.model import SpeakerKind
from minutes.roll import set_presence
from minutes.store import item_utterances
from minutes.utterances import history

DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 14, 30, tzinfo=TOKYO)
LINES = 40


@pytest.fixture
def sitting(db, council):
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    first = add_agenda_item(db, session.id, ItemKind.OTHER, title="防犯カメラの設置について")
    second = add_agenda_item(db, session.id, ItemKind.OTHER, title="その他")
    for m in list_members(db, council.id, on=DAY):
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    return session, first, second


class Clerk:
    """Presses keys as the clerk would, counting those beyond the text and the line's Enter."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.extra = 0

    async def keys(self, *keys: str) -> None:
        self.extra += len(keys)
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def type(self, text: str) -> None:
        focused = self.pilot.app.focused
        if isinstance(focused, TextArea):  # the editor that corrects a line
            focused.insert(text)
        else:
            assert isinstance(focused, Input), focused
            focused.insert_text_at_cursor(text)
        await self.pilot.pause()

    async def enter_line(self, text: str) -> None:
        await self.type(text)
        await self.pilot.press("enter")  # the line's own Enter: not counted
        await self.pilot.pause()


def said(n: int) -> str:
    return f"{n}番目の発言です。防犯カメラの映像の保存期間について確認します。"


async def test_a_40_line_item_with_its_fixes_costs_two_keys_a_line(db, council, sitting):
    session, first, second = sitting
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        clerk = Clerk(pilot)

        for n in range(1, LINES + 1):
            # Questions from 上田 (F4) then 江口 (F5), each answered by the department (F11):
            # the first question and answer pick the speaker, then Tab goes back and forth.
            asker = "f4" if n <= 20 else "f5"
            if n in (1, 21):
                await clerk.keys(asker)
            elif n == 2:
                await clerk.keys("f11")
            else:
                await clerk.keys("tab")
            if n == 10:
                # A slip noticed at once: ctrl+z brings the line back to be fixed.
                await clerk.enter_line(said(n) + "すす")
                await clerk.keys("ctrl+z")
                assert app.screen.query_one("#line", Input).value == said(n) + "すす"
                await clerk.keys("backspace", "backspace", "enter")
                continue
            if n == 18:
                await clerk.enter_line(said(17))  # line 17 typed twice by mistake
                continue
            if n == LINES:
                # The department's explanation of the next item, typed before ctrl+n.
                await clerk.enter_line("次の議題の資料について説明します。")
                continue
            await clerk.enter_line(said(n) if n != 23 else "映像は三十日で消去しまs")
            if n == 25:
                # A pause in the meeting: fix two lines and drop the duplicate.
                await clerk.keys("ctrl+r")
                assert isinstance(app.screen, LinesScreen)
                await clerk.keys("up", "up", "e")  # line 23
                await clerk.keys("backspace")
                await clerk.type("す。")
                await clerk.keys("enter")
                await clerk.keys("up", "up", "up", "e")  # line 20
                await clerk.keys("backspace")
                await clerk.type("！")
                await clerk.keys("enter")
                await clerk.keys("up", "up", "d", "y")  # line 18, the duplicate
                await clerk.keys("escape")
                assert isinstance(app.screen, LiveScreen)

        # The last line belongs to the next item: move it there.
        await clerk.keys("ctrl+r", "v", "2", "enter", "escape")
        assert isinstance(app.screen, LiveScreen)

    kept = [u.text for u in item_utterances(db, session.id, first.id)]
    moved = [u.text for u in item_utterances(db, session.id, second.id)]
    assert moved == ["次の議題の資料について説明します。"]
    assert len(kept) == LINES - 2  # one deleted, one moved
    assert kept[9] == said(10)  # the slip, taken back and entered again
    assert kept.count(said(17)) == 1
    assert "映像は三十日で消去します。" in kept
    assert said(20)[:-1] + "！" in kept
    speakers = [u.speaker_kind for u in item_utterances(db, session.id, first.id)]
    assert speakers[0] is SpeakerKind.MEMBER and speakers[1] is SpeakerKind.AGENCY
    corrected = next(u for u in item_utterances(db, session.id, first.id) if "消去します" in u.text)
    assert [c.action for c in history(db, corrected.id)] == ["correct"]
    assert clerk.extra <= 2 * LINES, f"{clerk.extra} keys beyond the text and Enter"
