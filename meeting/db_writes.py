"""How the clerk's writes share the one file: with other programs, and with the log.

A transaction that reads then writes takes the lock first (:func:`immediate`); typing waits
only a moment for another program's lock (:func:`patience`); and the write-ahead log is copied
into the file from a thread of its own, never inside the commit of an Enter
(:class:`Checkpointer`).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator

from sqlite_utils import Database

from meeting.db import BUSY_TIMEOUT_MS, named_row


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
        main = named_row(db, "SELECT file FROM pragma_database_list WHERE name = 'main'")
        self._path = main["file"] if main else ""
        self._thread: threading.Thread | None = None
        mode = named_row(db, "PRAGMA journal_mode")
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
