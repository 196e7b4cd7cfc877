"""The clerk checks the record against the recording: the recorder's start stamped from the live
screen, the file attached from the lines screen, a line played through the PC's player.

The player is a fake ``mpv`` put first on PATH that writes down its arguments.
"""

from __future__ import annotations

import asyncio
import os
from datetime import date, datetime, time

import pytest
from textual.widgets import DataTable, Input

from agendas.model import ItemKind
from agendas.store import add_agenda_item
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.screens.dialogs import ConfirmDialog
from meeting.screens.lines import LinesScreen
from meeting.screens.live import LiveScreen
from meeting.screens.recording_form import RecordingForm
from meeting.store import list_members, schedule_session
from minutes.model import SpeakerKind
from minutes.recording import attach_recording, recording_of
from minutes.roll import set_presence
from minutes.speakers import Speaker
from minutes.utterances import enter_line

SIZE = (120, 40)
DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 13, 58, 30, tzinfo=TOKYO)


@pytest.fixture
def sitting(db, council):
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    item = add_agenda_item(db, session.id, ItemKind.OPENING)
    for m in list_members(db, council.id, on=DAY):
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    for when, text in ((time(14, 0, 5), "ただいまから開会します。"), (time(14, 12), "質問です。")):
        enter_line(
            db,
            session.id,
            text,
            at=at(DAY, when),
            agenda_item_id=item.id,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
            sitting_id=session.sittings[0].id,
        )
    return session


@pytest.fixture
def audio(tmp_path):
    path = tmp_path / "第2回.mp3"
    path.write_bytes(b"ID3")
    return path


@pytest.fixture
def fake_mpv(tmp_path, monkeypatch):
    """An ``mpv`` first on PATH that writes its arguments, one a line, to a file."""
    folder = tmp_path / "bin"
    folder.mkdir()
    argv = tmp_path / "argv.txt"
    script = folder / "mpv"
    script.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{argv}.part"\nmv "{argv}.part" "{argv}"\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.delenv("DISPLAY", raising=False)  # the same arguments on every machine
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return argv


async def written(path, timeout: float = 5.0) -> list[str]:
    """The fake player's arguments, once it has run (it is started detached)."""
    for _ in range(int(timeout / 0.05)):
        if path.exists():
            return path.read_text().splitlines()
        await asyncio.sleep(0.05)
    raise AssertionError(f"the player did not run: {path}")


async def open_lines(pilot, session) -> LinesScreen:
    home = pilot.app.screen
    ids = [s.id for s in home.sessions]
    home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LiveScreen)
    await pilot.press("ctrl+r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LinesScreen)
    return pilot.app.screen


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_clerk_attaches_the_recording_and_plays_a_line(
    db, council, sitting, audio, fake_mpv
):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        lines = await open_lines(pilot, sitting)
        table = lines.query_one("#lines", DataTable)
        table.move_cursor(row=1)  # 14:12:00
        await pilot.press("r")
        await pilot.pause()
        assert any("1日目の録音がありません" in m and "shift+r" in m for m in said(app)), said(app)
        assert not fake_mpv.exists()

        await pilot.press("R")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordingForm)
        form.query_one("#recording-file", Input).value = str(audio.with_name("ない.mp3"))
        form.query_one("#recording-start", Input).value = "13:58:30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # named in place, nothing lost
        assert "ファイルがありません" in str(form.query_one("#error").render())
        assert form.focused is form.query_one("#recording-file", Input)

        form.query_one("#recording-file", Input).value = str(audio)
        form.query_one("#recording-start", Input).value = "14:5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.focused is form.query_one("#recording-start", Input)

        form.query_one("#recording-start", Input).value = "13:58:30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is lines
        assert "1日目の録音を設定しました（第2回.mp3、開始 13:58:30）" in said(app)

        await pilot.press("r")
        assert await written(fake_mpv) == ["--start=805", str(audio)]  # 13:30 in, less 5 s
        await pilot.pause()
        assert "1日目の録音を 13:25 から再生します（mpv）" in said(app)

        # The first line, 14:00:05, is 95 s in: played from 1:30.
        fake_mpv.unlink()
        table.move_cursor(row=0)
        await pilot.press("r")
        assert await written(fake_mpv) == ["--start=90", str(audio)]


async def test_attaching_again_replaces_the_recording(db, council, sitting, audio, fake_mpv):
    attach_recording(db, sitting.sittings[0], str(audio), "13:50", now=NOW)
    again = audio.with_name("取り直し.mp3")
    again.write_bytes(b"")
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_lines(pilot, sitting)
        await pilot.press("R")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#recording-start", Input).value == "13:50:00"
        assert any("置き換えます" in str(s.render()) for s in form.query("Static"))
        form.query_one("#recording-file", Input).value = str(again)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(m.endswith("前の設定は置き換えました") for m in said(app))
    assert recording_of(db, sitting.sittings[0].id).path == str(again)


async def test_with_no_player_the_message_names_the_three(
    db, council, sitting, audio, tmp_path, monkeypatch
):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    attach_recording(db, sitting.sittings[0], str(audio), "13:58", now=NOW)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_lines(pilot, sitting)
        await pilot.press("r")
        await pilot.pause()
        (message,) = [m for m in said(app) if "見つかりません" in m]
        assert all(name in message for name in ("mpv", "ffplay", "VLC"))


async def test_the_clerk_marks_the_recorders_start_from_the_live_screen(db, council, sitting):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(sitting.id))
        await pilot.press("l")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        live.pane.line.value = "ただいまから"
        await pilot.press("ctrl+k")  # not the field's delete-to-end
        await pilot.pause()
        assert live.pane.line.value == "ただいまから"
        assert said(app)[-1] == (
            "1日目の録音開始を 13:58:30 と記録しました"
            "（録音ファイルは、記録を直す画面で設定します）"
        )
        found = recording_of(db, sitting.sittings[0].id)
        assert (found.path, found.started_at) == ("", NOW)

        # Pressed again: asked first, and "no" keeps the start.
        app.clock = fixed_clock(NOW.replace(minute=59))
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert recording_of(db, sitting.sittings[0].id).started_at == NOW
        await pilot.press("ctrl+k")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert recording_of(db, sitting.sittings[0].id).started_at == NOW.replace(minute=59)
        assert app.screen is live and live.focused is live.pane.line
