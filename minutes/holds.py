"""One writer per session's record: the app instance that takes the live record holds it.

Two instances typing into one session would share one draft: the second would show the
first's half-typed line, and its Enter would clear it. So the first instance to open the live
record holds the session; another opens it read-only and says who holds it. A hold is let go
when the screen closes, and counts as abandoned when its process is gone (same computer) or
has not been seen for :data:`STALE_AFTER` (another computer, or a machine that froze).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from meeting.db_writes import immediate
from minutes.store import holds as store

STALE_AFTER = timedelta(seconds=60)
"""A holder that has not been seen this long is taken to be gone."""
HEARTBEAT_SECONDS = 15
"""How often a holder says it is still there (well inside :data:`STALE_AFTER`)."""


@dataclass(frozen=True)
class Holder:
    """Who writes a session's record: one app instance on one computer."""

    token: str
    name: str
    host: str
    pid: int
    since: datetime | None = None
    seen_at: datetime | None = None

    @classmethod
    def this_instance(cls) -> Holder:
        user = ""
        with contextlib.suppress(Exception):  # no login name (a service account, a container)
            user = getpass.getuser()
        return cls(uuid.uuid4().hex, user, socket.gethostname(), os.getpid())

    @property
    def label(self) -> str:
        who = f"{self.name}（{self.host}）" if self.name else self.host
        return f"{who}、プロセス {self.pid}"


def take_hold(db: Database, session_id: int, me: Holder, *, at: datetime) -> Holder | None:
    """Hold the session for ``me``; returns the other live holder instead, if there is one."""
    with immediate(db):
        other = current_holder(db, session_id)
        if other is not None and other.token != me.token and not abandoned(other, at=at):
            return other
        store.write_hold(
            db, session_id, token=me.token, name=me.name, host=me.host, pid=me.pid, at=at
        )
    return None


def take_over(db: Database, session_id: int, me: Holder, *, at: datetime) -> None:
    """Hold the session whoever held it (the clerk said the other instance is gone)."""
    with immediate(db):
        store.delete_hold(db, session_id)
    take_hold(db, session_id, me, at=at)


def still_here(db: Database, session_id: int, me: Holder, *, at: datetime) -> bool:
    """The heartbeat; False if the hold was taken over meanwhile."""
    held = store.touch_hold(db, session_id, me.token, at=at)
    db.conn.commit()
    return held


def let_go(db: Database, session_id: int, me: Holder) -> None:
    store.delete_hold(db, session_id, me.token)
    db.conn.commit()


def current_holder(db: Database, session_id: int) -> Holder | None:
    row = store.hold_row(db, session_id)
    return Holder(**row) if row is not None else None


def abandoned(holder: Holder, *, at: datetime) -> bool:
    if holder.host == socket.gethostname() and not _alive(holder.pid):
        return True
    return holder.seen_at is None or at - holder.seen_at > STALE_AFTER


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return True  # os.kill(pid, 0) would end the process on Windows: rely on the heartbeat
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or a platform that cannot tell: assume alive
    return True
