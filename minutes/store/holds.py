"""Who holds each session's record (``session_holds``): one row per held session.

The writes leave the commit to the caller.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.store.rows import one


def hold_row(db: Database, session_id: int) -> dict[str, Any] | None:
    """``token``, ``name``, ``host``, ``pid``, ``since`` and ``seen_at`` (datetimes) of the
    session's holder, or None."""
    row = one(
        db,
        "SELECT token, holder AS name, host, pid, since, seen_at FROM session_holds"
        " WHERE session_id = ?",
        [session_id],
    )
    if row is None:
        return None
    return {**row, "since": from_iso(row["since"]), "seen_at": from_iso(row["seen_at"])}


def write_hold(
    db: Database, session_id: int, *, token: str, name: str, host: str, pid: int, at: datetime
) -> None:
    """The session is held from ``at`` by the given instance, whoever held it before."""
    db.execute(
        "INSERT INTO session_holds (session_id, token, holder, host, pid, since, seen_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET"
        " token = excluded.token, holder = excluded.holder, host = excluded.host,"
        " pid = excluded.pid, since = excluded.since, seen_at = excluded.seen_at",
        [session_id, token, name, host, pid, to_iso(at), to_iso(at)],
    )


def delete_hold(db: Database, session_id: int, token: str | None = None) -> None:
    """Let go of the session's hold: any holder's, or only the one with ``token``."""
    if token is None:
        db.execute("DELETE FROM session_holds WHERE session_id = ?", [session_id])
    else:
        db.execute(
            "DELETE FROM session_holds WHERE session_id = ? AND token = ?", [session_id, token]
        )


def touch_hold(db: Database, session_id: int, token: str, *, at: datetime) -> bool:
    """Mark the holder with ``token`` as seen at ``at``; False if it no longer holds."""
    cursor = db.execute(
        "UPDATE session_holds SET seen_at = ? WHERE session_id = ? AND token = ?",
        [to_iso(at), session_id, token],
    )
    return cursor.rowcount == 1
