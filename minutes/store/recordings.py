"""The audio recording of each sitting (``sitting_recordings``): where the file is, and when
the recorder started.

Each write is a whole change of its own and commits: attaching a recording or marking its start
is one act of the clerk, never part of a larger transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.store.rows import one


def recording_row(db: Database, sitting_id: int) -> dict[str, Any] | None:
    """``sitting_id``, ``path`` (empty when no file is attached yet) and ``started_at`` (a
    datetime), or None when the sitting has no recording."""
    found = one(
        db,
        "SELECT sitting_id, path, started_at FROM sitting_recordings WHERE sitting_id = ?",
        [sitting_id],
    )
    if found is None:
        return None
    return found | {"started_at": from_iso(found["started_at"])}


def save_recording(
    db: Database, sitting_id: int, *, path: str, started_at: datetime, updated_at: datetime
) -> None:
    """Attach the file and its start to the sitting, replacing what it had."""
    db.execute(
        "INSERT INTO sitting_recordings (sitting_id, path, started_at, updated_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (sitting_id) DO UPDATE SET path = excluded.path,"
        " started_at = excluded.started_at, updated_at = excluded.updated_at",
        [sitting_id, path, to_iso(started_at), to_iso(updated_at)],
    )
    db.conn.commit()


def save_recording_start(
    db: Database, sitting_id: int, *, started_at: datetime, updated_at: datetime
) -> None:
    """Set when the recorder started; a file already attached stays attached."""
    db.execute(
        "INSERT INTO sitting_recordings (sitting_id, started_at, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (sitting_id) DO UPDATE SET started_at = excluded.started_at,"
        " updated_at = excluded.updated_at",
        [sitting_id, to_iso(started_at), to_iso(updated_at)],
    )
    db.conn.commit()
