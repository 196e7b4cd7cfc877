"""The database file: private, in WAL, versioned, migrated with a backup, refused when foreign."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from meeting.db import open_database, schema_version
from meeting.errors import DatabaseFileError
from meeting.locations import database_path, default_database_path
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION
from meeting.model import CouncilDraft
from meeting.store import add_council, list_councils

POSIX = os.name == "posix"
"""File modes (0600) mean something only there."""

EXPECTED_TABLES = {
    "councils",
    "members",
    "sessions",
    "sittings",
    "attendance",
    "agenda_items",
    "consultations",
    "utterances",
    "decisions",
    "opinions",
    "answers",
    "schema_version",
}


def test_new_database_is_private_and_configured(tmp_path):
    path = tmp_path / "nested" / "meeting.db"
    db = open_database(path)
    if POSIX:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert (
        db.execute("PRAGMA synchronous").fetchone()[0] == 2
    )  # FULL: a commit survives a power cut
    assert EXPECTED_TABLES <= set(db.table_names())
    assert schema_version(db) == SCHEMA_VERSION
    db.execute("INSERT INTO councils (name, created_at) VALUES ('x', 'now')")
    db.conn.commit()
    for side in path.parent.glob("meeting.db*") if POSIX else ():
        assert stat.S_IMODE(side.stat().st_mode) & 0o077 == 0, side
    db.close()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO members (council_id, name) VALUES (999, '誰か')")


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX's; Windows has none to loosen")
def test_a_loose_file_is_made_private_again(tmp_path):
    path = tmp_path / "m.db"
    open_database(path).close()
    path.chmod(0o644)
    open_database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _make_old(path, stop_before):
    """A database as an earlier version of meeting left it."""
    db = Database(sqlite3.connect(path))
    MIGRATIONS.apply(db, stop_before=stop_before)
    return db


def test_migration_runs_forward_after_a_backup_and_keeps_rows(tmp_path, now):
    path = tmp_path / "old.db"
    old = _make_old(path, MIGRATION_NAMES[1])
    assert schema_version(old) == 1
    old.execute("INSERT INTO councils (name, created_at) VALUES ('旧い審議会', '2024-01-01')")
    old.conn.commit()
    old.close()

    db = open_database(path)
    assert schema_version(db) == SCHEMA_VERSION
    assert [c.name for c in list_councils(db)] == ["旧い審議会"]
    backup = tmp_path / "old.db.bak-1"
    assert backup.exists()
    assert not POSIX or stat.S_IMODE(backup.stat().st_mode) == 0o600
    copy = Database(sqlite3.connect(backup))
    assert schema_version(copy) == 1
    assert "utterances" not in copy.table_names()
    assert copy.execute("SELECT name FROM councils").fetchall() == [("旧い審議会",)]


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "m.db"
    open_database(path).close()
    from sqlite_utils import Migrations

    broken = Migrations("meeting")
    for m in MIGRATIONS._migrations:
        broken(name=m.name)(m.fn)

    @broken(name="m999_broken")
    def _broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        open_database(path, migrations=broken, known=(*MIGRATION_NAMES, "m999_broken"))
    db = open_database(path)
    assert "half_done" not in db.table_names()
    assert schema_version(db) == SCHEMA_VERSION
    assert (tmp_path / f"m.db.bak-{SCHEMA_VERSION}").exists()


def test_newer_database_is_refused_untouched(tmp_path, now):
    path = tmp_path / "newer.db"
    db = open_database(path)
    add_council(db, CouncilDraft(name="未来の審議会", municipality="x"), now=now)
    db.execute("INSERT INTO schema_version VALUES (99, 'later')")
    db.conn.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError) as raised:
        open_database(path)
    assert "新しい版" in str(raised.value)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"this is a note, not a database\n" * 10, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_corrupt_or_foreign_file_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseFileError) as raised:
        open_database(path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == content


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(DatabaseFileError, match="ファイルではありません"):
        open_database(tmp_path)


def test_an_unreadable_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "locked.db"
    open_database(path).close()
    before = path.read_bytes()
    real_open = Path.open

    def denied(self, *args, **kwargs):
        # Root reads any file whatever its mode, so the refusal is fed to the check directly.
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(DatabaseFileError, match="読み込めません") as raised:
        open_database(path)
    assert str(path) in str(raised.value)
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_database_location(tmp_path, monkeypatch):
    assert database_path("x/y.db").name == "y.db"
    monkeypatch.setenv("MEETING_DB", str(tmp_path / "env.db"))
    assert database_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("MEETING_DB")
    assert database_path(None) == default_database_path()
    assert default_database_path().name == "meeting.db"


def test_the_log_is_checkpointed_off_the_commit_path(tmp_path):
    import time

    from meeting.db_writes import Checkpointer

    path = tmp_path / "ck.db"
    db = open_database(path)
    db.execute("CREATE TABLE filler (x TEXT)")
    db.conn.commit()
    checkpointer = Checkpointer(db, interval=0.05)
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    before = path.stat().st_size
    for i in range(300):
        db.execute("INSERT INTO filler VALUES (?)", ["x" * 4000 + str(i)])
        db.conn.commit()
    for _ in range(100):  # the thread copies the log into the file within its interval
        if path.stat().st_size > before + 300 * 4000:
            break
        time.sleep(0.05)
    assert path.stat().st_size > before + 300 * 4000
    checkpointer.stop()
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    db.close()


def test_the_export_folder_is_remembered_per_council_on_this_pc(tmp_path):
    from meeting.locations import export_folder, remember_export_folder

    documents = tmp_path / "home" / "Documents"
    documents.mkdir(parents=True)
    assert export_folder(1) == documents  # the first time: the user's documents folder
    share = tmp_path / "共有" / "審議会"
    share.mkdir(parents=True)
    remember_export_folder(1, share)
    assert export_folder(1) == share and export_folder(2) == documents
    share.rmdir()  # gone (a share not mounted today): the documents folder again
    assert export_folder(1) == documents
