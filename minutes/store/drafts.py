"""The draft line of each session (``utterance_drafts``): what is typed but not yet entered.

The writes leave the commit to the caller: clearing the draft is part of entering a line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import to_iso
from meeting.store.rows import one


def write_draft(
    db: Database,
    session_id: int,
    *,
    text: str,
    agenda_item_id: int | None,
    speaker_kind: str | None,
    member_id: int | None,
    speaker_label: str,
    updated_at: datetime,
) -> None:
    db.execute(
        "INSERT INTO utterance_drafts (session_id, text, agenda_item_id, speaker_kind, member_id,"
        " speaker_label, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (session_id) DO UPDATE SET text = excluded.text,"
        " agenda_item_id = excluded.agenda_item_id,"
        " speaker_kind = excluded.speaker_kind, member_id = excluded.member_id,"
        " speaker_label = excluded.speaker_label, updated_at = excluded.updated_at",
        [
            session_id,
            text,
            agenda_item_id,
            speaker_kind,
            member_id,
            speaker_label,
            to_iso(updated_at),
        ],
    )


def read_draft(db: Database, session_id: int) -> dict[str, Any] | None:
    """``text``, ``agenda_item_id``, ``speaker_kind``, ``member_id``, ``speaker_label``."""
    return one(
        db,
        "SELECT text, agenda_item_id, speaker_kind, member_id, speaker_label FROM utterance_drafts"
        " WHERE session_id = ?",
        [session_id],
    )


def clear_draft(db: Database, session_id: int) -> None:
    db.execute("DELETE FROM utterance_drafts WHERE session_id = ?", [session_id])
