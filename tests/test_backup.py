"""Backups to the shared folder and restoring one: every row kept, only the dated files pruned,
a broken or newer backup refused with the database untouched, the app's backup once a day."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from meeting import backup as backups
from meeting.backup import (
    Daily,
    backup_name,
    backup_on_close,
    dated_backups,
    make_backup,
    restore,
    set_daily_backup,
)
from meeting.dates import TOKYO
from meeting.db import open_database
from meeting.entry.cli import main
from meeting.errors import InputError

AT = datetime(2026, 12, 1, 19, 30, tzinfo=TOKYO)


@pytest.fixture
def settings_file(tmp_path) -> Path:
    """The automatic backup's setting: in the settings file, in the test's config folder
    (``MEETING_CONFIG_DIR``, tests/conftest.py), never the user's."""
    return tmp_path / "config" / "settings.toml"


@pytest.fixture
def demo(tmp_path, capsys) -> Path:
    path = tmp_path / "pc" / "meeting.db"
    path.parent.mkdir()
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def share(tmp_path) -> Path:
    folder = tmp_path / "kyoyu"
    folder.mkdir()
    (folder / "議事録.docx").write_bytes(b"the office's own file")  # never pruned
    (folder / "meeting-old.db").write_bytes(b"not a dated backup")
    return folder


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "_sqlite_migrations" not in line]
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_is_named_by_the_database_and_the_minute_in_tokyo():
    assert backup_name(Path("meeting.db"), AT) == "meeting-20261201-1930.db"
    in_utc = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)
    assert backup_name(Path("審議会.db"), in_utc) == "審議会-20261201-1930.db"


