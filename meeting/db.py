"""Opening the one SQLite file: privacy, pragmas, version checks, migrations with a backup.

The file holds personal data, so it is created 0600 and kept so. A file that is not a
database, or that a newer ``meeting`` wrote, is refused before anything is written to it.
A file that cannot be written (read-only, a full disk, another program holding the lock) is
named as such, never as broken (``meeting.db_errors``). Using the open file is elsewhere:
transactions and the log in ``meeting.db_writes``, a restore's checks in ``meeting.db_restore``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import weakref
from pathlib import Path

import sqlite_utils.plugins
from sqlite_utils import Database, Migrations

from meeting.db_errors import explain, is_space_or_permission
from meeting.errors import DatabaseFileError
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION
from meeting.search_index import register_functions
from meeting.shares import network_location

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# The record's connection takes no sqlite-utils plugins: one installed in the same Python could
# otherwise change how every connection behaves (its prepare_connection hook), and looking for
# them reads every installed package's metadata at each open (a third of a launch's database
# work). Marking them loaded is sqlite-utils' own switch (plugins.ensure_plugins_loaded).
sqlite_utils.plugins._plugins_loaded = True


class Connection(sqlite3.Connection):
    """A connection that can be weakly referenced (a plain one cannot), for :data:`_OPENED`."""


_OPENED: dict[tuple[int, int], list[weakref.ref[sqlite3.Connection]]] = {}
"""(device, inode) of each database file this process has open, with its connections.

POSIX drops all of a process's locks on a file when *any* descriptor of it is closed, so
reading such a file with a plain ``open()`` (a header check, an export's look at its target)
would silently release the locks SQLite holds on it — and another connection would then
think itself alone and delete the write-ahead log under us. Such files are never opened
again except through SQLite.
"""


def open_database(
    path: Path | str,
    *,
    migrations: Migrations = MIGRATIONS,
    known: tuple[str, ...] = MIGRATION_NAMES,
    shared_folder: bool = False,
) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    Raises :class:`DatabaseFileError` naming the file when it is unreadable, not a database,
    newer than this code, or on a network share without ``shared_folder``; in each case the
    file is left as it was. ``shared_folder`` opens it in the mode a share can bear: a rollback
    journal (no shared memory), one writer at a time.
    """
    path = Path(path).expanduser()
    check_location(path, shared_folder=shared_folder)
    created = _create_private(path)
    try:
        db = _open(path, created, migrations, known, shared_folder)
    except BaseException:
        if created:
            _remove_new(path)  # a file this call made and could not finish holds nothing
        raise
    _make_private(path)
    with contextlib.suppress(OSError):
        _OPENED.setdefault(_identity(path), []).append(weakref.ref(db.conn))
    return db


def open_read_only(path: Path | str, *, known: tuple[str, ...] = MIGRATION_NAMES) -> Database:
    """Open an existing, up-to-date database for reading only: the chair's view served to a
    browser. SQLite itself refuses every write on this connection (``mode=ro``, and
    ``query_only`` as well), so nothing a served screen does can change the record.

    It never creates, migrates or changes the file: a missing file, one that is not a
    ``meeting`` database, or one older or newer than this code is refused, naming the file.
    """
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise DatabaseFileError(path, "ファイルがありません")
    check_header(path)
    try:
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            factory=Connection,
        )
    except sqlite3.Error as e:
        raise DatabaseFileError(path, explain(e, path)) from e
    try:
        register_functions(conn)
        db = Database(conn)
        version, applied = read_version(db, path)
        if version > len(known) or [name for name in applied if name not in known]:
            raise DatabaseFileError(
                path,
                "このデータベースは新しい版の meeting で作られています。"
                "meeting を更新してください。",
            )
        if [name for name in known if name not in applied]:
            raise DatabaseFileError(
                path, "このデータベースは古い版です。先に meeting で開いて更新してください。"
            )
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA query_only = ON")
    except sqlite3.Error as e:
        conn.close()
        raise DatabaseFileError(path, explain(e, path)) from e
    except BaseException:
        conn.close()
        raise
    with contextlib.suppress(OSError):
        _OPENED.setdefault(_identity(path), []).append(weakref.ref(db.conn))
    return db


def is_open_database(path: Path | str) -> bool:
    """Whether this process has ``path`` (or a link to it) open as a database."""
    try:
        key = _identity(Path(path))
    except OSError:
        return False
    live = [ref for ref in _OPENED.get(key, []) if _is_open(ref())]
    if live:
        _OPENED[key] = live
    else:
        _OPENED.pop(key, None)
    return bool(live)


def _is_open(conn: sqlite3.Connection | None) -> bool:
    if conn is None:
        return False
    try:
        conn.total_changes  # noqa: B018 - raises once the connection is closed
    except sqlite3.ProgrammingError:
        return False
    return True


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def check_location(path: Path, *, shared_folder: bool) -> None:
    """Refuse a database on a network share unless the clerk asked for the shared-folder mode."""
    where = network_location(path)
    if where and not shared_folder:
        raise DatabaseFileError(path, on_a_share(where))


def on_a_share(where: str) -> str:
    """Why a database on a share is refused, and what to do instead."""
    return (
        f"{where}にあります。共有フォルダに置いたデータベースは、複数の PC から使うと壊れること"
        "があるため開きません。データベースはこの PC に置き、文書とバックアップを共有フォルダに"
        "書き出してください（meeting backup --to 共有フォルダ）。どうしても共有フォルダで開く"
        "ときは --shared-folder を付けてください（一度に一人だけが書き込む安全な方式で開きます）"
    )


