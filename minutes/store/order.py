"""Where lines sit: the order of an item's lines, lines taken out and put back, and the chair's
opening that waits for the secretariat.

Positions count through the whole session; an item's lines are those of the item in position
order, with other items' lines possibly between them (a line moved in from elsewhere). The writes
take part in the caller's transaction.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from meeting.store.rows import one, rows
from minutes.model import Utterance
from minutes.store.lines import LINE_COLUMNS, utterance_of


def item_neighbour(
    db: Database, session_id: int, agenda_item_id: int | None, position: int, step: int
) -> Utterance | None:
    """The line of the same item just after (``step`` > 0) or before ``position``."""
    where = "agenda_item_id = ?" if agenda_item_id is not None else "agenda_item_id IS NULL"
    params: list[Any] = [session_id] + ([agenda_item_id] if agenda_item_id is not None else [])
    comparison, order = (">", "ASC") if step > 0 else ("<", "DESC")
    row = one(
        db,
        f"SELECT {LINE_COLUMNS} FROM utterances WHERE session_id = ? AND {where}"
        f" AND position {comparison} ? ORDER BY position {order} LIMIT 1",
        [*params, position],
    )
    return utterance_of(row) if row else None


def newest_line_id(db: Database, session_id: int) -> int | None:
    """The session's newest line by id (positions may place it earlier): the one just entered,
    when the clerk undoes it."""
    row = one(db, "SELECT max(id) AS id FROM utterances WHERE session_id = ?", [session_id])
    return int(row["id"]) if row and row["id"] is not None else None


def set_position(db: Database, utterance_id: int, position: int) -> None:
    db.execute("UPDATE utterances SET position = ? WHERE id = ?", [position, utterance_id])


def detach_opinions(db: Database, utterance_id: int) -> list[int]:
    """The opinions made from a line keep their text but no longer point at it; their ids."""
    found = [
        r["id"] for r in rows(db, "SELECT id FROM opinions WHERE utterance_id = ?", [utterance_id])
    ]
    db.execute("UPDATE opinions SET utterance_id = NULL WHERE utterance_id = ?", [utterance_id])
    return found


def attach_opinions(db: Database, utterance_id: int, opinion_ids: list[int]) -> None:
    for opinion_id in opinion_ids:
        db.execute(
            "UPDATE opinions SET utterance_id = ? WHERE id = ? AND utterance_id IS NULL",
            [utterance_id, opinion_id],
        )


def put_back(db: Database, snapshot: dict[str, Any], position: int) -> None:
    """A deleted line again, with its own id (its history stays its), at ``position``."""
    db.execute(
        "INSERT INTO utterances (id, session_id, sitting_id, agenda_item_id, position, kind,"
        " speaker_kind, member_id, speaker_label, text, spoken_at, public, continues)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            snapshot["id"],
            snapshot["session_id"],
            snapshot.get("sitting_id"),
            snapshot["agenda_item_id"],
            position,
            snapshot["kind"],
            snapshot["speaker_kind"],
            snapshot["member_id"],
            snapshot["speaker_label"],
            snapshot["text"],
            snapshot["spoken_at"],
            int(bool(snapshot["public"])),
            int(bool(snapshot.get("continues", False))),
        ],
    )


def deleted_snapshots(db: Database, session_id: int) -> list[dict[str, Any]]:
    """The session's lines deleted and not put back, last deleted first: each the line as it
    was (its ``before`` in the history) with the ``after`` of the deletion under ``"deleted"``."""
    found = rows(
        db,
        "SELECT h.utterance_id, h.before, h.after FROM utterance_history h"
        " WHERE h.action IN ('delete', 'take-back')"
        " AND json_extract(h.before, '$.session_id') = ?"
        " AND NOT EXISTS (SELECT 1 FROM utterances u WHERE u.id = h.utterance_id)"
        # Only while the deletion is the line's last change: a line merged away after being
        # put back is gone for good.
        " AND h.id = (SELECT max(id) FROM utterance_history m"
        " WHERE m.utterance_id = h.utterance_id)"
        " ORDER BY h.id DESC",
        [session_id],
    )
    seen: set[int] = set()
    snapshots = []
    for r in found:
        if r["utterance_id"] in seen:
            continue
        seen.add(r["utterance_id"])
        snapshot = json.loads(r["before"])
        snapshot["deleted"] = json.loads(r["after"]) if r["after"] else {}
        snapshots.append(snapshot)
    return snapshots


def member_speaks(db: Database, session_id: int, member_id: int) -> bool:
    return (
        one(
            db,
            "SELECT 1 FROM utterances WHERE session_id = ? AND member_id = ? LIMIT 1",
            [session_id, member_id],
        )
        is not None
    )


def drop_last_letter(db: Database, session_id: int, member_id: int) -> None:
    """A member whose only lines were taken out loses their letter (A, B…) if it was the last
    one given, so the anonymised record has no gap: the next speaker takes it."""
    db.execute(
        "DELETE FROM speaker_letters WHERE session_id = ? AND member_id = ?"
        " AND letter = (SELECT max(letter) FROM speaker_letters WHERE session_id = ?)",
        [session_id, member_id, session_id],
    )


# The chair's opening, waiting for the secretariat's


def opening_waiting(db: Database, session_id: int) -> int | None:
    """The chair's opening line recorded before anyone spoke, while it waits; its id."""
    row = one(db, "SELECT utterance_id FROM openings_waiting WHERE session_id = ?", [session_id])
    return int(row["utterance_id"]) if row else None


def set_opening_waiting(db: Database, session_id: int, utterance_id: int | None) -> None:
    db.execute("DELETE FROM openings_waiting WHERE session_id = ?", [session_id])
    if utterance_id is not None:
        db.execute(
            "INSERT INTO openings_waiting (session_id, utterance_id) VALUES (?, ?)",
            [session_id, utterance_id],
        )
