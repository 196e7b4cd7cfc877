"""Reads of the full-text index (``utterance_search``, FTS5 with the trigram tokenizer).

A term of three characters or more is matched through the index; a shorter one, which a
trigram index cannot match, by LIKE over the index's own text (SQLite scans it without Python
in the loop).
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso
from meeting.store.rows import rows

TRIGRAM = 3
"""The shortest term the index can match."""


def newest_matches(
    db: Database,
    terms: list[str],
    *,
    below: int | None,
    limit: int,
    session_id: int | None = None,
) -> list[int]:
    """Up to ``limit`` lines holding every term (already folded), newest first (``rowid``
    order, which FTS5 walks without sorting), only those before ``below`` when given, only
    the session's when given."""
    where: list[str] = []
    params: list[object] = []
    if session_id is not None:
        where.append("rowid IN (SELECT id FROM utterances WHERE session_id = ?)")
        params.append(session_id)
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    if long_terms:
        where.append("utterance_search MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for t in (t for t in terms if len(t) < TRIGRAM):
        where.append("body LIKE ? ESCAPE '\\'")
        params.append("%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if below is not None:
        where.append("rowid < ?")
        params.append(below)
    found = rows(
        db,
        f"SELECT rowid AS id FROM utterance_search WHERE {' AND '.join(where)}"
        " ORDER BY rowid DESC LIMIT ?",
        [*params, limit],
    )
    return [r["id"] for r in found]


def hit_rows(db: Database, ids: list[int], council_id: int | None) -> list[dict[str, Any]]:
    """The lines ``ids`` (of the council, when given), newest first, with their session:
    ``id``, ``session_id``, ``fiscal_year``, ``number``, ``first_start`` (a datetime or None),
    ``agenda_item_id`` (or None), ``spoken_at`` (a datetime), ``kind``, ``speaker_kind``,
    ``name`` (the member's, or ''), ``speaker_label``, ``text``, ``public`` (a bool)."""
    marks = ",".join("?" * len(ids))
    council = "" if council_id is None else " AND s.council_id = ?"
    found = rows(
        db,
        "SELECT u.id, u.session_id, s.fiscal_year, s.number,"
        " (SELECT min(starts_at) FROM sittings WHERE session_id = s.id) AS first_start,"
        " u.agenda_item_id, u.spoken_at,"
        " u.kind, u.speaker_kind, coalesce(m.name, '') AS name, u.speaker_label, u.text, u.public"
        " FROM utterances u JOIN sessions s ON s.id = u.session_id"
        " LEFT JOIN members m ON m.id = u.member_id"
        f" WHERE u.id IN ({marks}){council} ORDER BY u.id DESC",
        [*ids, *([] if council_id is None else [council_id])],
    )
    return [
        {
            **r,
            "first_start": from_iso(r["first_start"]) if r["first_start"] else None,
            "spoken_at": from_iso(r["spoken_at"]),
            "public": bool(r["public"]),
        }
        for r in found
    ]