def _open(
    path: Path, created: bool, migrations: Migrations, known: tuple[str, ...], shared: bool
) -> Database:
    check_header(path)
    # SQLite opens a file it may not write read-only without a word and fails at the first
    # write: the clerk would type a line and lose it. Refuse here instead. (Root passes: it
    # can write anything, and SQLite then does.) The folder holds the journal (-wal, -shm).
    for target, what in ((path, "このファイル"), (path.parent, f"フォルダ {path.parent}")):
        if not os.access(target, os.W_OK):
            denied = PermissionError(errno.EACCES, f"{what}に書き込む権限がありません")
            raise DatabaseFileError(path, explain(denied, path))
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, factory=Connection)
    except sqlite3.Error as e:
        raise DatabaseFileError(path, explain(e, path)) from e
    try:
        register_functions(conn)
        db = Database(conn)
        version, applied = read_version(db, path)
        unknown = [name for name in applied if name not in known]
        if version > len(known) or unknown:
            raise DatabaseFileError(
                path,
                f"このデータベースは新しい版の meeting で作られています（スキーマ第{version}版、"
                f"この meeting は第{len(known)}版まで）。meeting を更新してください。"
                "ファイルは変更していません。",
            )
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _journal(db, path, shared)
        if migrations.pending(db):
            if version > 0 and not created:
                backup(db, path.with_name(f"{path.name}.bak-{version}"))
            # Foreign keys stay off while migrating: PRAGMA foreign_keys is a no-op inside a
            # transaction, where a table rebuild runs; the check below proves nothing broke.
            migrations.apply(db)
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DatabaseFileError(
                    path, f"移行後の参照の整合性に誤りがあります: {problems[:3]}"
                )
        db.execute("PRAGMA foreign_keys = ON")
    except (sqlite3.Error, OSError) as e:
        conn.close()
        raise DatabaseFileError(path, explain(e, path)) from e
    except BaseException:
        conn.close()
        raise
    return db


def _journal(db: Database, path: Path, shared: bool) -> None:
    """WAL on the PC's own disk; on a share, the rollback journal, which needs no shared memory
    (SQLite's file lock then lets one connection write at a time, and the live record's hold
    keeps one clerk per session). Leaving WAL needs every other connection closed.

    Both at ``synchronous = FULL``: every commit is on the disk before Enter returns, so a
    power cut never loses a line the clerk saw committed (NORMAL in WAL may lose the last
    commits). It costs each Enter one ``fsync`` of the log: what the disk takes for it
    (bench/README.md)."""
    if not shared:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        return
    row = named_row(db, "PRAGMA journal_mode = DELETE")
    if row is None or str(row["journal_mode"]).lower() != "delete":
        raise DatabaseFileError(
            path, "他の PC かプログラムが開いています。閉じてから開いてください"
        )
    db.execute("PRAGMA synchronous = FULL")


def _remove_new(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            candidate.unlink()


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
        if is_space_or_permission(e):  # a read-only folder, a full disk
            raise DatabaseFileError(path, "作成できません。" + explain(e, path)) from e
        raise DatabaseFileError(path, f"作成できません（{e.strerror}）") from e
    os.close(fd)
    return True


def check_header(path: Path) -> None:
    """Refuse a file that is not a SQLite database, naming it, before anything is written to it.

    A file this process already has open is not read again (see :data:`_OPENED`)."""
    if is_open_database(path):
        return  # already a database of ours; reading it with open() would drop its locks
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise DatabaseFileError(path, f"読み込めません（{e.strerror}）") from e
    if head and head != SQLITE_HEADER:
        raise DatabaseFileError(
            path, "SQLite のデータベースではありません（壊れているか、別の種類のファイルです）"
        )


def read_version(db: Database, path: Path) -> tuple[int, list[str]]:
    """The schema version and applied migration names, read without writing anything."""
    try:
        tables = set(db.table_names())
        version = 0
        if "schema_version" in tables:
            version = schema_version(db)
        applied = [m.name for m in MIGRATIONS.applied(db)] if "_sqlite_migrations" in tables else []
    except sqlite3.DatabaseError as e:
        raise DatabaseFileError(path, explain(e, path)) from e
    if tables and "schema_version" not in tables and "councils" not in tables:
        raise DatabaseFileError(
            path, "meeting のデータベースではありません（知らない表があります）"
        )
    return version, applied


def backup(db: Database, target: Path) -> Path:
    """Copy the whole database, consistently even in WAL mode, to a private file.

    SQLite's backup API copies page by page under a read lock, so the clerk may go on typing;
    the copy is then made a single self-contained file (a rollback journal, no -wal beside it),
    which a share holds safely and which is opened nowhere until it is restored.
    """
    if target.exists():
        target.unlink()
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        dest = sqlite3.connect(target)
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    except BaseException:
        with contextlib.suppress(OSError):  # half a copy (a full disk) is no backup
            target.unlink()
        raise
    return target


def _make_private(path: Path) -> None:
    """Owner-only on POSIX; Windows has no such mode bits (the user's own folder is private)."""
    if os.name != "posix":
        return
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):  # gone, not ours, or on a read-only file system
            if candidate.stat().st_mode & 0o077:
                candidate.chmod(0o600)


def schema_version(db: Database) -> int:
    row = named_row(db, "SELECT max(version) AS version FROM schema_version")
    return int(row["version"] or 0) if row else 0


def named_row(db: Database, sql: str) -> sqlite3.Row | None:
    """One row, read by column name (the store's helpers sit above this module)."""
    cursor = db.conn.cursor()
    cursor.row_factory = sqlite3.Row
    row: sqlite3.Row | None = cursor.execute(sql).fetchone()
    return row


__all__ = [
    "SCHEMA_VERSION",
    "Connection",
    "backup",
    "check_header",
    "check_location",
    "is_open_database",
    "named_row",
    "open_database",
    "open_read_only",
    "read_version",
    "schema_version",
]
