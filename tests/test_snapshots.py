"""Every screen as the clerk sees it, on the demo data at a fixed moment: the picture is the
assertion, and a reviewer sees each screen change in the diff.

Each screen is taken at 120×40 and at 80×24. Nothing in the pictures depends on the run: the
clock is fixed (``NOW``), the database path is not shown (the app is given none), the working
directory the export screen proposes to write in is ``/``, a text cursor does not blink, and
this instance holds the live record (the read-only banner, which names a process, appears only
for a second instance).

Regenerate after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the pictures in tests/__snapshots__/test_snapshots/.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.entry.demo import load_demo
from meeting.model import SessionForm, SessionStatus
from meeting.screens.crash import CrashDialog
from tests.conftest import NOW

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}

Steps = Callable[[Pilot], Awaitable[None]]


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def choose_session(pilot: Pilot, which: str) -> None:
    """Put the home list's cursor on the demo's past, upcoming or written session."""
    home = pilot.app.screen
    wanted = {
        "past": lambda s: s.status is SessionStatus.HELD,
        "upcoming": lambda s: (
            s.status is SessionStatus.SCHEDULED and s.form is not SessionForm.WRITTEN_RESOLUTION
        ),
        "written": lambda s: s.form is SessionForm.WRITTEN_RESOLUTION,
    }[which]
    row = next(i for i, s in enumerate(home.sessions) if wanted(s))
    table = home.query_one("#sessions", DataTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()


def on_session(which: str, *keys: str) -> Steps:
    async def steps(pilot: Pilot) -> None:
        await choose_session(pilot, which)
        await press(pilot, *keys)

    return steps


def keys(*pressed: str) -> Steps:
    async def steps(pilot: Pilot) -> None:
        await press(pilot, *pressed)

    return steps


async def answer(pilot: Pilot) -> None:
    """The answer (答申書) of the consultation the demo's past session approved."""
    await press(pilot, "k")
    screen = pilot.app.screen
    row = next(i for i, c in enumerate(screen.consultations) if c.answer_number)
    screen.query_one("#consultations", DataTable).move_cursor(row=row)
    await press(pilot, "w")


def on_appeal(*pressed: str) -> Steps:
    """The demo's 審査請求 chosen on the consultations screen, then ``pressed``."""

    async def steps(pilot: Pilot) -> None:
        await press(pilot, "k")
        screen = pilot.app.screen
        row = next(i for i, c in enumerate(screen.consultations) if c.is_appeal)
        screen.query_one("#consultations", DataTable).move_cursor(row=row)
        await press(pilot, *pressed)

    return steps


async def search(pilot: Pilot) -> None:
    await press(pilot, "slash")
    pilot.app.screen.query_one("#query", Input).insert_text_at_cursor("図書館")
    await press(pilot, "enter")


async def transcript(pilot: Pilot) -> None:
    """The past session's transcript, its labels to map (written in the test's temporary home)."""
    path = Path(os.environ["HOME"]).parent / "第1回.vtt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    await on_session("past", "o", "i")(pilot)
    pilot.app.screen.query_one(Input).value = str(path)
    await press(pilot, "enter")


TRANSCRIPT = """WEBVTT

00:09:10.000 --> 00:09:15.000
<v 話者1>ただ今の出席委員は6名です。

00:27:00.000 --> 00:27:06.000
<v 大野委員>事業者に提供する項目を確かめます。

00:30:00.000 --> 00:30:04.000
<v 事務局>利用者番号、氏名、メールアドレスの3項目です。

00:31:00.000 --> 00:31:02.000
<v 話者2>（聞き取れず）
"""


async def crash(pilot: Pilot) -> None:
    pilot.app.push_screen(CrashDialog("RuntimeError: 試験用の想定外のエラー", ""))
    await pilot.pause()


SCREENS: dict[str, Steps] = {
    "home": keys(),
    "help": keys("f1"),
    "council-form": keys("n"),
    "roster": keys("m"),
    "session-form": keys("s"),
    "cancel-dialog": on_session("upcoming", "c"),
    "roll-call": on_session("past", "o"),
    # the first day: a late arrival and an online member fill the time and 形態 columns
    "roll-call-first-day": on_session("past", "o", "left_square_bracket"),
    "written-resolution": on_session("written", "o"),
    "others-present": on_session("past", "o", "a"),
    "agenda": on_session("upcoming", "g"),
    "consultations": keys("k"),
    "consultation-form": keys("k", "e"),
    "appeal": on_appeal(),
    "appeal-form": on_appeal("e"),
    "extension-form": on_appeal("l", "enter"),
    "answer": answer,
    "live-record": on_session("past", "l"),
    "speaker-picker": on_session("past", "l", "escape"),
    "decision-form": on_session("past", "l", "ctrl+o"),
    "lines": on_session("past", "l", "ctrl+r"),
    "edit-line": on_session("past", "l", "ctrl+r", "e"),
    "documents": on_session("past", "w"),
    "search": search,
    "templates": keys("t"),
    "crash-dialog": crash,
    "transcript": transcript,
}


def steady(steps: Steps) -> Steps:
    """The steps, then every text cursor shown and still: a blink would differ between runs."""

    async def run(pilot: Pilot) -> None:
        await steps(pilot)
        for screen in pilot.app.screen_stack:
            for widget in screen.query("*"):
                if hasattr(widget, "cursor_blink"):
                    widget.cursor_blink = False
        await pilot.pause()

    return run


@pytest.fixture
def demo_db(db, monkeypatch):
    monkeypatch.chdir("/")  # the export screen proposes a file in the working directory
    load_demo(db, now=NOW)
    return db


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(demo_db, snap_compare, screen, size):
    app = MeetingApp(demo_db, clock=fixed_clock(NOW), demo=load_demo)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=steady(SCREENS[screen]))


@pytest.mark.parametrize("size", SIZES)
def test_chair_view(demo_db, snap_compare, size):
    from meeting.store import list_councils, list_sessions

    (council,) = list_councils(demo_db)
    past = next(s for s in list_sessions(demo_db, council.id) if s.status is SessionStatus.HELD)
    app = MeetingApp(demo_db, clock=fixed_clock(NOW), chair_session=past.id)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=steady(keys()))
