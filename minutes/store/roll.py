"""Who is in the room: attendance, others present, recusals, written answers, the public.

Each write leaves the commit to its caller, which may make several in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.store.rows import lastrowid, one, path_json, read_path, rows, single

# Members' attendance


def write_presence(
    db: Database,
    sitting_id: int,
    member_id: int,
    *,
    status: str,
    arrived_at: datetime | None,
    left_at: datetime | None,
    online: bool,
) -> None:
    db.execute(
        "INSERT INTO attendance (sitting_id, member_id, status, arrived_at, left_at, online)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sitting_id, member_id) DO UPDATE SET"
        " status = excluded.status, arrived_at = excluded.arrived_at,"
        " left_at = excluded.left_at, online = excluded.online",
        [sitting_id, member_id, status, _iso(arrived_at), _iso(left_at), int(online)],
    )


def attendance(db: Database, sitting_id: int) -> list[dict[str, Any]]:
    """Each marked member of the sitting: ``member_id``, ``status``, ``arrived_at`` and
    ``left_at`` (datetimes or None), ``online`` (a bool)."""
    found = rows(
        db,
        "SELECT member_id, status, arrived_at, left_at, online FROM attendance"
        " WHERE sitting_id = ?",
        [sitting_id],
    )
    return [_presence_row(r) for r in found]


def attendance_of(db: Database, sitting_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The attendance of several sittings in one read: :func:`attendance`'s rows by sitting ID,
    a sitting no one is marked for with none."""
    by_sitting: dict[int, list[dict[str, Any]]] = {i: [] for i in sitting_ids}
    if not by_sitting:
        return by_sitting
    marks = ",".join("?" * len(by_sitting))
    for r in rows(
        db,
        "SELECT sitting_id, member_id, status, arrived_at, left_at, online FROM attendance"
        f" WHERE sitting_id IN ({marks})",
        list(by_sitting),
    ):
        sitting_id = r.pop("sitting_id")
        by_sitting[sitting_id].append(_presence_row(r))
    return by_sitting


def _presence_row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        **r,
        "arrived_at": from_iso(r["arrived_at"]) if r["arrived_at"] else None,
        "left_at": from_iso(r["left_at"]) if r["left_at"] else None,
        "online": bool(r["online"]),
    }


def _iso(moment: datetime | None) -> str | None:
    return to_iso(moment) if moment else None


# Others present


def next_other_position(db: Database, session_id: int) -> int:
    row = single(
        db,
        "SELECT coalesce(max(position), 0) + 1 AS position FROM others_present"
        " WHERE session_id = ?",
        [session_id],
    )
    return int(row["position"])


def insert_other(
    db: Database,
    session_id: int,
    *,
    kind: str,
    organisation: str,
    title: str,
    name: str,
    headcount: int,
    position: int,
    department: tuple[str, ...] = (),
) -> int:
    cursor = db.execute(
        "INSERT INTO others_present (session_id, kind, organisation, title, name, headcount,"
        " position, department) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [session_id, kind, organisation, title, name, headcount, position, path_json(department)],
    )
    return lastrowid(cursor)


def attach_other(db: Database, other_id: int, agenda_item_id: int) -> None:
    """The attendee is there for this item (with :func:`insert_other`: a new attendee)."""
    db.execute(
        "INSERT INTO others_items (other_id, agenda_item_id) VALUES (?, ?)",
        [other_id, agenda_item_id],
    )


def attach_other_again(db: Database, other_id: int, agenda_item_id: int) -> None:
    """The attendee is there for this item too; nothing changes if that is known already."""
    db.execute(
        "INSERT OR IGNORE INTO others_items (other_id, agenda_item_id) VALUES (?, ?)",
        [other_id, agenda_item_id],
    )


def delete_other(db: Database, other_id: int) -> None:
    db.execute("DELETE FROM others_present WHERE id = ?", [other_id])


def others_rows(db: Database, session_id: int) -> list[dict[str, Any]]:
    """The others present in order: ``id``, ``session_id``, ``kind`` (its text),
    ``organisation``, ``title``, ``name``, ``headcount``, ``department`` (a tuple of its parts)
    and ``item_ids`` (a tuple, in the agenda's order; empty for the whole session)."""
    items: dict[int, list[int]] = {}
    for r in rows(
        db,
        "SELECT i.other_id, i.agenda_item_id FROM others_items i"
        " JOIN others_present o ON o.id = i.other_id"
        " JOIN agenda_items a ON a.id = i.agenda_item_id"
        " WHERE o.session_id = ? ORDER BY a.position",
        [session_id],
    ):
        items.setdefault(r["other_id"], []).append(r["agenda_item_id"])
    found = rows(
        db,
        "SELECT id, session_id, kind, organisation, title, name, headcount, department"
        " FROM others_present WHERE session_id = ? ORDER BY position",
        [session_id],
    )
    return [
        {**r, "department": read_path(r["department"]), "item_ids": tuple(items.get(r["id"], ()))}
        for r in found
    ]


# The public


def write_public_attendees(db: Database, sitting_id: int, count: int) -> None:
    db.execute("UPDATE sittings SET public_attendees = ? WHERE id = ?", [count, sitting_id])


def public_attendees(db: Database, sitting_id: int) -> int:
    row = one(db, "SELECT public_attendees FROM sittings WHERE id = ?", [sitting_id])
    return int(row["public_attendees"]) if row else 0


# Recusals and written answers


def write_recusal(db: Database, agenda_item_id: int, member_id: int, reason: str) -> None:
    db.execute(
        "INSERT OR REPLACE INTO recusals (agenda_item_id, member_id, reason) VALUES (?, ?, ?)",
        [agenda_item_id, member_id, reason],
    )


def recused(db: Database, agenda_item_id: int) -> list[int]:
    found = rows(db, "SELECT member_id FROM recusals WHERE agenda_item_id = ?", [agenda_item_id])
    return [r["member_id"] for r in found]


def write_written_answer(db: Database, session_id: int, member_id: int, answered_on: date) -> None:
    db.execute(
        "INSERT OR REPLACE INTO written_answers (session_id, member_id, answered_on)"
        " VALUES (?, ?, ?)",
        [session_id, member_id, answered_on.isoformat()],
    )


def delete_written_answer(db: Database, session_id: int, member_id: int) -> None:
    db.execute(
        "DELETE FROM written_answers WHERE session_id = ? AND member_id = ?",
        [session_id, member_id],
    )


def written_answers(db: Database, session_id: int) -> dict[int, date]:
    found = rows(
        db, "SELECT member_id, answered_on FROM written_answers WHERE session_id = ?", [session_id]
    )
    return {r["member_id"]: date.fromisoformat(r["answered_on"]) for r in found}
