"""The log: every error with its traceback, private, rotated; a crash always leaves an entry and
its path is shown — in the app's dialog, after the app ends, and on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from meeting import crashlog
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.crashlog import log_error, log_path, record_crash
from meeting.entry.cli import main
from meeting.entry.settings_cli import after_app
from meeting.screens.crash import CrashDialog
from meeting.screens.home import HomeScreen
from tests.conftest import NOW

SIZE = (120, 40)
ROOT = Path(__file__).parent.parent


def private(path: Path) -> bool:
    return os.name != "posix" or path.stat().st_mode & 0o777 == 0o600


def broken(self) -> None:
    raise RuntimeError("試験用の想定外のエラー")


async def test_a_crash_in_a_key_leaves_an_entry_and_the_dialog_names_the_log(db, monkeypatch):
    monkeypatch.setattr(HomeScreen, "action_search", broken)
    app = MeetingApp(db, clock=fixed_clock(NOW), strict=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, CrashDialog)
        assert app.screen.log_path == str(log_path())
        shown = str(app.screen.query_one(".question").render())
        assert f"詳しい記録: {log_path()}" in shown
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)  # and the app goes on
    log = log_path().read_text(encoding="utf-8")
    assert log.startswith("==== 2026-11-25T09:00:00+09:00  meeting ")
    assert "HomeScreen.search  予期しないエラー\nTraceback (most recent call last):" in log
    assert 'raise RuntimeError("試験用の想定外のエラー")' in log
    assert log.endswith("RuntimeError: 試験用の想定外のエラー\n\n")
    assert private(log_path())


async def test_an_app_ended_by_an_error_names_the_log_after_it(db, monkeypatch, capsys):
    monkeypatch.setattr(HomeScreen, "action_search", broken)
    app = MeetingApp(db, clock=fixed_clock(NOW), strict=True)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash")
            await pilot.pause()
    assert app.return_code == 1 and app.crash_log == log_path()
    assert after_app(app) == 1
    err = capsys.readouterr().err
    # after Textual's own picture of the traceback
    assert err.endswith(f"\nmeeting: 予期しないエラーで終了しました。詳しい記録: {log_path()}\n")
    assert "RuntimeError: 試験用の想定外のエラー" in log_path().read_text(encoding="utf-8")


def test_a_crash_on_the_command_line_is_one_line_naming_the_log(tmp_path):
    """In a process of its own, as the clerk runs it: no traceback on the console."""
    script = (
        "import sys; from meeting.entry import cli, sessions_cli\n"
        "def broken(db, args): raise ZeroDivisionError('想定外')\n"
        "sessions_cli.run_sessions = broken\n"
        "sys.exit(cli.main(['--db', sys.argv[1], 'sessions']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "m.db")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "meeting: 予期しないエラーが起きました（ZeroDivisionError: 想定外）。"
        f"詳しい記録: {log_path()}\n"
    )
    log = log_path().read_text(encoding="utf-8")
    assert "meeting sessions  予期しないエラー\nTraceback" in log
    assert "ZeroDivisionError: 想定外" in log


def test_a_runtime_error_of_a_command_is_logged_with_its_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    assert main(["--db", str(bad), "sessions"]) == 1
    said = capsys.readouterr().err.strip()
    log = log_path().read_text(encoding="utf-8")
    assert "meeting (command line)  " + said.removeprefix("meeting: ") in log
    assert "Traceback (most recent call last):" in log


def test_a_usage_error_is_not_logged(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "m.db"), "export", "ics", "--session", "9"]) == 2
    assert not log_path().exists()


def test_the_log_is_rotated_and_stays_private(monkeypatch):
    monkeypatch.setattr(crashlog, "MAX_BYTES", 2_000)
    try:
        raise ValueError("x" * 400)
    except ValueError as error:
        for n in range(40):
            assert log_error(error, where=f"entry {n}", at=NOW) == log_path()
    kept = sorted(p.name for p in log_path().parent.glob("meeting.log*"))
    assert kept == ["meeting.log"] + [f"meeting.log.{n}" for n in range(1, 6)]
    assert all(private(log_path().with_name(name)) for name in kept)
    assert all(log_path().with_name(n).stat().st_size <= 2_000 for n in kept)
    assert "entry 39" in log_path().read_text(encoding="utf-8")
    assert "entry 0 " not in "".join(
        log_path().with_name(n).read_text(encoding="utf-8") for n in kept
    )  # the oldest went


def test_a_log_that_cannot_be_written_is_said_not_raised(tmp_path, monkeypatch):
    (tmp_path / "a file").write_text("")
    monkeypatch.setenv("MEETING_LOG", str(tmp_path / "a file" / "meeting.log"))
    assert record_crash(RuntimeError("x"), where="test", at=NOW) is None
