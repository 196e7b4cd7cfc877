"""The record's approval: its confirmation and revision (on ``sessions``) and its errata.

The writes take part in the caller's transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.store import NotFound
from meeting.store.rows import lastrowid, one, rows


def approval_row(db: Database, session_id: int) -> dict[str, Any] | None:
    """``confirmed_on`` (a date or None), ``confirmed_by`` (a session or None) and
    ``revision`` of the session's record; None for no such session."""
    row = one(
        db,
        "SELECT minutes_confirmed_on, minutes_confirmed_by, minutes_revision FROM sessions"
        " WHERE id = ?",
        [session_id],
    )
    if row is None:
        return None
    confirmed_on = row["minutes_confirmed_on"]
    return {
        "confirmed_on": date.fromisoformat(confirmed_on) if confirmed_on else None,
        "confirmed_by": row["minutes_confirmed_by"],
        "revision": row["minutes_revision"],
    }


def errata_rows(db: Database, session_id: int) -> list[dict[str, Any]]:
    """The session's errata, oldest first: ``id``, ``utterance_id``, ``revision``, ``reason``,
    ``before``, ``after``, ``recorded_at`` (a datetime)."""
    found = rows(
        db,
        "SELECT id, utterance_id, revision, reason, before, after, recorded_at FROM errata"
        " WHERE session_id = ? ORDER BY id",
        [session_id],
    )
    return [{**r, "recorded_at": from_iso(r["recorded_at"])} for r in found]


def mark_confirmed(db: Database, session_id: int, on: date, by_session_id: int | None) -> None:
    """The record is confirmed as it stands: revision 1."""
    db.execute(
        "UPDATE sessions SET minutes_confirmed_on = ?, minutes_confirmed_by = ?,"
        " minutes_revision = 1 WHERE id = ?",
        [on.isoformat(), by_session_id, session_id],
    )


def revision(db: Database, session_id: int) -> int:
    row = one(db, "SELECT minutes_revision FROM sessions WHERE id = ?", [session_id])
    if row is None:
        raise NotFound(f"会議 {session_id} はありません")
    return int(row["minutes_revision"])


def set_revision(db: Database, session_id: int, revision: int) -> None:
    db.execute("UPDATE sessions SET minutes_revision = ? WHERE id = ?", [revision, session_id])


def add_erratum(
    db: Database,
    session_id: int,
    utterance_id: int,
    *,
    revision: int,
    reason: str,
    before: str,
    after: str,
    at: datetime,
) -> int:
    cursor = db.execute(
        "INSERT INTO errata (session_id, utterance_id, revision, reason, before, after,"
        " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [session_id, utterance_id, revision, reason, before, after, to_iso(at)],
    )
    return lastrowid(cursor)
