"""Opening the one SQLite file: privacy, pragmas, version checks, migrations with a backup.

The file holds personal data, so it is created 0600 and kept so. A file that is not a
database, or that a newer ``meeting`` wrote, is refused before anything is written to it.
A file that cannot be written (read-only, a full disk, another program holding the lock) is
named as such, never as broken: :func:`explain` turns SQLite's and the system's errors into
the clerk's words.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import threading
import unicodedata
import weakref
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils.plugins
from sqlite_utils import Database, Migrations

from meeting.errors import DatabaseFileError
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION
from meeting.shares import network_location

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# The record's connection takes no sqlite-utils plugins: one installed in the same Python could
# otherwise change how every connection behaves (its prepare_connection hook), and looking for
# them reads every installed package's metadata at each open (a third of a launch's database
# work). Marking them loaded is sqlite-utils' own switch (plugins.ensure_plugins_loaded).
sqlite_utils.plugins._plugins_loaded = True


class _Connection(sqlite3.Connection):
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
    _check_header(path)
    try:
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            factory=_Connection,
        )
    except sqlite3.Error as e:
        raise DatabaseFileError(path, explain(e, path)) from e
    try:
        register_functions(conn)
        db = Database(conn)
        version, applied = _read_version(db, path)
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
    _check_header(path)
    # SQLite opens a file it may not write read-only without a word and fails at the first
    # write: the clerk would type a line and lose it. Refuse here instead. (Root passes: it
    # can write anything, and SQLite then does.) The folder holds the journal (-wal, -shm).
    for target, what in ((path, "このファイル"), (path.parent, f"フォルダ {path.parent}")):
        if not os.access(target, os.W_OK):
            denied = PermissionError(errno.EACCES, f"{what}に書き込む権限がありません")
            raise DatabaseFileError(path, explain(denied, path))
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, factory=_Connection)
    except sqlite3.Error as e:
        raise DatabaseFileError(path, explain(e, path)) from e
    try:
        register_functions(conn)
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
    row = _named(db, "PRAGMA journal_mode = DELETE")
    if row is None or str(row["journal_mode"]).lower() != "delete":
        raise DatabaseFileError(
            path, "他の PC かプログラムが開いています。閉じてから開いてください"
        )
    db.execute("PRAGMA synchronous = FULL")


# SQLite's primary result codes (sqlite3.h); Python gives them as ``sqlite_errorcode``.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_PERM, _SQLITE_NOTADB = 3, 26
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def explain(error: BaseException, path: Path | str | None = None) -> str:
    """What went wrong with the database file, in the clerk's words, with the system's detail.

    A read-only file or folder, a full disk and a lock held by another program each get their
    own message; only a file SQLite finds malformed is called broken.
    """
    detail = ((error.strerror or str(error)) if isinstance(error, OSError) else str(error)) or type(
        error
    ).__name__
    kind = _kind(error, Path(path) if path is not None else None)
    if kind == "readonly":
        return f"読み取り専用です（{detail}）。書き込めるようにしてから、やり直してください"
    if kind == "full":
        return f"ディスクがいっぱいです（{detail}）。空きを作ってから、やり直してください"
    if kind == "locked":
        return f"他のプログラムが使用中です（{detail}）。しばらくしてから、やり直してください"
    if kind == "corrupt":
        return f"データベースが壊れていて読めません（{detail}）"
    if kind == "cantopen":
        return f"開けません（{detail}）"
    return f"データベースを使えません（{detail}）"


_SHORT = {
    "readonly": "データベースが読み取り専用です",
    "full": "ディスクがいっぱいです",
    "locked": "他のプログラムが記録を使用中です",
    "corrupt": "データベースが壊れています",
    "cantopen": "データベースを開けません",
}


def database_trouble(error: BaseException) -> str:
    """:func:`explain` in a few words, for a status line while the clerk types."""
    return _SHORT.get(_kind(error, None)) or f"データベースのエラーです（{error}）"


def is_space_or_permission(error: OSError) -> bool:
    """A full disk, or a file or folder that may not be written: what :func:`explain` names."""
    return error.errno in _READ_ONLY_ERRNOS | _FULL_ERRNOS


def _kind(error: BaseException, path: Path | None) -> str:
    if isinstance(error, OSError):
        if error.errno in _FULL_ERRNOS:
            return "full"
        if error.errno in _READ_ONLY_ERRNOS:
            return "readonly"
        return "other"
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(error).lower()
    if primary == _SQLITE_FULL or "disk is full" in message:
        return "full"
    if primary == _SQLITE_READONLY or "readonly database" in message:
        return "readonly"
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in message:
        return "locked"
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in message:
        return "corrupt"
    if primary == _SQLITE_PERM:
        return "readonly"
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or "unable to open" in message:
        # SQLite does not say why: ask the file system.
        if path is not None and _no_space(path):
            return "full"
        if path is not None and _read_only(path):
            return "readonly"
        return "cantopen" if primary != _SQLITE_IOERR else "other"
    return "other"


def _no_space(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free == 0
    except OSError:
        return False


def _read_only(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return target.exists() and not os.access(target, os.W_OK)


def _remove_new(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            candidate.unlink()


def nfkc(text: str | None) -> str | None:
    """The search index's folding (全角英数 → 半角, 半角カナ → 全角); stored text is not folded."""
    return None if text is None else unicodedata.normalize("NFKC", text)


