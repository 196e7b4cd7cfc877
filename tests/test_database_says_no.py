"""A typed line survives the database saying no: a lock held elsewhere, a full disk, a read-only
file, an unexpected error in a screen, and a second app instance on the same session."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.crashlog import crash_log_path
from meeting.db import open_database
from meeting.screens.crash import CrashDialog
from meeting.screens.live import LiveScreen
from meeting.widgets.line_input import LineInput
from minutes.holds import STALE_AFTER, Holder, current_holder, let_go, take_hold
from minutes.store import utterances
from minutes.utterances import load_draft

HERE = Path(__file__).parent
SIZE = (120, 40)
NOW = datetime.fromisoformat(os.environ.get("MEETING_NOW", "2026-11-25T09:00:00+09:00"))

LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("LOCKED", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def spawn(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    return subprocess.Popen(
        [sys.executable, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


async def open_live(pilot, session_id: int) -> LiveScreen:
    home = pilot.app.screen
    ids = [s.id for s in home.sessions]
    home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session_id))
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LiveScreen)
    return pilot.app.screen


def status(screen: LiveScreen) -> str:
    return str(screen.query_one("#live-status").render())


def texts(path: Path, session_id: int) -> list[str]:
    other = open_database(path)  # what another program sees: only what was committed
    try:
        return [u.text for u in utterances(other, session_id)]
    finally:
        other.close()


def draft_text(path: Path, session_id: int) -> str | None:
    other = open_database(path)
    try:
        draft = load_draft(other, session_id)
        return draft.text if draft else None
    finally:
        other.close()


async def test_a_lock_held_by_another_program_keeps_the_line_and_enter_retries(db, sitting_now):
    path, session = sitting_now
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session.id)
        line = screen.query_one("#line", LineInput)
        await pilot.press("f2")
        line.insert_text_at_cursor("保存期間は")
        await pilot.pause()

        locker = spawn("-c", LOCKER, str(path))
        try:
            assert locker.stdout.readline().strip() == "LOCKED"
            line.insert_text_at_cursor("何年ですか。")  # typing goes on: the draft waits
            await pilot.pause()
            assert screen.draft_unsaved
            assert "他のプログラムが記録を使用中です" in status(screen)

            await pilot.press("enter")
            await pilot.pause()
            assert line.value == "保存期間は何年ですか。"  # nothing typed is lost
            assert "Enter で再試行" in status(screen)
            assert any("他のプログラムが記録を使用中です" in n.message for n in app._notifications)
            assert texts(path, session.id) == []
        finally:
            locker.communicate("\n", timeout=30)

        await pilot.pause(1.5)  # the draft's retry goes in once the lock is gone
        assert not screen.draft_unsaved
        assert draft_text(path, session.id) == "保存期間は何年ですか。"

        await pilot.press("enter")
        await pilot.pause()
        assert line.value == ""
        assert status(screen) == ""
        assert texts(path, session.id) == ["保存期間は何年ですか。"]  # entered once
        assert draft_text(path, session.id) in (None, "")


async def test_a_full_disk_says_so_and_keeps_the_line(db, sitting_now):
    path, session = sitting_now
    app = MeetingApp(db, clock=fixed_clock(NOW))
    remark = "委員の発言です。" * 700  # a long remark needs pages the full disk has not got
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session.id)
        await pilot.press("f2")
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own size limit: SQLITE_FULL
        line = screen.query_one("#line", LineInput)
        line.insert_text_at_cursor(remark)
        await pilot.pause()
        assert "ディスクがいっぱいです" in status(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert line.value == remark
        assert "ディスクがいっぱいです" in status(screen) and "Enter で再試行" in status(screen)
        assert texts(path, session.id) == []

        db.execute("PRAGMA max_page_count = 1073741823")  # space freed
        await pilot.press("enter")
        await pilot.pause()
        assert line.value == ""
        assert texts(path, session.id) == [remark]


async def test_a_read_only_database_says_so_and_keeps_the_line(db, sitting_now):
    path, session = sitting_now
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session.id)
        await pilot.press("f2")
        db.execute("PRAGMA query_only = 1")  # every write refused: attempt to write a readonly db
        line = screen.query_one("#line", LineInput)
        line.insert_text_at_cursor("読み取り専用のときの発言")
        await pilot.press("enter")
        await pilot.pause()
        assert line.value == "読み取り専用のときの発言"
        assert "読み取り専用" in status(screen)
        db.execute("PRAGMA query_only = 0")
        await pilot.press("enter")
        await pilot.pause()
        assert texts(path, session.id) == ["読み取り専用のときの発言"]


async def test_an_unexpected_error_becomes_a_dialog_and_a_log_entry(db, sitting_now, monkeypatch):
    path, session = sitting_now
    app = MeetingApp(db, clock=fixed_clock(NOW), strict=False)

    def broken(self) -> None:
        raise RuntimeError("試験用の想定外のエラー")

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session.id)
        await pilot.press("f2")
        screen.query_one("#line", LineInput).insert_text_at_cursor("途中の文")
        await pilot.pause()

        # A key's action raises: the app shows a dialog, logs it and stays open.
        monkeypatch.setattr(LiveScreen, "action_decision", broken)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CrashDialog)
        assert app.is_running
        log = crash_log_path().read_text(encoding="utf-8")
        assert "RuntimeError: 試験用の想定外のエラー" in log and "LiveScreen.decision" in log
        if os.name == "posix":  # Windows has no mode bits to check
            assert oct(crash_log_path().stat().st_mode & 0o777) == "0o600"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen

        # A handler raises (here: a database error while showing the record): the same.
        def locked(self) -> None:
            import sqlite3

            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(LiveScreen, "on_input_changed", locked)
        screen.query_one("#line", LineInput).insert_text_at_cursor("続き")
        await pilot.pause()
        assert isinstance(app.screen, CrashDialog)
        assert "他のプログラムが記録を使用中です" in str(app.screen.query_one(".question").render())
        await pilot.press("escape")
        await pilot.pause()
        monkeypatch.undo()

        # The screen still works: the line typed before is entered once.
        assert screen.query_one("#line", LineInput).value == "途中の文続き"
        await pilot.press("enter")
        await pilot.pause()
    assert texts(path, session.id) == ["途中の文続き"]


async def test_a_second_instance_opens_the_record_read_only(db, sitting_now):
    path, session = sitting_now
    first = spawn(str(HERE / "probe_holder.py"), str(path), str(session.id), "一台目の入力途中")
    try:
        assert first.stdout.readline().strip() == "HOLDING", first.stderr.read()
        app = MeetingApp(db, clock=fixed_clock(NOW))
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_live(pilot, session.id)
            line = screen.query_one("#line", LineInput)
            assert screen.read_only and line.disabled
            assert line.value == ""  # never the other instance's half-typed text
            assert f"プロセス {first.pid}" in status(screen)
            await pilot.press("enter", "f2", "ctrl+o")
            await pilot.pause()
            assert app.screen is screen  # writing keys do nothing here
            assert texts(path, session.id) == []
            assert draft_text(path, session.id) == "一台目の入力途中"  # the first's draft kept

            # The first instance dies: its hold is abandoned, ctrl+g takes the record over.
            first.kill()
            first.wait(timeout=30)
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert not screen.read_only and not line.disabled
            assert line.value == "一台目の入力途中"  # the draft comes along
            await pilot.press("enter")
            await pilot.pause()
        assert texts(path, session.id) == ["一台目の入力途中"]
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


async def test_a_live_holder_is_taken_over_only_when_the_clerk_says_so(db, sitting_now):
    path, session = sitting_now
    elsewhere = Holder("other-token", "clerk2", "庁舎の別のPC", 4242)
    assert take_hold(db, session.id, elsewhere, at=NOW) is None
    app = MeetingApp(db, clock=fixed_clock(NOW + timedelta(seconds=10)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session.id)
        assert screen.read_only and "clerk2（庁舎の別のPC）" in status(screen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("n")  # not now
        await pilot.pause()
        assert screen.read_only
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not screen.read_only
        assert current_holder(db, session.id).token == app.holder.token
        await pilot.press("ctrl+x")
        await pilot.pause()
    assert current_holder(db, session.id) is None  # let go when the screen closes


def test_holds_lapse_when_the_holder_is_gone_or_silent(db, sitting_now):
    _, session = sitting_now
    me, other = Holder.this_instance(), Holder("t2", "clerk2", "other-pc", 4242)
    assert take_hold(db, session.id, other, at=NOW) is None
    assert take_hold(db, session.id, me, at=NOW + timedelta(seconds=30)) == current_holder(
        db, session.id
    )
    assert take_hold(db, session.id, me, at=NOW + STALE_AFTER + timedelta(seconds=1)) is None
    let_go(db, session.id, other)  # not the holder: nothing happens
    assert current_holder(db, session.id).token == me.token
    dead = Holder("t3", "clerk3", me.host, 2**22 + 12345)  # a pid that is not running here
    let_go(db, session.id, me)
    assert take_hold(db, session.id, dead, at=NOW) is None
    assert take_hold(db, session.id, me, at=NOW) is None  # same computer, process gone
