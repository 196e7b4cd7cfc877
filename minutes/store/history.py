"""Each line's history (``utterance_history``): every change, its before and after.

Written in the transaction of the change it records; never committed here.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.store.rows import rows


def add_change(
    db: Database,
    utterance_id: int,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    at: datetime,
    actor: str,
) -> None:
    db.execute(
        "INSERT INTO utterance_history (utterance_id, changed_at, actor, action, before, after)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            utterance_id,
            to_iso(at),
            actor,
            action,
            json.dumps(before, ensure_ascii=False) if before is not None else None,
            json.dumps(after, ensure_ascii=False) if after is not None else None,
        ],
    )


def changes(db: Database, utterance_id: int) -> list[dict[str, Any]]:
    """The line's changes, oldest first: ``utterance_id``, ``changed_at`` (a datetime),
    ``actor``, ``action``, ``before`` and ``after`` (dicts, or None)."""
    found = rows(
        db,
        "SELECT utterance_id, changed_at, actor, action, before, after FROM utterance_history"
        " WHERE utterance_id = ? ORDER BY id",
        [utterance_id],
    )
    return [
        {
            **r,
            "changed_at": from_iso(r["changed_at"]),
            "before": json.loads(r["before"]) if r["before"] else None,
            "after": json.loads(r["after"]) if r["after"] else None,
        }
        for r in found
    ]
