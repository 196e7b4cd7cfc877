"""The members' letters in each session (``speaker_letters``): A委員, B委員… in a summary.

The writes take part in the caller's transaction.
"""

from __future__ import annotations

from sqlite_utils import Database

from meeting.store.rows import one, rows


def letters(db: Database, session_id: int) -> dict[int, str]:
    found = rows(
        db, "SELECT member_id, letter FROM speaker_letters WHERE session_id = ?", [session_id]
    )
    return {r["member_id"]: r["letter"] for r in found}


def has_letter(db: Database, session_id: int, member_id: int) -> bool:
    found = one(
        db,
        "SELECT 1 AS found FROM speaker_letters WHERE session_id = ? AND member_id = ?",
        [session_id, member_id],
    )
    return found is not None


def add_letter(db: Database, session_id: int, member_id: int, letter: str) -> None:
    db.execute(
        "INSERT INTO speaker_letters (session_id, member_id, letter) VALUES (?, ?, ?)",
        [session_id, member_id, letter],
    )


def replace_letter(db: Database, session_id: int, member_id: int, letter: str) -> None:
    db.execute(
        "INSERT INTO speaker_letters (session_id, member_id, letter) VALUES (?, ?, ?)"
        " ON CONFLICT (session_id, member_id) DO UPDATE SET letter = excluded.letter",
        [session_id, member_id, letter],
    )


def speakers_in_order(db: Database, session_id: int) -> list[int]:
    """The members who speak in the session, in the order of their first line."""
    found = rows(
        db,
        "SELECT member_id FROM utterances WHERE session_id = ? AND member_id IS NOT NULL"
        " AND kind = 'speech' GROUP BY member_id ORDER BY min(position)",
        [session_id],
    )
    return [r["member_id"] for r in found]


def member_role(db: Database, member_id: int) -> str | None:
    """The member's role (``chair``…), or None for no such member: who takes a letter."""
    row = one(db, "SELECT role FROM members WHERE id = ?", [member_id])
    return row["role"] if row else None
