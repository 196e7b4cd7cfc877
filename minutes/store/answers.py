"""The clerk's texts of each answer (``answers.body``, JSON that :mod:`minutes.answers` reads)."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from meeting.dates import to_iso
from meeting.store.rows import one


def answer_body(db: Database, consultation_id: int) -> str | None:
    """The saved JSON, or None when nothing has been saved."""
    row = one(db, "SELECT body FROM answers WHERE consultation_id = ?", [consultation_id])
    return row["body"] if row else None


def write_answer_body(db: Database, consultation_id: int, body: str, *, at: datetime) -> None:
    """Replace the saved JSON (or save the first); the caller holds the transaction."""
    cursor = db.execute(
        "UPDATE answers SET body = ?, updated_at = ? WHERE consultation_id = ?",
        [body, to_iso(at), consultation_id],
    )
    if cursor.rowcount == 0:
        db.execute(
            "INSERT INTO answers (consultation_id, body, updated_at) VALUES (?, ?, ?)",
            [consultation_id, body, to_iso(at)],
        )
