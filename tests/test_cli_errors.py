"""What the command line says when something is wrong: one clear line, exit 2 for a usage error
(the arguments, the input, an unknown ID), 1 for a runtime one (the database file, the disk, a
lock), never a traceback; the database file is left as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

import meeting.db
import meeting.search_index
from meeting.dates import TOKYO
from meeting.db import open_database, schema_version
from meeting.entry.cli import main
from meeting.entry.parser import MAX_ID
from meeting.errors import DatabaseFileError
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS
from meeting.model import CouncilDraft
from meeting.store import add_council

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as e:  # argparse: a usage error
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def demo_db(tmp_path, capsys) -> str:
    path = str(tmp_path / "demo.db")
    assert run(capsys, "--db", path, "demo")[0] == 0
    return path


# Numbers on the command line


@pytest.mark.parametrize(
    "value", [str(10**30), str(2**63), "0", "-1", "abc", "1.5", "", "9" * 5000]
)
@pytest.mark.parametrize(
    "argv",
    [
        ["sessions", "--council", "{}"],
        ["export", "ics", "--session", "{}"],
        ["export", "ics", "--council", "{}"],
        ["export", "minutes", "--session", "{}", "-o", "x.md"],
        ["export", "request", "--consultation", "{}", "-o", "x.md"],
        ["export", "answer", "--consultation", "{}", "-o", "x.md"],
        ["export", "annual", "--council", "{}", "--year", "2026", "-o", "x.md"],
        ["record", "export", "--session", "{}", "-o", "x.json"],
        ["chair", "--session", "{}"],
    ],
)
def test_an_id_out_of_range_is_a_usage_error_naming_the_option(capsys, tmp_path, argv, value):
    option = next(a for a in argv if a.startswith("--") and a != "--year")
    path = tmp_path / "never.db"
    code, out, err = run(capsys, "--db", str(path), *[a.format(value) for a in argv])
    assert code == 2 and not path.exists()  # refused before the database is opened
    assert f"argument {option}" in err
    assert "範囲外" in err or "番号ではありません" in err


def test_the_largest_id_passes_and_is_simply_not_there(capsys, demo_db):
    code, _, err = run(capsys, "--db", demo_db, "export", "ics", "--session", str(MAX_ID))
    assert code == 2 and str(MAX_ID) in err and "ありません" in err
    code, _, err = run(capsys, "--db", demo_db, "sessions", "--council", "１")  # full-width
    assert code == 0


@pytest.mark.parametrize("year", ["1872", "9999", "0", "-2026", str(10**30), "令和9999年度", "x"])
def test_a_fiscal_year_out_of_range_is_a_usage_error(capsys, demo_db, year, tmp_path):
    code, _, err = run(capsys, "--db", demo_db, "sessions", "--year", year)
    assert code == 2 and "argument --year" in err
    code, _, err = run(
        capsys, "--db", demo_db, "export", "annual", "--council", "1", "--year", year,
        "-o", str(tmp_path / "a.md"),
    )  # fmt: skip
    assert code == 2 and "argument --year" in err
    assert not (tmp_path / "a.md").exists()


def test_a_fiscal_year_in_the_era_or_western(capsys, demo_db):
    western = json.loads(run(capsys, "--db", demo_db, "sessions", "--year", "2026", "--json")[1])
    era = json.loads(run(capsys, "--db", demo_db, "sessions", "--year", "令和8年度", "--json")[1])
    assert western == era and western


# Usage and runtime errors


def test_usage_errors_exit_2(capsys, demo_db, tmp_path):
    assert run(capsys, "--db", demo_db, "demo")[0] == 2  # already loaded: input refused
    assert run(capsys, "--db", demo_db, "sessions", "--council", "99")[0] == 2
    code, _, err = run(capsys, "--db", demo_db, "export", "minutes", "--session", "99", "-o",
                       str(tmp_path / "m.md"))  # fmt: skip
    assert code == 2 and "99" in err
    code, _, err = run(capsys, "--db", demo_db, "export", "ics", "--session", "1", "-o",
                       str(tmp_path / "no" / "x.ics"))  # fmt: skip
    assert code == 2 and "フォルダがありません" in err
    assert run(capsys, "--db", demo_db, "no-such-command")[0] == 2


def test_a_newer_database_is_a_runtime_error(capsys, tmp_path, now):
    path = tmp_path / "newer.db"
    db = open_database(path)
    add_council(db, CouncilDraft(name="未来の審議会", municipality="x"), now=now)
    db.execute("INSERT INTO schema_version VALUES (999, 'later')")
    db.conn.commit()
    db.close()
    code, _, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and "新しい版" in err


# The database file at open


def _old(path: Path, *, wal: bool = True) -> bytes:
    """A database one migration behind, with a row; returns its bytes."""
    db = Database(_plain(path))
    MIGRATIONS.apply(db, stop_before=MIGRATION_NAMES[-1])
    db.execute("INSERT INTO councils (name, created_at) VALUES ('旧い審議会', '2024-01-01')")
    db.conn.commit()
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
    db.close()
    return path.read_bytes()


def _plain(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.create_function("nfkc", 1, meeting.search_index.nfkc, deterministic=True)
    return conn


def _unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    db = Database(_plain(path))
    assert schema_version(db) == len(MIGRATION_NAMES) - 1
    assert db.execute("SELECT name FROM councils").fetchall() == [("旧い審議会",)]
    db.close()


def _connect_with(monkeypatch, target: Path, prepare) -> None:
    """sqlite3.connect, with ``prepare(conn)`` applied to connections to ``target`` only."""
    real = sqlite3.connect

    def connect(database, *args, **kwargs):
        conn = real(database, *args, **kwargs)
        if Path(database) == target:
            prepare(conn)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_full_disk_at_migration_is_named_and_the_file_is_unchanged(capsys, tmp_path, monkeypatch):
    path = tmp_path / "full.db"
    before = _old(path)

    def no_room(conn):
        # SQLite's own size limit: a database that may not grow raises SQLITE_FULL.
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

    _connect_with(monkeypatch, path, no_room)
    with pytest.raises(DatabaseFileError) as raised:
        open_database(path)
    assert "ディスクがいっぱいです" in raised.value.message
    assert "壊れて" not in raised.value.message
    code, _, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and "ディスクがいっぱいです" in err and str(path) in err
    monkeypatch.undo()
    _unchanged(path, before)


def test_a_full_disk_for_a_new_file_leaves_no_file(capsys, tmp_path, monkeypatch):
    path = tmp_path / "new.db"
    _connect_with(monkeypatch, path, lambda conn: conn.execute("PRAGMA max_page_count = 1"))
    code, _, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and "ディスクがいっぱいです" in err
    assert not list(tmp_path.glob("new.db*"))


def test_a_read_only_connection_at_migration_is_named(capsys, tmp_path, monkeypatch):
    """SQLite opens a file it may not write read-only and fails at the first write."""
    path = tmp_path / "ro.db"
    before = _old(path)
    real = sqlite3.connect

    def read_only(database, *args, **kwargs):
        if Path(database) == path:
            return real(f"file:{path}?mode=ro", *args, uri=True, **kwargs)
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    code, _, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and "読み取り専用です" in err and "壊れて" not in err
    monkeypatch.undo()
    _unchanged(path, before)


def test_a_file_that_may_not_be_written_is_refused_at_open(capsys, tmp_path, monkeypatch):
    path = tmp_path / "locked-down.db"
    open_database(path).close()
    before = path.read_bytes()
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if Path(p) == path else real(p, mode, **kw)
    )
    code, _, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and "読み取り専用です" in err
    assert path.read_bytes() == before


@pytest.mark.skipif(ROOT, reason="root writes a 0400 file all the same")
def test_a_read_only_file_for_real(capsys, tmp_path):
    path = tmp_path / "ro.db"
    open_database(path).close()
    path.chmod(0o400)
    before = path.read_bytes()
    code, _, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and "読み取り専用です" in err
    assert path.read_bytes() == before


def test_a_new_file_in_a_read_only_folder(capsys, tmp_path, monkeypatch):
    import errno

    folder = tmp_path / "ro"
    folder.mkdir()
    real = os.open

    def refuse(p, *args, **kwargs):
        if Path(p).parent == folder:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(p))
        return real(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    code, _, err = run(capsys, "--db", str(folder / "m.db"), "sessions")
    assert code == 1 and "作成できません" in err and "読み取り専用です" in err
    assert not list(folder.iterdir())


def test_a_lock_held_by_another_program_is_not_called_broken(capsys, tmp_path, monkeypatch):
    path = tmp_path / "busy.db"
    before = _old(path, wal=False)
    monkeypatch.setattr(meeting.db, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, "--db", str(path), "sessions")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1 and "他のプログラムが使用中です" in err and "壊れて" not in err
    _unchanged(path, before)


def test_a_corrupt_file_is_still_called_broken(capsys, tmp_path):
    path = tmp_path / "corrupt.db"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xa5" * (len(data) - page)  # every page but the first
    path.write_bytes(bytes(data))
    code, _, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and "壊れて" in err
    assert path.read_bytes() == bytes(data)


class _Failing:
    """Mixed into the connection class: its switch to WAL fails with the message SQLite gives
    (and no error code)."""

    message = ""

    def execute(self, sql, *args):
        if "journal_mode" in sql:
            raise sqlite3.OperationalError(self.message)
        return super().execute(sql, *args)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("attempt to write a readonly database", "読み取り専用です"),
        ("database or disk is full", "ディスクがいっぱいです"),
        ("database is locked", "他のプログラムが使用中です"),
        ("database disk image is malformed", "壊れていて読めません"),
    ],
)
def test_each_message_of_sqlite_is_classified(capsys, tmp_path, monkeypatch, message, words):
    path = tmp_path / "m.db"
    open_database(path).close()
    before = path.read_bytes()
    real = sqlite3.connect

    def connect(database, *args, factory=sqlite3.Connection, **kwargs):
        failing = type("Failing", (_Failing, factory), {"message": message})
        return real(database, *args, factory=failing, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    code, _, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and words in err and message in err
    assert path.read_bytes() == before


def test_an_error_after_opening_is_a_runtime_error(capsys, demo_db, monkeypatch):
    import meeting.store

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(meeting.store, "list_councils", locked)
    code, _, err = run(capsys, "--db", demo_db, "sessions")
    assert code == 1 and "他のプログラムが使用中です" in err


# As a process


def test_exit_codes_of_the_installed_command(tmp_path):
    def meeting_(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "meeting", "--db", str(tmp_path / "p.db"), *args],
            capture_output=True,
            text=True,
            env={"PATH": "", "MEETING_NOW": datetime(2026, 11, 25, tzinfo=TOKYO).isoformat()},
        )

    usage = meeting_("export", "ics", "--session", str(10**30))
    assert usage.returncode == 2 and "--session" in usage.stderr
    assert "Traceback" not in usage.stderr
    (tmp_path / "bad.db").write_text("not a database")
    broken = subprocess.run(
        [sys.executable, "-m", "meeting", "--db", str(tmp_path / "bad.db"), "sessions"],
        capture_output=True,
        text=True,
        env={"PATH": ""},
    )
    assert broken.returncode == 1 and "Traceback" not in broken.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "{db}", "sessions", "--json"],
        ["sessions", "--db", "{db}", "--json"],  # after the command, as the clerk may type it
        ["sessions", "--json", "--db", "{db}"],
    ],
)
def test_the_database_option_goes_before_or_after_the_command(tmp_path, capsys, args):
    import json

    db = str(tmp_path / "m.db")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    assert main([a.format(db=db) for a in args]) == 0
    sessions = json.loads(capsys.readouterr().out)
    assert len(sessions) == 3  # the demo's, not an empty default database's


def test_the_database_option_works_deep_in_a_command(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    main(["--db", db, "demo"])
    out = tmp_path / "m.md"
    args = ["export", "minutes", "--session", "1", "-o", str(out), "--db", db]
    assert main(args) == 0 and out.read_text("utf-8").startswith("## 令和8年度第1回")
    assert main(["template", "list", "--db", db]) == 0


def test_a_reader_that_stops_early_gets_no_error_line(tmp_path):
    """`meeting sessions | head`: the pipe closes before the list is written. No 「meeting:
    Broken pipe」 and no traceback on stderr; 141 as a shell reports a command a pipe closed on."""
    db = str(tmp_path / "p.db")
    assert main(["--db", db, "demo"]) == 0
    env = {"PATH": "", "MEETING_NOW": datetime(2026, 11, 25, tzinfo=TOKYO).isoformat()}
    process = subprocess.Popen(
        [sys.executable, "-m", "meeting", "--db", db, "sessions"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before a line is written
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert err == ""
