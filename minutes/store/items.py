"""What the record reads of the agenda's tables: an item's session, openness and consultation.

Kept to a few reads by id so that the record's rules need not load whole agenda items.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from agendas.model import Department
from agendas.store.consultations import department_of
from meeting.store.rows import one, rows


def session_of_item(db: Database, agenda_item_id: int) -> int | None:
    row = one(db, "SELECT session_id FROM agenda_items WHERE id = ?", [agenda_item_id])
    return row["session_id"] if row else None


def item_place(db: Database, agenda_item_id: int) -> dict[str, Any] | None:
    """The item's ``session_id`` and whether it is ``public`` (a bool), or None."""
    row = one(db, "SELECT session_id, public FROM agenda_items WHERE id = ?", [agenda_item_id])
    return {"session_id": row["session_id"], "public": bool(row["public"])} if row else None


def session_item_ids(db: Database, session_id: int) -> set[int]:
    found = rows(db, "SELECT id FROM agenda_items WHERE session_id = ?", [session_id])
    return {r["id"] for r in found}


def consultation_of_item(db: Database, agenda_item_id: int, session_id: int) -> int | None:
    """The consultation of the session's item, or None (no such item, or not a consultation)."""
    row = one(
        db,
        "SELECT consultation_id FROM agenda_items WHERE id = ? AND session_id = ?",
        [agenda_item_id, session_id],
    )
    return row["consultation_id"] if row else None


def departments_of(db: Database, consultation_id: int) -> list[Department]:
    """Each department a consultation names (諮問機関 and 利用機関)."""
    found = rows(
        db,
        "SELECT path, bureau, division FROM consultation_departments WHERE consultation_id = ?",
        [consultation_id],
    )
    return [department_of(r) for r in found]