_ASCII_LOWER = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
)  # LIKE's folding: ASCII letters only


class _Hex(dict[str, str]):
    """Each character's token: six hex digits of its code point ('' for white space)."""

    def __missing__(self, char: str) -> str:
        token = self[char] = "" if char.isspace() else format(ord(char), "06x")
        return token


_HEX = _Hex()


def gram_token(chars: str) -> str:
    """The short-term index's token of one or two characters (議 → 008b70, 議長 → 008b70009577).

    Hex digits, so FTS5's ascii tokenizer takes the token whole and changes nothing in it:
    every character can be looked up (punctuation, symbols, any script), and the only folding
    is LIKE's (ASCII letters to lower case), done here, so a match is exactly LIKE's."""
    return "".join(_HEX[c] for c in chars.translate(_ASCII_LOWER))


def grams(body: str | None) -> str | None:
    """Every character and every pair of neighbouring characters of an (NFKC-folded) line,
    as :func:`gram_token` tokens, each once, in the order met: what ``utterance_grams`` holds,
    so a one- or two-character term is an index lookup instead of a scan.

    A gram with white space in it is left out: a search term never holds white space (the
    query is split at it). Deterministic by design: the index is cleared of a line by giving
    FTS5 these same tokens again, so changing this function needs a migration that rebuilds
    ``utterance_grams``."""
    if body is None:
        return None
    hexes = [_HEX[c] for c in body.translate(_ASCII_LOWER)]
    out = dict.fromkeys(h for h in hexes if h)
    out.update(dict.fromkeys(a + b for a, b in zip(hexes, hexes[1:], strict=False) if a and b))
    return " ".join(out)


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the search index's triggers call, on every connection that writes."""
    conn.create_function("nfkc", 1, nfkc, deterministic=True)
    conn.create_function("grams", 1, grams, deterministic=True)


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


def _check_header(path: Path) -> None:
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


def _read_version(db: Database, path: Path) -> tuple[int, list[str]]:
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


def check_restorable(path: Path, *, known: tuple[str, ...] = MIGRATION_NAMES) -> int:
    """The schema version of the database file at ``path`` (a copy about to replace the
    clerk's), after SQLite's full integrity check; raises :class:`DatabaseFileError` saying
    what is wrong: not a database, broken, not meeting's, or written by a newer version.

    An older version is fine: it is migrated when opened, like any database."""
    _check_header(path)
    try:
        conn = sqlite3.connect(path, factory=_Connection)
    except sqlite3.Error as e:
        raise DatabaseFileError(path, explain(e, path)) from e
    try:
        problems = [
            str(row["integrity_check"]) for row in _named_all(conn, "PRAGMA integrity_check(3)")
        ]
        if problems != ["ok"]:
            raise DatabaseFileError(path, f"壊れています（{'; '.join(problems)[:300]}）")
        db = Database(conn)
        version, applied = _read_version(db, path)
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
        if _kind(e, path) == "locked":
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


def _make_private(path: Path) -> None:
    """Owner-only on POSIX; Windows has no such mode bits (the user's own folder is private)."""
    if os.name != "posix":
        return
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):  # gone, not ours, or on a read-only file system
            if candidate.stat().st_mode & 0o077:
                candidate.chmod(0o600)


@contextlib.contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """A transaction that reads then writes: take the write lock first.

    A deferred transaction that reads and then writes fails with SQLITE_BUSY, without waiting,
    when another connection wrote in between; BEGIN IMMEDIATE waits for the lock instead."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.conn.commit()  # a commit refused (disk full) rolls back too, never left half-open
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise


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
        main = _named(db, "SELECT file FROM pragma_database_list WHERE name = 'main'")
        self._path = main["file"] if main else ""
        self._thread: threading.Thread | None = None
        mode = _named(db, "PRAGMA journal_mode")
        wal = mode is not None and str(mode["journal_mode"]).lower() == "wal"
        if self._path and wal:  # in memory, or on a share (a rollback journal): no log to move
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


@contextlib.contextmanager
def patience(db: Database, seconds: float) -> Iterator[Database]:
    """Wait at most ``seconds`` for another program's write lock, then fail (SQLITE_BUSY).

    The clerk's typing must never hang on a lock held elsewhere: a draft is saved without
    waiting and retried later; Enter waits a moment and says so, keeping the line.
    """
    db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield db
    finally:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def schema_version(db: Database) -> int:
    row = _named(db, "SELECT max(version) AS version FROM schema_version")
    return int(row["version"] or 0) if row else 0


def _named(db: Database, sql: str) -> sqlite3.Row | None:
    """One row, read by column name (the store's helpers sit above this module)."""
    cursor = db.conn.cursor()
    cursor.row_factory = sqlite3.Row
    row: sqlite3.Row | None = cursor.execute(sql).fetchone()
    return row


def _named_all(conn: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return list(cursor.execute(sql).fetchall())


__all__ = [
    "SCHEMA_VERSION",
    "Checkpointer",
    "backup",
    "check_location",
    "check_restorable",
    "explain",
    "immediate",
    "is_space_or_permission",
    "is_open_database",
    "open_database",
    "open_read_only",
    "patience",
    "schema_version",
    "set_aside",
]