def test_backup_and_restore_keep_every_row(demo, share, capsys):
    before = dump(demo)
    assert main(["--db", str(demo), "backup", "--to", str(share)]) == 0
    made = share / "meeting-20261125-0900.db"  # MEETING_NOW of the tests
    assert capsys.readouterr().out.splitlines()[0] == str(made)
    assert dump(made) == before
    assert not [p for p in share.iterdir() if p.name.endswith(".tmp")]
    assert not (share / "meeting-20261125-0900.db-wal").exists()
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # a plain file
    finally:
        conn.close()
    if os.name == "posix":
        assert stat.S_IMODE(made.stat().st_mode) == 0o600

    db = open_database(demo)  # after the backup, the record is lost
    db.execute("DELETE FROM utterances")
    db.conn.commit()
    db.close()
    assert dump(demo) != before

    assert main(["--db", str(demo), "restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert "復元しました" in out and "before-restore-20261125-090000" in out
    assert dump(demo) == before
    aside = demo.with_name("meeting.db.before-restore-20261125-090000")
    assert aside.exists() and not demo.with_name(aside.name + "-wal").exists()
    assert sqlite3.connect(aside).execute("SELECT count(*) FROM utterances").fetchone() == (0,)
    if os.name == "posix":
        assert stat.S_IMODE(demo.stat().st_mode) == 0o600
    assert sorted(p.name for p in demo.parent.iterdir()) == [
        "meeting.db",
        "meeting.db.before-restore-20261125-090000",
    ]


def test_only_the_last_n_dated_backups_are_kept(demo, share):
    db = open_database(demo)
    try:
        for day in range(5):
            made = make_backup(db, demo, share, at=AT + timedelta(days=day), keep=3)
        assert [p.name for p in made.removed] == ["meeting-20261202-1930.db"]
        other = share / "other-20261201-1930.db"  # another database's backup: not ours to prune
        other.write_bytes(b"")
        make_backup(db, demo, share, at=AT + timedelta(days=5), keep=2)
    finally:
        db.close()
    assert sorted(p.name for p in share.iterdir()) == [
        "meeting-20261205-1930.db",
        "meeting-20261206-1930.db",
        "meeting-old.db",
        "other-20261201-1930.db",
        "議事録.docx",
    ]


def test_keep_and_the_folder_are_checked(demo, tmp_path, capsys):
    assert main(["--db", str(demo), "backup", "--to", str(tmp_path), "--keep", "0"]) == 2
    assert "--keep: 残す数は1以上" in capsys.readouterr().err
    assert main(["--db", str(demo), "backup", "--to", str(tmp_path / "none")]) == 2
    assert "フォルダがありません" in capsys.readouterr().err
    assert main(["--db", str(demo), "backup"]) == 2  # no folder given, none set
    assert "--to で指定してください" in capsys.readouterr().err


def _corrupt_copy(demo: Path, target: Path) -> Path:
    data = bytearray(demo.read_bytes())
    page = 4096
    for n in range(2, len(data) // page):  # every page after the schema's: garbage
        data[n * page + 100 : n * page + 400] = b"\xa5" * 300
    target.write_bytes(bytes(data))
    return target


def _newer_copy(demo: Path, target: Path) -> Path:
    db = open_database(demo)
    try:
        from meeting.db import backup

        backup(db, target)
    finally:
        db.close()
    conn = sqlite3.connect(target)
    conn.execute("INSERT INTO schema_version VALUES (99, 'later')")
    conn.commit()
    conn.close()
    return target


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (_corrupt_copy, "壊れて"),
        (_newer_copy, "新しい版の meeting で作られています"),
        (lambda demo, t: (t.write_text("議事録のメモ", encoding="utf-8"), t)[1], "SQLite の"),
        (lambda demo, t: (t.write_bytes(b""), t)[1], "meeting のデータベースではありません"),
    ],
    ids=["corrupt", "newer", "text", "empty"],
)
def test_a_bad_backup_is_refused_and_the_database_untouched(demo, tmp_path, capsys, make, why):
    bad = make(demo, tmp_path / "backup.db")
    bad_before = digest(bad)
    before = digest(demo)
    assert main(["--db", str(demo), "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert why in err and "データベースはそのままです" in err, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert digest(demo) == before and digest(bad) == bad_before
    assert sorted(p.name for p in demo.parent.iterdir()) == ["meeting.db"]  # no copy left


def test_an_older_backup_is_migrated_when_restored(demo, tmp_path, capsys):
    from sqlite_utils import Database

    from meeting.migrations import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION

    old = tmp_path / "old.db"
    db = Database(sqlite3.connect(old))
    MIGRATIONS.apply(db, stop_before=MIGRATION_NAMES[2])
    db.execute("INSERT INTO councils (name, created_at) VALUES ('旧い審議会', '2024-01-01')")
    db.conn.commit()
    db.close()
    assert main(["--db", str(demo), "restore", str(old)]) == 0
    assert "スキーマ第2版" in capsys.readouterr().out
    db = open_database(demo)
    try:
        from meeting.db import schema_version
        from meeting.store import list_councils

        assert schema_version(db) == SCHEMA_VERSION
        assert [c.name for c in list_councils(db)] == ["旧い審議会"]
    finally:
        db.close()


def test_restore_waits_for_the_app_to_close(demo, share, capsys, monkeypatch):
    db = open_database(demo)
    made = make_backup(db, demo, share, at=AT)
    before = digest(demo)
    try:  # the app has it open: moving it aside now would lose what it writes next
        assert main(["--db", str(demo), "restore", str(made.path)]) == 1
        assert "使用中です" in capsys.readouterr().err
    finally:
        db.close()
    assert digest(demo) == before
    assert sorted(p.name for p in demo.parent.iterdir()) == ["meeting.db"]


def test_restoring_the_database_onto_itself_is_refused(demo, capsys):
    assert main(["--db", str(demo), "restore", str(demo)]) == 2
    assert "いま使っているデータベース" in capsys.readouterr().err


def test_a_restore_needs_no_database_there(demo, tmp_path):
    db = open_database(demo)
    try:
        made = make_backup(db, demo, tmp_path, at=AT).path
    finally:
        db.close()
    fresh = tmp_path / "new-pc" / "meeting.db"
    restored = restore(fresh, made, at=AT)
    assert restored.aside == () and dump(fresh) == dump(demo)


# The app's backup when it closes


def test_the_app_backs_up_once_a_day_into_the_folder_set(demo, share):
    set_daily_backup(Daily(share, keep=2))
    db = open_database(demo)
    try:
        first = backup_on_close(db, demo, at=AT)
        assert first is not None and first.path.name == "meeting-20261201-1930.db"
        assert backup_on_close(db, demo, at=AT + timedelta(hours=3)) is None  # same day
        assert backup_on_close(db, demo, at=AT.replace(hour=23, minute=59)) is None
        second = backup_on_close(db, demo, at=AT + timedelta(hours=5))  # 00:30 the next day
        assert second is not None and second.path.name == "meeting-20261202-0030.db"
        backup_on_close(db, demo, at=AT + timedelta(days=2))
    finally:
        db.close()
    assert [p.name for p in dated_backups(share, demo)] == [
        "meeting-20261202-0030.db",
        "meeting-20261203-1930.db",
    ]


def test_no_folder_set_no_backup(demo, share, settings_file):
    assert not settings_file.exists()
    db = open_database(demo)
    try:
        assert backup_on_close(db, demo, at=AT) is None
    finally:
        db.close()
    assert dated_backups(share, demo) == []


def test_the_daily_folder_is_set_and_unset_from_the_command_line(demo, share, capsys):
    args = ["--db", str(demo), "backup", "--to", str(share), "--keep", "4", "--daily"]
    assert main(args) == 0
    assert "1日1回" in capsys.readouterr().out
    assert backups.daily_backup() == Daily(share, 4)
    assert main(["--db", str(demo), "backup", "--no-daily"]) == 0
    assert backups.daily_backup() is None
    assert main(["--db", str(demo), "backup", "--no-daily", "--keep", "3"]) == 2


def _quit_at_once(monkeypatch):
    from meeting.app import MeetingApp

    monkeypatch.setattr(MeetingApp, "run", lambda self, *a, **k: None)


def test_closing_the_app_makes_the_days_backup(demo, share, capsys, monkeypatch):
    _quit_at_once(monkeypatch)
    assert main(["--db", str(demo)]) == 0
    assert capsys.readouterr().out == ""  # no folder set: nothing, and nothing said
    assert dated_backups(share, demo) == []

    set_daily_backup(Daily(share))
    assert main(["--db", str(demo)]) == 0
    made = share / "meeting-20261125-0900.db"
    assert capsys.readouterr().out.strip() == f"バックアップしました: {made}"
    monkeypatch.setenv("MEETING_NOW", "2026-11-25T17:45:00+09:00")
    assert main(["--db", str(demo)]) == 0
    assert capsys.readouterr().out == ""
    monkeypatch.setenv("MEETING_NOW", "2026-11-26T08:50:00+09:00")
    assert main(["--db", str(demo)]) == 0
    assert [p.name for p in dated_backups(share, demo)] == [
        "meeting-20261125-0900.db",
        "meeting-20261126-0850.db",
    ]


def test_a_share_out_of_reach_is_said_and_the_app_closes(demo, tmp_path, capsys, monkeypatch):
    _quit_at_once(monkeypatch)
    set_daily_backup(Daily(tmp_path / "unmounted"))
    assert main(["--db", str(demo)]) == 0
    err = capsys.readouterr().err
    assert "自動バックアップできません" in err and "フォルダがありません" in err


def test_keep_must_be_positive():
    with pytest.raises(InputError):
        set_daily_backup(Daily(Path("."), keep=0))


@pytest.mark.parametrize("keep", ["abc", "-3", "1.5"])
def test_a_keep_that_is_not_a_count_is_named_in_japanese(tmp_path, capsys, keep):
    from meeting.entry.cli import main

    with pytest.raises(SystemExit) as exit:
        main(["--db", str(tmp_path / "m.db"), "backup", "--to", str(tmp_path), "--keep", keep])
    assert exit.value.code == 2
    assert f"「{keep}」は残す数になりません（1以上の整数）" in capsys.readouterr().err
