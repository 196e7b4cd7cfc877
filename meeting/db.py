"""Opening the one SQLite file: privacy, pragmas, version checks, migrations with a backup.

The file holds personal data, so it is created 0600 and kept so. A file that is not a
database, or that a newer ``meeting`` wrote, is refused before anything is written to it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database, Migrations

from meeting.errors import DatabaseFileError
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def open_database(
    path: Path | str,
    *,
    migrations: Migrations = MIGRATIONS,
    known: tuple[str, ...] = MIGRATION_NAMES,
) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    Raises :class:`DatabaseFileError` naming the file when it is unreadable, not a database,
    or newer than this code; in each case the file is left as it was.
    """
    path = Path(path).expanduser()
    created = _create_private(path)
    _check_header(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as e:
        raise DatabaseFileError(path, f"開けません（{e}）") from e
    try:
        conn.create_function("nfkc", 1, nfkc, deterministic=True)
        db = Database(conn)
        version, applied = _read_version(db, path)
        unknown = [name for name in applied if name not in known]
        if version > len(known) or unknown:
            raise DatabaseFileError(
                path,
                f"このデータベースは新しい版の meeting で作られています（スキーマ第{version}版、"
                f"この meeting は第{len(known)}版まで）。meeting を更新してください。"
                "ファイルは変更していません。",
            )
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if migrations.pending(db):
            if version > 0 and not created:
                backup(db, path.with_name(f"{path.name}.bak-{version}"))
            # Foreign keys stay off while migrating: a table rebuild inside a transaction
            # cannot switch them (deps_check §2b.3); the check below proves nothing broke.
            migrations.apply(db)
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DatabaseFileError(
                    path, f"移行後の参照の整合性に誤りがあります: {problems[:3]}"
                )
        db.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    _make_private(path)
    return db


def nfkc(text: str | None) -> str | None:
    """The search index's folding (全角英数 → 半角, 半角カナ → 全角); stored text is not folded."""
    return None if text is None else unicodedata.normalize("NFKC", text)


def _create_private(path: Path) -> bool:
    """Create an empty file readable by its owner only; True if it did not exist."""
    if path.exists():
        if not path.is_file():
            raise DatabaseFileError(path, "ファイルではありません（フォルダなど）")
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError as e:
        raise DatabaseFileError(path, f"作成できません（{e.strerror}）") from e
    os.close(fd)
    return True


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise DatabaseFileError(path, f"読み込めません（{e.strerror}）") from e
    if head and head != SQLITE_HEADER:
        raise DatabaseFileError(
            path, "SQLite のデータベースではありません（壊れているか、別の種類のファイルです）"
        )


def _read_version(db: Database, path: Path) -> tuple[int, list[str]]:
    """The schema version and applied migration names, read without writing anything."""
    try:
        tables = set(db.table_names())
        version = 0
        if "schema_version" in tables:
            row = db.execute("SELECT max(version) FROM schema_version").fetchone()
            version = row[0] or 0
        applied = [m.name for m in MIGRATIONS.applied(db)] if "_sqlite_migrations" in tables else []
    except sqlite3.DatabaseError as e:
        raise DatabaseFileError(path, f"データベースが壊れていて読めません（{e}）") from e
    if tables and "schema_version" not in tables and "councils" not in tables:
        raise DatabaseFileError(
            path, "meeting のデータベースではありません（知らない表があります）"
        )
    return version, applied


def backup(db: Database, target: Path) -> Path:
    """Copy the whole database, consistently even in WAL mode, to a private file."""
    if target.exists():
        target.unlink()
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    dest = sqlite3.connect(target)
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def _make_private(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if candidate.stat().st_mode & 0o077:
                candidate.chmod(0o600)


@contextlib.contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """A transaction that reads then writes: take the write lock first (deps_check §2d)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.conn.commit()


class Checkpointer:
    """Copies the write-ahead log into the database file from a thread of its own.

    SQLite checkpoints automatically inside the commit that crosses 1,000 pages of log, which
    made one Enter in a hundred wait 3–5 ms on a large file (bench/README.md). The clerk's
    connection stops doing that; this thread does it every ``interval`` seconds on its own
    connection (PASSIVE: it never blocks a writer). If the process dies, the log is replayed
    on the next open; nothing is lost either way.
    """

    def __init__(self, db: Database, *, interval: float = 1.0) -> None:
        self._db = db
        self._interval = interval
        self._stop = threading.Event()
        row = db.execute("PRAGMA database_list").fetchone()
        self._path = row[2] if row else ""
        self._thread: threading.Thread | None = None
        if self._path:  # an in-memory database has no log to move
            db.execute("PRAGMA wal_autocheckpoint = 0")
            self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            while not self._stop.wait(self._interval):
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            conn.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_autocheckpoint = 1000")


def schema_version(db: Database) -> int:
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


__all__ = [
    "SCHEMA_VERSION",
    "Checkpointer",
    "backup",
    "immediate",
    "open_database",
    "schema_version",
]
