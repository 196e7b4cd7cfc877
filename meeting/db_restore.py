"""The database file's side of a restore; ``meeting.backup`` chooses the folders and names.

A copy is proven whole (SQLite's integrity check), a ``meeting`` database and not newer than
this version before it replaces the clerk's file; that file is moved aside, its write-ahead log
merged into it first, and never while another connection has it open.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from meeting.db import Connection, check_header, read_version
from meeting.db_errors import explain, kind_of_trouble
from meeting.errors import DatabaseFileError
from meeting.migrations import MIGRATION_NAMES


def check_restorable(path: Path, *, known: tuple[str, ...] = MIGRATION_NAMES) -> int:
    """The schema version of the database file at ``path`` (a copy about to replace the
    clerk's), after SQLite's full integrity check; raises :class:`DatabaseFileError` saying
    what is wrong: not a database, broken, not meeting's, or written by a newer version.

    An older version is fine: it is migrated when opened, like any database."""
    check_header(path)
    try:
        conn = sqlite3.connect(path, factory=Connection)
    except sqlite3.Error as e:
        raise DatabaseFileError(path, explain(e, path)) from e
    try:
        problems = [
            str(row["integrity_check"]) for row in _named_all(conn, "PRAGMA integrity_check(3)")
        ]
        if problems != ["ok"]:
            raise DatabaseFileError(path, f"壊れています（{'; '.join(problems)[:300]}）")
        db = Database(conn)
        version, applied = read_version(db, path)
        if "schema_version" not in db.table_names():
            raise DatabaseFileError(path, "meeting のデータベースではありません")
        if version > len(known) or any(name not in known for name in applied):
            raise DatabaseFileError(
                path,
                f"新しい版の meeting で作られています（スキーマ第{version}版、この meeting は"
                f"第{len(known)}版まで）。meeting を更新してから復元してください",
            )
        conn.execute("PRAGMA journal_mode = DELETE")  # nothing left beside it when moved
    except sqlite3.DatabaseError as e:
        raise DatabaseFileError(path, explain(e, path)) from e
    finally:
        conn.close()
    return version


def set_aside(path: Path, aside: Path) -> list[Path]:
    """Move the database at ``path`` to ``aside``, its write-ahead log merged into it first;
    returns the files moved. Refuses, moving nothing, while another connection (the app, the
    chair's view) has it open: leaving WAL needs it alone. A broken file moves as it is, with
    its -wal, -shm or -journal beside it under the new name."""
    try:
        conn = sqlite3.connect(path, timeout=1)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        if kind_of_trouble(e, path) == "locked":
            raise DatabaseFileError(path, _IN_USE) from e
    moved = []
    for side in ("", "-wal", "-shm", "-journal"):
        source = path.with_name(path.name + side)
        if not source.exists():
            continue
        target = aside.with_name(aside.name + side)
        try:
            os.replace(source, target)
        except PermissionError as e:  # Windows: another program has it open
            raise DatabaseFileError(path, _IN_USE) from e
        moved.append(target)
    return moved


_IN_USE = (
    "使用中です（meeting のアプリか議長の画面が開いています）。閉じてから、もう一度お試しください"
)


def _named_all(conn: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return list(cursor.execute(sql).fetchall())
