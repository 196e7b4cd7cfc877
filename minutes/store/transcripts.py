"""What a transcript import reads and keeps: each label's mapping for the session
(``transcript_labels``), and when the live record took up each item.

The writes take part in the caller's transaction (the import's) and leave the commit to it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.store.rows import rows


def label_maps(db: Database, session_id: int) -> list[dict[str, Any]]:
    """The session's remembered labels: ``label``, ``becomes`` (speech, narration, drop),
    ``speaker_kind``, ``member_id`` and ``speaker_label``."""
    return rows(
        db,
        "SELECT label, becomes, speaker_kind, member_id, speaker_label FROM transcript_labels"
        " WHERE session_id = ? ORDER BY label",
        [session_id],
    )


def keep_label_map(
    db: Database,
    session_id: int,
    label: str,
    *,
    becomes: str,
    speaker_kind: str | None,
    member_id: int | None,
    speaker_label: str,
    at: datetime,
) -> None:
    """Remember what ``label`` becomes in the session, replacing what it became before."""
    db.execute(
        "INSERT INTO transcript_labels (session_id, label, becomes, speaker_kind, member_id,"
        " speaker_label, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (session_id, label) DO UPDATE SET becomes = excluded.becomes,"
        " speaker_kind = excluded.speaker_kind, member_id = excluded.member_id,"
        " speaker_label = excluded.speaker_label, updated_at = excluded.updated_at",
        [session_id, label, becomes, speaker_kind, member_id, speaker_label, to_iso(at)],
    )


def item_starts(
    db: Database, session_id: int, sitting_id: int | None
) -> list[tuple[int, datetime]]:
    """When each item was taken up in the sitting, as the lines typed live say (the first line
    of each; lines an earlier import added do not count), earliest first."""
    found = rows(
        db,
        "SELECT u.agenda_item_id AS item_id, min(u.spoken_at) AS started FROM utterances u"
        " WHERE u.session_id = ? AND u.agenda_item_id IS NOT NULL"
        " AND (u.sitting_id IS ? OR u.sitting_id IS NULL)"
        " AND NOT EXISTS (SELECT 1 FROM utterance_history h"
        " WHERE h.utterance_id = u.id AND h.action = 'import')"
        " GROUP BY u.agenda_item_id ORDER BY started",
        [session_id, sitting_id],
    )
    return [(r["item_id"], from_iso(r["started"])) for r in found]
