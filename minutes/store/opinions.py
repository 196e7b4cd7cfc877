"""Opinions attached to decisions (``opinions``), and each council's own narrations.

The opinions' writes take part in the caller's transaction; adding a narration is the caller's
to commit too.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from meeting.store.rows import lastrowid, rows, single


def opinion_rows(db: Database, decision_id: int) -> list[dict[str, Any]]:
    """The decision's opinions in order: ``id``, ``decision_id``, ``kind`` (its text),
    ``text``, ``utterance_id``, ``public`` (a bool)."""
    found = rows(
        db,
        "SELECT id, decision_id, kind, text, utterance_id, public FROM opinions"
        " WHERE decision_id = ? ORDER BY position",
        [decision_id],
    )
    return [{**r, "public": bool(r["public"])} for r in found]


def session_opinion_rows(db: Database, session_id: int) -> list[dict[str, Any]]:
    """Every opinion attached to a decision of the session, as :func:`opinion_rows`, in order."""
    found = rows(
        db,
        "SELECT o.id, o.decision_id, o.kind, o.text, o.utterance_id, o.public FROM opinions o"
        " JOIN decisions d ON d.id = o.decision_id JOIN agenda_items a ON a.id = d.agenda_item_id"
        " WHERE a.session_id = ? ORDER BY o.decision_id, o.position",
        [session_id],
    )
    return [{**r, "public": bool(r["public"])} for r in found]


def next_opinion_position(db: Database, decision_id: int) -> int:
    row = single(
        db,
        "SELECT coalesce(max(position), 0) + 1 AS position FROM opinions WHERE decision_id = ?",
        [decision_id],
    )
    return int(row["position"])


def insert_opinion(
    db: Database,
    decision_id: int,
    *,
    kind: str,
    text: str,
    utterance_id: int | None,
    position: int,
    public: bool,
) -> int:
    cursor = db.execute(
        "INSERT INTO opinions (decision_id, kind, text, utterance_id, position, public)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [decision_id, kind, text, utterance_id, position, int(public)],
    )
    return lastrowid(cursor)


def move_opinions(db: Database, from_utterance_id: int, to_utterance_id: int) -> None:
    """The opinions made from one line now come from another (the two were merged)."""
    db.execute(
        "UPDATE opinions SET utterance_id = ? WHERE utterance_id = ?",
        [to_utterance_id, from_utterance_id],
    )


def council_narrations(db: Database, council_id: int) -> list[str]:
    """The narrations a council added, oldest first."""
    found = rows(db, "SELECT text FROM narrations WHERE council_id = ? ORDER BY id", [council_id])
    return [r["text"] for r in found]


def add_council_narration(db: Database, council_id: int, text: str) -> None:
    """Keep a narration for the council (once: the same text again is ignored)."""
    db.execute(
        "INSERT OR IGNORE INTO narrations (council_id, text) VALUES (?, ?)", [council_id, text]
    )
