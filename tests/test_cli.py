"""The command line, as a script or a clerk's shell would call it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import icalendar
import pytest
import vobject

from meeting.dates import TOKYO
from meeting.entry.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_explains_each_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in ("sessions", "export", "demo", "--db", "MEETING_DB"):
        assert word in out


def test_demo_sessions_and_invites(tmp_path, capsys):
    db = str(tmp_path / "c.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "sessions")
    assert code == 0
    assert "令和8年度第2回定例会" in out and "書面決議" in out and "開催済" in out

    code, out, _ = run(capsys, "--db", db, "sessions", "--json")
    sessions = json.loads(out)
    two_day = next(s for s in sessions if len(s["sittings"]) == 2)
    assert two_day["sittings"][0]["starts_at"].endswith("+09:00")

    target = tmp_path / "invite.ics"
    code, out, _ = run(
        capsys, "--db", db, "export", "ics", "--session", str(two_day["id"]), "-o", str(target)
    )
    assert code == 0 and out.strip() == str(target)
    events = icalendar.Calendar.from_ical(target.read_bytes()).events
    starts = [e.start for e in events]
    assert starts[0] == datetime.fromisoformat(two_day["sittings"][0]["starts_at"])
    assert str(starts[0].tzinfo) == "Asia/Tokyo"
    other = vobject.readOne(target.read_text(encoding="utf-8"))
    assert [e.dtstart.value for e in other.vevent_list] == starts

    upcoming = tmp_path / "all.ics"
    assert run(capsys, "--db", db, "export", "ics", "--council", "1", "-o", str(upcoming))[0] == 0
    summaries = [
        str(e["summary"]) for e in icalendar.Calendar.from_ical(upcoming.read_bytes()).events
    ]
    assert len(summaries) == 3  # two sittings and the 書面決議; the held session is past
    assert any("書面決議" in s for s in summaries)


def test_demo_twice_is_refused_without_loss(tmp_path, capsys):
    db = str(tmp_path / "c.db")
    run(capsys, "--db", db, "demo")
    code, _, err = run(capsys, "--db", db, "demo")
    assert code == 2 and "既にあります" in err
    assert len(json.loads(run(capsys, "--db", db, "sessions", "--json")[1])) == 3


def test_environment_chooses_the_database(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MEETING_DB", str(tmp_path / "env.db"))
    assert run(capsys, "path")[1].splitlines()[0] == str(tmp_path / "env.db")
    assert run(capsys, "--db", "x.db", "path")[1].splitlines()[0] == "x.db"


def test_corrupt_database_gets_a_clear_message(tmp_path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    code, _, err = run(capsys, "--db", str(bad), "sessions")
    assert code == 1  # a runtime error: the file, not the command, is wrong
    assert str(bad) in err and "データベースではありません" in err
    assert bad.read_text() == "not a database"


def test_unknown_session_and_missing_folder(tmp_path, capsys):
    db = str(tmp_path / "c.db")
    run(capsys, "--db", db, "demo")
    code, _, err = run(capsys, "--db", db, "export", "ics", "--session", "99")
    assert code == 2 and "99" in err
    code, _, err = run(
        capsys, "--db", db, "export", "ics", "--session", "1", "-o", str(tmp_path / "no" / "x.ics")
    )
    assert code == 2 and "フォルダがありません" in err


def test_the_installed_command_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "meeting", "--db", str(tmp_path / "s.db"), "sessions"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "MEETING_NOW": datetime(2026, 11, 25, tzinfo=TOKYO).isoformat()},
    )
    assert "meeting demo" in result.stdout


def test_the_chair_without_a_session_today_names_the_latest_to_choose(
    tmp_path, capsys, monkeypatch
):
    db = str(tmp_path / "c.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    monkeypatch.setenv("MEETING_NOW", "2031-04-01T09:00:00+09:00")  # after every demo session
    code, _, err = run(capsys, "chair", "--db", db)
    assert code == 2  # a usage error: the session must be named
    assert "今日の会議も今後の会議もありません。--session ID で選んでください" in err
    assert "最近の会議: " in err and "令和8年度第3回臨時会" in err
